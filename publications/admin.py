from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from iml_portal.admin import PUBLISHING, ContentAdmin, PublishableAdmin, translated
from iml_portal.languages import Language

from .models import Publication, Series, SeriesName, Theme, Work


class SeriesNameInline(admin.TabularInline):
    model = SeriesName
    extra = 0


@admin.register(Series)
class SeriesAdmin(ContentAdmin):
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
class ThemeAdmin(ContentAdmin):
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
class WorkAdmin(ContentAdmin):
    list_display = ("title", "edition_count", "edition_languages")
    search_fields = translated("title")
    inlines = [EditionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(edition_count=Count("editions"))
            .prefetch_related("editions")
        )

    @admin.display(description=_("languages of its editions"))
    def edition_languages(self, work):
        """The languages its title may be shown in (see Work.title_in)."""
        codes = dict.fromkeys(edition.language for edition in work.editions.all())
        return ", ".join(str(Language(code).label) for code in codes)

    @admin.display(
        description=pgettext_lazy("language editions of a publication", "editions"),
        ordering="edition_count",
    )
    def edition_count(self, work):
        return work.edition_count


class AddressFilter(admin.SimpleListFilter):
    title = _("address")
    parameter_name = "address"

    def lookups(self, request, model_admin):
        return [("yes", _("Has an address or a PDF")), ("no", _("No address yet"))]

    def queryset(self, request, queryset):
        no_address = Q(link="", file="")
        if self.value() == "no":
            return queryset.filter(no_address)
        if self.value() == "yes":
            return queryset.exclude(no_address)
        return queryset


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    list_display = ("title", "series", "number", "year", "language", "has_address")
    list_filter = (AddressFilter, "series", "language", "year", "themes")
    list_select_related = ("series",)
    search_fields = ("title", "slug", *translated("description", "summary"))
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("work",)
    filter_horizontal = ("themes",)
    readonly_fields = ("created", "updated", "address_state")
    fieldsets = (
        PUBLISHING,
        (None, {"fields": ("title", "slug", "title_language")}),
        (
            _("Where and when"),
            {"fields": ("series", "number", "year", "language", "work")},
        ),
        (
            _("About it"),
            {
                "fields": (
                    "description",
                    "description_is_excerpt",
                    "original_description",
                    "summary",
                    "themes",
                )
            },
        ),
        (
            _("Where to read or get it"),
            {"fields": ("address_state", "link", "link_source", "file", "cover", "sources")},
        ),
        (_("Record"), {"fields": ("created", "updated")}),
    )

    @admin.display(description=_("address"), boolean=True)
    def has_address(self, publication):
        return bool(publication.link or publication.file)

    @admin.display(description=_("state"))
    def address_state(self, publication):
        if publication.link or publication.file:
            return _("The page leads readers to its address or PDF.")
        return _(
            "No address yet: the page sends readers to the IOM Bookstore with the exact title. "
            "Add an address only where a public record shows it, with its source."
        )
