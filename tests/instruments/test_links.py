"""Ways into the Migration Law Database from the rest of the site: the About page's focus area
"Migration Law Database", the research themes (to the instruments of their theme, only where
there are some), and a publication's related instruments (public ones only)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iml_portal.models import Publishable
from publications.models import Publication, Theme
from tests.conftest import LANGUAGES
from tests.instruments.builders import make_instrument, make_instruments
from units.models import FocusArea, ResearchTheme

pytestmark = pytest.mark.django_db


def themes_section(html):
    return html[html.index('id="history"') :]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_database_focus_area_links_to_the_instruments(client, language):
    area = FocusArea.objects.get(title_en="Migration Law Database")

    html = client.get(f"/{language}/about/").content.decode()

    card = re.search(rf'<li class="card" id="{area.anchor}">.*?</li>', html, re.S).group()
    assert f'href="/{language}/instruments/"' in card
    others = re.findall(r'<li class="card" id="focusarea-\d+">.*?</li>', html, re.S)
    assert sum(f'href="/{language}/instruments/"' in other for other in others) == 1


def test_a_current_focus_area_links_too(client):
    FocusArea.objects.filter(title_en="Migration Law Database").update(as_of=None)
    html = client.get("/en/about/").content.decode()
    focus = html[html.index('id="focus"') : html.index("</section>", html.index('id="focus"'))]
    assert 'href="/en/instruments/"' in focus


@pytest.mark.parametrize("language", LANGUAGES)
def test_research_themes_link_to_their_instruments_only_where_there_are_some(client, language):
    linked = ResearchTheme.objects.exclude(catalogue_theme=None).select_related("catalogue_theme")
    with_instruments, without = linked[0], linked[1]
    theme, other = with_instruments.catalogue_theme, without.catalogue_theme
    from instruments.models import Instrument

    for instrument in Instrument.objects.filter(themes__in=[theme, other]):
        instrument.themes.remove(theme, other)
    make_instrument(title="Themed convention", themes=[theme])
    make_instrument(title="Draft themed", themes=[other], status=Publishable.Status.DRAFT)

    html = client.get(f"/{language}/research/").content.decode()

    def item(research_theme):
        return re.search(rf'<li id="{research_theme.anchor}">.*?</li>', html, re.S).group()

    assert f'href="/{language}/instruments/?theme={theme.slug}"' in item(with_instruments)
    assert f"/{language}/publications/" in item(with_instruments)
    assert "/instruments/" not in item(without)  # only a draft has its theme
    for plain in ResearchTheme.objects.filter(catalogue_theme=None):
        assert "/instruments/" not in item(plain)


def test_the_research_page_costs_no_query_per_theme(client):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/research/")
        return len(captured)

    before = queries()
    themes = list(Theme.objects.all())
    for instrument in make_instruments(30):
        instrument.themes.set(themes)
    assert queries() == before <= 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_publication_lists_its_public_instruments(client, language):
    publication = Publication.objects.public().order_by("pk").first()
    make_instrument(
        title_en="Cited convention",
        title_fr="Convention citée",
        title_es="Convención citada",
        slug="cited-convention",
        related_publications=[publication],
    )
    make_instrument(
        title="Cited draft",
        slug="cited-draft",
        status=Publishable.Status.DRAFT,
        related_publications=[publication],
    )

    html = client.get(f"/{language}/publications/{publication.slug}/").content.decode()

    section = html[html.index('id="instruments"') :]
    section = section[: section.index("</section>")]
    title = {"en": "Cited convention", "fr": "Convention citée", "es": "Convención citada"}
    link = f'<a href="/{language}/instruments/cited-convention/" lang="{language}">'
    assert f"{link}{title[language]}</a>" in section
    assert "cited-draft" not in html


def test_a_publication_without_instruments_has_no_such_section(client):
    publication = Publication.objects.public().filter(instruments=None).first()
    html = client.get(f"/en/publications/{publication.slug}/").content.decode()
    assert 'id="instruments"' not in html


def test_the_instruments_cost_one_query_whatever_their_number(client):
    publication = Publication.objects.public().filter(instruments=None).first()

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/en/publications/{publication.slug}/")
        return len(captured)

    make_instrument(related_publications=[publication])
    one = queries()
    for instrument in make_instruments(40):
        instrument.related_publications.add(publication)
    assert queries() == one <= 10
