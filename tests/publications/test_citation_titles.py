"""Reference managers get each title without the series and number that the citation already
gives in fields of its own; the page keeps the title as published (issue 12)."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from publications.citations import clean_title
from publications.models import Publication, Series
from tests.conftest import LANGUAGES, Page

pytestmark = pytest.mark.django_db

# Every publication of the seed documents: (series slug, number) or its title → the title a
# reference manager gets.
CLEAN_TITLES = {
    1: "Glossary on Migration",
    2: "Glossary on Migration (Russian)",
    4: "Migraciones y protección de los derechos humanos",
    5: "Biometrics and International Migration",
    6: "Glossary on Migration (Arabic)",
    7: "Glosario sobre Migración",
    8: "Glossary on Migration (Slovenian)",
    9: "Glossaire de la migration",
    10: "Glossary on Migration (Albanian)",
    11: "Glossary on Migration (Bosnian)",
    12: (
        "Migration and the Right to Health: A Review of European Community Law and Council of "
        "Europe Instruments"
    ),
    13: "Glossary on Migration (Chinese)",
    14: "Recueil d'instruments",
    15: "Human Rights of Migrant Children",
    16: "Laws for Legal Immigration in the 27 EU Member States",
    17: "Législations relatives à l'immigration légale dans les 27 Etats membres de l'UE",
    18: "Glossary on Migration (Turkish)",
    19: "Migration and the Right to Health: A Review of International Law",
    20: "Glossary on Migration (Greek)",
    22: "Glossário sobre Migração",
    23: "Glossary on Migration (Macedonian)",
    24: (
        "Rights, Residence, Rehabilitation: A Comparative Study Assessing Residence Options for "
        "Trafficked Persons"
    ),
    25: "Glossary on Migration",
    26: "Glossary on Migration (Korean)",
    27: "Glossary on Migration (Vietnamese)",
}
ATD_TOOLS = {
    1: "IOM Road Map on Alternatives to Migration Detention",
    2: "Advocating for Alternatives to Migration Detention",
}
N2 = "international-migration-law-n2-glossary-on-migration-russian"


def seed():
    return Publication.objects.select_related("series").prefetch_related("series__published_names")


def test_every_seed_publication_gets_the_expected_clean_title():
    publications = list(seed())
    assert len(publications) == 35
    for publication in publications:
        if publication.series.slug == "international-migration-law":
            expected = CLEAN_TITLES[publication.number]
        elif publication.series.slug == "iom-atd-series":
            expected = ATD_TOOLS[publication.number]
        else:
            # No number in the series the citation names: the title stays as published.
            expected = publication.title
        assert clean_title(publication) == expected, publication.title


def test_a_title_that_only_looks_numbered_is_kept():
    series = Series.objects.get(slug="international-migration-law")
    cases = {
        # Another series' name, another number, no separator: kept as published.
        "Derecho Migratorio N°5 - Something": 5,
        "International Migration Law N°5 - Something": 6,
        "International Migration Law N°51 - Something": 5,
        "International Migration Law N°5": 5,
    }
    for title, number in cases.items():
        publication = Publication(series=series, number=number, title=title, language="en")
        assert clean_title(publication) == title


def citation_files(client, slug):
    files = {}
    for extension in ["bib", "ris", "json"]:
        response = client.get(reverse("publications:citation", args=[slug, extension]))
        assert response.status_code == 200
        files[extension] = response.content.decode()
    return files


@pytest.mark.parametrize("language", LANGUAGES)
def test_reference_managers_get_the_clean_title_the_page_the_published_one(client, language):
    with translation.override(language):
        files = citation_files(client, N2)
        page = Page(client.get(reverse("publications:detail", args=[N2])))

    assert page.h1 == "International Migration Law N°2 - Glossary on Migration (Russian)"
    meta = {m["name"]: m["content"] for m in page.elements("meta") if m.get("name")}
    assert meta["citation_title"] == "Glossary on Migration (Russian)"
    assert (meta["citation_series_title"], meta["citation_volume"]) == (
        "International Migration Law",
        "2",
    )
    start = page.html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(page.html[start : page.html.index("</script>", start)])
    assert data["name"] == "Glossary on Migration (Russian)"
    assert data["alternateName"] == (
        "International Migration Law N°2 - Glossary on Migration (Russian)"
    )
    assert (data["isPartOf"]["name"], data["position"]) == ("International Migration Law", 2)

    assert "title = {{Glossary on Migration (Russian)}}" in files["bib"]
    assert "series = {International Migration Law}" in files["bib"]
    assert "number = {2}" in files["bib"]
    assert "TI  - Glossary on Migration (Russian)\r\n" in files["ris"]
    assert "T3  - International Migration Law\r\n" in files["ris"]
    (item,) = json.loads(files["json"])
    assert (item["title"], item["collection-title"], item["collection-number"]) == (
        "Glossary on Migration (Russian)",
        "International Migration Law",
        "2",
    )


def test_a_title_without_series_keeps_its_name_in_json_ld(client):
    page = Page(client.get(reverse("publications:detail", args=["glossary-on-migration-2019"])))

    start = page.html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(page.html[start : page.html.index("</script>", start)])
    assert data["name"] == "Glossary on Migration"
    assert "alternateName" not in data
