"""The catalogue's filters, search, sorting and facet counts, read from the query string.

A value that cannot be understood (an unknown series, a year that is not a number, …) is left
out and reported to the visitor (`ignored`); the other filters still apply. Series, language
and theme take several values at once (?language=fr&language=es: French or Spanish).

A search also looks for the other words the thesaurus gives for what was typed, in every
language, and a search that finds nothing is tried again with its misspelt words corrected
("did you mean …?"): see iml_portal/search.py.
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

from iml_portal import search
from iml_portal.cache import content_generation
from iml_portal.languages import Language
from iml_portal.text import label_value
from iml_portal.validators import validate_single_line

from .models import MAX_YEAR, MIN_YEAR, Publication, Series, Theme

SORTS = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title")),
    ("relevance", _("Relevance")),
]

# Query string parameters that narrow the results (the others order or group them).
NARROWING = ("q", "series", "language", "theme", "year_from", "year_to")
# The filters that take several values.
MULTIPLE = ("series", "language", "theme")
# How long a state of the filters keeps its facet counts in the cache. Staff edits retire them
# at once (the content generation); a scheduled publication that goes public is counted within
# this many seconds.
FACET_COUNTS_SECONDS = 60


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


@dataclass
class SearchPlan:
    """What a search looks for: the words typed (or, when they find nothing, their correction)
    and the thesaurus's other words."""

    typed: str = ""
    terms: str = ""
    expansion: search.Expansion = field(default_factory=search.Expansion)
    corrected: bool = False


class PublicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        validators=[validate_single_line],
    )
    # Series and themes are checked against the lists the facets show anyway (no extra query).
    series = django_filters.MultipleChoiceFilter(
        label=_("Series"), field_name="series__slug", distinct=False
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"), choices=Language.choices, distinct=False
    )
    theme = django_filters.MultipleChoiceFilter(label=_("Theme"), method="filter_themes")
    year_from = YearFilter(label=_("From year"), field_name="year", lookup_expr="gte")
    year_to = YearFilter(label=_("To year"), field_name="year", lookup_expr="lte")
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORTS, method="keep")
    group = django_filters.ChoiceFilter(
        label=_("Show"), choices=[("work", _("One row per work"))], method="keep"
    )

    class Meta:
        model = Publication
        fields = []

    def __init__(self, data, *args, **kwargs):
        # Always bound, so that an empty query string is a valid, unfiltered list.
        super().__init__(data, *args, **kwargs)
        self.language_code = get_language()
        # Read only when a value must be checked or the facets are shown (not for a feed).
        self.form.fields["series"].choices = lambda: [(s.slug, s.name) for s in self.all_series]
        self.form.fields["theme"].choices = lambda: [(t.slug, t.name) for t in self.all_themes]
        self.form.is_valid()

    @cached_property
    def all_series(self):
        return list(Series.objects.all())

    @cached_property
    def all_themes(self):
        return list(Theme.objects.all())

    def filter_search(self, queryset, name, value):
        plan = self.search_plan
        return queryset.search(plan.terms, self.language_code, plan.expansion.terms)

    def filter_themes(self, queryset, name, values):
        # A semi-join rather than a join: a publication with two chosen themes is one row.
        tagged = Publication.themes.through.objects.filter(theme__slug__in=values)
        return queryset.filter(pk__in=tagged.values("publication_id"))

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
        found = Publication.objects.public().search(
            plan.terms, self.language_code, plan.expansion.terms
        )
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
    def one_per_work(self):
        return self.values.get("group") == "work"

    @property
    def is_filtered(self):
        return any(self.values.get(name) not in (None, "", []) for name in NARROWING)

    def chosen(self, name):
        """The understood values of a filter that takes several."""
        return self.values.get(name) or []

    def description(self):
        """The understood narrowing filters in words, e.g. "Series: …; Language: French or
        Spanish"."""
        labels = {  # read only for the filters chosen
            "series": lambda: {s.slug: s.name for s in self.all_series},
            "language": lambda: dict(Language.choices),
            "theme": lambda: {t.slug: t.name for t in self.all_themes},
        }
        parts = []
        for name in NARROWING:
            value = self.values.get(name)
            if value in (None, "", []):
                continue
            if name in MULTIPLE:
                names = labels[name]()
                value = _(" or ").join(str(names[item]) for item in value)
            parts.append(label_value(self.filters[name].label, value))
        return "; ".join(parts)

    def narrowed(self, *, leave_out=()):
        """All publications that pass the understood filters, but those in `leave_out`."""
        queryset = Publication.objects.public()
        for name in NARROWING:
            if name not in leave_out and self.values.get(name) not in (None, "", []):
                queryset = self.filters[name].filter(queryset, self.values[name])
        return queryset

    def results(self):
        plan = self.search_plan if self.terms else SearchPlan()
        queryset = self.narrowed().for_listing()
        queryset = queryset.ordered(
            self.chosen_sort,
            terms=plan.terms,
            language=self.language_code,
            also=plan.expansion.terms,
            one_per_work=self.one_per_work,
        )
        return queryset.with_editions() if self.one_per_work else queryset

    def query_string(self, **changes):
        """The understood filters as a query string (a filter's several values repeated), e.g.
        for the matching Atom feed."""
        params = [
            (name, value)
            for name in NARROWING
            if self.values.get(name) not in (None, "", [])
            for value in self.data.getlist(name)
        ]
        params = [(name, value) for name, value in params if name not in changes]
        params += [(name, value) for name, value in changes.items() if value not in (None, "")]
        return f"?{urlencode(params)}" if params else ""

    def facets(self):
        """For each filter, its options with the number of results each would give with the
        other filters as they are, all counted in one query. Options that would give no
        result are left out, but for the chosen ones."""
        counts = self._counts()
        year_from, year_to = self.values.get("year_from"), self.values.get("year_to")
        per_year = {int(year): count for year, count in counts["year"].items()}
        years = sorted({*per_year, *(year for year in (year_from, year_to) if year)})
        low, high = year_from or MIN_YEAR, year_to or MAX_YEAR

        def in_range(first, last):
            return sum(count for year, count in per_year.items() if first <= year <= last)

        def options(name, choices):
            chosen = self.chosen(name)
            return _options(
                (value, label, counts[name].get(value, 0), value in chosen)
                for value, label in choices
            )

        return {
            "series": options("series", [(s.slug, s.name) for s in self.all_series]),
            "language": options("language", Language.choices),
            "theme": options("theme", [(t.slug, t.name) for t in self.all_themes]),
            "year_from": _options(
                (year, year, in_range(year, high), year == year_from) for year in years
            ),
            "year_to": _options(
                (year, year, in_range(low, year), year == year_to) for year in years
            ),
        }

    # facet: (the filters left out while counting it, the column counted: a foreign key's id
    # rather than a joined slug, so that each part groups one table's rows without a join)
    FACETS = {
        "series": (("series",), "series_id"),
        "language": (("language",), "language"),
        "theme": (("theme",), "theme_id"),
        "year": (("year_from", "year_to"), "year"),
    }

    @cached_property
    def facets_key(self):
        """What the facets depend on: the content generation, the language (a search depends
        on it, and the labels do) and the understood narrowing filters. The list keeps its
        facets' counts, and their rendered HTML, under it for FACET_COUNTS_SECONDS, so that the
        other pages of a list and its other orders reuse them. Searches are not kept."""
        state = [(name, self.values.get(name)) for name in NARROWING]
        digest = hashlib.sha256(repr((self.language_code, state)).encode()).hexdigest()
        return f"{content_generation()}:{digest}"

    def _counts(self):
        """{facet: {value: number of results}}, kept in the cache (see facets_key)."""
        if self.terms:  # searches are not kept: nobody may fill the cache by inventing words
            return self._count()
        key = f"facet-counts:{self.facets_key}"
        counts = cache.get(key)
        if counts is None:
            counts = self._count()
            cache.set(key, counts, FACET_COUNTS_SECONDS)
        return counts

    def _count(self):
        """{facet: {value: number of results}}: one UNION ALL query of one aggregate each,
        each grouping a single table's column (a publication is one row of its own table, and
        one row of the themes table per theme), so COUNT(*) needs no DISTINCT."""
        parts = []
        for facet, (leave_out, column) in self.FACETS.items():
            narrowed = self.narrowed(leave_out=leave_out).order_by()
            if facet == "theme":
                rows = Publication.themes.through.objects.filter(
                    publication__in=narrowed.values("pk")
                )
            else:
                rows = narrowed
            parts.append(
                rows.order_by()
                # One column, "<facet>:<value>", so that no part can order its columns
                # differently from the others.
                .annotate(value=Concat(Value(f"{facet}:"), Cast(column, CharField())))
                .values_list("value")
                .annotate(n=Count("*"))
            )
        slugs = {
            "series": {str(series.pk): series.slug for series in self.all_series},
            "theme": {str(theme.pk): theme.slug for theme in self.all_themes},
        }
        counts = {facet: {} for facet in self.FACETS}
        for facet_value, count in parts[0].union(*parts[1:], all=True).order_by():
            facet, value = facet_value.split(":", 1)
            counts[facet][slugs[facet].get(value, value) if facet in slugs else value] = count
        return counts


def _options(choices):
    return [
        {"value": value, "label": label, "count": count, "selected": selected}
        for value, label, count, selected in choices
        if count or selected
    ]
