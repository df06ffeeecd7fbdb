from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from iml_portal.admin import DatedItemAdmin, OrderedItemAdmin, SingleRowAdmin, translated

from .models import (
    Activity,
    Engagement,
    FocusArea,
    ResearchActivity,
    ResearchTheme,
    SupportAction,
    SupportArea,
    TeamMember,
    Unit,
    Workshop,
)


@admin.register(Unit)
class UnitAdmin(SingleRowAdmin):
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "short_name",
                    "organization",
                    "department",
                    "department_as_of",
                    "established",
                )
            },
        ),
        (
            _("Who we are"),
            {"fields": ("purpose", "key_objective", "rights_based_approach", "legal_framework")},
        ),
        (
            _("What we do"),
            {
                "fields": (
                    "legislative_assistance",
                    "workshops_intro",
                    "research_intro",
                    "funding",
                    "funding_as_of",
                )
            },
        ),
        (
            _("Contact"),
            {"fields": ("contact_invitation", "email", "postal_address", "bookstore_url")},
        ),
        (
            _("IOM country offices"),
            {
                "fields": (
                    "country_offices_url",
                    "country_offices_source",
                    "country_offices_link_text",
                )
            },
        ),
    )


@admin.register(TeamMember)
class TeamMemberAdmin(OrderedItemAdmin):
    list_display = ("name", "role", "order")
    search_fields = ("name", *translated("role"))


@admin.register(Activity)
class ActivityAdmin(OrderedItemAdmin):
    search_fields = translated("title")


@admin.register(ResearchTheme)
class ResearchThemeAdmin(DatedItemAdmin):
    list_display = ("__str__", "catalogue_theme", "as_of", "order")
    list_editable = ("catalogue_theme", "order")
    list_select_related = ("catalogue_theme",)
    search_fields = translated("title")


@admin.register(FocusArea)
class FocusAreaAdmin(DatedItemAdmin):
    search_fields = translated("title", "description")


@admin.register(ResearchActivity, Workshop)
class DescribedItemAdmin(DatedItemAdmin):
    search_fields = translated("description")


@admin.register(Engagement)
class EngagementAdmin(DatedItemAdmin):
    list_display = ("__str__", "status", "as_of", "order")
    list_filter = ("status", "as_of")
    search_fields = translated("description")


class SupportActionInline(TranslationTabularInline):
    model = SupportAction
    extra = 0


@admin.register(SupportArea)
class SupportAreaAdmin(OrderedItemAdmin):
    inlines = [SupportActionInline]
    prepopulated_fields = {"slug": ("title_en",)}
    search_fields = translated("title", "body")
