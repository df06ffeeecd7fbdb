"""The page registry (tests/pages.py) shows what each entry says it shows, so that the
guards built on it check the pages and states they claim to."""

import pytest

from publications.models import Publication
from tests.conftest import LANGUAGES, Page
from tests.pages import PAGE_TYPES, STATUS, page_path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_answers_in_its_language(client, page_type, language):
    response = client.get(page_path(page_type, language))

    assert response.status_code == STATUS.get(page_type, 200)
    assert Page(response).lang == language


def catalogue(client, page_type):
    page = Page(client.get(page_path(page_type, "en")))
    assert "could not be understood" not in page.text()
    return page


def test_the_filtered_catalogue_applies_every_filter(client):
    expected = Publication.objects.filter(
        series__slug="international-migration-law", language="en", year__range=(2005, 2011)
    )
    page = catalogue(client, "publications-filtered")

    assert 0 < expected.count() < Publication.objects.count()
    assert f"{expected.count()} publications" in page.text()
    assert sorted(page.texts("h3")) == sorted(expected.values_list("title", flat=True))


def test_the_searched_and_empty_catalogues(client):
    assert "Glossary on Migration" in " ".join(catalogue(client, "publications-search").texts("h3"))

    empty = catalogue(client, "publications-no-result")
    assert empty.texts("h3") == []
    assert "No publication matches these filters." in empty.text()


def test_the_course_with_editions_shows_upcoming_and_past_ones(client):
    page = Page(client.get(page_path("course-with-editions", "en")))

    assert len(page.elements("article", **{"class": "edition"})) == 1
    assert "Past editions" in page.texts("h2")
    assert "Application deadline" in page.texts("dt")
    assert "Open" in page.texts("dd")
    assert len(page.elements("ul", **{"class": "documents"})) == 2
