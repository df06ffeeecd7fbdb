"""Small builders for the Migration Law Database's tests: an instrument, its parties and
signatories, the States it concerns, and many of them at once (fixtures hold the content)."""

import datetime
import itertools

from instruments.models import Concerned, ConsentKind, Instrument, Kind, Level, Participation

_numbers = itertools.count(1)


def make_instrument(**fields):
    """A public instrument: an international convention unless `fields` say otherwise.
    `title` (one string) fills the three languages' titles; `themes` and
    `related_publications` are lists to set."""
    number = next(_numbers)
    themes = fields.pop("themes", ())
    publications = fields.pop("related_publications", ())
    title = fields.pop("title", f"Test convention {number} on migrants")
    for language in ("en", "fr", "es"):
        fields.setdefault(f"title_{language}", title)
    fields.setdefault("slug", f"test-instrument-{number}")
    fields.setdefault("kind", Kind.CONVENTION)
    fields.setdefault("level", Level.INTERNATIONAL)
    instrument = Instrument.objects.create(**fields)
    if themes:
        instrument.themes.set(themes)
    if publications:
        instrument.related_publications.set(publications)
    return instrument


def make_party(
    instrument,
    country,
    *,
    signed_on=None,
    consent_on=datetime.date(2000, 1, 1),
    consent_kind=ConsentKind.RATIFICATION,
    **fields,
):
    """`country` (ISO alpha-2, upper case) party to `instrument`: bound on `consent_on` by
    `consent_kind`, signed on `signed_on` if given."""
    return Participation.objects.create(
        instrument=instrument,
        country=country,
        signed_on=signed_on,
        consent_on=consent_on,
        consent_kind=consent_kind if consent_on else "",
        **fields,
    )


def make_signatory(instrument, country, *, signed_on=datetime.date(1999, 1, 1), **fields):
    """`country` signed `instrument` and is not (yet) bound by it."""
    return make_party(
        instrument, country, signed_on=signed_on, consent_on=None, is_party=False, **fields
    )


def make_concerned(instrument, *countries):
    """The States a bilateral agreement or a national law concerns."""
    return Concerned.objects.bulk_create(
        Concerned(instrument=instrument, country=country) for country in countries
    )


def make_instruments(count, *, parties=(), prefix="bulk", **fields):
    """`count` public conventions (bulk_create), each with every country of `parties` as a
    party: volume for query-count tests."""
    instruments = Instrument.objects.bulk_create(
        Instrument(
            title_en=f"Bulk convention {prefix} {number}",
            title_fr=f"Convention de masse {prefix} {number}",
            title_es=f"Convención masiva {prefix} {number}",
            slug=f"{prefix}-{number}",
            kind=fields.get("kind", Kind.CONVENTION),
            level=fields.get("level", Level.INTERNATIONAL),
            adopted_on=datetime.date(1950 + number % 70, 1, 1),
            adopted_year=1950 + number % 70,
            **{key: value for key, value in fields.items() if key not in ("kind", "level")},
        )
        for number in range(count)
    )
    Participation.objects.bulk_create(
        Participation(
            instrument=instrument,
            country=country,
            signed_on=datetime.date(1990, 1, 1),
            consent_on=datetime.date(1991 + i % 20, 2, 3),
            consent_kind=ConsentKind.ACCESSION if i % 2 else ConsentKind.RATIFICATION,
        )
        for i, instrument in enumerate(instruments)
        for country in parties
    )
    return instruments
