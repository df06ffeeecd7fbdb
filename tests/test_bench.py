"""The benchmarks' own pieces still work: the floor view, the results writer and the page
measurements of bench/pages.py."""

import io
import sys

import pytest

from bench import pages, results


@pytest.mark.django_db
def test_floor_view_answers_through_the_site_middleware(client, settings):
    settings.ROOT_URLCONF = "bench.urls"

    response = client.get("/bench/floor")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["X-Request-ID"]  # the same middleware stack as every page


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
