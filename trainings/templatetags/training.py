"""The trainings for other apps' pages: {% load training %}{% key_figures heading %}."""

from django import template

from trainings.models import Course

register = template.Library()


@register.inclusion_tag("trainings/includes/key_figures.html")
def key_figures(heading):
    """The IML Course's figures (every year since, participants, languages, formats) as a
    section under `heading`; nothing when no current course has a number of participants."""
    return {"heading": heading, "figures": Course.objects.with_key_figures()}
