"""The Migration Law Database in the site's JSON API (iml_portal/api.py): instruments,
filtered, searched and paged as on the list page, by the same InstrumentFilter; an instrument
with its States parties and signatories; the countries with the number of instruments each is
party to; a country with what it is party to and what it signed."""

from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from iml_portal import countries
from iml_portal.api import InLanguage, Problem, filtered_page, public
from iml_portal.countries import Region, collation_key
from iml_portal.models import public_condition

from .countries import all_countries
from .filters import BINDING, SORTS, InstrumentFilter
from .models import Instrument, Kind, Level, Participation
from .urls import LIST_PARAMS
from .views import PER_PAGE

router = Router(tags=["instruments"])

# What the list understands: the list page's own parameters, and the language.
API_LIST_PARAMS = [*LIST_PARAMS, "lang"]


class InstrumentQuery(InLanguage):
    """The list's query string, as on /<lang>/instruments/. It documents the parameters and
    checks their types; InstrumentFilter applies them (and refuses unknown values)."""

    q: str | None = Field(None, description="Words searched in titles and descriptions.")
    # Kind, level and region are checked by InstrumentFilter, which names the parameter.
    kind: list[str] = Field([], description=f"A kind of instrument: {', '.join(Kind.values)}.")
    level: list[str] = Field([], description=f"Its level: {', '.join(Level.values)}.")
    binding: Literal[tuple(value for value, _label in BINDING)] | None = Field(
        None, description="yes: binding instruments only; no: the others."
    )
    theme: list[str] = Field([], description="A theme's slug (the catalogue's themes).")
    region: list[str] = Field(
        [], description=f"A UN region's M49 code: {', '.join(Region.values)} (regional ones)."
    )
    year_from: int | None = Field(None, description="Adopted from this year (inclusive).")
    year_to: int | None = Field(None, description="Adopted until this year (inclusive).")
    sort: Literal[tuple(value for value, _label in SORTS)] | None = Field(
        None, description="The order: newest first unless searching (then by relevance)."
    )
    page: int = Field(1, ge=1, description=f"The page, {PER_PAGE} results each.")


class ThemeOut(Schema):
    slug: str
    name: str


class TextOut(Schema):
    language: str
    url: str


class InstrumentOut(Schema):
    slug: str
    title: str = Field(description="In the requested language (English where untranslated).")
    short_title: str
    kind: str
    kind_label: str
    level: str
    binding: bool
    is_core: bool = Field(description="A core treaty of international migration law.")
    region: str | None = Field(description="A regional instrument's UN region (M49 code).")
    adopted_on: str | None
    in_force_on: str | None
    themes: list[ThemeOut]
    description: str
    texts: list[TextOut] = Field(description="Its official text, per language, where known.")
    url: str = Field(description="Its page on the site, in the requested language.")
    api_url: str


class CountryRef(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2, upper case.")
    name: str = Field(description="The UN's short name, in the requested language.")
    url: str
    api_url: str


class ParticipationOut(Schema):
    country: CountryRef
    signed_on: str | None
    consent_on: str | None = Field(description="Ratification, accession or succession.")
    consent_kind: str | None = Field(description="ratification, accession or succession.")


class InstrumentDetailOut(InstrumentOut):
    parties: list[ParticipationOut] = Field(description="The States bound by it.")
    signatories: list[ParticipationOut] = Field(description="The States that only signed it.")
    states_concerned: list[CountryRef] = Field(
        description="For a bilateral agreement or a national law: the States it concerns."
    )
    created: str
    updated: str


class InstrumentPage(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[InstrumentOut]


class CountryOut(CountryRef):
    region: str = Field(description="Its UN region (M49 code).")
    instruments: int = Field(description="The number of instruments it is party to.")


class CountryInstrumentOut(Schema):
    slug: str
    title: str
    short_title: str
    signed_on: str | None
    consent_on: str | None
    consent_kind: str | None
    url: str
    api_url: str


class CountryDetailOut(CountryOut):
    parties_to: list[CountryInstrumentOut] = Field(description="The instruments it is party to.")
    signed: list[CountryInstrumentOut] = Field(description="The instruments it only signed.")


@router.get(
    "/instruments/",
    response={200: InstrumentPage, 400: Problem},
    url_name="instruments",
    summary="Instruments: the Migration Law Database's filters, search and pages",
)
@public(*API_LIST_PARAMS)
def instruments(request, query: Query[InstrumentQuery]):
    return filtered_page(
        request,
        InstrumentFilter(request.GET),
        query.page,
        per_page=PER_PAGE,
        params=API_LIST_PARAMS,
        row=_instrument,
    )


@router.get(
    "/instruments/{slug}/",
    response={200: InstrumentDetailOut, 404: Problem},
    url_name="instrument",
    summary="An instrument, its States parties and signatories",
)
@public("lang")
def instrument(request, slug: str, query: Query[InLanguage]):
    found = get_object_or_404(
        Instrument.objects.public().prefetch_related("themes", "participations", "states"),
        slug=slug,
    )
    rows = sorted(
        (p for p in found.participations.all() if p.country.code in countries.NAMES),
        key=lambda p: collation_key(countries.name(p.country.code)),
    )
    return {
        **_instrument(request, found),
        "parties": [_participation(request, p) for p in rows if p.is_party],
        "signatories": [_participation(request, p) for p in rows if not p.is_party],
        "states_concerned": sorted(
            (
                _country(request, state.country.code)
                for state in found.states.all()
                if state.country.code in countries.NAMES
            ),
            key=lambda country: collation_key(country["name"]),
        ),
        "created": found.created.isoformat(),
        "updated": found.updated.isoformat(),
    }


@router.get(
    "/countries/",
    response=list[CountryOut],
    url_name="countries",
    summary="Every country, with the number of instruments it is party to",
)
@public("lang")
def country_list(request, query: Query[InLanguage]):
    return [
        {
            **_country(request, entry.code),
            "region": countries.region(entry.code),
            "instruments": entry.instruments,
        }
        for entry in all_countries()
    ]


@router.get(
    "/countries/{code}/",
    response={200: CountryDetailOut, 404: Problem},
    url_name="country",
    summary="A country: the instruments it is party to and those it only signed",
)
@public("lang")
def country(request, code: str, query: Query[InLanguage]):
    code = code.upper()
    if code not in countries.NAMES:
        raise Http404
    rows = sorted(
        Participation.objects.filter(country=code)
        .filter(public_condition("instrument__"))
        .with_instrument(),
        key=lambda p: collation_key(p.instrument.title),
    )
    parties = [_country_instrument(request, p) for p in rows if p.is_party]
    return {
        **_country(request, code),
        "region": countries.region(code),
        "instruments": len(parties),
        "parties_to": parties,
        "signed": [_country_instrument(request, p) for p in rows if not p.is_party],
    }


def _date(value):
    return value.isoformat() if value else None


def _instrument(request, instrument):
    return {
        "slug": instrument.slug,
        "title": instrument.title,
        "short_title": instrument.short_title,
        "kind": instrument.kind,
        "kind_label": instrument.get_kind_display(),
        "level": instrument.level,
        "binding": instrument.binding,
        "is_core": instrument.is_core,
        "region": instrument.region or None,
        "adopted_on": _date(instrument.adopted_on),
        "in_force_on": _date(instrument.in_force_on),
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in instrument.themes.all()],
        "description": instrument.description,
        "texts": [{"language": code, "url": url} for code, url in instrument.text_urls()],
        **_addresses(request, instrument),
    }


def _addresses(request, instrument):
    """Its page on the site (in the active language) and its address in this API."""
    return {
        "url": request.build_absolute_uri(instrument.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:instrument", args=[instrument.slug])),
    }


def _country(request, code):
    return {
        "code": code,
        "name": countries.name(code),
        "url": request.build_absolute_uri(reverse("instruments:country", args=[code.lower()])),
        "api_url": request.build_absolute_uri(reverse("api:country", args=[code.lower()])),
    }


def _participation(request, participation):
    return {
        "country": _country(request, participation.country.code),
        "signed_on": _date(participation.signed_on),
        "consent_on": _date(participation.consent_on),
        "consent_kind": participation.consent_kind or None,
    }


def _country_instrument(request, participation):
    instrument = participation.instrument
    return {
        "slug": instrument.slug,
        "title": instrument.title,
        "short_title": instrument.short_title,
        "signed_on": _date(participation.signed_on),
        "consent_on": _date(participation.consent_on),
        "consent_kind": participation.consent_kind or None,
        **_addresses(request, instrument),
    }
