"""The Unit, for every page's footer (and the pages about it)."""

from django.core.cache import cache
from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from iml_portal.cache import content_generation

from .models import Unit

UNIT_SECONDS = 600


def unit(request):
    if getattr(request, "database_unavailable", False):
        return {"unit": None}  # known to be down: no second wait for it
    return {"unit": SimpleLazyObject(current_unit)}


def current_unit():
    """The Unit, or None, so that even the page telling of a database outage renders. Kept in
    the cache under the content generation (any edit retires it): every page shows it."""
    key = f"unit:{content_generation()}"
    unit = cache.get(key)
    if unit is None:
        try:
            unit = Unit.objects.first()
        except DatabaseError:
            return None
        cache.set(key, unit, UNIT_SECONDS)
    return unit
