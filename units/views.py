"""The pages about the Unit. The Unit record itself reaches every template through the
`units.context_processors.unit` context processor (the footer needs it too). Entries dated
"as of" a year (from an older description of the Unit) are shown apart from the current
ones: `.current()` and `.historical()` hold that rule."""

from django.views.generic import TemplateView

from .models import (
    Activity,
    Engagement,
    FocusArea,
    ResearchActivity,
    ResearchTheme,
    SupportArea,
    TeamMember,
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
            focus_areas=FocusArea.objects.current(),
            current_engagements=[e for e in engagements if e.status == Engagement.Status.CURRENT],
            past_engagements=[e for e in engagements if e.status == Engagement.Status.PAST],
            earlier_focus_areas=FocusArea.objects.historical(),
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
            themes=ResearchTheme.objects.current().select_related("catalogue_theme"),
            research_activities=ResearchActivity.objects.current(),
            earlier_themes=ResearchTheme.objects.historical().select_related("catalogue_theme"),
            earlier_research_activities=ResearchActivity.objects.historical(),
            **kwargs,
        )
