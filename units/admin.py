from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from iml_portal.admin import ContentAdmin, OrderedItemAdmin, translated

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
class UnitAdmin(ContentAdmin):
    fieldsets = (
        (None, {"fields": ("name", "short_name", "organization", "department", "established")}),
        (
            _("Who we are"),
            {"fields": ("purpose", "key_objective", "rights_based_approach", "legal_framework")},
        ),
        (
            _("What we do"),
            {"fields": ("legislative_assistance", "workshops_intro", "research_intro", "funding")},
        ),
        (
            _("Contact"),
            {"fields": ("contact_invitation", "email", "postal_address", "bookstore_url")},
        ),
    )

    # The site presents one Unit: staff edit it, they never add a second or delete it.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Unit.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TeamMember)
class TeamMemberAdmin(OrderedItemAdmin):
    list_display = ("name", "role", "order")
    search_fields = ("name", *translated("role"))


@admin.register(Activity, ResearchTheme)
class TitledItemAdmin(OrderedItemAdmin):
    search_fields = translated("title")


@admin.register(FocusArea)
class FocusAreaAdmin(OrderedItemAdmin):
    search_fields = translated("title", "description")


@admin.register(ResearchActivity, Workshop)
class DescribedItemAdmin(OrderedItemAdmin):
    search_fields = translated("description")


@admin.register(Engagement)
class EngagementAdmin(OrderedItemAdmin):
    list_display = ("__str__", "status", "order")
    list_filter = ("status",)
    search_fields = translated("description")


class SupportActionInline(TranslationTabularInline):
    model = SupportAction
    extra = 0


@admin.register(SupportArea)
class SupportAreaAdmin(OrderedItemAdmin):
    inlines = [SupportActionInline]
    prepopulated_fields = {"slug": ("title_en",)}
    search_fields = translated("title", "body")
