"""The catalogue stays fast as it grows: a constant number of queries per page, and indexes
for the filters, the orders and (on PostgreSQL) the full-text search."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications import search
from publications.models import Publication
from tests.publications.factories import make_publications

pytestmark = pytest.mark.django_db

GLOSSARY_GREEK = "/en/publications/international-migration-law-n20-glossary-on-migration-greek/"

# Page, and the most queries it may run (the layout's Unit included).
PAGES = {
    "list": ("/en/publications/", 9),
    "filtered list": ("/fr/publications/?language=en&theme=human-rights&year_from=2005", 10),
    "search": ("/es/publications/?q=detención&sort=relevance", 9),
    "search and filters": ("/en/publications/?q=detention&series=test-series&page=3", 10),
    "search through the thesaurus": ("/en/publications/?q=trata&language=en&language=fr", 10),
    "typo search": ("/fr/publications/?q=detension&theme=health", 10),
    "series list": ("/en/publications/series/", 3),
    "one row per work": ("/en/publications/?group=work&sort=title", 10),
    "last page": ("/en/publications/?page=last", 9),
    # One more than before the Migration Law Database: its related instruments.
    "detail": (GLOSSARY_GREEK, 9),
    "detail of a generated publication": ("/en/publications/test-7/", 9),
    "series": ("/en/publications/series/test-series/", 5),
    "feed": ("/en/publications/feed/?language=en", 1),
    "home": ("/en/", 3),
}


def queries(client, path):
    cache.clear()  # measure the page itself, not the page cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_the_catalogue(client, name):
    path, most = PAGES[name]
    ten = make_publications(10)
    with_ten = queries(client, path)

    make_publications(990, series=ten[0].series, start=11)
    assert Publication.objects.count() >= 1000
    with_a_thousand = queries(client, path)

    assert with_ten == with_a_thousand <= most


def test_searches_and_filters_run_one_aggregate_per_facet(client):
    make_publications(100)

    with CaptureQueriesContext(connection) as context:
        client.get("/en/publications/?q=detention&language=en")

    aggregates = [q["sql"] for q in context.captured_queries if "COUNT(" in q["sql"]]
    # The series, language, theme and year facets in one query; the number of results is that
    # of the ids found that the language keeps (see test_search_runs_its_match_once).
    assert len(aggregates) == 1
    assert sum(sql.count("UNION ALL") for sql in aggregates) == 3


def test_facet_counts_are_counted_once_per_state_of_the_filters(client):
    make_publications(100)
    cache.clear()

    def facet_queries(path):
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return [q["sql"] for q in context.captured_queries if "UNION ALL" in q["sql"]]

    assert len(facet_queries("/en/publications/?language=en&page=2")) == 1
    # Other pages and orders of the same filters reuse the counts; other filters do not.
    assert facet_queries("/en/publications/?language=en&sort=title&page=3") == []
    assert len(facet_queries("/en/publications/?language=fr")) == 1
    # The counts serve every language (each renders its own labels); a search's do not.
    assert facet_queries("/es/publications/?language=en&page=2") == []
    es = client.get("/es/publications/?language=en&page=2").content.decode()
    assert "Idioma" in es and "Language" not in es.split("<main", 1)[1].split("</main>")[0]
    assert len(facet_queries("/en/publications/?q=detention&language=en")) == 1
    assert len(facet_queries("/fr/publications/?q=detention&language=en")) == 1


def index_names():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Publication._meta.db_table)
    return {name for name, info in constraints.items() if info["index"]}


def test_indexes_for_filters_and_orders():
    assert {
        "publication_newest_idx",
        "publication_title_idx",
        "publication_language_idx",
        "publication_series_year_idx",
        "publication_unique_number_in_series",
    } <= index_names()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_search_has_a_gin_index_per_language_and_uses_it():
    assert {search.index_name(code) for code in search.CONFIGS} <= index_names()
    make_publications(200)
    with connection.cursor() as cursor:
        # The table is small: tell the planner a sequential scan is not an option.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for language in search.CONFIGS:
            plan = Publication.objects.search("migration", language).explain()
            assert search.index_name(language) in plan, plan


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the other databases")
def test_no_gin_index_elsewhere():
    assert not {search.index_name(code) for code in search.CONFIGS} & index_names()


def full_text_matches(client, path):
    """The queries of a page that run a full-text match (or its LIKE elsewhere)."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    sqls = [q["sql"] for q in context.captured_queries]
    return [sql for sql in sqls if "@@" in sql or " LIKE " in sql]


def test_search_runs_its_match_once_and_its_other_pages_none(client):
    make_publications(60)
    cache.clear()

    # A word found nowhere is tried again corrected: the typed word, then the correction.
    assert len(full_text_matches(client, "/en/publications/?q=detension")) == 2
    # The corrected words typed reuse what the correction found; other words match once (with
    # the ranking) for the count, the facets and the page.
    assert full_text_matches(client, "/en/publications/?q=detention") == []
    assert len(full_text_matches(client, "/en/publications/?q=migration")) == 1
    # Its other pages, orders and narrowings reuse the ids found.
    assert full_text_matches(client, "/en/publications/?q=migration&page=2") == []
    assert full_text_matches(client, "/en/publications/?q=migration&sort=title") == []
    assert full_text_matches(client, "/en/publications/?q=migration&language=fr") == []
    # Another language searches again (its own stemming).
    assert len(full_text_matches(client, "/fr/publications/?q=migration")) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE is PostgreSQL's")
def test_lists_have_a_covering_index_of_what_they_filter_count_and_order_by():
    # Whether the planner reads it depends on the table's size and on VACUUM (see
    # iml_portal/indexes.py); bench/RESULTS.md shows the plans at 10,000 publications.
    from instruments.models import Instrument

    for model, name, columns in [
        (Publication, "publication_listing_idx", "status, publish_at, series_id, language, year"),
        (Instrument, "instrument_listing_idx", "status, publish_at, kind, level, binding, region"),
    ]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
            (definition,) = cursor.fetchone()
        assert f"ON public.{model._meta.db_table} USING btree (id) INCLUDE ({columns}" in definition


def test_only_new_searches_take_a_place_in_the_cache(client, settings):
    settings.SEARCHES_KEPT_PER_MINUTE = 1
    make_publications(60)
    cache.clear()

    assert len(full_text_matches(client, "/en/publications/?q=migration")) == 1  # the place
    for page in range(2, 6):  # its other pages reuse it and take no other place
        assert full_text_matches(client, f"/en/publications/?q=migration&page={page}") == []
    # The places of the minute are taken: another search answers, matching each time.
    for path in ("/en/publications/?q=detention", "/en/publications/?q=detention&page=2"):
        assert len(full_text_matches(client, path)) == 1
