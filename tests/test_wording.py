"""Wording as IOM writes it, in the fixtures and the catalogues alike (issue 12): no repeated
"sobre", "contrapartes gubernamentales", "Costo" for a fee, no doubled brackets."""

import json
import re
from decimal import Decimal

import polib
import pytest
from django.conf import settings

from tests.conftest import LANGUAGES, Page, url
from tests.trainings.factories import make_edition

pytestmark = pytest.mark.django_db

# What must not be written, and why.
FORBIDDEN = {
    r"\bsobre Derecho Internacional sobre\b": 'repeats "sobre": "de Derecho Internacional…"',
    r"\bhom[oó]log[oa]s gubernamentales\b": 'IOM writes "contrapartes gubernamentales"',
    r"\b[Tt]arifas?\b": 'a fee is a "costo"',
    r"\)\s*\(": "doubled brackets, e.g. Sanremo (Italie) (IIDH)",
}


def fixture_texts():
    """Every text of the seed content, except titles as published (never rewritten)."""
    for path in sorted(settings.FIXTURE_DIRS[0].glob("*.json")):
        for row in json.loads(path.read_text()):
            for name, value in row["fields"].items():
                if isinstance(value, str) and not (
                    row["model"] == "publications.publication" and name == "title"
                ):
                    yield f"{path.name} {row['model']} {row['pk']} {name}", value


def catalogue_texts():
    for language in ("fr", "es"):
        path = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                yield f"{language} catalogue: {entry.msgid[:40]}", text


@pytest.mark.parametrize("pattern", FORBIDDEN)
def test_the_fixtures_and_catalogues_are_written_as_iom_writes(pattern):
    found = [
        where for where, text in [*fixture_texts(), *catalogue_texts()] if re.search(pattern, text)
    ]
    assert found == [], FORBIDDEN[pattern]


FEE = {"en": "Fee", "fr": "Frais", "es": "Costo"}
SANREMO = {
    "en": "the International Institute of Humanitarian Law, Sanremo, Italy (IIHL) and IOM",
    "fr": "l'Institut international de droit humanitaire (IIDH), à Sanremo (Italie), et l'OIM",
    "es": "el Instituto Internacional de Derecho Humanitario (IIDH), con sede en Sanremo (Italia),",
}
COUNTERPARTS = {
    "en": "mainly government counterparts",
    "fr": "principalement des représentants de gouvernements",
    "es": "principalmente contrapartes gubernamentales",
}
NEW_YORK = {
    "en": "International Migration Law course in New York",
    "fr": "Cours sur le droit international de la migration à New York",
    "es": "Curso de Derecho Internacional sobre Migración en Nueva York",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_use_that_wording(client, language):
    make_edition("iml-course-sanremo", starts_in=30, fee_amount=Decimal("200"), fee_currency="EUR")

    course = Page(client.get(url("trainings:detail", language, "iml-course-sanremo")))
    assert FEE[language] in course.texts("dt")
    assert COUNTERPARTS[language].lower() in course.text().lower()
    what_we_do = Page(client.get(url("units:what_we_do", language))).text()
    assert SANREMO[language] in what_we_do
    trainings = Page(client.get(url("trainings:list", language))).text()
    assert NEW_YORK[language] in trainings
