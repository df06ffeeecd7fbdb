"""The OAI-PMH endpoint's protocol: the envelope, each verb's arguments, the protocol's errors,
resumption tokens that cannot be altered, and a flat number of queries. (Harvesting with a
real client: tests/publications/test_harvest.py.)"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from iml_portal.oai import repository
from publications.models import Publication
from publications.oai import PublicationRecords
from tests.publications.factories import counts_as_the_catalogue_grows, make_publications

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalogue_only(settings):
    """The protocol over one provider's records, whose number these tests know; the Migration
    Law Database's records are tested in tests/instruments/test_open_data.py, and both
    together in test_every_provider_is_harvested_together below."""
    settings.OAI_PROVIDERS = ["publications.oai.PublicationRecords"]


OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XSI_SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def oai(client, query="", method="get"):
    response = getattr(client, method)(f"/oai/{'?' if query else ''}{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(response.content)


def error_of(root):
    (error,) = root.findall(f"{OAI}error")
    return error.get("code")


def token_of(root):
    return root.find(f".//{OAI}resumptionToken")


def test_the_envelope_follows_the_schema(client):
    root = oai(client, "verb=Identify")

    assert root.tag == f"{OAI}OAI-PMH"
    assert root.get(XSI_SCHEMA_LOCATION) == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )
    assert [child.tag for child in root] == [
        f"{OAI}responseDate",
        f"{OAI}request",
        f"{OAI}Identify",
    ]
    stamp = datetime.datetime.strptime(root[0].text, "%Y-%m-%dT%H:%M:%SZ")
    assert abs(stamp - datetime.datetime.now(datetime.UTC).replace(tzinfo=None)).seconds < 60
    assert root[1].attrib == {"verb": "Identify"}
    assert root[1].text == "http://testserver/oai/"


def test_identify(client, settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "iml.example.org"
    Publication.objects.filter(pk=Publication.objects.order_by("pk")[0].pk).update(
        updated=datetime.datetime(2001, 2, 3, 4, 5, 6, 789, tzinfo=datetime.UTC)
    )

    identify = oai(client, "verb=Identify").find(f"{OAI}Identify")

    def text(tag):
        return identify.find(f"{OAI}{tag}").text

    assert text("repositoryName") == "IOM International Migration Law Unit"
    assert text("baseURL") == "http://testserver/oai/"
    assert text("protocolVersion") == "2.0"
    assert text("adminEmail") == "iml@iom.int"
    assert text("earliestDatestamp") == "2001-02-03T04:05:06Z"
    assert text("deletedRecord") == "no"
    assert text("granularity") == "YYYY-MM-DDThh:mm:ssZ"
    scheme = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    assert identify.find(f".//{scheme}repositoryIdentifier").text == "iml.example.org"
    assert identify.find(f".//{scheme}sampleIdentifier").text == "oai:iml.example.org:publication:1"


def test_list_metadata_formats_for_the_repository_and_a_record(client):
    publication = Publication.objects.first()
    for query in [
        "verb=ListMetadataFormats",
        f"verb=ListMetadataFormats&identifier={oai_id(publication)}",
    ]:
        formats = oai(client, query).findall(f".//{OAI}metadataFormat")
        assert [f.find(f"{OAI}metadataPrefix").text for f in formats] == ["oai_dc"]


def oai_id(publication):
    return f"oai:127.0.0.1:publication:{publication.pk}"


def test_post_is_answered_as_get_without_a_csrf_token(client):
    strict = Client(enforce_csrf_checks=True)
    root = ET.fromstring(
        strict.post("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content
    )
    assert len(root.findall(f".//{OAI}header")) == Publication.objects.count()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "badVerb"),
        ("verb=Harvest", "badVerb"),
        ("verb=Identify&verb=Identify", "badVerb"),
        ("verb=Identify&identifier=x", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-30", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&until=2020-01-01T00:00:00", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-12-31", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z",
            "badArgument",
        ),
        ("verb=ListIdentifiers&metadataPrefix=oai_dc&set=not%20a%20set", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument"),
        ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords&resumptionToken=abc", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=abc", "badResumptionToken"),
        ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
        ("verb=ListIdentifiers&metadataPrefix=%00%01", "cannotDisseminateFormat"),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.org:publication:1",
            "idDoesNotExist",
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:publication:999999",
            "idDoesNotExist",
        ),
        ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:book:1", "idDoesNotExist"),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:publication:-1",
            "idDoesNotExist",
        ),
        ("verb=ListMetadataFormats&identifier=" + "9" * 5000, "idDoesNotExist"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=no-such-series", "noRecordsMatch"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2100-01-01", "noRecordsMatch"),
        ("verb=ListIdentifiers&metadataPrefix=oai_dc&until=1999-12-31T23:59:59Z", "noRecordsMatch"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&until=9999-12-31&from=9999-12-31",
            "noRecordsMatch",
        ),
    ],
)
def test_errors_have_the_protocol_codes(client, query, code):
    root = oai(client, query)

    assert error_of(root) == code
    request = root.find(f"{OAI}request")
    if code in ("badVerb", "badArgument"):
        # Only the base URL: the arguments were not understood.
        assert request.attrib == {}
    else:
        assert request.get("verb")


def test_no_set_hierarchy_without_sets(client, settings):
    settings.OAI_PROVIDERS = ["tests.test_oai.RecordsWithoutSets"]

    assert error_of(oai(client, "verb=ListSets")) == "noSetHierarchy"
    query = "verb=ListIdentifiers&metadataPrefix=oai_dc&set=iom-atd-series"
    assert error_of(oai(client, query)) == "noSetHierarchy"


class RecordsWithoutSets(PublicationRecords):
    set_field = None

    def sets(self):
        return []


def test_selection_by_datestamp_to_the_second_and_the_day(client):
    first, second, third = make_publications(3)
    for publication, moment in [
        (first, "2020-05-01T09:59:59.900"),
        (second, "2020-05-01T10:00:00.500"),
        (third, "2020-05-02T00:00:00"),
    ]:
        Publication.objects.filter(pk=publication.pk).update(
            updated=datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)
        )

    def selected(query):
        root = oai(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&{query}")
        if root.find(f"{OAI}error") is not None:
            return []
        return [h.find(f"{OAI}identifier").text for h in root.iter(f"{OAI}header")]

    ids = {p: oai_id(p) for p in (first, second, third)}
    assert selected("from=2020-05-01T10:00:00Z&until=2020-05-01T10:00:00Z") == [ids[second]]
    assert selected("from=2020-05-01&until=2020-05-01") == [ids[first], ids[second]]
    assert ids[third] in selected("from=2020-05-02")
    assert ids[second] not in selected("from=2020-05-02")
    assert selected("until=2020-05-01T09:59:59Z") == [ids[first]]


def test_dates_at_the_calendar_edges_are_understood_or_refused_never_fail(client):
    def listed(until):
        return oai(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&until={until}")

    assert error_of(listed("0000-01-01")) == "badArgument"
    assert error_of(listed("2020-01-01T24:00:00Z")) == "badArgument"
    everything = Publication.objects.count()
    assert len(listed("9999-12-31T23:59:59Z").findall(f".//{OAI}header")) == everything
    assert len(listed("9999-12-31").findall(f".//{OAI}header")) == everything


def test_a_list_in_parts_carries_cursor_and_size_and_ends_with_an_empty_token(client, monkeypatch):
    monkeypatch.setattr(repository, "PAGE_SIZE", 10)
    total = Publication.objects.count()
    seen, cursor, query = [], 0, "verb=ListIdentifiers&metadataPrefix=oai_dc"
    while True:
        root = oai(client, query)
        token = token_of(root)
        seen += [h.find(f"{OAI}identifier").text for h in root.iter(f"{OAI}header")]
        assert token.get("cursor") == str(cursor)
        assert token.get("completeListSize") == str(total)
        cursor += 10
        if not token.text:
            break
        query = f"verb=ListIdentifiers&resumptionToken={token.text}"

    assert len(seen) == len(set(seen)) == total
    assert cursor == 40  # 35 seed publications: four parts


def test_a_complete_list_has_no_token(client):
    assert token_of(oai(client, "verb=ListIdentifiers&metadataPrefix=oai_dc")) is None


@pytest.fixture
def a_token(client, monkeypatch):
    monkeypatch.setattr(repository, "PAGE_SIZE", 5)
    return token_of(
        oai(client, "verb=ListRecords&metadataPrefix=oai_dc&set=international-migration-law")
    ).text


def test_a_token_keeps_the_selection(client, a_token):
    root = oai(client, f"verb=ListRecords&resumptionToken={a_token}")
    assert {s.text for s in root.iter(f"{OAI}setSpec")} == {"international-migration-law"}
    assert root.find(f"{OAI}request").attrib == {"verb": "ListRecords", "resumptionToken": a_token}


def test_a_token_cannot_be_altered_nor_used_for_another_verb(client, a_token):
    altered = a_token[:-3] + ("AAA" if not a_token.endswith("AAA") else "BBB")
    assert error_of(oai(client, f"verb=ListRecords&resumptionToken={altered}")) == (
        "badResumptionToken"
    )
    assert error_of(oai(client, f"verb=ListIdentifiers&resumptionToken={a_token}")) == (
        "badResumptionToken"
    )


def test_text_that_xml_cannot_carry_is_left_out(client):
    (publication,) = make_publications(1)
    Publication.objects.filter(pk=publication.pk).update(description_en="Form\x0cfeed\x01")

    root = oai(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_id(publication)}")
    assert "Formfeed" in [d.text for d in root.iter(f"{DC}description")]


def queries(client, query):
    with CaptureQueriesContext(connection) as context:
        oai(client, query)
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify",
        "verb=ListSets",
        "verb=ListMetadataFormats&identifier=oai:127.0.0.1:publication:1",
        "verb=ListIdentifiers&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=oai_dc&set=test-series&from=2000-01-01",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:publication:1",
    ],
)
def test_queries_stay_flat_whatever_the_size(client, query):
    with_ten, with_a_thousand = counts_as_the_catalogue_grows(lambda: queries(client, query))

    assert with_ten == with_a_thousand <= 10


def test_every_provider_is_harvested_together(client, settings):
    settings.OAI_PROVIDERS = [
        "publications.oai.PublicationRecords",
        "instruments.oai.InstrumentRecords",
    ]
    from instruments.models import Instrument

    expected = Publication.objects.public().count() + Instrument.objects.public().count()
    headers, root = [], oai(client, "verb=ListIdentifiers&metadataPrefix=oai_dc")
    while True:
        headers += root.findall(f".//{OAI}header")
        token = token_of(root)
        if token is None or not token.text:
            break
        root = oai(client, f"verb=ListIdentifiers&resumptionToken={token.text}")

    kinds = {header.find(f"{OAI}identifier").text.split(":")[-2] for header in headers}
    assert len(headers) == expected
    assert kinds == {"publication", "instrument"}
