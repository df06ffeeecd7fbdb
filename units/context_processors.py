"""The Unit, for every page's footer (and the pages about it)."""

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from .models import Unit


def unit(request):
    if getattr(request, "database_unavailable", False):
        return {"unit": None}  # known to be down: no second wait for it
    return {"unit": SimpleLazyObject(current_unit)}


def current_unit():
    """The Unit, or None, so that even the page telling of a database outage renders."""
    try:
        return Unit.objects.first()
    except DatabaseError:
        return None
