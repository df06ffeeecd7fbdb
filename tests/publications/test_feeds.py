"""Atom feeds: the newest publications, and one per filtered list."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from publications.feeds import FEED_SIZE
from publications.models import Publication

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, query="", language="en"):
    with translation.override(language):
        path = reverse("publications:feed")
    response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_titles(root):
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_feed_lists_the_newest_publications(client):
    root = feed(client)

    titles = entry_titles(root)
    assert len(titles) == FEED_SIZE < Publication.objects.count()
    assert titles[0].startswith("Migrants' Access to Justice")
    assert root.find(f"{ATOM}updated").text
    assert root.find(f"{ATOM}author/{ATOM}name").text == "IOM International Migration Law Unit"
    entry = root.find(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/en/publications/migrants-access-to-justice")
    assert entry.find(f"{ATOM}updated").text
    assert entry.find(f"{ATOM}published").text


def test_a_filtered_feed_holds_the_filtered_list(client):
    root = feed(client, "language=fr")

    assert sorted(entry_titles(root)) == sorted(
        Publication.objects.filter(language="fr").values_list("title", flat=True)
    )
    assert root.find(f"{ATOM}title").text.endswith("Language: French")
    links = root.findall(f"{ATOM}link")
    alternate = next(link for link in links if link.get("rel") == "alternate")
    assert alternate.get("href") == "http://testserver/en/publications/?language=fr"


def test_search_feed(client):
    assert entry_titles(feed(client, "q=biometric")) == [
        "International Migration Law N°5 - Biometrics and International Migration"
    ]


def test_feed_is_in_the_interface_language(client):
    root = feed(client, "series=iml-information-notes", language="es")

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert root.find(f"{ATOM}title").text.startswith("Publicaciones de la Unidad")
    summaries = [entry.find(f"{ATOM}summary").text for entry in root.findall(f"{ATOM}entry")]
    assert any(summary.startswith("<p>Ofrece una visión general") for summary in summaries)


def test_summaries_are_escaped_html(client):
    from publications.models import Publication

    publication = Publication.objects.get(
        series__slug="iml-information-notes", title__contains="SOGIESC"
    )
    publication.description_en = "Rights <b>of</b> migrants & States\n\nSecond paragraph"
    publication.save()

    root = feed(client, "series=iml-information-notes")
    summaries = [entry.find(f"{ATOM}summary") for entry in root.findall(f"{ATOM}entry")]
    (summary,) = [s for s in summaries if "Rights" in (s.text or "")]
    assert summary.get("type") == "html"
    assert (
        summary.text
        == "<p>Rights &lt;b&gt;of&lt;/b&gt; migrants &amp; States</p>\n\n<p>Second paragraph</p>"
    )


def test_feed_dates_are_stable(client):
    first = feed(client).find(f"{ATOM}updated").text
    assert feed(client).find(f"{ATOM}updated").text == first


def test_malformed_filters_never_fail_the_feed(client):
    assert entry_titles(feed(client, "year_from=abc&series=999&language=xx&q=%00"))


@pytest.mark.parametrize("query", ["q=%01", "q=a%0Bb", "q=%EF%BF%BE", "q=%ED%A0%80"])
def test_control_characters_in_the_search_leave_the_feed_well_formed(client, query):
    assert feed(client, query).tag == f"{ATOM}feed"  # parsed: well-formed XML
