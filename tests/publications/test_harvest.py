"""The catalogue harvested as a library service would: with Sickle, a real OAI-PMH client,
over HTTP from the live server. Every verb, sets, selection by date, the protocol's errors, and
a full harvest of 10,000 publications through resumption tokens."""

import datetime

import pytest
from sickle import Sickle, oaiexceptions
from sickle.iterator import OAIResponseIterator

from iml_portal.oai.repository import repository_identifier
from publications.models import Publication, Series
from tests.publications.factories import make_publications

pytestmark = pytest.mark.usefixtures("content")

OAI = "{http://www.openarchives.org/OAI/2.0/}"
IOM = "International Organization for Migration (IOM)"
GLOSSARY_GREEK = "international-migration-law-n20-glossary-on-migration-greek"


@pytest.fixture(autouse=True)
def catalogue_only(settings):
    """The catalogue's records (the instruments are harvested in tests/instruments and
    tests/test_oai.py)."""
    settings.OAI_PROVIDERS = ["publications.oai.PublicationRecords"]


@pytest.fixture
def sickle(live_server):
    return Sickle(f"{live_server.url}/oai/", timeout=60)


def oai_id(publication):
    return f"oai:{repository_identifier()}:publication:{publication.pk}"


def identifiers(headers):
    return [header.identifier for header in headers]


def test_identify(sickle, live_server):
    identify = sickle.Identify()

    assert identify.repositoryName == "IOM International Migration Law Unit"
    assert identify.baseURL == f"{live_server.url}/oai/"
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.deletedRecord == "no"


def test_list_metadata_formats(sickle):
    formats = list(sickle.ListMetadataFormats())

    assert [entry.metadataPrefix for entry in formats] == ["oai_dc"]
    assert formats[0].metadataNamespace == "http://www.openarchives.org/OAI/2.0/oai_dc/"


def test_one_set_per_series(sickle):
    sets = {entry.setSpec: entry.setName for entry in sickle.ListSets()}

    assert sets == {series.slug: series.name_en for series in Series.objects.all()}


def test_records_in_dublin_core(sickle, live_server):
    glossary = Publication.objects.get(slug=GLOSSARY_GREEK)
    glossary.link = glossary.link_source = "https://publications.iom.int/books/glossary-greek"
    glossary.save()

    records = {
        record.header.identifier: record for record in sickle.ListRecords(metadataPrefix="oai_dc")
    }

    assert len(records) == Publication.objects.count()
    record = records[oai_id(glossary)]
    assert record.header.datestamp == glossary.updated.astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert record.header.setSpecs == ["international-migration-law"]
    dc = record.metadata
    assert dc["title"] == [glossary.title]
    assert dc["creator"] == dc["publisher"] == [IOM]
    assert dc["date"] == ["2009"]
    assert dc["language"] == ["el"]
    assert dc["type"] == ["Text"]
    assert dc["subject"] == ["Terminology"]
    assert dc["description"] == [glossary.description_en]
    assert dc["identifier"] == [
        f"{live_server.url}/en/publications/{GLOSSARY_GREEK}/",
        "https://publications.iom.int/books/glossary-greek",
    ]
    assert dc["relation"] == [glossary.series_title]


def test_get_record(sickle):
    publication = Publication.objects.get(slug=GLOSSARY_GREEK)

    record = sickle.GetRecord(identifier=oai_id(publication), metadataPrefix="oai_dc")

    assert record.header.identifier == oai_id(publication)
    assert record.metadata["title"] == [publication.title]


def test_a_set_selects_its_series(sickle):
    atd = Publication.objects.filter(series__slug="iom-atd-series").order_by("pk")

    harvested = identifiers(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="iom-atd-series"))

    assert harvested == [oai_id(publication) for publication in atd]


def test_from_and_until_select_by_last_change(sickle):
    changed = Publication.objects.order_by("pk")[:3]
    moments = ["2024-03-01T08:00:00", "2024-03-02T12:30:00", "2024-03-03T23:59:59"]
    for publication, moment in zip(changed, moments, strict=True):
        Publication.objects.filter(pk=publication.pk).update(
            updated=datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)
        )
    expected = [oai_id(publication) for publication in changed]

    def harvested(**selection):
        try:
            return identifiers(sickle.ListIdentifiers(metadataPrefix="oai_dc", **selection))
        except oaiexceptions.NoRecordsMatch:
            return []

    assert harvested(**{"from": "2024-03-01", "until": "2024-03-03"}) == expected
    assert harvested(**{"from": "2024-03-02", "until": "2024-03-02"}) == expected[1:2]
    assert harvested(until="2024-03-02T12:30:00Z") == expected[:2]
    assert (
        harvested(**{"from": "2024-03-03T23:59:59Z", "until": "2024-03-04T00:00:00Z"})
        == expected[2:]
    )
    assert harvested(until="2024-02-29") == []


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"verb": "Harvest"}, oaiexceptions.BadVerb),
        ({"verb": "ListRecords"}, oaiexceptions.BadArgument),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"},
            oaiexceptions.BadArgument,
        ),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, oaiexceptions.CannotDisseminateFormat),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, oaiexceptions.BadResumptionToken),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:publication:1"},
            oaiexceptions.IdDoesNotExist,
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nothing"},
            oaiexceptions.NoRecordsMatch,
        ),
    ],
)
def test_errors_reach_the_client_as_the_protocol_names_them(sickle, arguments, error):
    with pytest.raises(error):
        next(OAIResponseIterator(sickle, arguments))


def test_harvest_by_post(live_server):
    sickle = Sickle(f"{live_server.url}/oai/", http_method="POST", timeout=60)

    assert len(list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))) == Publication.objects.count()


def test_a_full_harvest_of_ten_thousand_publications_gets_each_exactly_once(sickle):
    make_publications(10_000, prefix="harvest")
    expected = {oai_id(publication) for publication in Publication.objects.all()}
    assert len(expected) > 10_000

    harvested, pages = [], 0
    # One response at a time: a response kept holds its connection open, and with it a thread
    # of the live server and its database connection.
    for response in OAIResponseIterator(
        sickle, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    ):
        pages += 1
        harvested += [header.text for header in response.xml.iterfind(f".//{OAI}identifier")]

    assert len(harvested) == len(expected)
    assert set(harvested) == expected
    assert pages == -(-len(expected) // 100)  # pages of 100
