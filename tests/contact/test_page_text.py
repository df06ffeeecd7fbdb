"""What the contact page promises matches what the system does, staff word it in the admin in
each language, and the retention periods come from the settings when the page is rendered
(issue 12)."""

from unittest import mock

import pytest
from django.core import mail
from django.db import DatabaseError
from django.utils import translation

from contact import notice
from contact.notice import ContactPageText
from tests.conftest import LANGUAGES, Page, url
from tests.contact.factories import form_data

pytestmark = pytest.mark.django_db

ADMIN_ADD = "/admin/contact/contactpagetext/add/"

# Today's wording, in each language: the acknowledgement (not the reply) is in the chosen
# language; both retention periods; what is kept for statistics.
DEFAULT = {
    "en": [
        "You will receive an acknowledgement by email, in the language you choose below",
        "the Unit's staff then answer your request by email",
        "365 days after your request is closed, or 730 days after its last change of status",
        "the request's reference, type, country, language, dates and status, without your name",
    ],
    "fr": [
        "Vous recevrez un accusé de réception par courriel, dans la langue que vous choisissez",
        "le personnel de l'Unité répond ensuite à votre demande par courriel",
        "365 jours après la clôture de votre demande, ou 730 jours après le dernier changement",
        "la référence, le type, le pays, la langue, les dates et le statut de la demande",
    ],
    "es": [
        "Recibirá un acuse de recibo por correo electrónico, en el idioma que elija más abajo",
        "el personal de la Unidad responderá a su solicitud por correo electrónico",
        "365 días después del cierre de su solicitud, o 730 días después del último cambio",
        "la referencia, el tipo, el país, el idioma, las fechas y el estado de la solicitud",
    ],
}
# What the page used to promise and the system does not do.
BROKEN_PROMISES = [
    "We will reply by email, in the language you choose",
    "Nous vous répondrons par courriel, dans la langue de votre choix",
    "Le responderemos por correo electrónico, en el idioma que elija",
    "count requests by type and country",
    "comptons les demandes",
    "contamos las solicitudes",
]


def form_page(client, language):
    return Page(client.get(url("contact:form", language)))


def wording(**texts):
    """Admin form data: each language's introduction and notice."""
    data = {}
    for code in LANGUAGES:
        data[f"introduction_{code}"] = texts.get("introduction", f"Intro {code}.")
        data[f"data_notice_{code}"] = texts.get(
            "data_notice",
            f"Notice {code}: {{retention_days}} closed, {{open_retention_days}} open.",
        )
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_default_wording_promises_only_what_happens(client, language):
    text = form_page(client, language).text()

    for snippet in DEFAULT[language]:
        assert snippet in text
    for promise in BROKEN_PROMISES:
        assert promise not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_retention_periods_come_from_the_settings_when_the_page_is_rendered(
    client, settings, language
):
    settings.CONTACT_RETENTION_DAYS = 90
    settings.CONTACT_OPEN_RETENTION_DAYS = 400

    text = form_page(client, language).text()

    assert "365" not in text and "730" not in text
    assert {"en": "90 days after", "fr": "90 jours après", "es": "90 días después"}[
        language
    ] in text
    assert {"en": "or 400 days", "fr": "ou 400 jours", "es": "o 400 días"}[language] in text


def test_the_admin_offers_todays_wording_in_each_language(admin_client):
    form = admin_client.get(ADMIN_ADD).context["adminform"].form

    assert "{retention_days}" in form.initial["data_notice_en"]
    assert form.initial["introduction_fr"].startswith("Les gouvernements et les partenaires")
    assert form.initial["data_notice_es"].startswith("Lo que conservamos")


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_wording_is_shown_in_each_language(admin_client, client, settings, language):
    settings.CONTACT_RETENTION_DAYS = 180
    response = admin_client.post(ADMIN_ADD, wording())
    assert response.status_code == 302

    text = form_page(client, language).text()

    assert f"Intro {language}." in text
    assert f"Notice {language}: 180 closed, 730 open." in text
    # Staff can change it, never add a second one or delete it.
    assert admin_client.get(ADMIN_ADD).status_code == 403
    assert admin_client.post("/admin/contact/contactpagetext/1/delete/").status_code == 403


@pytest.mark.parametrize(
    ("notice_text", "error"),
    [
        ("Kept {retention} days.", 'Unknown placeholder "{retention}"'),
        ("Kept {retention_days!r} and {open_retention_days}.", "Unknown placeholder"),
        ("Kept {retention_days:>9} and {open_retention_days}.", "Unknown placeholder"),
        ("Kept {retention_days.real} and {open_retention_days}.", "Unknown placeholder"),
        ("Kept {0} and {open_retention_days}.", 'Unknown placeholder "{0}"'),
        ("Kept {retention_days and {open_retention_days}.", "A brace is not part"),
        ("Kept retention_days} and {open_retention_days}.", "A brace is not part"),
        ("Kept 365 days.", "must give both retention periods"),
        ("Kept {retention_days} days.", "must give both retention periods"),
    ],
)
def test_a_wrong_placeholder_gets_a_clear_error(admin_client, notice_text, error):
    response = admin_client.post(ADMIN_ADD, wording(data_notice=notice_text))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(error in message for message in errors["data_notice_en"])
    assert not ContactPageText.objects.exists()


def test_a_brace_can_be_shown_by_doubling_it(admin_client, client):
    text = "{{Kept}} {retention_days} / {open_retention_days}."
    assert admin_client.post(ADMIN_ADD, wording(data_notice=text)).status_code == 302

    assert "{Kept} 365 / 730." in form_page(client, "en").text()


def test_a_broken_text_saved_behind_the_admins_back_shows_the_default(client):
    ContactPageText.objects.create(**wording(data_notice="Kept {days}."))

    response = client.get(url("contact:form", "fr"))

    assert response.status_code == 200
    assert DEFAULT["fr"][2] in Page(response).text()


def test_the_form_still_renders_when_the_wording_cannot_be_read(client):
    with (
        translation.override("en"),
        mock.patch.object(
            ContactPageText.objects, "filter", side_effect=DatabaseError("database is down")
        ),
    ):
        text = notice.page_text().data_notice

    assert "365 days after your request is closed" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_acknowledgement_gives_the_same_notice_in_the_requesters_language(
    client, django_capture_on_commit_callbacks, settings, language
):
    settings.CONTACT_OPEN_RETENTION_DAYS = 500
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("contact:form", "en"), form_data(language=language))

    _notification, acknowledgement = mail.outbox
    body = " ".join(acknowledgement.body.split())
    assert DEFAULT[language][3] in body
    assert {"en": "or 500 days", "fr": "ou 500 jours", "es": "o 500 días"}[language] in body
    assert {"en": "Preferred language", "fr": "Langue souhaitée", "es": "Idioma preferido"}[
        language
    ] in body
