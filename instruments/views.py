"""The Migration Law Database's pages. Filtering lives in filters.py, the rules in the models'
QuerySet; the countries' pages are in countries.py."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from iml_portal.countries import Region, collation_key, name, region
from iml_portal.lists import FilteredListMixin
from iml_portal.previews import PreviewMixin

from . import citations
from .filters import SORTS, InstrumentFilter
from .models import Instrument, Participation
from .search import DOCUMENT

PER_PAGE = 20
# How the States parties table can be sorted (?parties=…), without JavaScript.
PARTY_SORT_LABELS = {
    "country": _("State"),
    "signed": _("Signature"),
    "consent": _("Consent to be bound"),
}
PARTY_SORTS = {
    "country": lambda row: row["name_key"],
    "signed": lambda row: (row["signed_on"] is None, row["signed_on"] or 0, row["name_key"]),
    "consent": lambda row: (row["consent_on"] is None, row["consent_on"] or 0, row["name_key"]),
}


class InstrumentListView(FilteredListMixin, ListView):
    template_name = "instruments/instrument_list.html"
    context_object_name = "instruments"
    paginate_by = PER_PAGE
    filterset_class = InstrumentFilter
    sorts = SORTS


class InstrumentDetailView(PreviewMixin, DetailView):
    template_name = "instruments/instrument_detail.html"
    context_object_name = "instrument"

    # PreviewMixin narrows it to what the visitor may see (drafts for staff only).
    queryset = (
        Instrument.objects.select_related("parent")
        .defer(*(f"parent__{column}" for column in DOCUMENT.columns()))
        .prefetch_related(
            "themes",
            Prefetch("children", queryset=Instrument.objects.public()),
            # The catalogue's model, through the relation: this app imports nothing from it.
            Prefetch(
                "related_publications",
                queryset=Instrument.related_publications.field.related_model.objects.public(),
            ),
            "states",
        )
    )

    def get_context_data(self, **kwargs):
        instrument = self.object
        url = self.request.build_absolute_uri(instrument.get_absolute_url())
        sort = self.request.GET.get("parties")
        sort = sort if sort in PARTY_SORTS else "country"
        rows = party_rows(instrument)
        rows.sort(key=PARTY_SORTS[sort])
        return super().get_context_data(
            parties=[row for row in rows if row["is_party"]],
            signatories=[row for row in rows if not row["is_party"]],
            party_sort=sort,
            party_sorts=list(PARTY_SORT_LABELS.items()),
            by_region=counts_by_region(rows),
            json_ld=citations.json_ld(instrument, url),
            citation_formats=[("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")],
            **kwargs,
        )


def party_rows(instrument):
    """The instrument's States parties and signatories as plain rows (one query), with the
    country's name in the page's language."""
    rows = list(
        Participation.objects.filter(instrument=instrument)
        .order_by()
        .values("country", "signed_on", "is_party", "consent_on", "consent_kind", "source")
    )
    kinds = dict(Participation._meta.get_field("consent_kind").choices)
    for row in rows:
        code = row["country"]
        row["name"] = name(code)
        row["name_key"] = collation_key(row["name"])
        row["region"] = region(code)
        row["consent_label"] = kinds.get(row["consent_kind"], "")
    return rows


def counts_by_region(rows):
    """[(region label, parties, signatories)], in the order of the regions."""
    counts = {value: [0, 0] for value in Region.values}
    for row in rows:
        if row["region"] in counts:
            counts[row["region"]][0 if row["is_party"] else 1] += 1
    return [(Region(value).label, *counts[value]) for value in Region.values]


def citation(request, slug, extension):
    if extension not in citations.FORMATS:
        raise Http404
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user), slug=slug)
    url = request.build_absolute_uri(instrument.get_absolute_url())
    content_type, render = citations.FORMATS[extension]
    response = HttpResponse(render(instrument, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{instrument.slug}.{extension}"'
    return response
