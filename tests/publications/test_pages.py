"""The catalogue's pages render in every language and show what they promise."""

import json

import pytest

from publications.models import Publication
from tests.conftest import LANGUAGES, Page, assert_language_links, url

pytestmark = pytest.mark.django_db

GLOSSARY_GREEK = "international-migration-law-n20-glossary-on-migration-greek"
ACCESS_TO_JUSTICE = (
    "migrants-access-to-justice-international-standards-and-the-global-compact-for-migration"
)


def detail(client, slug, language="en"):
    return Page(client.get(url("publications:detail", language, slug)))


def section(page, heading_id):
    """The links of the <section> labelled by `heading_id`."""
    html = page.html.split(f'aria-labelledby="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return Page(type("Response", (), {"content": html.encode()})())


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Publications"), ("fr", "Publications"), ("es", "Publicaciones")],
)
def test_list_renders_in_each_language(client, language, heading):
    response = client.get(url("publications:list", language))

    assert response.status_code == 200
    page = Page(response)
    assert page.lang == language
    assert page.h1 == heading


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_renders_in_each_language(client, language):
    response = client.get(url("publications:detail", language, GLOSSARY_GREEK))

    assert response.status_code == 200
    page = Page(response)
    assert page.lang == language
    assert page.h1 == "International Migration Law N°20 - Glossary on Migration (Greek)"


def test_detail_shows_every_field(client):
    text = detail(client, GLOSSARY_GREEK, "fr").text()

    assert "Série Droit international de la migration" in text
    assert "Numéro 20" in text
    assert "Année 2009" in text
    assert "Langue de la publication Grec" in text
    assert "Terminologie" in text
    assert "International Organization for Migration (IOM)" in text
    assert "De plus en plus, la migration apparaît" in text


def test_detail_shows_the_summary_where_there_is_one(client):
    page = detail(client, ACCESS_TO_JUSTICE, "es")

    assert "Resumen" in page.texts("h2")
    assert "Este documento presenta una visión general" in page.text()


def test_detail_marks_the_language_of_the_title(client):
    spanish = detail(client, "derecho-internacional-sobre-migracion-n7-glosario-sobre-migracion")
    greek = detail(client, GLOSSARY_GREEK)

    assert spanish.elements("h1")[0]["lang"] == "es"
    # The catalogue records an English title for the Greek edition.
    assert greek.elements("h1")[0]["lang"] == "en"


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["English", "Russian", "Arabic", "Spanish", "Vietnamese"]),
        ("fr", ["Anglais", "Russe", "Arabe", "Espagnol", "Vietnamien"]),
        ("es", ["Inglés", "Ruso", "Árabe", "Español", "Vietnamita"]),
    ],
)
def test_an_edition_lists_the_other_editions_in_the_visitors_language(client, language, names):
    editions = section(detail(client, GLOSSARY_GREEK, language), "editions")

    hrefs = {a["href"] for a in editions.elements("a")}
    others = Publication.objects.filter(work__title_en="Glossary on Migration").exclude(
        slug=GLOSSARY_GREEK
    )
    assert hrefs == {url("publications:detail", language, p.slug) for p in others}
    assert len(hrefs) == 17
    links = editions.texts("a")
    for name in names:
        assert name in links


def test_n16_and_n17_point_to_each_other(client):
    n16 = Publication.objects.get(series__slug="international-migration-law", number=16)
    n17 = Publication.objects.get(series__slug="international-migration-law", number=17)

    page = detail(client, n16.slug)
    assert page.elements("a", href=n17.get_absolute_url())
    assert "Also available in" in page.texts("h2")


def test_a_publication_without_a_work_lists_no_editions(client):
    page = detail(client, "international-migration-law-n5-biometrics-and-international-migration")

    assert "Also available in" not in page.texts("h2")


def test_previous_and_next_follow_the_series_numbers(client):
    # N°21 does not exist: N°20 leads to N°22.
    page = detail(client, GLOSSARY_GREEK)

    (previous,) = page.elements("a", rel="prev")
    (following,) = page.elements("a", rel="next")
    assert previous["href"] == Publication.objects.get(number=19, series_id=1).get_absolute_url()
    assert following["href"] == Publication.objects.get(number=22, series_id=1).get_absolute_url()


def test_the_first_of_a_series_has_no_previous(client):
    page = detail(client, "international-migration-law-n1-glossary-on-migration")

    assert page.elements("a", rel="prev") == []
    assert len(page.elements("a", rel="next")) == 1


def test_related_publications_share_a_theme(client):
    page = detail(
        client,
        "international-migration-law-n12-migration-and-the-right-to-health-a-review-of-european-community",
    )

    related = section(page, "related").texts("a")
    # N°19 shares both themes (health, human rights): it comes first, then the newest of
    # those that share one, five in all.
    assert related[0].startswith("International Migration Law N°19")
    assert len(related) == 5
    assert related[1].startswith("Migrants' Access to Justice")


def test_json_ld_describes_the_publication(client):
    page = detail(client, GLOSSARY_GREEK)

    (script,) = page.elements("script", type="application/ld+json")
    raw = page.html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Book"
    # The series and number are in isPartOf and position; the title as published is kept.
    assert data["name"] == "Glossary on Migration (Greek)"
    assert (
        data["alternateName"] == "International Migration Law N°20 - Glossary on Migration (Greek)"
    )
    assert data["inLanguage"] == "el"
    assert data["datePublished"] == "2009"
    assert data["isPartOf"] == {"@type": "BookSeries", "name": "International Migration Law"}
    assert data["position"] == 20
    assert data["url"] == f"http://testserver/en/publications/{GLOSSARY_GREEK}/"


def test_json_ld_cannot_close_its_script_element(client):
    publication = Publication.objects.get(slug=GLOSSARY_GREEK)
    publication.description_en = "</script><script>alert(1)</script> & more"
    publication.save()

    html = client.get(publication.get_absolute_url()).content.decode()

    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block
    assert json.loads(block)["description"] == publication.description_en


def meta(page):
    return {
        m["name"]: m["content"]
        for m in page.elements("meta")
        if m.get("name", "").startswith("citation_")
    }


def test_citation_meta_tags(client):
    tags = meta(
        detail(client, "derecho-internacional-sobre-migracion-n7-glosario-sobre-migracion", "fr")
    )

    assert tags == {
        "citation_title": "Glosario sobre Migración",
        "citation_publication_date": "2006",
        "citation_language": "es",
        "citation_publisher": "International Organization for Migration (IOM)",
        # The series under its Spanish name, as this edition was published.
        "citation_series_title": "Derecho Internacional sobre Migración",
        "citation_volume": "7",
    }


def test_no_series_is_cited_for_a_grouping_that_is_not_a_series(client):
    tags = meta(detail(client, "a-rights-based-approach-to-programming"))

    assert "citation_series_title" not in tags
    assert "citation_pdf_url" not in tags


def test_citation_pdf_url_when_there_is_a_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publication = Publication.objects.get(slug=GLOSSARY_GREEK)
    publication.file = "publications/files/glossary.pdf"
    publication.save()

    page = detail(client, GLOSSARY_GREEK)

    assert (
        meta(page)["citation_pdf_url"] == "http://testserver/media/publications/files/glossary.pdf"
    )
    assert page.elements("a", href="/media/publications/files/glossary.pdf")


def test_unknown_publication_is_a_404(client):
    assert client.get(url("publications:detail", "en", "no-such-publication")).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_series_page_lists_the_series_in_number_order(client, language):
    response = client.get(url("publications:series", language, "international-migration-law"))

    page = Page(response)
    assert page.lang == language
    titles = page.texts("h3")
    assert len(titles) == 25
    assert titles[0] == "International Migration Law N°1 - Glossary on Migration"
    assert titles[-1] == "International Migration Law N°27 - Glossary on Migration (Vietnamese)"
    numbers = list(
        Publication.objects.filter(series__slug="international-migration-law")
        .order_by("number")
        .values_list("title", flat=True)
    )
    assert titles == numbers


def test_series_page_shows_the_names_it_was_published_under(client):
    page = Page(client.get(url("publications:series", "fr", "international-migration-law")))

    assert page.h1 == "Série Droit international de la migration"
    spans = page.elements("span", lang="pt")
    assert spans
    assert "Direito Internacional da Migração (Portugais)" in page.text()


def test_unknown_series_is_a_404(client):
    assert client.get(url("publications:series", "en", "nope")).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_alternates_of_a_publication_point_to_the_same_publication(client, language):
    paths = {code: f"/{code}/publications/{GLOSSARY_GREEK}/" for code in LANGUAGES}

    assert_language_links(client, paths, language)


def test_home_shows_the_latest_publications(client):
    page = Page(client.get(url("units:home", "es")))

    assert "Últimas publicaciones" in page.texts("h2")
    assert page.elements("a", href=url("publications:detail", "es", ACCESS_TO_JUSTICE))


def test_the_publisher_is_named_in_the_page_language(client):
    page = detail(client, GLOSSARY_GREEK, "fr")

    assert "Organisation internationale pour les migrations (OIM)" in page.text()


def test_a_filtered_list_says_its_result_count_in_the_title(client):
    page = Page(client.get("/es/publications/?q=glosario"))

    # Every edition of the Glossary (found through its Spanish ones).
    assert page.texts("title")[0].startswith("Publicaciones: 18 resultados ·")
    assert Page(client.get("/es/publications/")).texts("title")[0].startswith("Publicaciones ·")


def test_a_stored_file_is_not_read_again_on_each_save(tmp_path, settings):
    from publications.models import Publication

    settings.MEDIA_ROOT = tmp_path
    publication = Publication.objects.get(slug=GLOSSARY_GREEK)
    publication.file.name = "publications/missing.pdf"  # stored, but gone from the disk

    publication.full_clean()  # no FileNotFoundError: only new uploads are inspected


OBTAIN = {
    "en": ("Read or get this publication", "Go to the IOM Bookstore"),
    "fr": ("Lire ou obtenir cette publication", "Aller à la librairie de l’OIM"),
    "es": ("Leer u obtener esta publicación", "Ir a la librería de la OIM"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_publication_page_offers_a_way_to_obtain_it(client, language):
    """Its own address where public records give one; else the IOM Bookstore, with the exact
    title to look for."""
    from units.models import Unit

    heading, bookstore = OBTAIN[language]
    bookstore_url = Unit.objects.get().bookstore_url
    publications = list(Publication.objects.all())
    assert len(publications) == 35
    for publication in publications:
        page = Page(client.get(url("publications:detail", language, publication.slug)))
        obtain = section(page, "obtain")
        assert obtain.texts("h2") == [heading]
        targets = [a["href"] for a in obtain.elements("a")]
        if publication.link:
            assert targets == [publication.link]
            assert heading in obtain.texts("a")[0]
        else:
            assert targets == [bookstore_url]
            assert obtain.texts("a") == [bookstore]
            assert f"“{publication.title}”" in obtain.text() or publication.title in obtain.texts(
                "q"
            )


def test_the_address_is_the_pages_first_action(client):
    page = Page(
        client.get(url("publications:detail", "en", "a-rights-based-approach-to-programming"))
    )

    html = page.html
    assert html.index('id="obtain"') < html.index('id="description"')
