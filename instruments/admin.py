from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from iml_portal.admin import PUBLISHING, PublishableAdmin, translated

from .models import Concerned, Instrument, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ("country", "signed_on", "is_party", "consent_on", "consent_kind", "source")
    extra = 0


class ConcernedInline(admin.TabularInline):
    model = Concerned
    extra = 0
    verbose_name_plural = _("States concerned (a bilateral agreement or a national law)")


@admin.register(Instrument)
class InstrumentAdmin(PublishableAdmin):
    list_display = ("title", "short_title", "kind", "level", "binding", "adopted_on", "parties")
    list_filter = ("kind", "level", "binding", "is_core", "region", "themes")
    search_fields = ("slug", *translated("title", "short_title", "description"))
    prepopulated_fields = {"slug": ("short_title_en",)}
    autocomplete_fields = ("parent", "related_publications")
    filter_horizontal = ("themes",)
    readonly_fields = ("created", "updated")
    inlines = [ParticipationInline, ConcernedInline]
    fieldsets = (
        PUBLISHING,
        (None, {"fields": ("title", "short_title", "slug")}),
        (
            _("What it is"),
            {
                "fields": (
                    "kind",
                    "level",
                    "binding",
                    ("is_core", "parties_complete"),
                    "parent",
                    "region",
                )
            },
        ),
        (
            _("Adoption and entry into force"),
            {"fields": ("adopting_body", "adopted_on", "adopted_at", "in_force_on", "depositary")},
        ),
        (
            _("About it"),
            {"fields": ("description", "themes", "related_publications", "text_url", "sources")},
        ),
        (_("Record"), {"fields": ("created", "updated")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(party_count=Count("participations", filter=Q(participations__is_party=True)))
        )

    @admin.display(description=_("States parties"), ordering="party_count")
    def parties(self, instrument):
        return instrument.party_count
