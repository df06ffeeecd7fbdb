"""The catalogue in the JSON API (/api/v1/): the list's filters, search and pages as on the
catalogue (the same PublicationFilter), a publication with its editions and where to get it,
the series, the OpenAPI schema, errors as 400s, caching as the pages, and flat queries."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from publications.filters import PublicationFilter
from publications.models import Publication, Series, Theme
from tests.publications.factories import counts_as_the_catalogue_grows, make_publications

pytestmark = pytest.mark.django_db

GLOSSARY_GREEK = "international-migration-law-n20-glossary-on-migration-greek"


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def catalogue_slugs(query, language="en"):
    """What the catalogue's own filters give for `query`: the API must agree."""
    with translation.override(language):
        return [p.slug for p in PublicationFilter(QueryDict(query)).results()]


def test_the_list_is_the_catalogue_newest_first_twenty_a_page(client):
    body = get(client, "/api/v1/publications/")

    total = Publication.objects.count()
    assert body["count"] == total
    assert (body["page"], body["pages"]) == (1, -(-total // 20))
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/publications/?page=2"
    assert [p["slug"] for p in body["results"]] == catalogue_slugs("")[:20]


@pytest.mark.parametrize(
    "query",
    [
        "series=iom-atd-series",
        "language=fr",
        "theme=terminology",
        "year_from=2010&year_to=2015",
        "q=glossary",
        "q=migration&sort=title",
        "sort=oldest&language=en",
        "group=work",
        "year_from=&sort=&q=",  # a form's empty fields are absent
    ],
)
def test_the_list_applies_the_catalogue_filters(client, query):
    body = get(client, f"/api/v1/publications/?{query}")

    expected = catalogue_slugs(query)
    assert body["count"] == len(expected)
    assert [p["slug"] for p in body["results"]] == expected[:20]


def test_the_list_filters_as_asked(client):
    atd = get(client, "/api/v1/publications/?series=iom-atd-series")["results"]
    assert atd and {p["series"]["slug"] for p in atd} == {"iom-atd-series"}
    french = get(client, "/api/v1/publications/?language=fr")["results"]
    assert french and {p["language"] for p in french} == {"fr"}


def test_repeated_filter_values_are_accepted(client):
    body = get(client, "/api/v1/publications/?language=fr&language=es")

    assert body["count"] and {p["language"] for p in body["results"]} <= {"fr", "es"}


def test_search_and_translated_fields_follow_lang(client):
    body = get(client, "/api/v1/publications/?q=detención&lang=es")
    assert body["count"] == len(catalogue_slugs("q=detención", "es")) > 0

    publication = get(client, f"/api/v1/publications/{GLOSSARY_GREEK}/?lang=fr")
    assert publication["themes"] == [{"slug": "terminology", "name": "Terminologie"}]
    assert publication["url"] == f"http://testserver/fr/publications/{GLOSSARY_GREEK}/"
    assert publication["description"] == Publication.objects.get(slug=GLOSSARY_GREEK).description_fr


def test_lang_is_the_answer_content_language(client):
    assert client.get("/api/v1/series/?lang=es")["Content-Language"] == "es"
    assert client.get("/api/v1/series/")["Content-Language"] == "en"


def test_pages_link_to_each_other_with_the_understood_parameters(client):
    make_publications(45)
    body = get(client, "/api/v1/publications/?series=test-series&page=2&utm_source=x&lang=fr")

    assert (body["count"], body["page"], body["pages"]) == (45, 2, 3)
    assert body["previous"] == (
        "http://testserver/api/v1/publications/?series=test-series&page=1&lang=fr"
    )
    assert (
        body["next"] == "http://testserver/api/v1/publications/?series=test-series&page=3&lang=fr"
    )
    assert get(client, body["next"].removeprefix("http://testserver"))["previous"] == (
        "http://testserver/api/v1/publications/?series=test-series&page=2&lang=fr"
    )


def test_a_publication_with_its_editions_themes_and_series(client):
    glossary = Publication.objects.get(slug=GLOSSARY_GREEK)

    body = get(client, f"/api/v1/publications/{GLOSSARY_GREEK}/")

    assert body["title"] == glossary.title
    assert (body["language"], body["year"], body["number"]) == ("el", 2009, 20)
    assert body["series"]["slug"] == "international-migration-law"
    assert body["themes"] == [{"slug": "terminology", "name": "Terminology"}]
    assert [e["slug"] for e in body["editions"]] == [e.slug for e in glossary.other_editions()]
    assert len(body["editions"]) == 17  # the Glossary's 18 editions but this one
    assert body["editions"][0]["api_url"].startswith("http://testserver/api/v1/publications/")
    assert body["obtain_url"] is None
    assert body["api_url"] == f"http://testserver/api/v1/publications/{GLOSSARY_GREEK}/"


def test_where_to_obtain_it_is_its_link_else_its_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (publication,) = make_publications(1)
    publication.file.save("test.pdf", ContentFile(b"%PDF-1.4 test"))
    assert get(client, "/api/v1/publications/test-1/")["obtain_url"] == (
        f"http://testserver/media/{publication.file.name}"
    )

    publication.link = publication.link_source = "https://publications.iom.int/books/test"
    publication.save()
    assert get(client, "/api/v1/publications/test-1/")["obtain_url"] == (
        "https://publications.iom.int/books/test"
    )


def test_unknown_publication_is_a_json_404(client):
    assert get(client, "/api/v1/publications/no-such-thing/", 404) == {"detail": "Not found."}


def test_series(client):
    body = get(client, "/api/v1/series/?lang=es")

    assert [s["slug"] for s in body] == [s.slug for s in Series.objects.all()]
    atd = next(s for s in body if s["slug"] == "iom-atd-series")
    assert atd["publications"] == Publication.objects.filter(series__slug="iom-atd-series").count()
    assert atd["url"] == "http://testserver/es/publications/series/iom-atd-series/"
    assert atd["publications_url"] == (
        "http://testserver/api/v1/publications/?series=iom-atd-series"
    )
    other = next(s for s in body if s["slug"] == "other-legal-publications-and-handbooks")
    assert other["is_published_series"] is False


def test_openapi_schema_and_no_docs_page_from_a_cdn(client):
    schema = get(client, "/api/v1/openapi.json")

    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/publications/",
        "/api/v1/publications/{slug}/",
        "/api/v1/series/",
    }
    assert client.get("/api/v1/docs").status_code == 404


def test_the_list_documents_exactly_the_catalogue_parameters(client):
    # A filter added to the catalogue must show up in the API's schema (and the cache key).
    schema = get(client, "/api/v1/openapi.json")
    parameters = schema["paths"]["/api/v1/publications/"]["get"]["parameters"]

    assert {p["name"] for p in parameters} == {*PublicationFilter.base_filters, "page", "lang"}


HOSTILE = [
    "page=abc",
    "page=0",
    "page=-1",
    "page=99999999999999999999999999",
    "page=1e9",
    "year_from=-1",
    "year_from=abc",
    "year_to=99999999999999999999999999",
    "year_from=1e100",
    "series=no-such-series",
    "theme=no-such-theme",
    "language=xx",
    "sort=nope",
    "group=everything",
    "q=%00",
    "q=migration%00law",
    "q=" + "a" * 10_000,
    "lang=xx",
    "lang=en&lang=xx",
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda query: query[:30])
def test_bad_parameters_get_a_400_with_a_json_error(client, query):
    body = get(client, f"/api/v1/publications/?{query}", 400)

    assert body["detail"] == "Some parameters are not valid."
    name = query.split("=")[0]
    assert name in body["errors"] and all(body["errors"][name])


def test_bad_lang_on_a_publication_and_the_series(client):
    assert "lang" in get(client, f"/api/v1/publications/{GLOSSARY_GREEK}/?lang=de", 400)["errors"]
    assert "lang" in get(client, "/api/v1/series/?lang=" + "x" * 5000, 400)["errors"]


def test_unknown_parameters_are_ignored(client):
    assert get(client, "/api/v1/publications/?utm_source=news&fbclid=1")["count"]


def test_errors_are_in_the_requested_language(client):
    body = get(client, "/api/v1/publications/?series=nope&lang=fr", 400)

    assert body["detail"] == "Certains paramètres ne sont pas valides."


def test_read_only(client):
    assert client.post("/api/v1/publications/").status_code == 405
    assert client.delete(f"/api/v1/publications/{GLOSSARY_GREEK}/").status_code == 405


def test_head(client):
    response = client.head("/api/v1/series/")
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/publications/?q=migration&page=2",
        f"/api/v1/publications/{GLOSSARY_GREEK}/?lang=fr",
        "/api/v1/series/",
        "/api/v1/openapi.json",
    ],
)
def test_cached_as_the_pages_and_retired_by_a_content_change(
    client, path, django_assert_num_queries
):
    first = client.get(path)
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"]

    with django_assert_num_queries(0):
        again = client.get(path)
    assert again["X-Cache"] == "hit"
    assert again.content == first.content

    theme = Theme.objects.first()
    theme.save()
    assert client.get(path)["X-Cache"] == "miss"


def test_each_lang_is_cached_apart(client):
    english = client.get("/api/v1/series/")
    french = client.get("/api/v1/series/?lang=fr")

    assert french["X-Cache"] == "miss"
    assert english.json()[0]["name"] != french.json()[0]["name"]


def test_a_400_is_never_cached(client):
    client.get("/api/v1/publications/?page=abc")

    assert "X-Cache" not in client.get("/api/v1/publications/?page=abc")


def queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/publications/",
        "/api/v1/publications/?q=migration&page=2",
        "/api/v1/publications/?series=test-series&language=fr&year_from=2001",
        "/api/v1/publications/?theme=terminology&language=en",
        "/api/v1/publications/?group=work&sort=title&lang=fr",
        "/api/v1/publications/test-7/",
        f"/api/v1/publications/{GLOSSARY_GREEK}/?lang=es",
        "/api/v1/series/",
    ],
)
def test_query_count_does_not_grow_with_the_catalogue(client, path):
    with_ten, with_a_thousand = counts_as_the_catalogue_grows(lambda: queries(client, path))

    assert with_ten == with_a_thousand <= 10
