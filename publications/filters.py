"""The catalogue's filters, search, sorting and facet counts, read from the query string (what
every filtered list of the site shares is in iml_portal/filters.py). Series, language and theme
take several values at once (?language=fr&language=es: French or Spanish).
"""

from functools import cached_property

import django_filters
from django.utils.translation import gettext_lazy as _

from iml_portal.filters import FacetedFilterSet, SearchPlan, YearFilter, search_filter
from iml_portal.languages import Language

from .models import Publication, Series, Theme

SORTS = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title")),
    ("relevance", _("Relevance")),
]


class PublicationFilter(FacetedFilterSet):
    # Query string parameters that narrow the results (the others order or group them).
    NARROWING = ("q", "series", "language", "theme", "year_from", "year_to")
    MULTIPLE = ("series", "language", "theme")
    FACETS = {
        "series": (("series",), "series_id"),
        "language": (("language",), "language"),
        "theme": (("theme",), "theme_id", "themes"),
        "year": (("year_from", "year_to"), "year"),
    }

    q = search_filter()
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
        super().__init__(data, *args, **kwargs)
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

    def filter_themes(self, queryset, name, values):
        # A semi-join rather than a join: a publication with two chosen themes is one row.
        tagged = Publication.themes.through.objects.filter(theme__slug__in=values)
        return queryset.filter(pk__in=tagged.values("publication_id"))

    def public_rows(self):
        return Publication.objects.public()

    def facet_slugs(self):
        return {
            "series": {str(series.pk): series.slug for series in self.all_series},
            "theme": {str(theme.pk): theme.slug for theme in self.all_themes},
        }

    def value_labels(self, name):
        if name == "series":
            return {s.slug: s.name for s in self.all_series}
        if name == "theme":
            return {t.slug: t.name for t in self.all_themes}
        return dict(Language.choices)

    @property
    def one_per_work(self):
        return self.values.get("group") == "work"

    groups_rows = one_per_work

    def results(self):
        if not self.one_per_work and (
            ranked := self.by_relevance(self.public_rows().for_listing())
        ):
            return ranked
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

    def facets(self):
        """For each filter, its options with the number of results each would give with the
        other filters as they are, all counted in one query. Options that would give no
        result are left out, but for the chosen ones."""
        counts = self.counts()
        return {
            "series": self.options("series", [(s.slug, s.name) for s in self.all_series], counts),
            "language": self.options("language", Language.choices, counts),
            "theme": self.options("theme", [(t.slug, t.name) for t in self.all_themes], counts),
            **self.year_options(counts),
        }
