"""Every public page exists in English, French and Spanish, and says so to browsers and
search engines."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.conftest import LANGUAGES, Page, assert_language_links, url

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "units:home",
    "units:about",
    "units:team",
    "units:what_we_do",
    "units:research",
    "publications:list",
    "trainings:list",
    "contact:form",
]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("fr-CH,fr;q=0.9,en;q=0.5", "/fr/"), ("es", "/es/"), ("de-DE", "/en/"), ("", "/en/")],
)
def test_root_redirects_to_the_preferred_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


def test_unprefixed_page_redirects_to_a_prefixed_one(client):
    response = client.get("/team/", headers={"accept-language": "es"})

    assert response.status_code == 302
    assert response["Location"] == "/es/team/"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_alternates_canonical_and_switcher_point_to_the_same_page(client, name, language):
    paths = {code: url(name, code) for code in LANGUAGES}

    assert_language_links(client, paths, language)
    unprefixed = paths["en"].replace("/en/", "/", 1)
    assert client.get(unprefixed, headers={"accept-language": "es"})["Location"] == paths["es"]


def test_switcher_keeps_the_query_string(client):
    page = Page(client.get(url("units:team", "en") + "?page=2"))

    hrefs = {a["hreflang"]: a["href"] for a in page.elements("a") if a.get("hreflang")}
    assert hrefs["fr"] == "/fr/team/?page=2"


def test_empty_translation_falls_back_to_english(client):
    from units.models import TeamMember

    member = TeamMember.objects.get(name="Anne Althaus")
    member.role_fr = ""
    member.save()

    french = Page(client.get(url("units:team", "fr"))).text()
    assert "Anne Althaus IML Specialist" in french


@pytest.mark.parametrize("language", ["fr", "es"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po")

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.obsolete_entries() == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """makemessages, run on a copy of the project, finds no string the catalogues lack."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "staticfiles", "media", "*.sqlite3", "__pycache__"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--all", "--no-location", "-v0"]
        + ["--ignore=tests", "--ignore=bench"],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "iml_portal.test_settings"},
    )
    for language in ["fr", "es"]:
        path = Path("locale") / language / "LC_MESSAGES" / "django.po"
        committed = {entry.msgid for entry in polib.pofile(root / path)}
        fresh = {entry.msgid for entry in polib.pofile(copy / path) if not entry.obsolete}
        assert fresh - committed == set(), "run `make messages` and translate the new strings"


@pytest.mark.parametrize("language", LANGUAGES)
def test_opengraph_tags_describe_the_page(client, language):
    page = Page(client.get(url("units:team", language)))
    og = {meta["property"]: meta["content"] for meta in page.elements("meta") if "property" in meta}

    assert (
        og["og:title"] == {"en": "Our team", "fr": "Notre équipe", "es": "Nuestro equipo"}[language]
    )
    assert og["og:url"] == f"http://testserver{url('units:team', language)}"
    assert og["og:type"] == "website"
    assert og["og:description"]
    assert og["og:locale"] == {"en": "en_US", "fr": "fr_FR", "es": "es_ES"}[language]
    assert page.texts("title") == [f"{og['og:title']} · {page.texts('title')[0].split(' · ')[1]}"]


def test_titles_are_escaped_once(client):
    response = client.get(url("units:about", "fr"))

    assert Page(response).texts("title")[0].startswith("À propos de l'Unité DIM ·")
    assert b"&amp;#x27;" not in response.content and b"&amp;amp;" not in response.content
