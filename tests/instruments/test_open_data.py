"""The Migration Law Database's open data: the JSON API (/api/v1/instruments/, /countries/),
OAI-PMH records of the instruments in Dublin Core, and the sitemap; only public instruments,
errors as the site's open data gives them, and flat queries."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from iml_portal import countries
from iml_portal.models import Publishable
from instruments.filters import InstrumentFilter
from instruments.models import ConsentKind, Instrument, Kind, Level, Participation
from tests.instruments.builders import (
    make_concerned,
    make_instrument,
    make_instruments,
    make_party,
    make_signatory,
)

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def count_queries(measure):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        measure()
    return len(captured)


@pytest.fixture
def convention():
    """A public convention in three languages, with a theme, official texts, parties, a
    signatory, and a draft beside it."""
    from publications.models import Theme

    theme = Theme.objects.order_by("pk").first()
    instrument = make_instrument(
        title_en="Open convention on migrant workers",
        title_fr="Convention ouverte sur les travailleurs migrants",
        title_es="Convención abierta sobre los trabajadores migrantes",
        short_title="OCMW",
        slug="open-convention",
        adopted_on=datetime.date(1990, 12, 18),
        is_core=True,
        themes=[theme],
        text_url_en="https://example.org/en.pdf",
        text_url_fr="https://example.org/fr.pdf",
        description_en="What it protects.",
        description_fr="Ce qu'elle protège.",
    )
    make_party(
        instrument,
        "NG",
        signed_on=datetime.date(1991, 1, 2),
        consent_on=datetime.date(1995, 3, 4),
        consent_kind=ConsentKind.ACCESSION,
    )
    make_party(instrument, "FR", consent_on=datetime.date(2000, 1, 1))
    make_signatory(instrument, "DE", signed_on=datetime.date(1992, 5, 6))
    make_instrument(title="Secret draft convention", slug="secret-draft", status="draft")
    return instrument


# The JSON API: instruments


def test_the_list_is_the_database_twenty_a_page(client, convention):
    body = get(client, "/api/v1/instruments/")

    with translation.override("en"):
        expected = [i.slug for i in InstrumentFilter(QueryDict("")).results()]
    assert body["count"] == len(expected) == Instrument.objects.public().count()
    assert [r["slug"] for r in body["results"]] == expected[:20]
    assert "secret-draft" not in expected


@pytest.mark.parametrize(
    "query",
    [
        "kind=convention",
        "kind=national_law&kind=bilateral",
        "level=regional",
        "binding=no",
        "region=150",
        "year_from=1990&year_to=2000",
        "q=migrant",
        "sort=title",
        "year_from=&q=",
    ],
)
def test_the_list_applies_the_list_pages_filters(client, convention, query):
    body = get(client, f"/api/v1/instruments/?{query}&lang=fr")

    with translation.override("fr"):
        expected = [i.slug for i in InstrumentFilter(QueryDict(query)).results()]
    assert body["count"] == len(expected)
    assert [r["slug"] for r in body["results"]] == expected[:20]


def test_the_list_filters_by_theme(client, convention):
    theme = convention.themes.get()
    body = get(client, f"/api/v1/instruments/?theme={theme.slug}")
    assert "open-convention" in [r["slug"] for r in body["results"]]
    assert all(theme.slug in [t["slug"] for t in r["themes"]] for r in body["results"])


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("kind=poem", "kind"),
        ("level=galactic", "level"),
        ("binding=maybe", "binding"),
        ("region=999", "region"),
        ("theme=no-such-theme", "theme"),
        ("year_from=abc", "year_from"),
        ("year_from=1066", "year_from"),
        ("page=0", "page"),
        ("page=999", "page"),
        ("lang=de", "lang"),
        ("sort=random", "sort"),
    ],
)
def test_a_bad_parameter_gets_a_400_naming_it(client, query, parameter):
    body = get(client, f"/api/v1/instruments/?{query}", status=400)
    assert parameter in body["errors"]
    assert body["detail"]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_an_instrument_with_its_parties_in_the_language(client, convention, language):
    body = get(client, f"/api/v1/instruments/open-convention/?lang={language}")

    assert body["title"] == getattr(convention, f"title_{language}")
    assert body["short_title"] == "OCMW"
    assert body["kind"] == "convention" and body["is_core"] is True
    assert body["adopted_on"] == "1990-12-18"
    assert body["url"] == f"http://testserver/{language}/instruments/open-convention/"
    assert body["api_url"] == "http://testserver/api/v1/instruments/open-convention/"
    assert body["texts"] == [
        {"language": "en", "url": "https://example.org/en.pdf"},
        {"language": "fr", "url": "https://example.org/fr.pdf"},
    ]
    parties = {p["country"]["code"]: p for p in body["parties"]}
    assert set(parties) == {"NG", "FR"}
    assert parties["NG"] == {
        "country": {
            "code": "NG",
            "name": countries.NAMES["NG"][language],
            "url": f"http://testserver/{language}/countries/ng/",
            "api_url": "http://testserver/api/v1/countries/ng/",
        },
        "signed_on": "1991-01-02",
        "consent_on": "1995-03-04",
        "consent_kind": "accession",
    }
    assert [s["country"]["code"] for s in body["signatories"]] == ["DE"]
    assert body["signatories"][0]["consent_on"] is None


def test_an_unknown_or_draft_instrument_is_a_json_404(client, convention):
    assert get(client, "/api/v1/instruments/no-such-thing/", status=404)["detail"]
    get(client, "/api/v1/instruments/secret-draft/", status=404)


def test_a_bilateral_agreement_names_the_states_it_concerns(client):
    agreement = make_instrument(
        title="Agreement X", slug="agreement-x", kind=Kind.BILATERAL, level=Level.BILATERAL
    )
    make_concerned(agreement, "ES", "MA")

    body = get(client, "/api/v1/instruments/agreement-x/?lang=es")

    assert [s["name"] for s in body["states_concerned"]] == ["España", "Marruecos"]


# The JSON API: countries


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_country_with_its_number_of_instruments(client, convention, language):
    body = get(client, f"/api/v1/countries/?lang={language}")

    assert len(body) == len(countries.NAMES)
    by_code = {c["code"]: c for c in body}
    public = Participation.objects.parties().filter(instrument__in=Instrument.objects.public())
    for code in ("NG", "FR", "DE"):
        assert by_code[code]["instruments"] == public.filter(country=code).count()
    assert by_code["NG"]["name"] == countries.NAMES["NG"][language]
    assert by_code["NG"]["region"] == "002"
    assert by_code["NG"]["url"] == f"http://testserver/{language}/countries/ng/"
    names = [c["name"] for c in body]
    assert names == sorted(names, key=lambda n: countries.sort_key(type("C", (), {"name": n})))


@pytest.mark.parametrize("code", ["ng", "NG"])
def test_a_country_with_what_it_is_party_to(client, convention, code):
    body = get(client, f"/api/v1/countries/{code}/?lang=fr")

    assert body["code"] == "NG" and body["name"] == "Nigéria"
    assert body["instruments"] == len(body["parties_to"])
    mine = next(i for i in body["parties_to"] if i["slug"] == "open-convention")
    assert mine["title"] == "Convention ouverte sur les travailleurs migrants"
    assert (mine["signed_on"], mine["consent_on"], mine["consent_kind"]) == (
        "1991-01-02",
        "1995-03-04",
        "accession",
    )
    assert mine["url"] == "http://testserver/fr/instruments/open-convention/"
    germany = get(client, "/api/v1/countries/de/")
    assert "open-convention" in [i["slug"] for i in germany["signed"]]
    assert "open-convention" not in [i["slug"] for i in germany["parties_to"]]


@pytest.mark.parametrize("code", ["zz", "aq", "xyz"])
def test_an_unknown_country_is_a_json_404(client, code):
    assert get(client, f"/api/v1/countries/{code}/", status=404)["detail"]


def test_the_schema_documents_the_endpoints(client):
    paths = get(client, "/api/v1/openapi.json")["paths"]
    assert {
        "/api/v1/instruments/",
        "/api/v1/instruments/{slug}/",
        "/api/v1/countries/",
        "/api/v1/countries/{code}/",
    } <= set(paths)


def test_answers_are_cached_as_pages(client, convention):
    client.get("/api/v1/countries/ng/?lang=es")
    second = client.get("/api/v1/countries/ng/?lang=es")
    assert second["X-Cache"] == "hit"
    assert second.json()["name"] == "Nigeria"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/instruments/",
        "/api/v1/instruments/?kind=convention&q=convention",
        "/api/v1/instruments/bulk-0/",
        "/api/v1/countries/",
        "/api/v1/countries/ng/",
    ],
)
def test_queries_stay_flat_whatever_the_size(client, path):
    everyone = list(countries.NAMES)

    make_instruments(3, parties=everyone[:5] + ["NG"])
    few = count_queries(lambda: client.get(path))
    make_instruments(120, parties=everyone[:40] + ["NG"], prefix="more")
    many = count_queries(lambda: client.get(path))

    assert few == many <= 10


# OAI-PMH


def oai(client, query):
    response = client.get(f"/oai/?{query}")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def oai_id(instrument):
    return f"oai:testserver:instrument:{instrument.pk}"


@pytest.fixture
def repository(settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"


def test_an_instrument_as_dublin_core(client, convention, repository):
    root = oai(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_id(convention)}")

    header = root.find(f".//{OAI}header")
    assert header.find(f"{OAI}identifier").text == oai_id(convention)
    assert [s.text for s in header.findall(f"{OAI}setSpec")] == [
        "instruments",
        "instruments:convention",
    ]
    dc = root.find(f".//{OAI}metadata")[0]

    def values(element):
        return [(e.text, e.get(XML_LANG)) for e in dc.findall(f"{DC}{element}")]

    assert values("title") == [
        ("Open convention on migrant workers", "en"),
        ("Convention ouverte sur les travailleurs migrants", "fr"),
        ("Convención abierta sobre los trabajadores migrantes", "es"),
    ]
    assert ("What it protects.", "en") in values("description")
    assert ("Ce qu'elle protège.", "fr") in values("description")
    assert values("date") == [("1990-12-18", None)]
    assert ("Text", None) in values("type") and ("Convention or treaty", "en") in values("type")
    theme = convention.themes.get()
    assert (theme.name_en, "en") in values("subject")
    identifiers = [text for text, _lang in values("identifier")]
    assert identifiers == [
        "http://testserver/en/instruments/open-convention/",
        "https://example.org/en.pdf",
        "https://example.org/fr.pdf",
    ]


def test_sets_hold_the_instruments_and_each_kind(client, convention, repository):
    specs = [s.text for s in oai(client, "verb=ListSets").iter(f"{OAI}setSpec")]
    assert "instruments" in specs and "instruments:convention" in specs
    assert "instruments:national_law" in specs

    def identifiers(query):
        root = oai(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&{query}")
        return [e.text for e in root.iter(f"{OAI}identifier")]

    every = identifiers("set=instruments")
    assert oai_id(convention) in every
    assert len(every) == Instrument.objects.public().count() or root_has_token(client)
    assert all(":instrument:" in i for i in every)
    law = make_instrument(title="A law", kind=Kind.NATIONAL_LAW, level=Level.NATIONAL)
    laws = identifiers("set=instruments:national_law")
    assert oai_id(law) in laws and oai_id(convention) not in laws
    draft = Instrument.objects.get(slug="secret-draft")
    assert oai_id(draft) not in identifiers("set=instruments")
    nothing = oai(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=instruments:poem")
    assert nothing.find(f"{OAI}error").get("code") == "noRecordsMatch"


def root_has_token(client):
    root = oai(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=instruments")
    return root.find(f".//{OAI}resumptionToken") is not None


def test_a_draft_is_not_harvested(client, convention, repository):
    draft = Instrument.objects.get(slug="secret-draft")
    root = oai(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_id(draft)}")
    assert root.find(f"{OAI}error").get("code") == "idDoesNotExist"
    Instrument.objects.filter(pk=draft.pk).update(status=Publishable.Status.PUBLISHED)
    root = oai(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_id(draft)}")
    assert root.find(f"{OAI}error") is None


@pytest.mark.parametrize(
    "query",
    [
        "verb=ListRecords&metadataPrefix=oai_dc&set=instruments",
        "verb=ListRecords&metadataPrefix=oai_dc&set=instruments:convention&from=2000-01-01",
        "verb=ListIdentifiers&metadataPrefix=oai_dc",
    ],
)
def test_oai_queries_stay_flat(client, repository, query):
    make_instruments(5, parties=["NG"])
    few = count_queries(lambda: oai(client, query))
    bulk = make_instruments(150, parties=["NG", "FR"], prefix="more")
    for instrument in bulk[:20]:
        make_concerned(instrument, "NG", "FR")
    many = count_queries(lambda: oai(client, query))
    assert few == many <= 10


# The sitemap


def test_the_sitemap_lists_every_public_instrument_and_every_country(client, convention):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-instruments.xml" in index and "sitemap-countries.xml" in index

    def locations(section):
        root = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)
        return {loc.text for loc in root.findall("s:url/s:loc", namespace)}

    instruments = locations("instruments")
    pages = locations("countries")
    for language in ("en", "fr", "es"):
        assert f"http://testserver/{language}/instruments/open-convention/" in instruments
        assert f"http://testserver/{language}/instruments/secret-draft/" not in instruments
        assert f"http://testserver/{language}/instruments/" in pages
        assert f"http://testserver/{language}/countries/" in pages
        for code in countries.NAMES:
            assert f"http://testserver/{language}/countries/{code.lower()}/" in pages
    assert len(instruments) == 3 * Instrument.objects.public().count()
    assert len(pages) == 3 * (2 + len(countries.NAMES))
    for location in sorted(pages)[::97]:  # a sample: every page listed exists
        assert client.get(location).status_code == 200
