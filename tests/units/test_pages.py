import pytest

from tests.conftest import LANGUAGES, Page, url

pytestmark = pytest.mark.django_db

UNIT_PAGES = ["units:home", "units:about", "units:team", "units:what_we_do", "units:research"]

# The main heading of each page in each language: UI strings and model content translated.
HEADINGS = {
    "units:home": {
        "en": "International Migration Law Unit",
        "fr": "Unité du droit international de la migration",
        "es": "Unidad de Derecho Internacional sobre Migración",
    },
    "units:about": {
        "en": "About the IML Unit",
        "fr": "À propos de l'Unité DIM",
        "es": "Acerca de la Unidad DIM",
    },
    "units:team": {"en": "Our team", "fr": "Notre équipe", "es": "Nuestro equipo"},
    "units:what_we_do": {"en": "What we do", "fr": "Nos activités", "es": "Qué hacemos"},
    "units:research": {
        "en": "Research on international migration law",
        "fr": "Recherche sur le droit international de la migration",
        "es": "Investigación en derecho internacional sobre migración",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", UNIT_PAGES)
def test_page_renders_in_each_language(client, name, language):
    response = client.get(url(name, language))

    assert response.status_code == 200
    page = Page(response)
    assert page.lang == language
    assert page.h1 == HEADINGS[name][language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_team_lists_the_five_members_in_the_documents_order(client, language):
    page = Page(client.get(url("units:team", language)))

    assert page.texts("h2") == [
        "Vassiliy Yuzhanin",
        "Anne Althaus",
        "Maria Eulalia Figueras Civit",
        "Gianna Sanchez",
        "Reshma Mathews",
    ]


def test_team_roles_are_translated(client):
    assert "Head, IML Unit" in Page(client.get(url("units:team", "en"))).text()
    assert "Chef de l'Unité DIM" in Page(client.get(url("units:team", "fr"))).text()
    assert "Jefe de la Unidad DIM" in Page(client.get(url("units:team", "es"))).text()


def test_what_we_do_shows_the_six_activities_and_the_support_offered(client):
    page = Page(client.get(url("units:what_we_do", "en")))
    text = page.text()

    assert len(page.elements("li", id="activity-1")) == 1
    for activity in [
        "IML trainings and capacity development",
        "Legislative and policy development and review",
        "Project development and programming support",
        "Liaison with UN Treaty Bodies",
        "Research and publications on IML",
        "Knowledge management on IML",
    ]:
        assert activity in text
    assert page.texts("h3")[:3] == [
        "Training and Capacity Building",
        "Legislative and Policy Development and Review",
        "UN Treaty and Charter Bodies",
    ]
    assert "assessing current policy or legislation in line with IML;" in text
    assert "Submitting inputs to the Universal Periodic Review" in text
    assert "More than 1,800" in text


def test_research_lists_the_ten_themes_in_order(client):
    page = Page(client.get(url("units:research", "es")))

    themes = page.elements("li")
    theme_ids = [li["id"] for li in themes if li.get("id", "").startswith("researchtheme-")]
    assert len(theme_ids) == 10
    assert "La protección internacional de las mujeres migrantes" in page.text()
    assert "Los derechos económicos y sociales" in page.text()


def test_about_shows_the_facts_focus_areas_funding_and_engagements(client):
    text = Page(client.get(url("units:about", "fr"))).text()

    assert "2004" in text
    assert "Département du droit international de la migration et des affaires juridiques" in text
    assert "budget de base de l'OIM" in text
    assert "Base de données sur le droit de la migration" in text
    assert "Groupe de travail interinstitutions sur le sauvetage en mer" in text
    assert "stratégie de Frontex" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_shows_contact_email_and_geneva_address(client, language):
    page = Page(client.get(url("units:home", language)))

    footer = page.texts("footer")[0]
    assert "iml@iom.int" in footer
    assert "17 route des Morillons" in footer
    assert page.elements("a", href="mailto:iml@iom.int")


def test_home_links_to_publications_trainings_and_contact(client):
    page = Page(client.get(url("units:home", "fr")))
    hrefs = {a.get("href") for a in page.elements("a")}

    assert {"/fr/publications/", "/fr/trainings/", "/fr/contact/"} <= hrefs


def test_navigation_marks_the_current_page(client):
    page = Page(client.get(url("units:team", "en")))

    (current,) = page.elements("a", **{"aria-current": "page"})
    assert current["href"] == "/en/team/"


def test_view_on_site_urls_point_to_existing_pages(client):
    from units.models import SupportArea, TeamMember, Unit

    for obj in [Unit.objects.get(), TeamMember.objects.first(), SupportArea.objects.first()]:
        path, _, anchor = obj.get_absolute_url().partition("#")
        assert client.get(path).status_code == 200
        if anchor:
            assert f'id="{anchor}"' in client.get(path).content.decode()
