"""A search runs its full-text match once (FacetedFilterSet.found_rows), and its count, facets
and pages reuse the rows it found: they must say exactly what matching again would."""

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.utils import translation

from iml_portal.filters import FacetedFilterSet
from instruments.filters import InstrumentFilter
from publications.filters import PublicationFilter
from tests.instruments.builders import make_instruments
from tests.publications.factories import make_publications

pytestmark = pytest.mark.django_db


def match_again(filterset, queryset, name, value):
    plan = filterset.search_plan
    return queryset.search(plan.terms, filterset.language_code, plan.expansion.terms)


def finds_anything(filterset, plan):
    rows = filterset.public_rows().search(plan.terms, filterset.language_code, plan.expansion.terms)
    return rows.exists()


def reused_and_matched_again(filterset_class, query, language, monkeypatch):
    """(facets, ids in order, count) as a request computes them, reusing the rows found, and as
    SQL alone gives them, matching again in every query."""
    cache.clear()
    with translation.override(language):
        reused = filterset_class(QueryDict(query))
        results = reused.results()
        got = reused.facets(), [row.pk for row in results], results.count()
        cache.clear()
        with monkeypatch.context() as patch:
            # The search as it was before: matched again in every query, nothing reused.
            patch.setattr(FacetedFilterSet, "searched_only", False)
            patch.setattr(FacetedFilterSet, "filter_search", match_again)
            patch.setattr(FacetedFilterSet, "_finds_anything", finds_anything)
            again = filterset_class(QueryDict(query))
            plan = again.search_plan
            rows = again.narrowed().ordered(
                again.chosen_sort, terms=plan.terms, language=language, also=plan.expansion.terms
            )
            expected = again.facets(), [row.pk for row in rows], rows.count()
    return got, expected


@pytest.mark.parametrize(
    "query",
    [
        "q=migration",
        "q=migration&page=2",
        "q=detention&language=fr",
        "q=trata&year_from=2010",
        "q=migration&sort=title",
        "q=detension",  # corrected
    ],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_catalogue(query, language, monkeypatch):
    make_publications(45)
    got, expected = reused_and_matched_again(PublicationFilter, query, language, monkeypatch)
    assert got[2] > 0
    assert got == expected


@pytest.mark.parametrize("query", ["q=convention", "q=convention&binding=no", "q=bulk&kind=law"])
def test_migration_law_database(query, monkeypatch):
    make_instruments(12, prefix="bound")
    make_instruments(9, prefix="free", binding=False, level="regional", region="150")
    got, expected = reused_and_matched_again(InstrumentFilter, query, "fr", monkeypatch)
    assert got == expected
    if "kind" not in query:
        assert got[2] > 0


def test_binding_counted_from_the_rows_found_as_sql_counts_it(monkeypatch):
    make_instruments(4, prefix="bound")
    make_instruments(3, prefix="free", binding=False)
    with translation.override("en"):
        facets = InstrumentFilter(QueryDict("q=bulk")).facets()
    counts = {option["value"]: option["count"] for option in facets["binding"]}
    assert counts == {"yes": 4, "no": 3}


def test_rows_are_read_by_id_however_many_ids():
    from publications.models import Publication

    make_publications(5)
    ids = list(Publication.objects.values_list("pk", flat=True))
    # More than SQLite's 32,766 parameters: one parameter holds them all.
    many = ids + list(range(10**6, 10**6 + 40_000))
    assert Publication.objects.among(many).count() == len(ids)
    assert Publication.objects.among([]).count() == 0
