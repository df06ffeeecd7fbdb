"""One number format per language, through Django's localisation: 1,800 in English, 1 800
in French (a non-breaking space), 1.800 in Spanish; years are never grouped (issue 12)."""

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings

from tests.conftest import LANGUAGES, Page, url
from tests.publications.factories import make_publications
from tests.trainings.factories import make_edition

pytestmark = pytest.mark.django_db

SEPARATOR = {"en": ",", "fr": "\xa0", "es": "."}
MORE_THAN = {"en": "More than 1,800", "fr": "Plus de 1\xa0800", "es": "Más de 1.800"}


def html(client, name, language, *args, query=""):
    response = client.get(url(name, language, *args) + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("trainings:list", []),
        ("trainings:detail", ["iml-course-sanremo"]),
        ("units:what_we_do", []),
    ],
)
def test_the_iml_course_figure_follows_the_language(client, name, args, language):
    assert MORE_THAN[language] in html(client, name, language, *args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_fees_and_the_message_limit_follow_the_language(client, language):
    make_edition("iml-course-sanremo", starts_in=20, fee_amount=Decimal("1500"), fee_currency="EUR")
    sep = SEPARATOR[language]

    assert f"1{sep}500 EUR" in html(client, "trainings:detail", language, "iml-course-sanremo")
    assert f"5{sep}000" in html(client, "contact:form", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_counts_follow_the_language(client, language):
    make_publications(1000)
    sep = SEPARATOR[language]
    word = {"en": "publications", "fr": "publications", "es": "publicaciones"}[language]

    catalogue = html(client, "publications:list", language)
    assert f"1{sep}035 {word}" in catalogue
    assert f"(1{sep}000 " in catalogue  # the new series' count in its filter
    assert "1035" not in catalogue
    series = html(client, "publications:series", language, "test-series")
    assert f"1{sep}000 {word}" in series


@pytest.mark.parametrize("language", LANGUAGES)
def test_years_and_numbers_in_a_series_are_never_grouped(client, language):
    about = Page(client.get(url("units:about", language)))
    assert "2004" in about.texts("dd")
    page = Page(
        client.get(
            url(
                "publications:detail",
                language,
                "international-migration-law-n1-glossary-on-migration",
            )
        )
    )
    meta = {m["name"]: m["content"] for m in page.elements("meta") if m.get("name")}
    assert meta["citation_publication_date"] == "2004"
    assert "2004" in page.texts("dd")
    trainings = html(client, "trainings:list", language)
    assert "2005" in trainings and "2,005" not in trainings and "2.005" not in trainings


def test_no_figure_is_hard_coded_in_the_fixtures_texts():
    """A quantity in free text would keep one language's format: it belongs in a number field.
    Years (1900–2099), codes (CH-1211, N°22) and small numbers ("the 27 EU Member States")
    are not quantities to group."""
    grouped = re.compile(r"\d{1,3}(?:[,.\s\xa0\u202f]\d{3})+(?!\d)")
    long_number = re.compile(r"(?<![\d°-])\d{4,}(?!\d)")
    # An address is not text a reader reads (its digits are identifiers), nor is a date.
    address = re.compile(r"https?://\S+")
    found = []
    for path in sorted(settings.FIXTURE_DIRS[0].glob("*.json")):
        for row in json.loads(path.read_text()):
            for name, value in row["fields"].items():
                if not isinstance(value, str) or name in {"slug", "created", "updated"}:
                    continue
                value = address.sub("", value)
                numbers = grouped.findall(value) + [
                    n for n in long_number.findall(value) if not 1900 <= int(n) <= 2099
                ]
                if numbers:
                    found.append((path.name, row["model"], row["pk"], name, numbers))
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_retention_periods_are_grouped_too(client, settings, language):
    settings.CONTACT_OPEN_RETENTION_DAYS = 1095

    assert f"1{SEPARATOR[language]}095" in html(client, "contact:form", language)
