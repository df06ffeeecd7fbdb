"""The list: filters, search, sorting, facet counts, one row per work and bad input."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from publications.models import Publication
from tests.conftest import Page
from tests.publications.factories import make_publications

pytestmark = pytest.mark.django_db


def catalogue(client, query="", language="en"):
    with translation.override(language):
        path = reverse("publications:list")
    response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code == 200
    return Page(response)


def titles(page):
    return page.texts("h3")


def status(page):
    (element,) = page.elements("p", role="status")
    return page.texts("p")[[p.get("role") for p in page.elements("p")].index("status")]


def test_newest_first_twenty_a_page(client):
    page = catalogue(client)

    assert status(page) == "35 publications · page 1 of 2"
    assert len(titles(page)) == 20
    assert titles(page)[0].startswith("Migrants' Access to Justice")  # 2022
    second = catalogue(client, "page=2")
    assert len(titles(second)) == 15
    assert titles(second)[-1] == "International Migration Law N°1 - Glossary on Migration"


def test_sort_oldest_and_by_title(client):
    oldest = titles(catalogue(client, "sort=oldest"))
    assert oldest[:2] == [
        "International Migration Law N°1 - Glossary on Migration",
        "International Migration Law N°2 - Glossary on Migration (Russian)",
    ]
    by_title = titles(catalogue(client, "sort=title"))
    assert by_title[:2] == [
        "A Rights-Based Approach to Programming",
        "Advocating for Alternatives to Migration Detention: Tools Series N°2",
    ]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("series=iml-information-notes", 2),
        ("series=iom-atd-series", 2),
        ("language=fr", 3),
        ("language=ru", 1),
        ("language=fr&language=es", 6),
        ("language=ru&language=ko&language=vi", 3),
        ("theme=terminology", 18),
        ("theme=health", 2),
        ("theme=health&theme=children", 3),
        ("series=iml-information-notes&series=iom-atd-series", 4),
        ("year_from=2010", 14),
        ("year_to=2005", 5),
        ("year_from=2007&year_to=2007", 6),
        ("series=international-migration-law&language=en&year_from=2008", 5),
    ],
)
def test_filters_return_the_right_rows(client, query, count):
    page = catalogue(client, query)

    filters = {}
    for part in query.split("&"):
        name, value = part.split("=")
        filters.setdefault(name, []).append(value)
    expected = Publication.objects.all()
    if "series" in filters:
        expected = expected.filter(series__slug__in=filters["series"])
    if "language" in filters:
        expected = expected.filter(language__in=filters["language"])
    if "theme" in filters:
        expected = expected.filter(themes__slug__in=filters["theme"]).distinct()
    if "year_from" in filters:
        expected = expected.filter(year__gte=int(filters["year_from"][0]))
    if "year_to" in filters:
        expected = expected.filter(year__lte=int(filters["year_to"][0]))
    assert expected.count() == count
    assert status(page).startswith(f"{count} publication")
    assert set(titles(page)) == set(expected.values_list("title", flat=True)[:20])


def test_search_finds_biometrics(client):
    page = catalogue(client, "q=biometric")

    assert titles(page) == [
        "International Migration Law N°5 - Biometrics and International Migration"
    ]
    assert status(page) == "1 publication"


def test_search_on_the_spanish_page_finds_the_spanish_glossary(client):
    page = catalogue(client, "q=glosario", language="es")

    assert "Derecho Internacional sobre Migración N°7 - Glosario sobre Migración" in titles(page)
    assert "International Migration Law N°5 - Biometrics and International Migration" not in titles(
        page
    )


def test_search_reads_the_description_in_the_interface_language(client):
    # "handbook" is only in the English description of A Rights-Based Approach: the French
    # page searches the French text ("manuel"), where it is not.
    assert titles(catalogue(client, "q=handbook", language="en")) == [
        "A Rights-Based Approach to Programming"
    ]
    assert titles(catalogue(client, "q=handbook", language="fr")) == []


def test_search_falls_back_to_the_english_text(client):
    publication = Publication.objects.get(slug="a-rights-based-approach-to-programming")
    publication.description_fr = ""
    publication.save()

    assert "A Rights-Based Approach to Programming" in titles(
        catalogue(client, "q=handbook", language="fr")
    )


def sort_options(page):
    """The sort menu's options as (value, label, selected)."""
    (menu,) = re.findall(r'<select name="sort".*?</select>', page.html, re.DOTALL)
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', menu
        )
    ]


def test_search_sorts_by_relevance_and_offers_it(client):
    page = catalogue(client, "q=glossary")

    # The default order sends no value: the form's next search is sorted by relevance too.
    assert sort_options(page) == [
        ("newest", "Newest first", False),
        ("oldest", "Oldest first", False),
        ("title", "Title", False),
        ("", "Relevance", True),
    ]
    # A title match outranks a description match.
    assert titles(page)[0].endswith("Glossary on Migration") or "Glossary" in titles(page)[0]
    assert sort_options(catalogue(client)) == [
        ("", "Newest first", True),
        ("oldest", "Oldest first", False),
        ("title", "Title", False),
    ]


def test_a_search_sent_from_the_unsearched_list_is_sorted_by_relevance(client):
    # What the form sends when a visitor types words on the list and leaves the order alone.
    page = catalogue(client, "q=rights&series=&sort=")

    assert titles(page) == titles(catalogue(client, "q=rights&sort=relevance"))
    assert titles(page) != titles(catalogue(client, "q=rights&sort=newest"))
    assert ("", "Relevance", True) in sort_options(page)
    assert ("newest", "Newest first", True) in sort_options(catalogue(client, "q=a&sort=newest"))


def test_search_and_filters_combine(client):
    page = catalogue(client, "q=glossary&language=en")

    # The English editions of the Glossary (the others are found too, but filtered out).
    assert set(titles(page)) == {
        "Glossary on Migration",
        "International Migration Law N°25 - Glossary on Migration",
        "International Migration Law N°1 - Glossary on Migration",
    }


def options(page, name):
    """{value: label} of the <select name=…>, or of the checkboxes named so."""
    if f'<select name="{name}"' in page.html:
        html = page.html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
        select = Page(type("Response", (), {"content": html.encode()})())
        values = [o["value"] for o in select.elements("option")]
        return dict(zip(values, select.texts("option"), strict=True))
    boxes = page.elements("input", type="checkbox", name=name)
    labels = {
        label["for"]: text
        for label, text in zip(page.elements("label"), page.texts("label"), strict=True)
    }
    return {box["value"]: labels[box["id"]] for box in boxes}


def chosen(page, name):
    return [
        box["value"]
        for box in page.elements("input", type="checkbox", name=name)
        if "checked" in box
    ]


def test_each_option_shows_how_many_results_it_would_give(client):
    page = catalogue(client, "series=international-migration-law")

    languages = options(page, "language")
    assert languages["en"] == "English (8 results)"
    assert languages["ru"] == "Russian (1 result)"
    assert "de" not in languages
    # The series facet ignores the chosen series: every series with its own count.
    series = options(page, "series")
    assert (
        series["international-migration-law"] == "International Migration Law series (25 results)"
    )
    assert series["iml-information-notes"] == "IML Information Notes (2 results)"
    themes = options(page, "theme")
    assert themes["terminology"] == "Terminology (16 results)"
    assert options(page, "year_from")["2011"] == "2011 (3 results)"
    assert options(page, "year_to")["2004"] == "2004 (2 results)"


def test_year_options_count_within_the_other_bound(client):
    page = catalogue(client, "year_from=2009")

    assert options(page, "year_to")["2010"] == "2010 (8 results)"  # 2009: 5, 2010: 3
    assert options(page, "year_from")["2022"] == "2022 (1 result)"


def test_several_values_of_a_filter_are_kept_counted_and_shared(client):
    page = catalogue(client, "language=fr&language=es")

    assert status(page) == "6 publications"
    assert chosen(page, "language") == ["fr", "es"]
    # Each option counts what it would give on its own with the other filters.
    assert options(page, "language")["ru"] == "Russian (1 result)"
    (feed,) = [
        link for link in page.links("alternate") if link.get("type") == "application/atom+xml"
    ]
    assert feed["href"] == "/en/publications/feed/?language=fr&language=es"
    (next_page,) = page.elements("a", rel="next") or [None]
    assert next_page is None  # six fit on one page


def test_counts_are_translated(client):
    page = catalogue(client, "", language="fr")

    assert options(page, "language")["fr"] == "Français (3 résultats)"


def test_counts_follow_an_edit_at_once(client):
    assert options(catalogue(client, ""), "language")["fr"] == "French (3 results)"
    publication = Publication.objects.public().filter(language="en").first()

    publication.language = "fr"
    publication.save()  # as the admin does: the content generation moves on

    assert options(catalogue(client, ""), "language")["fr"] == "French (4 results)"


def test_one_row_per_work(client):
    page = catalogue(client, "group=work")

    assert status(page) == "17 works or publications"
    rows = titles(page)
    assert rows.count("Glossary on Migration") == 1
    assert "Laws for Legal Immigration in the 27 EU Member States" in rows
    assert not any("Glossary on Migration (Korean)" in row for row in rows)
    glossary = page.html.split(">Glossary on Migration</a></h3>", 1)[1].split("</li>", 1)[0]
    assert "18 editions" in glossary
    assert "Spanish (2019)" in glossary
    assert "Korean (2011, No. 26)" in glossary


def test_one_row_per_work_keeps_the_filters(client):
    page = catalogue(client, "group=work&language=fr")

    rows = titles(page)
    assert sorted(rows) == [
        "Droit international de la migration N°14 - Recueil d'instruments",
        "Glossary on Migration",
        "Laws for Legal Immigration in the 27 EU Member States",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "year_from=abc&series=999&page=zzz&sort=nope",
        "language=xx&theme=nope&group=maybe",
        "year_to=99999999999999999999999",
        "year_from=-5",
        "page=99999",
        "page=-1",
        "q=%00",
        "q=" + "x" * 500,
        "q=%22unbalanced&sort=relevance",
        "q=a%20%26%20b%20%7C%20!c%20%3A*",
        "series=&language=&theme=&year_from=&year_to=&q=&sort=&group=",
    ],
)
def test_malformed_values_never_fail(client, query):
    page = catalogue(client, query)

    assert page.h1 == "Publications"


def test_malformed_values_are_ignored_and_reported(client):
    page = catalogue(client, "year_from=abc&series=999&page=zzz&sort=nope&language=fr")

    notice = page.html.split('class="notice notice--error"', 1)[1].split("</div>", 1)[0]
    assert "Series" in notice and "From" in notice and "Sort by" in notice
    # The understood filter still applies; the page falls back to the first one.
    assert status(page) == "3 publications"


def test_malformed_values_are_reported_in_the_visitors_language(client):
    page = catalogue(client, "series=999", language="es")

    assert "Algunos filtros no se han podido interpretar" in page.text()


def test_a_page_past_the_end_shows_the_last_page(client):
    page = catalogue(client, "page=99")

    assert len(titles(page)) == 15
    assert page.elements("span", **{"aria-current": "page"})


def test_clear_filters_link_only_when_filtered(client):
    assert "Clear filters" not in catalogue(client).texts("a")
    page = catalogue(client, "language=fr")
    (clear,) = page.elements("a", href="/en/publications/", **{})[1:]
    assert "Clear filters" in page.texts("a")


def test_no_results_says_so(client):
    page = catalogue(client, "q=zzzyzx")

    assert status(page) == "0 publications"
    assert "No publication matches these filters." in page.text()


def test_the_form_is_a_plain_get_form_with_labelled_fields(client):
    page = catalogue(client)

    (form,) = page.elements("form")
    assert form["method"] == "get"
    labelled = {label["for"] for label in page.elements("label")}
    for field in page.elements("select") + page.elements("input"):
        assert field["id"] in labelled
    assert len(page.elements("input", type="checkbox")) > 20  # several values per filter
    assert page.elements("button", type="submit")


def test_pagination_keeps_the_filters(client):
    make_publications(30, prefix="paged")
    page = catalogue(client, "series=paged-series&page=1")

    (next_link,) = page.elements("a", rel="next")
    assert next_link["href"] == "?series=paged-series&page=2"
    assert len(titles(catalogue(client, next_link["href"][1:]))) == 10


def test_every_filtered_list_links_its_own_feed(client):
    page = catalogue(client, "language=fr&sort=oldest&page=1")

    (feed,) = [
        link for link in page.links("alternate") if link.get("type") == "application/atom+xml"
    ]
    assert feed["href"] == "/en/publications/feed/?language=fr"
