"""Open data (/api/ and /oai/) is readable from any site's scripts (CORS), keeps the site's
security headers, and sets no cookie; the site's pages stay same-origin."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = {"origin": "https://library.example.edu"}
OPEN_DATA = ["/api/v1/publications/?q=migration", "/api/v1/openapi.json", "/oai/?verb=Identify"]


@pytest.mark.parametrize("path", OPEN_DATA)
def test_open_to_every_origin_cached_or_not(client, path):
    first = client.get(path, headers=ORIGIN)
    again = client.get(path, headers=ORIGIN)

    for response in (first, again):
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert not response.cookies


def test_a_304_carries_the_cors_header_too(client):
    etag = client.get("/api/v1/series/")["ETag"]

    response = client.get("/api/v1/series/", headers={**ORIGIN, "if-none-match": etag})

    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/api/v1/publications/", "/oai/"])
def test_preflight_allows_reading_only(client, path):
    response = client.options(path, headers={**ORIGIN, "access-control-request-method": "GET"})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_pages_are_not_opened_to_other_origins(client):
    response = client.get("/en/publications/", headers=ORIGIN)

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("path", [*OPEN_DATA, "/api/v1/publications/?page=abc", "/oai/?verb=x"])
def test_security_headers_on_open_data(client, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Request-ID"]


def test_oai_answers_are_not_kept_in_the_page_cache(client):
    client.get("/oai/?verb=Identify")

    assert "X-Cache" not in client.get("/oai/?verb=Identify")
