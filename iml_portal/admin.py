"""Admin base classes shared by the content apps, and the site-wide models' admin: the
thesaurus and the external links' health."""

from django.conf import settings
from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .links import used_addresses
from .models import Concept, ExternalLink, Term


def translated(*fields):
    """The per-language columns of translated fields, e.g. for search across all languages."""
    return tuple(f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES)


class OrderedItemAdmin(TabbedTranslationAdmin):
    """Lists whose display order staff change right in the list."""

    list_display = ("__str__", "order")
    list_editable = ("order",)


class TermInline(admin.TabularInline):
    model = Term
    extra = 3
    fields = ("language", "text", "preferred")


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    """The thesaurus: one concept a row, with its terms in every language as columns."""

    inlines = [TermInline]
    list_display = ("__str__", *(f"terms_{code}" for code, _name in settings.LANGUAGES))
    search_fields = ("terms__text", "note")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("terms")

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


def _terms_column(code, name):
    @admin.display(description=name)
    def column(self, concept):
        return ", ".join(term.text for term in concept.terms.all() if term.language == code)

    return column


for _code, _name in settings.LANGUAGES:
    setattr(ConceptAdmin, f"terms_{_code}", _terms_column(_code, _name))


class LinkStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("broken", _("Broken")),
            ("redirected", _("Redirected")),
            ("working", _("Working")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset):
        checked = queryset.exclude(checked_at=None)
        if self.value() == "broken":
            return queryset.broken()
        if self.value() == "working":
            return checked.exclude(pk__in=queryset.broken())
        if self.value() == "redirected":
            return checked.exclude(pk__in=queryset.broken()).exclude(final_url=F("url"))
        if self.value() == "unchecked":
            return queryset.filter(checked_at=None)
        return queryset


@admin.register(ExternalLink)
class ExternalLinkAdmin(admin.ModelAdmin):
    """What `manage.py check_links` found; read-only (the content's own forms change links)."""

    list_display = ("url", "status", "broken", "final_url", "checked_at", "broken_since")
    list_filter = (LinkStateFilter, "status")
    search_fields = ("url", "final_url", "error")
    readonly_fields = (
        "url",
        "status",
        "error",
        "final_url",
        "checked_at",
        "broken_since",
        "used_by",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("broken"), boolean=True)
    def broken(self, link):
        return link.is_broken

    @admin.display(description=_("used by"))
    def used_by(self, link):
        """The records that link to it, each a link to its admin page."""
        users = []
        for model, pk in used_addresses().get(link.url, []):
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk]
            )
            users.append((url, f"{capfirst(model._meta.verbose_name)} {pk}"))
        return format_html_join(", ", '<a href="{}">{}</a>', users) or "—"
