"""The Unit, for every page's footer (and the pages about it)."""

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from iml_portal.cache import kept

from .models import Unit

UNIT_SECONDS = 600


def unit(request):
    if getattr(request, "database_unavailable", False):
        return {"unit": None}  # known to be down: no second wait for it
    return {"unit": SimpleLazyObject(current_unit)}


def current_unit():
    """The Unit, or None, so that even the page telling of a database outage renders. Kept
    under the content generation: every page shows it."""
    try:
        return kept("unit", lambda: Unit.objects.first(), UNIT_SECONDS)
    except DatabaseError:
        return None
