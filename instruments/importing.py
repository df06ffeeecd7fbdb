"""Importing instruments and their States parties from CSV files (UTF-8, a header row).

A file's header says what it holds: an instruments file has a `slug` column, a parties file
`instrument` and `country` columns (the columns are listed in INSTRUMENT_COLUMNS and
PARTY_COLUMNS; the README describes them). Each row is validated in full (the model's own
`full_clean()`, its constraints included) before anything is written, and written in a
transaction of its own: a rejected row changes nothing, and the valid rows are imported. A
row whose values are those already recorded is left alone, so importing a file again changes
nothing. `import_file()` returns a Report: the counts, and each rejected row's line number
and reasons.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iml_portal.countries import NAMES

from .models import Concerned, Instrument, Participation

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = (
    "title",
    "short_title",
    "adopting_body",
    "adopted_at",
    "depositary",
    "text_url",
    "description",
)
TRANSLATED_COLUMNS = [f"{name}_{code}" for name in TRANSLATED for code in LANGUAGES]
INSTRUMENT_COLUMNS = [
    "slug",
    *TRANSLATED_COLUMNS,
    "kind",
    "level",
    "binding",
    "is_core",
    "parties_complete",
    "adopted_on",
    "in_force_on",
    "region",
    "states",
    "themes",
    "parent",
    "sources",
]
INSTRUMENT_REQUIRED = ["slug"]
PARTY_COLUMNS = [
    "instrument",
    "country",
    "signed_on",
    "is_party",
    "consent_on",
    "consent_kind",
    "source",
]
PARTY_REQUIRED = ["instrument", "country"]

INSTRUMENTS = "instruments"
PARTIES = "parties"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INVALID = object()  # a value that did not parse
_KEEP = object()  # an empty value for a field that keeps its own
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass
class Report:
    """What importing one file did."""

    name: str
    kind: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # [(line number, reason)]

    @property
    def ok(self):
        return not self.rejected

    def summary(self):
        return _(
            "%(name)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(rejected)d rejected."
        ) % {
            "name": self.name,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }


# Characters no text of the site may hold (line breaks and tabs aside): XML 1.0, and so the
# feeds and OAI-PMH, cannot carry them, and PostgreSQL refuses NUL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _row_key(kind, values):
    if kind == INSTRUMENTS:
        return values.get("slug", "").lower()
    return (values.get("instrument", "").lower(), values.get("country", "").upper())


class RowError(Exception):
    """A row that cannot be imported; `reasons` says why."""

    def __init__(self, reasons):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def import_file(file, name=""):
    """Import the instruments or the parties of `file` (an open text file, UTF-8 CSV)."""
    report = Report(name=name or getattr(file, "name", "") or "-")
    reader = csv.DictReader(file)
    try:
        columns = [(column or "").strip().lstrip("\ufeff") for column in reader.fieldnames or []]
    except csv.Error as error:
        report.rejected.append((1, str(error)))
        return report
    reader.fieldnames = columns
    if "slug" in columns:
        report.kind, allowed, required, import_row = (
            INSTRUMENTS,
            INSTRUMENT_COLUMNS,
            INSTRUMENT_REQUIRED,
            import_instrument,
        )
    elif "instrument" in columns or "country" in columns:
        report.kind, allowed, required, import_row = (
            PARTIES,
            PARTY_COLUMNS,
            PARTY_REQUIRED,
            import_party,
        )
    else:
        report.rejected.append(
            (
                1,
                _(
                    "The header names neither a “slug” column (instruments) nor “instrument” "
                    "and “country” columns (States parties)."
                ),
            )
        )
        return report
    problems = _header_problems(columns, allowed, required)
    if problems:
        report.rejected.append((1, " ".join(problems)))
        return report

    seen = {}  # a row's key (slug, or instrument and country): the line it was first on
    try:
        for row in reader:
            line = reader.line_num
            try:
                if None in row or None in row.values():
                    raise RowError([_("The row does not have one value per column.")])
                values = {column: value.strip() for column, value in row.items()}
                if any(CONTROL_CHARACTERS.search(value) for value in values.values()):
                    raise RowError([_("A value holds a control character (e.g. NUL).")])
                key = _row_key(report.kind, values)
                if key in seen:
                    raise RowError(
                        [
                            _("Line %(line)d already gives this row: keep one of the two.")
                            % {"line": seen[key]}
                        ]
                    )
                seen[key] = line
                outcome = import_row(values)
            except RowError as error:
                report.rejected.append((line, " ".join(error.reasons)))
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
    except (csv.Error, UnicodeDecodeError) as error:
        report.rejected.append((reader.line_num + 1, _("Unreadable: %(error)s") % {"error": error}))
    return report


def _header_problems(columns, allowed, required):
    problems = []
    unknown = [column for column in columns if column not in allowed]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown) or '""'}
        )
    repeated = sorted({column for column in columns if columns.count(column) > 1})
    if repeated:
        problems.append(_("Repeated columns: %(columns)s.") % {"columns": ", ".join(repeated)})
    missing = [column for column in required if column not in columns]
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return problems


# Instruments


def import_instrument(values):
    """Create or update the instrument of one row; "created", "updated" or "unchanged"."""
    errors = []
    slug = values["slug"]
    if not slug:
        raise RowError([_("slug: required.")])
    instrument = Instrument.objects.filter(slug=slug).first()
    created = instrument is None
    if created:
        instrument = Instrument(slug=slug)
    before = _field_values(instrument)

    for column in TRANSLATED_COLUMNS:
        if column in values:
            text = values[column]
            setattr(instrument, column, None if not text and _nullable(column) else text)
    for column in ("kind", "level", "region", "sources"):
        if column in values:
            setattr(instrument, column, values[column])
    if "region" in values and values["region"].isdigit():
        instrument.region = values["region"].zfill(3)  # "2" as well as "002"
    _set_parsed(instrument, values, ("binding", "is_core", "parties_complete"), _boolean, errors)
    _set_parsed(instrument, values, ("adopted_on", "in_force_on"), _date, errors)
    if "parent" in values:
        instrument.parent = _parent(instrument, values["parent"], errors)
    themes = _themes(values["themes"], errors) if "themes" in values else None
    states = _countries("states", values["states"], errors) if "states" in values else None

    # The title in the default language is required (the others fall back to it); the model's
    # own check reads the active language's, so the untranslated fields are checked instead.
    if not getattr(instrument, f"title_{LANGUAGES[0]}"):
        errors.append(_("%(column)s: required.") % {"column": f"title_{LANGUAGES[0]}"})
    _full_clean(instrument, errors, exclude=TRANSLATED)
    if errors:
        raise RowError(errors)

    changed = created or _field_values(instrument) != before
    if themes is not None and not changed:
        changed = set(instrument.themes.values_list("pk", flat=True)) != {t.pk for t in themes}
    if states is not None and not changed:
        changed = set(instrument.states.values_list("country", flat=True)) != set(states)
    if not changed:
        return "unchanged"
    with transaction.atomic():
        instrument.save()
        if themes is not None:
            instrument.themes.set(themes)
        if states is not None:
            instrument.states.exclude(country__in=states).delete()
            known = set(instrument.states.values_list("country", flat=True))
            Concerned.objects.bulk_create(
                Concerned(instrument=instrument, country=code)
                for code in states
                if code not in known
            )
    return "created" if created else "updated"


def _nullable(column):
    return Instrument._meta.get_field(column).null


def _parent(instrument, slug, errors):
    if not slug:
        return None
    if slug == instrument.slug:
        errors.append(_("parent: an instrument cannot supplement itself."))
        return None
    parent = Instrument.objects.filter(slug=slug).first()
    if parent is None:
        errors.append(_("parent: unknown instrument “%(slug)s”.") % {"slug": slug})
    return parent


def _themes(text, errors):
    slugs = list(dict.fromkeys(text.split()))
    Theme = Instrument.themes.field.related_model
    themes = list(Theme.objects.filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {theme.slug for theme in themes})
    if unknown:
        errors.append(_("themes: unknown theme “%(slugs)s”.") % {"slugs": "”, “".join(unknown)})
    return themes


# States parties


def import_party(values):
    """Create or update the participation of one row; "created", "updated" or
    "unchanged"."""
    errors = []
    instrument = None
    if not values["instrument"]:
        errors.append(_("instrument: required."))
    else:
        instrument = Instrument.objects.filter(slug=values["instrument"]).first()
        if instrument is None:
            errors.append(
                _("instrument: unknown instrument “%(slug)s”.") % {"slug": values["instrument"]}
            )
    codes = _countries("country", values["country"], errors)
    if not values["country"]:
        errors.append(_("country: required."))
    elif len(codes) > 1:
        errors.append(_("country: give one country code."))

    participation = None
    if instrument and len(codes) == 1:
        participation = Participation.objects.filter(
            instrument=instrument, country=codes[0]
        ).first()
    created = participation is None
    if created:
        participation = Participation(instrument=instrument, country=codes[0] if codes else "")
    before = _field_values(participation)
    _set_parsed(participation, values, ("signed_on", "consent_on"), _date, errors)
    if "consent_kind" in values:
        participation.consent_kind = values["consent_kind"].lower()
    if "source" in values:
        participation.source = values["source"]
    _set_parsed(participation, values, ("is_party",), _boolean, errors)
    if created and not values.get("is_party"):
        # Not said: a State with only a signature recorded is a signatory, any other a party.
        participation.is_party = not (participation.signed_on and not participation.consent_on)
    if errors:  # no instrument or no country to validate the rest against
        raise RowError(errors)

    _full_clean(participation, errors)
    if errors:
        raise RowError(errors)
    if not created and _field_values(participation) == before:
        return "unchanged"
    participation.save()
    return "created" if created else "updated"


# Values


def _field_values(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in ("updated", "created", "adopted_year")
    }


def _set_parsed(instance, values, columns, parse, errors):
    """Set each of `columns` found in `values`, parsed; a value that does not parse is
    reported, and its field is left out of the model's validation (no second message)."""
    for column in columns:
        if column not in values:
            continue
        value = parse(column, values[column], errors)
        if value is _INVALID:
            _invalid(instance).add(column)
        elif value is not _KEEP:
            setattr(instance, column, value)


def _invalid(instance):
    """The fields of `instance` whose values did not parse (an attribute of the unsaved
    instance, gone with it)."""
    if not hasattr(instance, "_import_invalid"):
        instance._import_invalid = set()
    return instance._import_invalid


def _date(column, text, errors):
    if not text:
        return None
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        errors.append(
            _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"column": column, "value": text}
        )
        return _INVALID


def _boolean(column, text, errors):
    if not text:
        return _KEEP  # not said: the current value (or the default) stays
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    errors.append(
        _("%(column)s: “%(value)s” is neither true nor false.") % {"column": column, "value": text}
    )
    return _INVALID


def _countries(column, text, errors):
    codes = list(dict.fromkeys(code.upper() for code in text.split()))
    unknown = [code for code in codes if code not in NAMES]
    if unknown:
        errors.append(
            _("%(column)s: unknown country code “%(codes)s”.")
            % {"column": column, "codes": "”, “".join(unknown)}
        )
    return [code for code in codes if code in NAMES]


def _full_clean(instance, errors, exclude=()):
    """The model's own validation (fields, uniqueness, constraints), its messages prefixed
    with the column they concern."""
    try:
        instance.full_clean(exclude={*_invalid(instance), *exclude})
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                if name == NON_FIELD_ERRORS:
                    errors.append(message)
                else:
                    errors.append(f"{name}: {message}")
