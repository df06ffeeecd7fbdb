"""What the site's filtered lists share (the catalogue, the Migration Law Database): a
FilterSet read from the query string, with a search box, facet counts and a description of
what was chosen.

A value that cannot be understood (an unknown series, a year that is not a number, …) is left
out and reported to the visitor (`ignored`); the other filters still apply. A search also
looks for the other words the thesaurus gives for what was typed, in every language, and a
search that finds nothing is tried again with its misspelt words corrected ("did you mean
…?"): see iml_portal/search.py.

A subclass names its narrowing filters (NARROWING, MULTIPLE for those taking several values),
its facets (FACETS), the labels of the chosen values (`value_labels`) and its public rows
(`public_rows`); the model's QuerySet provides `search(terms, language, also)`.
"""

from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django import forms
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import search
from .models import MAX_YEAR, MIN_YEAR
from .text import label_value
from .validators import validate_single_line


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
    # facet: (the filters left out while counting it, the field counted)
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

    def counts(self):
        """{facet: {value: number of results}}: one UNION ALL query of one aggregate each, each
        facet counted with the other filters as they are."""
        parts = [
            self.narrowed(leave_out=leave_out)
            .order_by()
            .annotate(facet=Value(facet, output_field=CharField()))
            .filter(~Q(**{f"{field}__isnull": True}))
            .values_list("facet", Cast(field, CharField()))
            .annotate(n=Count("pk", distinct=True))
            for facet, (leave_out, field) in self.FACETS.items()
        ]
        counts = {facet: {} for facet in self.FACETS}
        for facet, value, count in parts[0].union(*parts[1:], all=True).order_by():
            counts[facet][value] = count
        return counts


def facet_options(choices):
    """Options that would give no result are left out, but for the chosen ones."""
    return [
        {"value": value, "label": label, "count": count, "selected": selected}
        for value, label, count, selected in choices
        if count or selected
    ]
