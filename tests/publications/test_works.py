"""A work (a text and its language editions) in the one-row-per-work list: named by the work,
in a language it was published in only, with the series of each edition (issue 12)."""

import re
from html import escape

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import Publication, Series, Work
from tests.conftest import LANGUAGES, Page, url

pytestmark = pytest.mark.django_db

EU_LAWS = {
    # The study has an English edition (N°16) and a French one (N°17), no Spanish one.
    "en": ("Laws for Legal Immigration in the 27 EU Member States", "en"),
    "fr": ("Législations relatives à l'immigration légale dans les 27 États membres de l'UE", "fr"),
    "es": ("Laws for Legal Immigration in the 27 EU Member States", "en"),
}
GLOSSARY = {
    "en": ("Glossary on Migration", "18 editions"),
    "fr": ("Glossaire de la migration", "18 éditions"),
    "es": ("Glosario sobre Migración", "18 ediciones"),
}
SERIES = {
    "en": ("International Migration Law series", "Other legal publications and handbooks"),
    "fr": (
        "Série Droit international de la migration",
        "Autres publications juridiques et manuels",
    ),
    "es": (
        "Serie Derecho Internacional sobre Migración",
        "Otras publicaciones jurídicas y manuales",
    ),
}


def add_edition(work, title, language, **fields):
    """A new edition of `work` in the International Migration Law series."""
    return Publication.objects.create(
        series=Series.objects.get(slug="international-migration-law"),
        title=title,
        slug=f"test-edition-{language}",
        year=2012,
        language=language,
        work=work,
        **fields,
    )


def by_work(client, language, query=""):
    return Page(client.get(url("publications:list", language) + "?group=work" + query))


def row(page, title):
    """The HTML of the list row whose heading links `title`."""
    start = page.html.index(f">{escape(title)}</a></h3>")
    return page.html[start : page.html.index("</li>\n", start)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_work_title_appears_only_in_a_language_it_was_published_in(client, language):
    page = by_work(client, language)
    title, title_language = EU_LAWS[language]

    assert title in page.texts("h3")
    # Marked with the language it is in, for screen readers.
    assert f'lang="{title_language}">{escape(title)}</a></h3>' in page.html
    assert "Legislación sobre inmigración legal" not in page.html


def test_no_work_has_a_title_in_a_language_without_an_edition():
    for work in Work.objects.prefetch_related("editions"):
        languages = {edition.language for edition in work.editions.all()}
        for code, _name in settings.LANGUAGES:
            if getattr(work, f"title_{code}"):
                assert code in languages, (work, code)


def test_the_rule_falls_back_to_an_edition_the_work_has():
    work = Work.objects.get(title_en="Laws for Legal Immigration in the 27 EU Member States")

    assert work.title_in("es") == ("Laws for Legal Immigration in the 27 EU Member States", "en")
    assert work.title_in("fr").language == "fr"
    # A title typed in a language with no edition is still not shown.
    work.title_es = "Un título que nunca se publicó"
    work.save()
    assert work.title_in("es").language == "en"


def test_a_work_published_only_outside_the_site_languages_shows_its_edition_title():
    work = Work.objects.create(title_en="Synthetic work")
    add_edition(work, "Глоссарий по миграции", "ru")

    assert work.title_in("en") == ("Глоссарий по миграции", "ru")
    assert work.title_in("es") == ("Глоссарий по миграции", "ru")
    assert Work(title_en="No edition yet").title_in("fr") == ("No edition yet", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_row_is_named_by_the_work_with_each_editions_series(client, language):
    page = by_work(client, language)
    title, count = GLOSSARY[language]
    numbered, other = SERIES[language]

    glossary = row(page, title)
    assert count in glossary
    # No series is given for the work as a whole: each edition is listed under its own.
    assert f"{other} · " not in glossary
    terms = [term.strip() for term in glossary.split("<dt>")[1:]]
    # Each series named, and linked to its page.
    assert [re.sub(r"<[^>]+>", "", term.split("</dt>")[0]) for term in terms] == [numbered, other]
    assert 'href="/' in terms[0].split("</dt>")[0]
    numbered_editions, other_editions = (term.split("<dd>")[1].split("</dd>")[0] for term in terms)
    assert numbered_editions.count("<a ") == 16
    # The two of 2019, in English and in Spanish.
    assert other_editions.count("<a ") == 2 and other_editions.count("(2019)") == 2


def test_the_editions_and_their_series_cost_one_query(client):
    def queries(query):
        cache.clear()  # measured as rendered, not served from the page cache
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("publications:list", "en") + query).status_code == 200
        return len(context.captured_queries)

    # The grouped list reads the editions of the rows shown, with their series, at once.
    assert queries("?group=work&sort=title") == queries("?sort=title") + 1


def test_a_draft_edition_gives_its_work_no_language_yet():
    work = Work.objects.get(title_en="Laws for Legal Immigration in the 27 EU Member States")
    work.title_es = "Un título aún no publicado"
    work.save()
    add_edition(work, "Un título aún no publicado", "es", status=Publication.Status.DRAFT)

    assert work.title_in("es").language == "en"
