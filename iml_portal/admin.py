"""Admin base classes shared by the content apps, and the site-wide models' admin: the
thesaurus and the external links' health."""

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from reversion_compare.admin import CompareVersionAdmin

from .links import used_addresses
from .models import Concept, ExternalLink, Publishable, Term


def translated(*fields):
    """The per-language columns of translated fields, e.g. for search across all languages."""
    return tuple(f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES)


class HistoryAdmin(CompareVersionAdmin):
    """Every change made in the admin is kept as a version (django-reversion): who made it,
    when, and what changed, field by field and language by language (each language is a
    field of its own). The record's History lists its versions, compares two of them and
    restores one; the list's "Recover deleted …" brings a deleted record back."""


class ContentAdmin(HistoryAdmin, TabbedTranslationAdmin):
    """A content model's admin: one tab per language, and its history."""


# The fieldset of a publishable record's state, first on its page.
PUBLISHING = (_("Publication on the site"), {"fields": (("status", "publish_at"), "preview")})


class PublishableAdmin(ContentAdmin):
    """A record that can be a draft or scheduled: its state in the list and a filter on it,
    a preview link, bulk publish and unpublish; a new record starts as a draft."""

    actions = ["publish", "unpublish"]

    def get_list_display(self, request):
        return (*super().get_list_display(request), "public_state", "preview")

    def get_list_filter(self, request):
        return (VisibilityFilter, *super().get_list_filter(request))

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "preview")

    def get_changeform_initial_data(self, request):
        return {"status": Publishable.Status.DRAFT, **super().get_changeform_initial_data(request)}

    @admin.display(description=_("public?"))
    def public_state(self, obj):
        if obj.is_public:
            return _("Public")
        if obj.status == Publishable.Status.PUBLISHED:
            return _("Scheduled for %(moment)s") % {
                "moment": date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            }
        return _("Draft")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        label = _("View on site") if obj.is_public else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    @admin.action(description=_("Publish the selected records"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Publishable.Status.PUBLISHED)

    @admin.action(
        description=_("Unpublish the selected records (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Publishable.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        """Saved one by one, so that each change is a version of its own and retires the
        cached pages like any edit."""
        changed = 0
        for obj in queryset.exclude(status=status):
            with reversion.create_revision():
                obj.status = status
                obj.save(update_fields=["status"])
                reversion.set_user(request.user)
                reversion.set_comment(
                    str(_("Publication state: %(state)s") % {"state": obj.get_status_display()})
                )
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d record changed.", "%(count)d records changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


class VisibilityFilter(admin.SimpleListFilter):
    title = _("public?")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [
            ("public", _("Public")),
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("overdue", _("Draft past its publish-at time")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.public()
        if self.value() == "draft":
            return queryset.filter(status=Publishable.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.filter(status=Publishable.Status.PUBLISHED).not_public()
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


class OrderedItemAdmin(ContentAdmin):
    """Lists whose display order staff change right in the list."""

    list_display = ("__str__", "order")
    list_editable = ("order",)


class SingleRowAdmin(ContentAdmin):
    """A model the site holds one row of (iml_portal.models.SingleRow): staff edit it (with
    its history), they never add a second or delete it."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class DatedItemAdmin(OrderedItemAdmin):
    """Lists whose entries may be dated "as of" a year (an older description of the Unit)."""

    list_display = ("__str__", "as_of", "order")
    list_filter = ("as_of",)


class TermInline(admin.TabularInline):
    model = Term
    extra = 3
    fields = ("language", "text", "preferred")


@admin.register(Concept)
class ConceptAdmin(HistoryAdmin):
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
