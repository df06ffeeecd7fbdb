from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TranslationTabularInline

from iml_portal.admin import PUBLISHING, OrderedItemAdmin, PublishableAdmin, translated

from .models import Course, Edition, EditionDocument, Partner, Topic


@admin.register(Partner)
class PartnerAdmin(OrderedItemAdmin):
    list_display = ("name", "short_name", "as_of", "order")
    list_filter = ("as_of",)
    search_fields = translated("name", "short_name")


@admin.register(Topic)
class TopicAdmin(OrderedItemAdmin):
    list_display = ("title", "kind", "order")
    list_filter = ("kind",)
    search_fields = translated("title", "description")


class EditionInline(TranslationTabularInline):
    """The essentials, one row per edition; the fee, certificate, contact and documents
    are on the edition's own page (the "Change" link), since inlines do not nest."""

    model = Edition
    extra = 0
    fields = (
        "start_date",
        "end_date",
        "place",
        "language",
        "format",
        "admission",
        "application_deadline",
        "registration_open",
        "status",
    )
    show_change_link = True


@admin.register(Course)
class CourseAdmin(PublishableAdmin):
    list_display = ("title", "partner", "offered", "as_of", "order")
    list_editable = ("order",)
    list_filter = ("offered", "as_of", "partner")
    list_select_related = ("partner",)
    prepopulated_fields = {"slug": ("title_en",)}
    search_fields = ("slug", *translated("title", "summary"))
    inlines = [EditionInline]


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("upcoming", pgettext_lazy("editions", "Upcoming")),
            ("past", pgettext_lazy("editions", "Past")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(start_date__year=int(self.value()))


class EditionDocumentInline(TranslationTabularInline):
    model = EditionDocument
    extra = 0
    fields = ("kind", "title", "file", "url", "order")


@admin.register(Edition)
class EditionAdmin(PublishableAdmin):
    list_display = (
        "course",
        "start_date",
        "end_date",
        "place",
        "language",
        "format",
        "registration_open",
    )
    list_filter = (StatusFilter, "registration_open", YearFilter, "course", "format", "language")
    list_select_related = ("course",)
    search_fields = translated("place", "course__title")
    actions = [*PublishableAdmin.actions, "copy_to_next_year"]
    fieldsets = (
        PUBLISHING,
        (
            None,
            {
                "fields": (
                    "course",
                    ("start_date", "end_date"),
                    "place",
                    ("language", "other_language"),
                    "format",
                    "audience",
                )
            },
        ),
        (_("Fee"), {"fields": ("is_free", ("fee_amount", "fee_currency"))}),
        (
            _("Joining"),
            {
                "fields": (
                    "admission",
                    "application_deadline",
                    "registration_open",
                    "registration_url",
                    "contact_email",
                )
            },
        ),
        (_("Certificate and notes"), {"fields": ("certificate", "certificate_note", "notes")}),
    )
    inlines = [EditionDocumentInline]

    @admin.action(
        description=_("Copy the selected editions into next year's drafts"), permissions=["add"]
    )
    def copy_to_next_year(self, request, queryset):
        copies = [edition.copy_to_next_year() for edition in queryset.select_related("course")]
        self.message_user(
            request,
            ngettext(
                "%(count)d draft edition made for next year: check its dates and details.",
                "%(count)d draft editions made for next year: check their dates and details.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
