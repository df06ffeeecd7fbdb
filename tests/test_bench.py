"""The benchmarks' own pieces still work: the load test's floor, the results writer and the
page measurements of bench/pages.py."""

import io
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from bench import pages, results


@contextmanager
def wsgi_calls():
    """Calls the WSGI application as gunicorn does, but leaves the test's database connection
    open (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def wsgi_get(application, path):
    environ = {"PATH_INFO": path, "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1"}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    with wsgi_calls():
        body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def floor_pages(tmp_path, monkeypatch):
    from bench import urls

    monkeypatch.setattr(urls, "FLOOR_PAGES", tmp_path)
    urls.saved_page.cache_clear()
    yield tmp_path
    urls.saved_page.cache_clear()


def test_the_floor_answers_a_saved_page_without_any_middleware(floor_pages):
    from bench.wsgi import application

    page = "<!doctype html><p>é</p>".encode()
    (floor_pages / "home.html").write_bytes(page)

    status, headers, body = wsgi_get(application, "/bench/floor/home")

    assert (status, body) == ("200 OK", page)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    # No middleware ran: no request id, no security headers, no cache.
    for name in ("X-Request-ID", "Content-Security-Policy", "X-Frame-Options", "X-Cache"):
        assert name not in headers
    assert wsgi_get(application, "/bench/floor/missing")[0] == "404 Not Found"


@pytest.mark.django_db
def test_the_bench_application_serves_the_site_as_it_is(floor_pages):
    from bench.wsgi import application

    status, headers, body = wsgi_get(application, "/robots.txt")

    assert status == "200 OK" and b"Sitemap:" in body
    assert headers["X-Request-ID"] and headers["X-Cache"] == "miss"  # the whole middleware


def test_the_load_script_parses():
    script = Path(__file__).resolve().parents[1] / "bench" / "load.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_results_writer_replaces_only_its_own_section(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS", tmp_path / "RESULTS.md")
    for name, text in [("load", "first"), ("catalogue", "other"), ("load", "second")]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        results.main(name)

    written = (tmp_path / "RESULTS.md").read_text()
    assert "second" in written and "first" not in written and "other" in written
    assert written.count("<!-- load -->") == 1


@pytest.mark.django_db
def test_every_bench_page_answers_within_the_query_budget(client, settings):
    """bench/pages.py's own measurement, on a few addresses of each page type: each answers
    200 within the query budget (no timing: the benchmark measures, tests do not)."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0

    results = pages.measure(pages.PAGES, 4, client, warm_up=0)

    assert [result.name for result in results] == [name for name, _address in pages.PAGES]
    for result in results:
        assert len(set(result.addresses)) == 4
        assert result.failures == [], result.name
        assert max(result.queries) <= 10, (result.name, result.queries)
