"""The catalogue in the site's JSON API (iml_portal/api.py): publications, filtered, searched
and paged as on the list page, by the same PublicationFilter; a publication with its editions;
the series."""

from typing import Literal

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from iml_portal.api import InLanguage, Problem, filtered_page, public
from iml_portal.models import public_condition

from .filters import SORTS, PublicationFilter
from .models import Publication, Series
from .urls import LIST_PARAMS
from .views import PER_PAGE

router = Router(tags=["publications"])

# What the list understands: the catalogue's own parameters, and the language.
API_LIST_PARAMS = [*LIST_PARAMS, "lang"]


class CatalogueQuery(InLanguage):
    """The catalogue's query string, as on /<lang>/publications/. It documents the parameters
    and checks their types; PublicationFilter applies them (and refuses unknown values)."""

    q: str | None = Field(None, description="Words searched in titles, descriptions, summaries.")
    series: list[str] = Field([], description="A series' slug (see /series/).")
    language: list[str] = Field([], description="A publication language (ISO 639-1: en, fr…).")
    theme: list[str] = Field([], description="A theme's slug.")
    year_from: int | None = Field(None, description="From this year (inclusive).")
    year_to: int | None = Field(None, description="Until this year (inclusive).")
    sort: Literal[tuple(value for value, _label in SORTS)] | None = Field(
        None, description="The order: newest first unless searching (then by relevance)."
    )
    group: Literal["work"] | None = Field(None, description="work: one result per work.")
    page: int = Field(1, ge=1, description=f"The page, {PER_PAGE} results each.")


class SeriesRef(Schema):
    slug: str
    name: str
    publications_url: str = Field(description="Its publications, in this API.")


class ThemeOut(Schema):
    slug: str
    name: str


class PublicationOut(Schema):
    slug: str
    title: str = Field(description="As published, in the publication's language.")
    title_language: str
    language: str = Field(description="The publication's language (ISO 639-1).")
    year: int
    number: int | None = Field(description="Its number in its series.")
    series: SeriesRef
    themes: list[ThemeOut]
    description: str
    url: str = Field(description="Its page on the site, in the requested language.")
    api_url: str


class EditionOut(Schema):
    slug: str
    title: str
    language: str
    year: int
    url: str
    api_url: str


class PublicationDetailOut(PublicationOut):
    summary: str
    editions: list[EditionOut] = Field(description="The other language editions of its work.")
    obtain_url: str | None = Field(description="Where to read or get it, when known.")
    created: str
    updated: str


class PublicationPage(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[PublicationOut]


class SeriesOut(Schema):
    slug: str
    name: str
    description: str
    is_published_series: bool = Field(description="False for a grouping that is not a series.")
    publications: int
    url: str
    publications_url: str = Field(description="Its publications, in this API.")


@router.get(
    "/publications/",
    response={200: PublicationPage, 400: Problem},
    url_name="publications",
    summary="Publications: the catalogue's filters, search and pages",
)
@public(*API_LIST_PARAMS)
def publications(request, query: Query[CatalogueQuery]):
    return filtered_page(
        request,
        PublicationFilter(request.GET),
        query.page,
        per_page=PER_PAGE,
        params=API_LIST_PARAMS,
        row=_publication,
    )


@router.get(
    "/publications/{slug}/",
    response={200: PublicationDetailOut, 404: Problem},
    url_name="publication",
    summary="A publication, its editions and where to get it",
)
@public("lang")
def publication(request, slug: str, query: Query[InLanguage]):
    found = get_object_or_404(
        Publication.objects.public().select_related("series").prefetch_related("themes"),
        slug=slug,
    )
    return {
        **_publication(request, found),
        "summary": found.summary,
        "editions": [
            {
                "slug": edition.slug,
                "title": edition.title,
                "language": edition.language,
                "year": edition.year,
                **_addresses(request, edition),
            }
            for edition in found.other_editions()
        ],
        "obtain_url": found.obtain_url(request),
        "created": found.created.isoformat(),
        "updated": found.updated.isoformat(),
    }


@router.get("/series/", response=list[SeriesOut], url_name="series", summary="The series")
@public("lang")
def series(request, query: Query[InLanguage]):
    return [
        {
            "slug": entry.slug,
            "name": entry.name,
            "description": entry.description,
            "is_published_series": entry.is_published_series,
            "publications": entry.publication_count,
            "url": request.build_absolute_uri(entry.get_absolute_url()),
            "publications_url": _series_publications_url(request, entry),
        }
        for entry in Series.objects.annotate(
            publication_count=Count("publications", filter=public_condition("publications__"))
        )
    ]


def _publication(request, publication):
    return {
        "slug": publication.slug,
        "title": publication.title,
        "title_language": publication.title_lang,
        "language": publication.language,
        "year": publication.year,
        "number": publication.number,
        "series": {
            "slug": publication.series.slug,
            "name": publication.series.name,
            "publications_url": _series_publications_url(request, publication.series),
        },
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in publication.themes.all()],
        "description": publication.description,
        **_addresses(request, publication),
    }


def _addresses(request, publication):
    """Its page on the site (in the active language) and its address in this API."""
    return {
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:publication", args=[publication.slug])),
    }


def _series_publications_url(request, series):
    return request.build_absolute_uri(f"{reverse('api:publications')}?series={series.slug}")
