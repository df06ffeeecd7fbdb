"""The Unit, for every page's footer (and the pages about it)."""

import logging

from django.core.cache import cache
from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from iml_portal.cache import content_generation

from .models import Unit

UNIT_SECONDS = 600
logger = logging.getLogger(__name__)


def unit(request):
    if getattr(request, "database_unavailable", False):
        return {"unit": None}  # known to be down: no second wait for it
    return {"unit": SimpleLazyObject(current_unit)}


def current_unit():
    """The Unit, or None, so that even the page telling of a database outage renders. Kept in
    the cache under the content generation (any edit retires it): every page shows it. A cache
    that fails (the error pages too render this) only costs the query."""
    key = unit = None
    try:
        key = f"unit:{content_generation()}"
        unit = cache.get(key)
    except Exception:
        logger.warning("The Unit read from the database: the cache failed")
    if unit is None:
        try:
            unit = Unit.objects.first()
        except DatabaseError:
            return None
        if key:
            try:
                cache.set(key, unit, UNIT_SECONDS)
            except Exception:
                logger.warning("The Unit not kept: the cache failed")
    return unit
