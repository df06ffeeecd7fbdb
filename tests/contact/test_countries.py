"""The contact form's countries: the UN's short names (M49/UNTERM) in the page's language,
sorted in it, without places no government writes from (issue 12)."""

import csv
import unicodedata

import pytest
from django.core import mail

from contact.models import ContactRequest
from iml_portal import countries
from tests.conftest import LANGUAGES, Page, url
from tests.contact.factories import form_data, make_request

pytestmark = pytest.mark.django_db

EXCLUDED = {"AQ", "BV", "CC", "CX", "GS", "HM", "IO", "NF", "SJ", "TF", "UM"}
UN_NAMES = {
    "en": {
        "TR": "Türkiye",
        "GB": "United Kingdom of Great Britain and Northern Ireland",
        "BO": "Bolivia (Plurinational State of)",
        "CI": "Côte d’Ivoire",
        "PS": "State of Palestine",
    },
    "fr": {
        "TR": "Türkiye",
        "GB": "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
        "NL": "Pays-Bas (Royaume des)",
        "SN": "Sénégal",
        "AE": "Émirats arabes unis",
    },
    "es": {
        "TR": "Türkiye",
        "NL": "Países Bajos (Reino de los)",
        "NZ": "Nueva Zelandia",
        "TT": "Trinidad y Tabago",
        "FK": "Islas Malvinas (Falkland)",
    },
}


def options(client, language):
    page = Page(client.get(url("contact:form", language)))
    html = page.html.split('<select name="country"', 1)[1].split("</select>", 1)[0]
    select = Page(type("Response", (), {"content": html.encode()})())
    return [option["value"] for option in select.elements("option")], select.texts("option")


def folded(name):
    text = unicodedata.normalize("NFKD", name)
    return "".join(char for char in text if not unicodedata.combining(char)).casefold()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_offers_the_un_short_names_in_the_pages_language(client, language):
    codes, names = options(client, language)

    assert codes[0] == "" and len(codes) == 1 + 237
    offered = dict(zip(codes[1:], names[1:], strict=True))
    for code, name in UN_NAMES[language].items():
        assert offered[code] == name
    assert not EXCLUDED & set(offered)
    # Sorted in the language, accents and case aside.
    assert [folded(n) for n in names[1:]] == sorted(folded(n) for n in names[1:])


def test_the_list_is_the_committed_data_without_its_exclusions():
    with countries.DATA.open(encoding="utf-8", newline="") as data:
        rows = list(csv.DictReader(data))

    assert len(rows) == 248
    assert {row["iso2"] for row in rows if row["exclude"] == "true"} == EXCLUDED
    assert set(countries.NAMES) == {row["iso2"] for row in rows} - EXCLUDED
    assert all(row[f"name_{code}"] for row in rows for code in LANGUAGES)
    assert (countries.DATA.parent / "un_country_names_SOURCES.md").exists()


@pytest.mark.parametrize("code", sorted(EXCLUDED))
def test_an_excluded_place_is_refused(client, code):
    response = client.post(url("contact:form"), form_data(country=code))

    assert response.status_code == 200
    assert f"Select a valid choice. {code} is not one of the available choices." in (
        Page(response).text()
    )
    assert not ContactRequest.objects.exists()


def test_the_code_is_stored_and_the_unit_reads_the_un_name(
    client, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("contact:form", "fr"), form_data(country="TR"))

    assert ContactRequest.objects.get().country.code == "TR"
    notification, _acknowledgement = mail.outbox
    assert "Country: Türkiye" in notification.body
    assert "Türkiye" in admin_client.get("/admin/contact/contactrequest/").content.decode()


def test_the_admin_names_follow_the_staff_members_language(admin_client):
    make_request(country="NL")

    page = admin_client.get("/admin/contact/contactrequest/", HTTP_ACCEPT_LANGUAGE="fr")

    assert "Pays-Bas (Royaume des)" in page.content.decode()


def test_each_languages_choices_are_built_once(client):
    countries._choices.cache_clear()
    for language in LANGUAGES:
        options(client, language)
        options(client, language)

    assert countries._choices.cache_info().misses == len(LANGUAGES)
