"""The countries' pages: every country with the number of instruments it is party to, and one
page per country (/countries/<iso2>/, the code in lower case).

Countries are the UN's list (iml_portal.countries: names in the page's language, region).
A country is party to an instrument once its consent to be bound is recorded
(Participation.objects.parties()); only public instruments count. Each page costs a fixed
number of queries, whatever the number of instruments and parties."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from iml_portal import countries
from iml_portal.cache import kept
from iml_portal.countries import Region, collation_key, sort_key
from iml_portal.models import public_condition
from iml_portal.views import error_page

from .models import (
    LANGUAGE_CODES,
    Concerned,
    ConsentKind,
    Instrument,
    Level,
    Participation,
    shown_text,
)


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, upper case (as stored)
    name: str  # the UN's short name in the active language
    instruments: int = 0  # the public instruments it is party to

    @property
    def slug(self):
        return self.code.lower()

    def get_absolute_url(self):
        return reverse("instruments:country", args=[self.slug])


CONSENT_KINDS = dict(ConsentKind.choices)  # value: label (lazy: in the page's language)


@dataclass(frozen=True, slots=True)
class Listed:
    """An instrument as a country's page lists it, in the active language."""

    pk: int
    get_absolute_url: str  # as the model's method is named: the templates read either
    title: str
    title_lang: str  # the language of `title`: the page's, or English where it has none
    aside: str  # the short title, where it differs from the title
    adopted_on: date | None
    level: str
    parties_complete: bool
    order: str  # its title's collation key
    other_states: list = field(default_factory=list)  # of a bilateral agreement


@dataclass(frozen=True, slots=True)
class Participated:
    """A country's signature of an instrument, and its consent to be bound if it is party."""

    instrument: Listed
    signed_on: date | None
    consent_on: date | None
    consent_kind: str  # its label
    is_party: bool


class Listing:
    """Reads instruments as plain values for a country's page, which can list hundreds:
    model instances, translated attributes and a reverse() per row cost most of its time
    (bench/RESULTS.md). Titles fall back to English as on the model (`shown_text`)."""

    TRANSLATED = ("title", "short_title")
    COLUMNS = ("id", "slug", "adopted_on", "level", "parties_complete")

    def __init__(self):
        language = get_language()
        self.language = language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE
        # One reverse() for every address: they differ only in the slug (ASCII, lower case).
        self.address = reverse("instruments:detail", args=["slug"])

    def columns(self, prefix=""):
        return [
            f"{prefix}{column}"
            for column in (
                *self.COLUMNS,
                *(
                    f"{name}_{language}"
                    for name in self.TRANSLATED
                    for language in dict.fromkeys([self.language, settings.LANGUAGE_CODE])
                ),
            )
        ]

    def entry(self, row, prefix=""):
        def value(column):
            return row[prefix + column]

        title, title_lang = shown_text(value, "title", self.language)
        short_title = shown_text(value, "short_title", self.language)[0]
        return Listed(
            pk=value("id"),
            get_absolute_url=self.address.replace("/slug/", f"/{value('slug')}/"),
            title=title,
            title_lang=title_lang,
            aside=short_title if short_title and short_title != title else "",
            adopted_on=value("adopted_on"),
            level=value("level"),
            parties_complete=value("parties_complete"),
            order=collation_key(title),
        )

    def entries(self, instruments):
        """`instruments` (a queryset) as Listed, sorted by title."""
        return sorted(
            (self.entry(row) for row in instruments.values(*self.columns())),
            key=lambda instrument: instrument.order,
        )


def party_counts():
    """{code: number of public instruments it is party to}, in one grouped query (a State is
    listed once per instrument: no DISTINCT), kept under the content generation."""

    def count():
        rows = (
            Participation.objects.parties()
            .filter(public_condition("instrument__"))
            .values_list("country")
            .annotate(instruments=Count("*"))
            .order_by()
        )
        return dict(rows)

    return kept("country-party-counts", count)


def all_countries():
    """Every country of the UN's list with its number of instruments, sorted by its name in
    the active language."""
    counts = party_counts()
    return sorted(
        (Country(code, countries.name(code), counts.get(code, 0)) for code in countries.NAMES),
        key=lambda country: collation_key(country.name),
    )


class CountryListView(TemplateView):
    """Every country, grouped by the UN's regions, with the number of instruments it is party
    to (0 included)."""

    template_name = "instruments/country_list.html"

    def get_context_data(self, **kwargs):
        every = all_countries()
        regions = [
            {
                "code": code,
                "anchor": f"region-{code}",
                "name": label,
                "countries": [c for c in every if countries.region(c.code) == code],
            }
            for code, label in Region.choices
        ]
        regions.sort(key=lambda region: collation_key(region["name"]))
        return super().get_context_data(
            regions=[region for region in regions if region["countries"]],
            country_count=len(every),
            party_count=sum(1 for country in every if country.instruments),
            **kwargs,
        )


class CountryDetailView(TemplateView):
    """One country: what it is party to (with the dates and the kind of consent), what it only
    signed, the core treaties it has not joined, and the national laws and bilateral agreements
    that concern it."""

    template_name = "instruments/country_detail.html"

    def get(self, request, *args, code, **kwargs):
        upper = code.upper()
        if upper not in countries.NAMES:
            return error_page(
                request,
                404,
                message=_(
                    "There is no country with the code “%(code)s”. Countries are named by "
                    "their two-letter ISO 3166-1 code, e.g. /countries/ng/ for Nigeria."
                )
                % {"code": code[:10]},
            )
        if code != upper.lower():
            return HttpResponsePermanentRedirect(
                reverse("instruments:country", args=[upper.lower()])
            )
        self.country = Country(upper, countries.name(upper))
        return super().get(request, *args, code=code, **kwargs)

    def get_context_data(self, **kwargs):
        code = self.country.code
        listing = Listing()
        participations = sorted(
            (
                Participated(
                    instrument=listing.entry(row, "instrument__"),
                    signed_on=row["signed_on"],
                    consent_on=row["consent_on"],
                    # As get_consent_kind_display(): a value outside the choices as it is.
                    consent_kind=CONSENT_KINDS.get(row["consent_kind"], row["consent_kind"]),
                    is_party=row["is_party"],
                )
                for row in Participation.objects.filter(country=code)
                .filter(public_condition("instrument__"))
                .values(
                    "signed_on",
                    "consent_on",
                    "consent_kind",
                    "is_party",
                    *listing.columns("instrument__"),
                )
            ),
            key=lambda participation: participation.instrument.order,
        )
        parties = [p for p in participations if p.is_party]
        signatories = [p for p in participations if not p.is_party]
        signed = {p.instrument.pk: p for p in signatories}
        joined = {p.instrument.pk for p in parties}
        # Only a treaty whose States parties are all recorded tells that a country has not
        # joined it; of the others, the database knows only the parties it records.
        core = [
            {"instrument": instrument, "signed": signed.get(instrument.pk)}
            for instrument in listing.entries(Instrument.objects.public().filter(is_core=True))
            if instrument.pk not in joined
        ]
        core_not_joined = [entry for entry in core if entry["instrument"].parties_complete]
        core_unrecorded = [entry for entry in core if not entry["instrument"].parties_complete]
        concerning = listing.entries(Instrument.objects.public().filter(states__country=code))
        others = defaultdict(list)
        for instrument, state in (
            Concerned.objects.filter(instrument__in=[instrument.pk for instrument in concerning])
            .exclude(country=code)
            .values_list("instrument", "country")
        ):
            if state in countries.NAMES:
                others[instrument].append(Country(state, countries.name(state)))
        for instrument in concerning:
            instrument.other_states.extend(sorted(others[instrument.pk], key=sort_key))
        return super().get_context_data(
            country=self.country,
            region=dict(Region.choices).get(countries.region(code), ""),
            parties=parties,
            signatories=signatories,
            core_not_joined=core_not_joined,
            core_unrecorded=core_unrecorded,
            national_laws=[i for i in concerning if i.level == Level.NATIONAL],
            agreements=[i for i in concerning if i.level != Level.NATIONAL],
            **kwargs,
        )
