"""The benchmarks' own pieces still work: the floor view and the results writer."""

import io
import sys

import pytest

from bench import results


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
