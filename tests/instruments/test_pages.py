"""The Migration Law Database's list and instrument pages (issue 17): filters with their
counts, search, sorting, bad input, the States parties table, citations and the feed."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from instruments.models import ConsentKind, Instrument, Kind, Level
from publications.models import Publication, Theme
from tests.conftest import LANGUAGES, Page
from tests.instruments.builders import (
    make_concerned,
    make_instrument,
    make_instruments,
    make_party,
    make_signatory,
)

pytestmark = pytest.mark.django_db


def path(name, language="en", *args):
    with translation.override(language):
        return reverse(f"instruments:{name}", args=args)


@pytest.fixture
def database():
    # These tests build their own database, small and known (the seed one is tested apart).
    Instrument.objects.all().delete()
    children = Theme.objects.create(name_en="Children", slug="kids", order=1)
    crc = make_instrument(
        title_en="Convention on the Rights of the Child",
        title_fr="Convention relative aux droits de l'enfant",
        title_es="Convención sobre los Derechos del Niño",
        short_title_en="CRC",
        slug="crc",
        adopted_on=datetime.date(1989, 11, 20),
        in_force_on=datetime.date(1990, 9, 2),
        depositary_en="Secretary-General of the United Nations",
        depositary_fr="Secrétaire général de l'Organisation des Nations Unies",
        description_en="Protects every child, migrant children included.",
        description_fr="Protège tout enfant, y compris les enfants migrants.",
        text_url_en="https://example.org/crc-en",
        text_url_fr="https://example.org/crc-fr",
        themes=[children],
        is_core=True,
    )
    gcm = make_instrument(
        title="Global Compact for Safe, Orderly and Regular Migration",
        short_title_en="GCM",
        slug="gcm",
        kind=Kind.COMPACT,
        binding=False,
        adopted_on=datetime.date(2018, 12, 10),
    )
    echr = make_instrument(
        title="European Convention on Human Rights",
        slug="echr",
        level=Level.REGIONAL,
        region="150",
        adopted_on=datetime.date(1950, 11, 4),
    )
    law = make_instrument(
        title="Migration Act", slug="migration-act", kind=Kind.NATIONAL_LAW, level=Level.NATIONAL
    )
    make_concerned(law, "MX")
    make_party(
        crc, "FR", signed_on=datetime.date(1990, 1, 26), consent_on=datetime.date(1990, 8, 7)
    )
    make_party(crc, "SN", consent_kind=ConsentKind.ACCESSION, consent_on=datetime.date(1990, 7, 31))
    make_party(crc, "MX", consent_on=None, consent_kind="")  # a party, date not recorded
    make_signatory(crc, "US", signed_on=datetime.date(1995, 2, 16))
    return {"crc": crc, "gcm": gcm, "echr": echr, "law": law, "theme": children}


def slugs(response):
    return [instrument.slug for instrument in response.context["instruments"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_shows_every_public_instrument_in_the_language_of_the_page(
    client, database, language
):
    response = client.get(path("list", language))

    page = Page(response)
    assert page.lang == language
    assert set(slugs(response)) == {"crc", "gcm", "echr", "migration-act"}
    title = {"en": "Convention on the Rights of the Child", "fr": "Convention relative aux"}
    assert title.get(language, "Convención sobre los Derechos del Niño") in page.text()


def test_a_draft_instrument_is_not_listed(client, database):
    database["gcm"].status = Instrument.Status.DRAFT
    database["gcm"].save()
    cache.clear()  # as the content generation does once the change is committed

    assert "gcm" not in slugs(client.get(path("list")))
    assert client.get(path("detail", "en", "gcm")).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=compact", {"gcm"}),
        ("?kind=convention&kind=compact", {"crc", "gcm", "echr"}),
        ("?level=regional", {"echr"}),
        ("?region=150", {"echr"}),
        ("?binding=no", {"gcm"}),
        ("?binding=yes&level=international", {"crc"}),
        ("?theme=kids", {"crc"}),
        ("?year_from=1980&year_to=2000", {"crc"}),
        ("?q=child", {"crc"}),
    ],
)
def test_filters_return_the_right_instruments(client, database, query, expected):
    assert set(slugs(client.get(path("list") + query))) == expected


def test_each_filter_option_shows_how_many_results_it_would_give(client, database):
    response = client.get(path("list") + "?binding=yes")
    facets = response.context["facets"]

    counts = {option["value"]: option["count"] for option in facets["kind"]}
    # The other filters as they are (binding), this one left out.
    assert counts == {"convention": 2, "national_law": 1}
    binding = {option["value"]: option["count"] for option in facets["binding"]}
    assert binding == {"yes": 3, "no": 1}
    assert "Convention or treaty (2 results)" in Page(response).text()


def test_a_search_finds_words_of_another_language(client, database):
    # The French title is searched on the French page; the English one on the English page.
    assert slugs(client.get(path("list", "fr") + "?q=enfant")) == ["crc"]
    assert slugs(client.get(path("list", "en") + "?q=child")) == ["crc"]


@pytest.mark.parametrize(
    "query", ["?kind=bogus", "?year_from=abc", "?region=999", "?theme=nope", "?binding=maybe"]
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bad_filter_value_is_ignored_and_said_never_a_500(client, database, query, language):
    response = client.get(path("list", language) + query)

    assert response.status_code == 200
    assert response.context["filterset"].ignored
    assert set(slugs(response)) == {"crc", "gcm", "echr", "migration-act"}
    assert 'class="notice notice--error"' in response.content.decode()


def test_sorting_by_title_and_by_date(client, database):
    by_title = slugs(client.get(path("list") + "?sort=title"))
    oldest = slugs(client.get(path("list") + "?sort=oldest"))

    assert by_title == ["crc", "echr", "gcm", "migration-act"]
    assert oldest == ["migration-act", "echr", "crc", "gcm"]  # no date first


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_instrument_page_shows_every_field_and_its_parties(client, database, language):
    response = client.get(path("detail", language, "crc"))
    page = Page(response)
    text = page.text()

    assert page.lang == language
    assert {"en": "1989", "fr": "1989", "es": "1989"}[language] in text
    if language == "fr":
        assert "Secrétaire général de l'Organisation des Nations Unies" in text
        assert "Sénégal" in text
    assert "CRC" in page.h1
    parties = response.context["parties"]
    assert [row["country"] for row in parties if row["is_party"]] == sorted(
        ["FR", "SN", "MX"], key=lambda code: {r["country"]: r["name_key"] for r in parties}[code]
    )
    assert [row["country"] for row in response.context["signatories"]] == ["US"]
    # Counts by region: Europe 1 party, Africa 1, Americas 1 party and 1 signatory.
    by_region = {
        label: (parties_, signatories)
        for label, parties_, signatories in response.context["by_region"]
    }
    assert sorted(by_region.values()) == [(0, 0), (0, 0), (1, 0), (1, 0), (1, 1)]
    # Official texts in each language they exist in, never one in place of another.
    assert [
        link["hreflang"] for link in page.elements("a") if "example.org" in link.get("href", "")
    ] == ["en", "fr"]


def test_a_party_without_a_recorded_date_says_so(client, database):
    text = Page(client.get(path("detail", "en", "crc"))).text()

    assert "date not recorded" in text


@pytest.mark.parametrize(
    ("sort", "first"), [("country", "FR"), ("consent", "SN"), ("signed", "FR"), ("bogus", "FR")]
)
def test_the_parties_table_sorts_without_javascript(client, database, sort, first):
    response = client.get(path("detail", "en", "crc") + f"?parties={sort}")

    assert response.status_code == 200
    assert response.context["parties"][0]["country"] == first


def test_the_page_carries_schema_org_legislation(client, database):
    html = client.get(path("detail", "en", "crc")).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])

    assert data["@type"] == "Legislation"
    assert data["legislationDate"] == "1989-11-20"
    assert data["legislationDateOfApplicability"] == "1990-09-02"
    assert data["legislationLegalForce"] == "InForce"
    assert {text["inLanguage"] for text in data["workExample"]} == {"en", "fr"}


@pytest.mark.parametrize(
    ("extension", "marker"),
    [("bib", "@misc{crc,"), ("ris", "TY  - STAT"), ("json", '"type": "treaty"')],
)
def test_a_citation_can_be_downloaded(client, database, extension, marker):
    response = client.get(path("citation", "en", "crc", extension))

    assert response.status_code == 200
    assert marker in response.content.decode()
    assert "attachment" in response["Content-Disposition"]


def test_an_unknown_citation_format_is_not_found(client, database):
    assert client.get(path("citation", "en", "crc", "exe")).status_code == 404


def test_related_publications_are_listed(client, database):
    publication = Publication.objects.get(series__slug="international-migration-law", number=15)
    database["crc"].related_publications.set([publication])

    text = Page(client.get(path("detail", "en", "crc"))).text()

    assert publication.title in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_lists_the_filtered_instruments(client, database, language):
    response = client.get(path("feed", language) + "?kind=compact")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Global Compact for Safe" in body
    assert "Convention on the Rights of the Child" not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_queries_stay_flat_as_the_database_grows(
    client, database, django_assert_max_num_queries, language
):
    make_instruments(5, parties=["FR", "DE"], prefix="few")
    with django_assert_max_num_queries(10) as few:
        client.get(path("list", language) + "?kind=convention&q=convention")
    make_instruments(300, parties=["FR", "DE", "IT", "ES"], prefix="many")
    cache.clear()  # bulk_create retires no cached page
    with django_assert_max_num_queries(10) as many:
        client.get(path("list", language) + "?kind=convention&q=convention")
    with django_assert_max_num_queries(10) as detail:
        client.get(path("detail", language, "few-1"))

    assert len(few.captured_queries) == len(many.captured_queries)
    assert len(detail.captured_queries) <= 10
