"""What the site's filtered lists share (the catalogue, the Migration Law Database): a
FilterSet read from the query string, with a search box, facet counts and a description of
what was chosen.

A value that cannot be understood (an unknown series, a year that is not a number, …) is left
out and reported to the visitor (`ignored`); the other filters still apply. A search also
looks for the other words the thesaurus gives for what was typed, in every language, and a
search that finds nothing is tried again with its misspelt words corrected ("did you mean
…?"): see iml_portal/search.py.

A subclass names its narrowing filters (NARROWING, MULTIPLE for those taking several values),
its facets (FACETS), the labels of the chosen values (`value_labels`), the slugs of the ids its
facets count (`facet_slugs`) and its public rows (`public_rows`); the model's QuerySet
provides `search(terms, language, also)`.

A state of the filters keeps its facet counts, and the list template its facets' HTML, in the
cache under `counts_key` and `facets_key` (the content generation, the filters; the language
for the HTML and a search's counts) for FACET_COUNTS_SECONDS: the other pages and orders of a
list count and render no facet, and its other languages count none. A search
runs its full-text match once (`found`: the ids of the rows it finds, kept as long), and its
count, facets and page then read rows by id. Anyone can type new words: each search's entries
expire with that delay, and at most SEARCHES_KEPT_PER_MINUTE new searches a minute may store
them (`keeps_search`), so the cache holds at most twice that many searches per list (a minute's
window and the entries of the one before), each one id and a few columns per row found.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import search
from .cache import KEPT_SECONDS, content_generation, kept, room_for
from .fulltext import one_of
from .models import MAX_YEAR, MIN_YEAR
from .text import label_value
from .validators import validate_single_line

# How long a state of the filters keeps its facet counts in the cache. Staff edits retire them
# at once (the content generation); a record scheduled for later is counted within this many
# seconds of its time.
FACET_COUNTS_SECONDS = KEPT_SECONDS


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


def search_filter():
    return django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        validators=[validate_single_line],
    )


@dataclass
class SearchPlan:
    """What a search looks for: the words typed (or, when they find nothing, their correction)
    and the thesaurus's other words."""

    typed: str = ""
    terms: str = ""
    expansion: search.Expansion = field(default_factory=search.Expansion)
    corrected: bool = False


class FacetedFilterSet(django_filters.FilterSet):
    NARROWING = ()
    MULTIPLE = ()
    # facet: (the filters left out while counting it, the column counted: a foreign key's id
    # rather than a joined slug, so that each part groups one table's rows without a join;
    # for a many-to-many facet, its field's name, whose through table's rows are counted)
    FACETS = {}
    # True where a choice shows one row for several (the count is then not one per row found).
    groups_rows = False

    def __init__(self, data, *args, **kwargs):
        # Always bound, so that an empty query string is a valid, unfiltered list.
        super().__init__(data, *args, **kwargs)
        self.language_code = get_language()
        self._found = {}  # see found()
        self._found_in_cache = False  # see keeps_search

    def public_rows(self):
        raise NotImplementedError

    def value_labels(self, name):
        """{value: label} of a filter that takes several values, for `description()`."""
        raise NotImplementedError

    def facet_slugs(self):
        """{facet: {str(id): slug}} for the facets that count ids."""
        return {}

    def filter_search(self, queryset, name, value):
        return queryset.among(self.found(self.search_plan))

    def keep(self, queryset, name, value):
        return queryset

    @cached_property
    def search_plan(self):
        typed = self.values.get("q") or ""
        plan = SearchPlan(typed=typed, terms=typed, expansion=search.expand(typed))
        if typed and not self._finds_anything(plan):
            corrected = search.suggest(typed, self.language_code)
            if corrected:
                plan = SearchPlan(
                    typed=typed, terms=corrected, expansion=search.expand(corrected), corrected=True
                )
        return plan

    def _finds_anything(self, plan):
        return bool(self.found(plan))

    def found(self, plan):
        """The ids of the public rows that `plan` finds, most relevant first (see
        found_rows)."""
        return self.found_rows(plan)[0]

    def found_rows(self, plan):
        """(ids, rows): the ids of the public rows that `plan` finds, most relevant first, and
        those rows as tuples of their id and their value in each facet of one column
        (`row_facets`). The full-text match and ranking run once, here; the search's count,
        facets and pages then read their rows by id (or count these). Kept in the cache under
        the content generation for FACET_COUNTS_SECONDS, so that the search's other pages,
        orders and narrowings match and rank nothing again."""
        wanted = (plan.terms, tuple(plan.expansion.terms))
        if wanted not in self._found:
            digest = hashlib.sha256(
                repr((type(self).__name__, self.language_code, wanted)).encode()
            ).hexdigest()

            def find():
                self._found_in_cache = False
                columns = [self.FACETS[facet][1] for facet in self.row_facets]
                return self.public_rows().found(
                    plan.terms, self.language_code, ["pk", *columns], also=wanted[1]
                )

            self._found_in_cache = True  # unless find() runs
            rows = kept(
                f"search-found:{digest}",
                find,
                FACET_COUNTS_SECONDS,
                store=lambda: self.keeps_search,
            )
            self._found[wanted] = ([row[0] for row in rows], rows)
        return self._found[wanted]

    @cached_property
    def row_facets(self):
        """The facets that count a column of the model's own table."""
        return [facet for facet, (_, _, *many) in self.FACETS.items() if not many]

    @property
    def values(self):
        """The filter values that were understood."""
        return self.form.cleaned_data

    @property
    def ignored(self):
        """Labels of the parameters whose values were not understood and were left out."""
        return [self.filters[name].label for name in self.form.errors if name in self.filters]

    @property
    def terms(self):
        """The words typed in the search box."""
        return self.values.get("q") or ""

    @property
    def default_sort(self):
        return "relevance" if self.terms else "newest"

    @property
    def chosen_sort(self):
        return self.values.get("sort") or self.default_sort

    @property
    def is_filtered(self):
        return any(self.values.get(name) not in (None, "", []) for name in self.NARROWING)

    def chosen(self, name):
        """The understood values of a filter that takes several."""
        return self.values.get(name) or []

    def description(self):
        """The understood narrowing filters in words, e.g. "Series: …; Language: French or
        Spanish"."""
        parts = []
        for name in self.NARROWING:
            value = self.values.get(name)
            if value in (None, "", []):
                continue
            if name in self.MULTIPLE:
                names = self.value_labels(name)
                value = _(" or ").join(str(names[item]) for item in value)
            parts.append(label_value(self.filters[name].label, value))
        return "; ".join(parts)

    def narrowed(self, *, leave_out=()):
        """All public rows that pass the understood filters, but those in `leave_out`."""
        queryset = self.public_rows()
        for name in self.NARROWING:
            if name not in leave_out and self.values.get(name) not in (None, "", []):
                queryset = self.filters[name].filter(queryset, self.values[name])
        return queryset

    def query_string(self, **changes):
        """The understood filters as a query string (a filter's several values repeated), e.g.
        for the matching Atom feed."""
        params = [
            (name, value)
            for name in self.NARROWING
            if self.values.get(name) not in (None, "", [])
            for value in self.data.getlist(name)
        ]
        params = [(name, value) for name, value in params if name not in changes]
        params += [(name, value) for name, value in changes.items() if value not in (None, "")]
        return f"?{urlencode(params)}" if params else ""

    def options(self, name, choices, counts):
        """A multiple-choice facet's options, each with its count."""
        chosen = self.chosen(name)
        return facet_options(
            (value, label, counts[name].get(value, 0), value in chosen) for value, label in choices
        )

    def year_options(self, counts, field="year"):
        """The "from year" and "to year" facets: each year with the number of results the
        range would give."""
        year_from, year_to = self.values.get("year_from"), self.values.get("year_to")
        per_year = {int(year): count for year, count in counts[field].items()}
        years = sorted({*per_year, *(year for year in (year_from, year_to) if year)})
        low, high = year_from or MIN_YEAR, year_to or MAX_YEAR

        def in_range(first, last):
            return sum(count for year, count in per_year.items() if first <= year <= last)

        return {
            "year_from": facet_options(
                (year, year, in_range(year, high), year == year_from) for year in years
            ),
            "year_to": facet_options(
                (year, year, in_range(low, year), year == year_to) for year in years
            ),
        }

    @cached_property
    def facets_key(self):
        """What the facets' HTML depends on: the content generation, the language (its labels;
        and a search's words) and the understood narrowing filters."""
        return f"{content_generation()}:{self._state_key(self.language_code)}"

    @cached_property
    def counts_key(self):
        """What the facet counts depend on (`kept` adds the content generation): as
        facets_key, but the language only for a search (the other states count the same rows
        in every language)."""
        return self._state_key(self.language_code if self.terms else None)

    def _state_key(self, language):
        state = [(name, self.values.get(name)) for name in self.NARROWING]
        return hashlib.sha256(repr((type(self).__name__, language, state)).encode()).hexdigest()

    @cached_property
    def keeps_search(self):
        """Whether this request may store what its search found, and its facets, in the cache.
        A search whose rows found were read from the cache may (it took its place when they
        were stored); another takes one of SEARCHES_KEPT_PER_MINUTE places a minute for its
        list, or stores nothing once they are taken (it answers as well, matching again)."""
        if self._found_in_cache:
            return True
        return room_for(f"searches:{type(self).__name__}", settings.SEARCHES_KEPT_PER_MINUTE, 60)

    @property
    def facets_seconds(self):
        """How long this state's facet counts (and their HTML) are kept: see facets_key; 0
        (not kept) for a search that may not be stored (see keeps_search)."""
        return FACET_COUNTS_SECONDS if not self.terms or self.keeps_search else 0

    def counts(self):
        """{facet: {value: number of results}}, kept in the cache (see counts_key)."""
        return kept(
            f"facet-counts:{self.counts_key}",
            self._count,
            FACET_COUNTS_SECONDS,
            store=lambda: bool(self.facets_seconds),
        )

    def by_relevance(self, shown):
        """The narrowed rows in the order `found` ranked them, read from `shown` (the public
        rows, with what the list shows of them), for a search sorted by relevance; None for
        any other list."""
        if not self.terms or self.chosen_sort != "relevance":
            return None
        return RankedRows(self.narrowed(), self.found(self.search_plan), shown, self.known_count())

    @property
    def searched_only(self):
        """True when a search alone narrows the rows."""
        return [name for name in self.NARROWING if self.values.get(name) not in (None, "", [])] == [
            "q"
        ]

    def known_count(self):
        """The number of results, known without a query when a search alone narrows the rows
        (one row each): the number of ids it found. None otherwise."""
        if not self.searched_only or self.groups_rows:
            return None
        return len(self.found(self.search_plan))

    def _count(self):
        """{facet: {value: number of results}}, each facet counted with the other filters as
        they are: one UNION ALL query of one aggregate each, each grouping a single table's
        column (a row of the model's table, or one row of a through table per tag), so
        COUNT(*) needs no DISTINCT. When a search alone narrows the rows, the facets of one
        column are counted from the rows it found instead (found_rows)."""
        model = self._meta.model
        from_found = self.searched_only
        parts = []
        for facet, (leave_out, column, *many) in self.FACETS.items():
            if from_found and not many:
                continue
            rows = self.narrowed(leave_out=leave_out).order_by()
            if not many:
                rows = rows.exclude(**{f"{column}__isnull": True})  # e.g. no year recorded
            else:
                tags = model._meta.get_field(many[0])
                tagged = f"{tags.m2m_field_name()}_id"
                rows = tags.remote_field.through.objects.filter(
                    one_of(tagged, self.found(self.search_plan))
                    if from_found
                    else Q(**{f"{tagged}__in": rows.values("pk")})
                )
            parts.append(
                rows.order_by()
                # One column, "<facet>:<value>", so that no part can order its columns
                # differently from the others.
                .annotate(value=Concat(Value(f"{facet}:"), Cast(column, CharField())))
                .values_list("value")
                .annotate(n=Count("*"))
            )
        counted = []
        if parts:
            counted = list(
                parts[0].union(*parts[1:], all=True).order_by() if parts[1:] else parts[0]
            )
        if from_found:
            rows = self.found_rows(self.search_plan)[1]
            for i, facet in enumerate(self.row_facets, start=1):
                per_value = Counter(row[i] for row in rows if row[i] is not None)
                counted += [(f"{facet}:{as_text(value)}", n) for value, n in per_value.items()]
        slugs = self.facet_slugs()
        counts = {facet: {} for facet in self.FACETS}
        for facet_value, count in counted:
            facet, value = facet_value.split(":", 1)
            counts[facet][slugs[facet].get(value, value) if facet in slugs else value] = count
        return counts


class RankedRows:
    """Rows in the order of a list of their ids (a search's, ranked once: see
    FacetedFilterSet.found), read a page at a time by id: what a Paginator needs (count(),
    slicing), iteration and prefetch_related()."""

    ordered = True  # for the Paginator's check

    def __init__(self, rows, ids, shown, count=None):
        """`rows`: a QuerySet of the rows to show (the search applied), in any order; `shown`:
        one that reads them by id, with what is shown of them; `count`: their number when it
        is that of `ids`."""
        self.rows, self.ids, self.shown, self.known_count = rows, ids, shown, count

    @cached_property
    def kept(self):
        """The ids of `rows`, in the ids' order: all of them when the count is known, else
        read in one query (the other filters may leave some out)."""
        if self.known_count is not None:
            return self.ids
        kept = set(self.rows.values_list("pk", flat=True))
        return [pk for pk in self.ids if pk in kept]

    def count(self):
        return len(self.kept)

    __len__ = count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.kept[index]
        by_id = {row.pk: row for row in self.shown.among(wanted)}
        return [by_id[pk] for pk in wanted if pk in by_id]

    def __iter__(self):
        return iter(self[:])

    def prefetch_related(self, *lookups):
        shown = self.shown.prefetch_related(*lookups)
        return RankedRows(self.rows, self.ids, shown, self.known_count)


def as_text(value):
    """A column's value as PostgreSQL casts it to text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def facet_options(choices):
    """Options that would give no result are left out, but for the chosen ones."""
    return [
        {"value": value, "label": label, "count": count, "selected": selected}
        for value, label, count, selected in choices
        if count or selected
    ]
