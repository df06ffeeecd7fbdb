"""Admin base classes shared by the content apps (nothing is registered here)."""

from django.conf import settings
from modeltranslation.admin import TabbedTranslationAdmin


def translated(*fields):
    """The per-language columns of translated fields, e.g. for search across all languages."""
    return tuple(f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES)


class OrderedItemAdmin(TabbedTranslationAdmin):
    """Lists whose display order staff change right in the list."""

    list_display = ("__str__", "order")
    list_editable = ("order",)
