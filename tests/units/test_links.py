"""Links from the Unit's pages: research themes to the catalogue filtered by their matching
theme (a relation staff edit), "through the national IOM mission" to IOM's list of country
offices, whose address comes with its source (issue 12)."""

import pytest
from django.template import Context, Template

from tests.conftest import LANGUAGES, Page, url
from units.models import ResearchTheme, Unit

pytestmark = pytest.mark.django_db

COUNTRY_OFFICES = "https://www.iom.int/country-offices"
MISSION = {
    "en": "national IOM mission",
    "fr": "mission de l'OIM dans votre pays",
    "es": "misión de la OIM en su país",
}
# Research theme → the catalogue theme that matches it (the others match none).
MATCHES = {
    5: ("detention-and-alternatives", "Detention and alternatives to detention"),
    6: ("border-management-and-biometrics", "Border management and biometrics"),
    7: ("access-to-justice", "Access to justice"),
}
LINK_TEXT = {
    "en": "Publications: Access to justice",
    "fr": "Publications : Accès à la justice",
    "es": "Publicaciones: Acceso a la justicia",
}


def theme_links(page):
    return [a for a in page.elements("a") if "/publications/?theme=" in a.get("href", "")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_matched_research_theme_links_to_the_filtered_catalogue(client, language):
    page = Page(client.get(url("units:research", language)))
    catalogue = url("publications:list", language)

    assert [a["href"] for a in theme_links(page)] == [
        f"{catalogue}?theme={slug}" for slug, _name in MATCHES.values()
    ]
    assert LINK_TEXT[language] in page.texts("a")
    for slug, _name in MATCHES.values():
        filtered = Page(client.get(f"{catalogue}?theme={slug}"))
        assert filtered.elements("p", role="status")
        assert filtered.elements("li", **{"class": "publication"})


def test_the_mapping_is_explicit_and_left_empty_where_nothing_matches():
    mapped = {
        theme.pk: (theme.catalogue_theme.slug, theme.catalogue_theme.name_en)
        for theme in ResearchTheme.objects.exclude(catalogue_theme=None)
    }
    assert mapped == MATCHES
    assert ResearchTheme.objects.filter(catalogue_theme=None).count() == 7


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_research_theme_without_a_match_shows_no_link(client, language):
    ResearchTheme.objects.update(catalogue_theme=None)

    page = Page(client.get(url("units:research", language)))

    assert theme_links(page) == []


def test_staff_map_a_theme_in_the_admin(admin_client):
    page = admin_client.get("/admin/units/researchtheme/").content.decode()
    assert 'name="form-0-catalogue_theme"' in page
    form = admin_client.get("/admin/units/researchtheme/1/change/").content.decode()
    assert 'name="catalogue_theme"' in form


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_national_iom_mission_links_to_the_country_offices(client, language):
    page = Page(client.get(url("units:what_we_do", language)))

    (link,) = page.elements("a", href=COUNTRY_OFFICES)
    assert MISSION[language] in page.texts("a")
    area = page.html.split('id="legislative-policy-development"', 1)[1].split("</section>")[0]
    assert f'<a href="{COUNTRY_OFFICES}">' in area
    assert link == {"href": COUNTRY_OFFICES}


def test_the_address_comes_with_its_source_shown_to_staff(admin_client):
    unit = Unit.objects.get()
    assert unit.country_offices_url == COUNTRY_OFFICES
    # The public record is the page itself (research/site_links.json, "2_country_offices").
    assert unit.country_offices_source == "https://www.iom.int/country-offices"

    form = admin_client.get("/admin/units/unit/1/change/").content.decode()
    assert 'name="country_offices_url"' in form
    assert 'name="country_offices_source" value="https://www.iom.int/country-offices"' in form


def test_without_an_address_the_words_stay_plain_text(client):
    Unit.objects.update(country_offices_url="")

    page = Page(client.get(url("units:what_we_do", "en")))

    assert not page.elements("a", href=COUNTRY_OFFICES)
    assert "Through the national IOM mission, the IML Unit can assist you" in page.text()


def test_link_words_escapes_everything():
    template = Template("{% load links %}{% link_words text words url %}")
    html = template.render(
        Context(
            {
                "text": "Ask <b>the</b> mission & co.\n\nSecond.",
                "words": "mission & co",
                "url": 'https://example.org/?a=1&b="2"',
            }
        )
    )

    assert html == (
        '<p>Ask &lt;b&gt;the&lt;/b&gt; <a href="https://example.org/?a=1&amp;b=&quot;2&quot;">'
        "mission &amp; co</a>.</p>\n\n<p>Second.</p>"
    )
