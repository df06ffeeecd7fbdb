"""The catalogue's pages. Filtering lives in filters.py, the rules in the models' QuerySet."""

from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from iml_portal.lists import FilteredListMixin, ForgivingPaginationMixin
from iml_portal.models import public_condition
from iml_portal.previews import PreviewMixin

from . import citations
from .filters import SORTS, PublicationFilter
from .models import Publication, Series

PER_PAGE = 20
SERIES_PER_PAGE = 50


class PublicationListView(FilteredListMixin, ListView):
    template_name = "publications/publication_list.html"
    context_object_name = "publications"
    paginate_by = PER_PAGE
    filterset_class = PublicationFilter
    sorts = SORTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = context["page_obj"].object_list
        return context


class PublicationDetailView(PreviewMixin, DetailView):
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"
    queryset = Publication.objects.select_related("series", "work").prefetch_related(
        "themes",
        "series__published_names",
        # The Migration Law Database's public instruments that cite it, through the relation
        # (this app imports nothing from instruments).
        Prefetch(
            "instruments",
            queryset=Publication.instruments.rel.related_model.objects.public(),
            to_attr="public_instruments",
        ),
    )

    def get_context_data(self, **kwargs):
        publication = self.object
        url = self.request.build_absolute_uri(publication.get_absolute_url())
        pdf_url = publication.file and self.request.build_absolute_uri(publication.file.url)
        return super().get_context_data(
            editions=list(publication.other_editions()),
            previous=publication.previous_in_series(),
            next=publication.next_in_series(),
            related=publication.related(),
            json_ld=citations.json_ld(publication, url),
            citation_title=citations.clean_title(publication),
            publisher=citations.PUBLISHER,
            pdf_url=pdf_url,
            obtain_url=publication.obtain_url(),
            citation_formats=[("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")],
            **kwargs,
        )


class SeriesListView(ListView):
    """Every series, with how many publications each holds: a way to browse the catalogue."""

    template_name = "publications/series_list.html"
    context_object_name = "series_list"
    queryset = Series.objects.annotate(
        publication_count=Count("publications", filter=public_condition("publications__"))
    )


class SeriesView(ForgivingPaginationMixin, ListView):
    template_name = "publications/series_detail.html"
    context_object_name = "publications"
    paginate_by = SERIES_PER_PAGE

    def get_queryset(self):
        self.series = get_object_or_404(
            Series.objects.prefetch_related("published_names"), slug=self.kwargs["slug"]
        )
        return self.series.publications.public().in_series_order()

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.series, **kwargs)


def citation(request, slug, extension):
    if extension not in citations.FORMATS:
        raise Http404
    publication = get_object_or_404(
        Publication.objects.visible_to(request.user)
        .select_related("series")
        .prefetch_related("series__published_names"),
        slug=slug,
    )
    url = request.build_absolute_uri(publication.get_absolute_url())
    content_type, render = citations.FORMATS[extension]
    response = HttpResponse(render(publication, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{publication.slug}.{extension}"'
    return response
