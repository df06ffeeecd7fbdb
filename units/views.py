"""The pages about the Unit. The Unit record itself reaches every template through the
`units.context_processors.unit` context processor (the footer needs it too). Entries dated
"as of" a year (from an older description of the Unit) are shown apart from the current
ones: `.current()` and `.historical()` hold that rule."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from iml_portal.models import public_condition

from .models import (
    Activity,
    Engagement,
    FocusArea,
    ResearchActivity,
    ResearchTheme,
    SupportArea,
    TeamMember,
)

# Focus areas that have a section of the site, by their English title: the page they link to.
FOCUS_AREA_PAGES = {
    "migration law database": ("instruments:list", _("Browse the Migration Law Database")),
}


def with_pages(focus_areas):
    """The focus areas, each with `page_url` and `page_label`: its section of the site, or
    None."""
    areas = list(focus_areas)
    for area in areas:
        name, label = FOCUS_AREA_PAGES.get(area.title_en.strip().casefold(), (None, None))
        area.page_url = reverse(name) if name else None
        area.page_label = label
    return areas


def with_instrument_counts(themes):
    """Research themes with `instrument_count`: the public instruments of the Migration Law
    Database on their catalogue theme (in the same query, through the relation)."""
    return themes.select_related("catalogue_theme").annotate(
        instrument_count=Count(
            "catalogue_theme__instruments",
            filter=public_condition("catalogue_theme__instruments__"),
            distinct=True,
        )
    )


class HomeView(TemplateView):
    template_name = "units/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(activities=Activity.objects.all(), **kwargs)


class AboutView(TemplateView):
    template_name = "units/about.html"

    def get_context_data(self, **kwargs):
        engagements = list(Engagement.objects.current())
        return super().get_context_data(
            focus_areas=with_pages(FocusArea.objects.current()),
            current_engagements=[e for e in engagements if e.status == Engagement.Status.CURRENT],
            past_engagements=[e for e in engagements if e.status == Engagement.Status.PAST],
            earlier_focus_areas=with_pages(FocusArea.objects.historical()),
            earlier_engagements=Engagement.objects.historical(),
            **kwargs,
        )


class TeamView(TemplateView):
    template_name = "units/team.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(members=TeamMember.objects.all(), **kwargs)


class WhatWeDoView(TemplateView):
    template_name = "units/what_we_do.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            activities=Activity.objects.all(),
            support_areas=SupportArea.objects.prefetch_related("actions"),
            **kwargs,
        )


class ResearchView(TemplateView):
    template_name = "units/research.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=with_instrument_counts(ResearchTheme.objects.current()),
            research_activities=ResearchActivity.objects.current(),
            earlier_themes=with_instrument_counts(ResearchTheme.objects.historical()),
            earlier_research_activities=ResearchActivity.objects.historical(),
            **kwargs,
        )
