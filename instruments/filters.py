"""The Migration Law Database's filters, search, sorting and facet counts, read from the query
string (what every filtered list of the site shares is in iml_portal/filters.py). Kind, level,
theme and region take several values at once (?kind=convention&kind=protocol)."""

from functools import cached_property

import django_filters
from django.utils.translation import gettext_lazy as _

from iml_portal.countries import Region
from iml_portal.filters import FacetedFilterSet, SearchPlan, YearFilter, search_filter

from .models import Instrument, Kind, Level

SORTS = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title")),
    ("relevance", _("Relevance")),
]
BINDING = [("yes", _("Binding")), ("no", _("Not binding"))]


class InstrumentFilter(FacetedFilterSet):
    NARROWING = ("q", "kind", "level", "binding", "theme", "region", "year_from", "year_to")
    MULTIPLE = ("kind", "level", "theme", "region")
    FACETS = {
        "kind": (("kind",), "kind"),
        "level": (("level",), "level"),
        "binding": (("binding",), "binding"),
        "theme": (("theme",), "theme_id", "themes"),
        "region": (("region",), "region"),
        "year": (("year_from", "year_to"), "adopted_year"),
    }

    q = search_filter()
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=Kind.choices)
    level = django_filters.MultipleChoiceFilter(label=_("Level"), choices=Level.choices)
    binding = django_filters.ChoiceFilter(
        label=_("Binding"), choices=BINDING, method="filter_binding"
    )
    # Themes are checked against the list the facet shows anyway (no extra query).
    theme = django_filters.MultipleChoiceFilter(label=_("Theme"), method="filter_themes")
    region = django_filters.MultipleChoiceFilter(label=_("Region"), choices=Region.choices)
    year_from = YearFilter(label=_("From year"), field_name="adopted_year", lookup_expr="gte")
    year_to = YearFilter(label=_("To year"), field_name="adopted_year", lookup_expr="lte")
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORTS, method="keep")

    class Meta:
        model = Instrument
        fields = []

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["theme"].choices = lambda: [(t.slug, t.name) for t in self.all_themes]
        self.form.is_valid()

    @cached_property
    def all_themes(self):
        # A relation's model, so that this app imports nothing from the catalogue.
        return list(Instrument.themes.field.related_model.objects.all())

    def public_rows(self):
        return Instrument.objects.public()

    def facet_slugs(self):
        return {"theme": {str(theme.pk): theme.slug for theme in self.all_themes}}

    def value_labels(self, name):
        if name == "theme":
            return {t.slug: t.name for t in self.all_themes}
        return dict({"kind": Kind, "level": Level, "region": Region}[name].choices)

    def filter_binding(self, queryset, name, value):
        return queryset.filter(binding=value == "yes")

    def filter_themes(self, queryset, name, values):
        # A semi-join rather than a join: an instrument with two chosen themes is one row.
        tagged = Instrument.themes.through.objects.filter(theme__slug__in=values)
        return queryset.filter(pk__in=tagged.values("instrument_id"))

    def results(self):
        if ranked := self.by_relevance(self.public_rows()):
            return ranked
        plan = self.search_plan if self.terms else SearchPlan()
        return self.narrowed().ordered(
            self.chosen_sort,
            terms=plan.terms,
            language=self.language_code,
            also=plan.expansion.terms,
        )

    def facets(self):
        """Each filter's options, with the number of results each would give with the other
        filters as they are, all counted in one query."""
        counts = self.counts()
        counts["binding"] = {
            "yes": counts["binding"].get("1", 0) + counts["binding"].get("true", 0),
            "no": counts["binding"].get("0", 0) + counts["binding"].get("false", 0),
        }
        return {
            "kind": self.options("kind", Kind.choices, counts),
            "level": self.options("level", Level.choices, counts),
            "binding": self.options("binding", BINDING, counts),
            "theme": self.options("theme", [(t.slug, t.name) for t in self.all_themes], counts),
            "region": self.options("region", Region.choices, counts),
            **self.year_options(counts, "year"),
        }
