"""The catalogue for other apps' pages: {% load catalogue %}{% latest_publications 3 %}."""

from django import template

from publications.models import Publication

register = template.Library()


@register.inclusion_tag("publications/includes/latest_publications.html")
def latest_publications(count):
    """The `count` newest publications, as a section with a link to the catalogue."""
    return {"publications": Publication.objects.public().newest()[:count]}
