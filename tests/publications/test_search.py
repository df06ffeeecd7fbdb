"""A publication is found in any of its languages: through any edition of its work, through the
thesaurus's words in the other languages, and despite a typing error."""

import re

import pytest

from publications.models import Publication, Series
from tests.conftest import LANGUAGES, Page, url

pytestmark = pytest.mark.django_db


def search(client, terms, language="en", **params):
    response = client.get(url("publications:list", language), {"q": terms, **params})
    assert response.status_code == 200
    return Page(response)


def found(page):
    """The slugs of the publications listed."""
    slugs = {
        match[1]
        for a in page.elements("a")
        if (match := re.fullmatch(r"/(?:en|fr|es)/publications/([\w-]+)/", a.get("href", "")))
    }
    return slugs - {"series", "feed"}


def glossary_editions():
    return set(
        Publication.objects.filter(work__title_en="Glossary on Migration").values_list(
            "slug", flat=True
        )
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("terms", ["glossary", "glossaire", "glosario"])
def test_the_glossary_is_found_by_its_name_in_any_language_with_every_edition(
    client, terms, language
):
    page = search(client, terms, language)

    editions = glossary_editions()
    assert len(editions) == 18
    assert editions <= found(page)


def test_in_one_row_per_work_the_glossary_row_leads_to_every_edition(client):
    page = search(client, "glosario", "en", group="work")

    row = page.html.split(">Glossary on Migration</a></h3>", 1)[1].split("</li>", 1)[0]
    assert "18 editions" in row
    # Every edition, and the two series they appeared in (16 in the International Migration
    # Law series, the two of 2019 among other legal publications and handbooks).
    assert row.count("<a href=") == 18 + 2


ALSO_SEARCHED = {
    "en": "Also searched:",
    "fr": "Également recherché :",
    "es": "También se ha buscado:",
}


def also_searched(page):
    text = page.text()
    for label in ALSO_SEARCHED.values():
        if label in text:
            return text.split(label, 1)[1]
    return ""


def test_trata_on_the_english_page_finds_the_trafficking_publications(client):
    page = search(client, "trata")

    assert {
        "international-migration-law-n24-rights-residence-rehabilitation-a-comparative-study-assessing",
        "compendium-of-international-migration-law-instruments",
    } <= found(page)
    said = also_searched(page)
    assert "trafficking in persons" in said and "traite des personnes" in said
    # Each term is marked in its own language, for screen readers.
    assert {"lang": "fr"} in [
        {"lang": span.get("lang")} for span in page.elements("span") if span.get("lang") == "fr"
    ]


def test_detention_in_french_on_the_english_page_finds_the_atd_series(client):
    page = search(client, "détention")

    atd = set(Series.objects.get(slug="iom-atd-series").publications.values_list("slug", flat=True))
    assert len(atd) == 2
    assert atd <= found(page)


def test_spanish_words_on_the_french_page_find_the_labour_migration_publications(client):
    page = search(client, "trabajadores migrantes", "fr")

    assert "international-migration-law-developing-paradigms-and-key-challenges" in found(page)
    assert "migration de main-d'œuvre" in also_searched(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_also_searched_is_said_in_the_visitors_language(client, language):
    page = search(client, "trata", language)

    assert ALSO_SEARCHED[language] in page.text()


def test_nothing_is_said_when_the_thesaurus_adds_nothing(client):
    assert also_searched(search(client, "biometric")) == ""


def test_direct_matches_come_before_the_thesaurus_ones(client):
    series = Series.objects.create(slug="ranking", name_en="Ranking")
    typed = Publication.objects.create(
        series=series, title="Rétention des migrants", slug="typed", year=2001, language="fr"
    )
    through_thesaurus = Publication.objects.create(
        series=series, title="Detention of migrants", slug="thesaurus", year=2025, language="en"
    )

    page = search(client, "rétention", series="ranking")

    rows = [
        a["href"]
        for a in page.elements("a")
        if a.get("href", "").endswith(("/typed/", "/thesaurus/"))
    ]
    assert rows == [typed.get_absolute_url(), through_thesaurus.get_absolute_url()]


CORRECTIONS = [("glosary", "glossary"), ("detension", "detention"), ("migrnat", "migrant")]


@pytest.mark.parametrize(("typed", "meant"), CORRECTIONS)
def test_typing_errors_still_find_the_publications(client, typed, meant):
    page = search(client, typed)

    assert found(page) == found(search(client, meant))
    assert found(page)
    notice = page.html.split('class="notice search-correction"', 1)[1].split("</p>", 1)[0]
    assert f"“{typed}”" in notice
    assert f"?q={meant}" in notice  # "did you mean …?", a link to the corrected search


DID_YOU_MEAN = {"en": "Did you mean:", "fr": "Vouliez-vous dire :", "es": "¿Quiso decir:"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_suggestion_is_in_the_visitors_language(client, language):
    page = search(client, "glosary", language)

    assert DID_YOU_MEAN[language] in page.text()


def test_a_search_that_finds_something_is_not_corrected(client):
    page = search(client, "biometric")

    assert "search-correction" not in page.html
    assert found(page) == {"international-migration-law-n5-biometrics-and-international-migration"}


def test_nonsense_gets_no_suggestion_and_no_error(client):
    page = search(client, "zzqxw")

    assert "search-correction" not in page.html
    assert "No publication matches these filters." in page.text()


def test_new_words_reach_the_suggestions_when_content_is_saved(client):
    publication = Publication.objects.get(number=5)
    publication.description_en += " Fingerprints and iris scans."
    publication.save()

    page = search(client, "fingreprints")

    assert "?q=fingerprints" in page.html
    assert publication.slug in found(page)
