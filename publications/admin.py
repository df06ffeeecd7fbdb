from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from iml_portal.admin import translated

from .models import Publication, Series, SeriesName, Theme, Work


class SeriesNameInline(admin.TabularInline):
    model = SeriesName
    extra = 0


@admin.register(Series)
class SeriesAdmin(TabbedTranslationAdmin):
    list_display = ("name", "is_published_series", "publication_count", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name_en",)}
    search_fields = ("slug", *translated("name"))
    inlines = [SeriesNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(publication_count=Count("publications"))

    @admin.display(description=_("publications"), ordering="publication_count")
    def publication_count(self, series):
        return series.publication_count


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name_en",)}
    search_fields = ("slug", *translated("name"))


class EditionInline(admin.TabularInline):
    """The editions of a work, shown read-only: an edition is edited on its own page."""

    model = Publication
    fields = ("title", "language", "year", "series", "number")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False
    verbose_name = pgettext_lazy("language edition of a publication", "edition")
    verbose_name_plural = pgettext_lazy("language editions of a publication", "editions")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series")


@admin.register(Work)
class WorkAdmin(TabbedTranslationAdmin):
    list_display = ("title", "edition_count")
    search_fields = translated("title")
    inlines = [EditionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_count=Count("editions"))

    @admin.display(
        description=pgettext_lazy("language editions of a publication", "editions"),
        ordering="edition_count",
    )
    def edition_count(self, work):
        return work.edition_count


@admin.register(Publication)
class PublicationAdmin(TabbedTranslationAdmin):
    list_display = ("title", "series", "number", "year", "language")
    list_filter = ("series", "language", "year", "themes")
    list_select_related = ("series",)
    search_fields = ("title", "slug", *translated("description", "summary"))
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("work",)
    filter_horizontal = ("themes",)
    readonly_fields = ("created", "updated")
    fieldsets = (
        (None, {"fields": ("title", "slug", "title_language")}),
        (
            _("Where and when"),
            {"fields": ("series", "number", "year", "language", "work")},
        ),
        (_("About it"), {"fields": ("description", "summary", "themes")}),
        (_("Files and links"), {"fields": ("link", "file", "cover")}),
        (_("Record"), {"fields": ("created", "updated")}),
    )
