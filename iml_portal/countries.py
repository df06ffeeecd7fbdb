"""The countries of the site (the contact form, the Migration Law Database): the United
Nations' short names (UNSD M49, based on UNTERM) in English, French and Spanish, from
iml_portal/data/un_country_names.csv (its sources and the reasons for each exclusion are in
un_country_names_SOURCES.md). Places from which no government would write (Antarctica, Bouvet
Island, …: the file's `exclude` column) are left out. django-countries stays the field (ISO
3166-1 alpha-2 codes in the database); only its list of names is ours.

The file is read once, when the module is first imported; the form's sorted choices are
built once per language and kept (`choices()`)."""

import csv
import functools
import unicodedata
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import Countries

DATA = Path(__file__).resolve().parent / "data" / "un_country_names.csv"


class Region(models.TextChoices):
    """The UN's geographical regions (M49 codes), for regional instruments and counts."""

    AFRICA = "002", _("Africa")
    AMERICAS = "019", _("Americas")
    ASIA = "142", _("Asia")
    EUROPE = "150", _("Europe")
    OCEANIA = "009", _("Oceania")


def _read():
    """{code: {"en": name, "fr": name, "es": name}} and {code: region} for every place not
    excluded."""
    with DATA.open(encoding="utf-8", newline="") as data:
        rows = [row for row in csv.DictReader(data) if row["exclude"] != "true"]
    names = {
        row["iso2"]: {code: row[f"name_{code}"] for code, _name in settings.LANGUAGES}
        for row in rows
    }
    return names, {row["iso2"]: row["region"] for row in rows}


NAMES, REGIONS = _read()


def name(code):
    """The UN short name of `code` in the active language (English outside the site's
    languages)."""
    names = NAMES[code]
    return names.get((get_language() or "").split("-")[0]) or names[settings.LANGUAGE_CODE]


def region(code):
    """The M49 code of `code`'s region (a Region value)."""
    return REGIONS[code]


def collation_key(text):
    """Alphabetical, accents and case aside: "Émirats" with the E, "República de Corea"
    before "República Democrática…" (django-countries' own order puts capitals first)."""
    text = str(text)
    if text.isascii():  # most titles: nothing to take apart (and much faster)
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char)).casefold()


def sort_key(country):
    return collation_key(country.name)


class UNCountries(Countries):
    """django-countries' list, restricted to the UN names above; names follow the active
    language, and so does their order."""

    only = [(code, lazy(name, str)(code)) for code in NAMES]

    def __iter__(self):
        return iter(sorted(super().__iter__(), key=sort_key))


@functools.cache
def _choices(language):
    return [(country.code, country.name) for country in UNCountries()]


def choices():
    """(code, name) pairs sorted by name, in the active language: built once per language."""
    return _choices(get_language())
