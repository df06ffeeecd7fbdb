"""The Unit's content for other apps' pages: {% load unit %}{% workshops heading %}."""

from django import template

from units.models import Workshop

register = template.Library()


@register.inclusion_tag("units/includes/workshops.html", takes_context=True)
def workshops(context, heading):
    """The kinds of workshops and events the Unit runs, as a section under `heading`; those
    dated "as of" a year after the current ones, with their year."""
    return {
        "unit": context.get("unit"),
        "heading": heading,
        "workshops": Workshop.objects.current(),
        "earlier_workshops": Workshop.objects.historical(),
    }
