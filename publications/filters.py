"""The catalogue's filters, search, sorting and facet counts, read from the query string.

A value that cannot be understood (an unknown series, a year that is not a number, …) is left
out and reported to the visitor (`ignored`); the other filters still apply.
"""

import django_filters
from django import forms
from django.db.models import Count
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class PublicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        validators=[validate_single_line],
    )
    series = django_filters.ModelChoiceFilter(
        label=_("Series"), queryset=Series.objects.all(), to_field_name="slug"
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), to_field_name="slug"
    )
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
        self.form.is_valid()

    def filter_search(self, queryset, name, value):
        return queryset.search(value, self.language_code)

    def keep(self, queryset, name, value):
        return queryset

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
        return any(self.values.get(name) not in (None, "") for name in NARROWING)

    def description(self):
        """The understood narrowing filters in words, e.g. "Series: …; Language: French"."""
        parts = []
        for name in NARROWING:
            value = self.values.get(name)
            if value not in (None, ""):
                if name == "language":
                    value = Language(value).label
                parts.append(label_value(self.filters[name].label, value))
        return "; ".join(parts)

    def narrowed(self, *, leave_out=()):
        """All publications that pass the understood filters, but those in `leave_out`."""
        queryset = Publication.objects.all()
        for name in NARROWING:
            if name not in leave_out and name in self.values:
                queryset = self.filters[name].filter(queryset, self.values[name])
        return queryset

    def results(self):
        queryset = self.narrowed().for_listing()
        queryset = queryset.ordered(
            self.chosen_sort,
            terms=self.terms,
            language=self.language_code,
            one_per_work=self.one_per_work,
        )
        return queryset.with_editions() if self.one_per_work else queryset

    def query_string(self, **changes):
        """The understood filters as a query string, e.g. for the matching Atom feed."""
        params = {name: self.data.get(name) for name in NARROWING if self.values.get(name)}
        params.update(changes)
        params = {key: value for key, value in params.items() if value not in (None, "")}
        return f"?{urlencode(params)}" if params else ""

    def facets(self):
        """For each filter, its options with the number of results each would give with the
        other filters as they are: one aggregate query per filter. Options that would give no
        result are left out, but for the chosen one."""
        values = self.values
        series, theme = values.get("series"), values.get("theme")
        language = values.get("language")
        year_from, year_to = values.get("year_from"), values.get("year_to")

        per_series = self._counts("series", field="series")
        per_language = self._counts("language", field="language")
        per_theme = self._counts("theme", field="themes")
        per_year = self._counts("year_from", "year_to", field="year")
        years = sorted({*per_year, *(year for year in (year_from, year_to) if year)})
        low, high = year_from or MIN_YEAR, year_to or MAX_YEAR

        def in_range(first, last):
            return sum(count for year, count in per_year.items() if first <= year <= last)

        return {
            "series": _options(
                (s.slug, s.name, per_series.get(s.pk, 0), s == series) for s in Series.objects.all()
            ),
            "language": _options(
                (code, label, per_language.get(code, 0), code == language)
                for code, label in Language.choices
            ),
            "theme": _options(
                (t.slug, t.name, per_theme.get(t.pk, 0), t == theme) for t in Theme.objects.all()
            ),
            "year_from": _options(
                (year, year, in_range(year, high), year == year_from) for year in years
            ),
            "year_to": _options(
                (year, year, in_range(low, year), year == year_to) for year in years
            ),
        }

    def _counts(self, *names, field):
        """{value of `field`: number of results} with the filters `names` left out."""
        rows = self.narrowed(leave_out=names).order_by().values_list(field).annotate(n=Count("id"))
        return {value: count for value, count in rows if value is not None}


def _options(choices):
    return [
        {"value": value, "label": label, "count": count, "selected": selected}
        for value, label, count, selected in choices
        if count or selected
    ]
