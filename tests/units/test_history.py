"""Facts that only the Unit's 2011 description gives are dated "as of 2011" and shown apart
from what is current, in every language (issue 12)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.conftest import LANGUAGES, Page, url
from units.models import Engagement, FocusArea, ResearchActivity, ResearchTheme, Unit, Workshop

pytestmark = pytest.mark.django_db

HISTORY = {"en": "History", "fr": "Historique", "es": "Historia"}
DEPARTMENT = {
    "en": "International Migration Law and Legal Affairs Department",
    "fr": "Département du droit international de la migration et des affaires juridiques",
    "es": "Departamento de Derecho Internacional sobre Migración y Asuntos Jurídicos",
}
ABOUT_HEADINGS = {
    "en": [
        "Department as of 2011",
        "Focus areas as of 2011",
        "Funding as of 2011",
        "Memberships and engagements as of 2011",
    ],
    "fr": [
        "Département en 2011",
        "Domaines d'action en 2011",
        "Financement en 2011",
        "Participations et engagements en 2011",
    ],
    "es": [
        "Departamento en 2011",
        "Ámbitos de actuación en 2011",
        "Financiación en 2011",
        "Participación y compromisos en 2011",
    ],
}
ENGAGEMENT = {
    "en": "The Unit represented IOM in the International Steering Committee",
    "fr": "L'Unité représentait l'OIM au sein du Comité directeur international",
    "es": "La Unidad representaba a la OIM en el Comité Directivo Internacional",
}
RESEARCH = {
    "en": ("Research planned as of 2011", "future legal research would focus on"),
    "fr": ("Recherches prévues en 2011", "ses futures recherches juridiques porteraient sur"),
    "es": (
        "Investigaciones previstas en 2011",
        "sus futuras investigaciones jurídicas se centrarían en",
    ),
}
THEME = {
    "en": "Access to justice for migrants",
    "fr": "L'accès des migrants à la justice",
    "es": "El acceso de los migrantes a la justicia",
}
WORKSHOPS = {
    "en": "Workshops and activities as of 2011",
    "fr": "Ateliers et activités en 2011",
    "es": "Talleres y actividades en 2011",
}


def test_the_seed_dates_every_entry_of_the_2011_description():
    unit = Unit.objects.get()

    assert (unit.department_as_of, unit.funding_as_of) == (2011, 2011)
    for model in [FocusArea, ResearchTheme, ResearchActivity, Workshop, Engagement]:
        assert model.objects.count() > 0
        assert set(model.objects.values_list("as_of", flat=True)) == {2011}, model
        assert not model.objects.current().exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_about_shows_the_2011_facts_in_its_history_section_only(client, language):
    page = Page(client.get(url("units:about", language)))
    history = page.section("history")

    assert HISTORY[language] in page.texts("h2")
    # The department of 2011 is not among the current facts, but in the history, dated.
    facts = page.texts("dl")[0]
    assert DEPARTMENT[language] not in facts
    assert DEPARTMENT[language] in history
    assert [h for h in page.texts("dt") + page.texts("h3") if "2011" in h] == ABOUT_HEADINGS[
        language
    ]
    assert ENGAGEMENT[language] in history
    # Nothing of 2011 is left among the current sections.
    assert page.section("engagements") == page.section("focus") == page.section("funding") == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_research_shows_the_2011_themes_as_planned_then(client, language):
    page = Page(client.get(url("units:research", language)))
    history = page.section("history")
    heading, sentence = RESEARCH[language]

    assert page.section("themes") == ""
    assert heading in page.texts("h3")
    assert sentence in history
    assert THEME[language] in history
    theme_ids = [li["id"] for li in page.elements("li") if li.get("id", "").startswith("research")]
    assert len(theme_ids) == 10 + 4  # the ten themes and the four research activities


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["units:what_we_do", "trainings:list"])
def test_workshops_of_2011_carry_their_year(client, name, language):
    page = Page(client.get(url(name, language)))

    assert WORKSHOPS[language] in page.texts("h3")
    assert len([li for li in page.elements("li") if li.get("id", "").startswith("workshop-")]) == 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entry_without_a_year_is_current_again(client, language):
    ResearchTheme.objects.filter(pk=7).update(as_of=None)
    Unit.objects.update(department_as_of=None)

    page = Page(client.get(url("units:research", language)))
    assert THEME[language] in page.section("themes")
    assert THEME[language] not in page.section("history")
    about = Page(client.get(url("units:about", language)))
    assert DEPARTMENT[language] in about.texts("dl")[0]
    assert DEPARTMENT[language] not in about.section("history")


def test_current_and_historical_split_on_the_year():
    ResearchTheme.objects.filter(pk__in=[1, 2]).update(as_of=None)
    ResearchTheme.objects.filter(pk=3).update(as_of=2009)

    assert list(ResearchTheme.objects.current().values_list("pk", flat=True)) == [1, 2]
    historical = list(ResearchTheme.objects.historical().values_list("as_of", "pk"))
    # The most recent year first, each year in display order.
    assert historical == [(2011, pk) for pk in range(4, 11)] + [(2009, 3)]


@pytest.mark.parametrize("year", [1899, 2101])
def test_a_year_out_of_range_is_refused(year):
    theme = ResearchTheme.objects.get(pk=1)
    theme.as_of = year
    with pytest.raises(ValidationError):
        theme.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResearchTheme.objects.filter(pk=1).update(as_of=year)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.update(department_as_of=year)


def test_staff_set_the_year_in_the_admin(admin_client):
    response = admin_client.get("/admin/units/researchtheme/")
    assert response.status_code == 200
    assert "as_of" in response.content.decode()
    form = admin_client.get("/admin/units/unit/1/change/").content.decode()
    assert 'name="department_as_of"' in form
    assert 'name="funding_as_of"' in form
    for model in ["focusarea", "researchactivity", "workshop", "engagement"]:
        page = admin_client.get(f"/admin/units/{model}/1/change/").content.decode()
        assert 'name="as_of"' in page, model
