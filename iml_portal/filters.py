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
cache under `facets_key` (the content generation, the language and the filters) for
FACET_COUNTS_SECONDS: the other pages and orders of a list count and render no facet. Not a
search: anyone can type new words, and so fill the cache (see iml_portal/cache.py's limit on
a page's variants); a search counts its facets each time (`facets_seconds` is 0).
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import CharField, Count, Value
from django.db.models.functions import Cast, Concat
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import search
from .cache import content_generation
from .models import MAX_YEAR, MIN_YEAR
from .text import label_value
from .validators import validate_single_line

# How long a state of the filters keeps its facet counts in the cache. Staff edits retire them
# at once (the content generation); a record scheduled for later is counted within this many
# seconds of its time.
FACET_COUNTS_SECONDS = 60


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

    def __init__(self, data, *args, **kwargs):
        # Always bound, so that an empty query string is a valid, unfiltered list.
        super().__init__(data, *args, **kwargs)
        self.language_code = get_language()

    def public_rows(self):
        raise NotImplementedError

    def value_labels(self, name):
        """{value: label} of a filter that takes several values, for `description()`."""
        raise NotImplementedError

    def facet_slugs(self):
        """{facet: {str(id): slug}} for the facets that count ids."""
        return {}

    def filter_search(self, queryset, name, value):
        plan = self.search_plan
        return queryset.search(plan.terms, self.language_code, plan.expansion.terms)

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
        found = self.public_rows().search(plan.terms, self.language_code, plan.expansion.terms)
        return found.exists()

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
        """What the facets depend on: the content generation, the language (a search depends
        on it, and the labels do) and the understood narrowing filters."""
        state = [(name, self.values.get(name)) for name in self.NARROWING]
        digest = hashlib.sha256(repr((type(self).__name__, self.language_code, state)).encode())
        return f"{content_generation()}:{digest.hexdigest()}"

    @property
    def facets_seconds(self):
        """How long the facets of this state are kept: not at all for a search."""
        return 0 if self.terms else FACET_COUNTS_SECONDS

    def counts(self):
        """{facet: {value: number of results}}, kept in the cache (see facets_key)."""
        if not self.facets_seconds:
            return self._count()
        key = f"facet-counts:{self.facets_key}"
        counts = cache.get(key)
        if counts is None:
            counts = self._count()
            cache.set(key, counts, self.facets_seconds)
        return counts

    def _count(self):
        """{facet: {value: number of results}}, each facet counted with the other filters as
        they are: one UNION ALL query of one aggregate each, each grouping a single table's
        column (a row of the model's table, or one row of a through table per tag), so
        COUNT(*) needs no DISTINCT."""
        model = self._meta.model
        parts = []
        for facet, (leave_out, column, *many) in self.FACETS.items():
            rows = self.narrowed(leave_out=leave_out).order_by()
            if not many:
                rows = rows.exclude(**{f"{column}__isnull": True})  # e.g. no year recorded
            else:
                tags = model._meta.get_field(many[0])
                rows = tags.remote_field.through.objects.filter(
                    **{f"{tags.m2m_field_name()}__in": rows.values("pk")}
                )
            parts.append(
                rows.order_by()
                # One column, "<facet>:<value>", so that no part can order its columns
                # differently from the others.
                .annotate(value=Concat(Value(f"{facet}:"), Cast(column, CharField())))
                .values_list("value")
                .annotate(n=Count("*"))
            )
        slugs = self.facet_slugs()
        counts = {facet: {} for facet in self.FACETS}
        for facet_value, count in parts[0].union(*parts[1:], all=True).order_by():
            facet, value = facet_value.split(":", 1)
            counts[facet][slugs[facet].get(value, value) if facet in slugs else value] = count
        return counts


def facet_options(choices):
    """Options that would give no result are left out, but for the chosen ones."""
    return [
        {"value": value, "label": label, "count": count, "selected": selected}
        for value, label, count, selected in choices
        if count or selected
    ]
