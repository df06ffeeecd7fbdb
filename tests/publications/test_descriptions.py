"""Descriptions as the documents give them: N°4's stops mid-sentence and is marked as an
excerpt; N°22 has its own Portuguese text, marked lang="pt" (issue 12)."""

import pytest
from django.utils import translation

from publications.models import Publication
from tests.conftest import LANGUAGES, Page, url
from tests.publications.test_admin import ADD, errors, form_data

pytestmark = pytest.mark.django_db

N4 = "derecho-internacional-sobre-migracion-n4-migraciones-y-proteccion-de-los-derechos-humanos"
N22 = "direito-internacional-da-migracao-n-22-glossario-sobre-migracao"

EXCERPT = {
    "en": ("IOM organized.", "Excerpt", "it stops mid-sentence, and is shown as given"),
    "fr": ("l'OIM a organisé.", "Extrait", "elle s'arrête au milieu d'une phrase"),
    "es": ("la OIM organizó.", "Extracto", "se interrumpe a mitad de frase"),
}
PORTUGUESE = {
    "en": "Portuguese, as published with this edition",
    "fr": "Portugais, tel que publié avec cette édition",
    "es": "Portugués, tal como se publicó con esta edición",
}
GLOSSARY_TEXT = {
    "en": "Migration is increasingly being acknowledged",
    "fr": "De plus en plus, la migration apparaît",
    "es": "La migración se está convirtiendo",
}


def detail(client, slug, language):
    return Page(client.get(url("publications:detail", language, slug)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_n4_description_is_shown_as_given_and_marked_as_an_excerpt(client, language):
    ending, label, note = EXCERPT[language]
    description = detail(client, N4, language).section("description")

    assert ending in description
    assert "…" not in description
    assert f"{label} " in description and note in description


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_marks_the_excerpt_too(client, language):
    page = Page(client.get(url("publications:list", language) + "?year_from=2005&year_to=2005"))
    ending, label, _note = EXCERPT[language]

    (row,) = [p for p in page.texts("p") if ending in p]
    assert row.endswith(f"{ending} {label}")
    assert page.text().count(label) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_n22_shows_its_own_portuguese_text_next_to_the_translations(client, language):
    page = detail(client, N22, language)
    description = page.section("description")

    assert GLOSSARY_TEXT[language] in description
    assert PORTUGUESE[language] in page.texts("h3")
    (quote,) = page.elements("blockquote")
    assert quote["lang"] == "pt"
    original = page.html.split('<blockquote class="original-description" lang="pt">')[1]
    assert (
        original.split("</blockquote>")[0]
        .strip()
        .startswith("<p>Tem vindo a ser reconhecido que a migração")
    )


def test_other_publications_have_no_original_text_block(client):
    assert not detail(client, N4, "en").elements("blockquote")


def test_an_original_description_needs_a_language_other_than_the_sites(admin_client):
    response = admin_client.post(ADD, form_data(original_description="Texto original."))

    assert response.status_code == 200
    assert "original_description" in errors(response)
    assert not Publication.objects.filter(slug="a-new-handbook").exists()

    response = admin_client.post(
        ADD, form_data(language="pt", original_description="Texto original.")
    )
    assert response.status_code == 302
    with translation.override("en"):
        assert Publication.objects.get(slug="a-new-handbook").original_description
