"""Bad input of every kind gets a clear, translated error next to its field, keeps what was
typed, saves nothing and never causes a server error."""

import pytest
from django.core import mail
from django.test import Client

from contact.models import ContactRequest
from tests.conftest import Page, url
from tests.contact.factories import form_data

pytestmark = pytest.mark.django_db

SINGLE_LINE = "Write this on a single line, without line breaks or control characters."
CONTROL = "Remove the control characters from this text."
INVISIBLE = (
    "Remove the invisible characters (such as text-direction marks or zero-width spaces) "
    "from this text."
)

BAD_INPUTS = [
    # (field, value, expected error)
    ("name", "", "This field is required."),
    ("name", "   ", "This field is required."),
    ("name", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ("name", "Amina\x00Diallo", SINGLE_LINE),
    ("name", "Amina\x07", SINGLE_LINE),
    ("name", "Amina\r\nBcc: victim@example.org", SINGLE_LINE),
    ("name", "Amina\u2028Diallo", SINGLE_LINE),
    ("name", "Amina\x85Diallo", SINGLE_LINE),
    ("position", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ("position", "Adviser\nBcc: x@y.z", SINGLE_LINE),
    ("organization", "", "This field is required."),
    ("organization", "Ministry\rX", SINGLE_LINE),
    ("organization", "x" * 10_000, "Ensure this value has at most 200 characters (it has 10000)."),
    ("country", "", "This field is required."),
    ("country", "XX", "Select a valid choice. XX is not one of the available choices."),
    ("country", "123", "Select a valid choice. 123 is not one of the available choices."),
    ("country", "Senegal", "Select a valid choice. Senegal is not one of the available choices."),
    ("email", "", "This field is required."),
    ("email", "not-an-address", "Enter a valid email address."),
    ("email", "amina@example.org\r\nBcc: victim@example.org", SINGLE_LINE),
    ("email", "amina@example.org\nCc:x@y.z", SINGLE_LINE),
    ("email", "a" * 250 + "@example.org", "Ensure this value has at most 254 characters"),
    ("phone", "call me maybe", "Enter a phone number using only digits, spaces and + ( ) - . /"),
    ("phone", "+41 22\n123", SINGLE_LINE),
    ("phone", "1" * 51, "Ensure this value has at most 50 characters (it has 51)."),
    ("request_type", "", "This field is required."),
    ("request_type", "hacking", "Select a valid choice. hacking is not one of the available"),
    ("subject", "", "This field is required."),
    ("subject", "Hello\r\nBcc: victim@example.org", SINGLE_LINE),
    ("subject", "Hello\nContent-Type: text/html", SINGLE_LINE),
    ("subject", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    # Invisible characters that disguise what a line says.
    ("subject", "Invoice \u202egpj.exe", INVISIBLE),
    ("subject", "Invoice\u200b", INVISIBLE),
    ("name", "Amina\u200dDiallo", INVISIBLE),
    ("name", "\u2067Amina\u2069", INVISIBLE),
    ("email", "amina\u200b@example.org", INVISIBLE),
    ("email", "\ufeffamina@example.org", INVISIBLE),
    ("organization", "Ministry\u200e", INVISIBLE),
    ("message", "", "This field is required."),
    ("message", "Hello\x00world", CONTROL),
    ("message", "Hello\x1b[31mred", CONTROL),
    ("message", "x" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
    ("language", "de", "Select a valid choice. de is not one of the available choices."),
    ("language", "", "This field is required."),
    ("consent", "", "Tick this box so that we can process your request."),
]


def post(client, page_language="en", **overrides):
    data = form_data(**overrides)
    for key, value in overrides.items():
        if value is None:
            del data[key]
    return client.post(url("contact:form", page_language), data)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    BAD_INPUTS,
    ids=[f"{field}-{index}" for index, (field, _v, _e) in enumerate(BAD_INPUTS)],
)
def test_bad_input_is_refused_next_to_its_field(client, field, value, error):
    response = post(client, **{field: value})

    assert response.status_code == 200
    assert ContactRequest.objects.count() == 0
    page = Page(response)
    (field_errors,) = page.elements("ul", id=_error_id(field))
    assert field_errors["class"] == "errorlist"
    errors_text = " ".join(
        text for text in page.texts("ul") if text and error.split(" (")[0] in text
    )
    assert error in errors_text
    # The error summary at the top links to the field.
    anchor = "#" + _input_id(field)
    assert any(a.get("href") == anchor for a in page.elements("a"))
    assert page.texts("title")[0].startswith("Error:")


def _error_id(field):
    return f"id_{field}_error"


def _input_id(field):
    return f"id_{field}_0" if field in {"request_type", "language"} else f"id_{field}"


INVISIBLE_ERRORS = {
    "fr": "Supprimez les caractères invisibles",
    "es": "Elimine los caracteres invisibles",
}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_invisible_characters_error_is_translated(client, language):
    page = Page(post(client, language, subject="Facture \u202egpj.exe"))

    assert INVISIBLE_ERRORS[language] in page.text()
    assert ContactRequest.objects.count() == 0


def test_invalid_field_is_marked_and_linked_to_its_error_and_help(client):
    page = Page(post(client, email="nope"))

    (email,) = page.elements("input", name="email")
    assert email["aria-invalid"] == "true"
    assert email["aria-describedby"] == "id_email_helptext id_email_error"
    assert page.elements("p", id="id_email_helptext")
    (name,) = page.elements("input", name="name")
    assert "aria-invalid" not in name


def test_entered_values_are_kept(client):
    page = Page(post(client, email="nope", message="Line one\r\nLine two"))

    values = {i["name"]: i.get("value") for i in page.elements("input") if i.get("type") != "radio"}
    assert values["name"] == "Amina Diallo"
    assert values["organization"] == "Ministry of the Interior"
    assert values["email"] == "nope"
    assert values["phone"] == "+221 33 123 45 67"
    assert "Line one\r\nLine two" in page.html or "Line one\nLine two" in page.html
    assert [o for o in page.elements("option") if "selected" in o] == [
        {"value": "SN", "selected": None}
    ]
    checked = [i["value"] for i in page.elements("input", type="radio") if "checked" in i]
    assert checked == ["legislation", "fr"]
    assert "checked" in page.elements("input", name="consent")[0]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Écrivez ceci sur une seule ligne, sans sauts de ligne ni caractères de contrôle."),
        ("es", "Escriba esto en una sola línea, sin saltos de línea ni caracteres de control."),
    ],
)
def test_errors_are_in_the_page_language(client, language, expected):
    page = Page(post(client, language, subject="a\r\nBcc: x@y.z", email=""))

    assert expected in page.text()
    required = {"fr": "Ce champ est obligatoire.", "es": "Este campo es obligatorio."}
    assert required[language] in page.text()


def test_missing_fields_altogether_are_errors_not_crashes(client):
    response = client.post(url("contact:form"), {})

    assert response.status_code == 200
    page = Page(response)
    for field in ["name", "organization", "country", "email", "subject", "message", "consent"]:
        assert page.elements("ul", id=_error_id(field)), field
    assert ContactRequest.objects.count() == 0


@pytest.mark.parametrize("token", [None, "", "not-a-uuid", "1" * 5000, "\x00"])
def test_missing_or_broken_form_token_asks_to_send_again_with_a_fresh_token(client, token):
    page = Page(post(client, form_token=token))

    assert "This form had expired. Check your details and send it again." in page.text()
    assert ContactRequest.objects.count() == 0
    (fresh,) = page.elements("input", name="form_token")
    response = client.post(url("contact:form"), form_data(form_token=fresh["value"]))
    assert response.status_code == 302
    assert ContactRequest.objects.count() == 1


def test_list_values_and_odd_encodings_do_not_crash(client):
    data = form_data()
    data["name"] = ["one", "two"]
    response = client.post(url("contact:form"), data)
    assert response.status_code == 302  # the last value wins, as in any Django form

    response = client.post(
        url("contact:form"),
        b"name=%FF%FE&email=%C0%AF",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    response = client.post(url("contact:form"), "{}", content_type="application/json")
    assert response.status_code == 200


def test_a_huge_body_is_refused_without_a_server_error(client):
    response = client.post(url("contact:form"), form_data(message="x" * 3_000_000))

    assert response.status_code == 400
    assert ContactRequest.objects.count() == 0


def test_too_many_fields_are_refused_without_a_server_error(client):
    data = form_data(**{f"extra{i}": "x" for i in range(1500)})

    assert client.post(url("contact:form"), data).status_code == 400


def test_a_post_without_csrf_token_is_forbidden():
    client = Client(enforce_csrf_checks=True)

    response = client.post(url("contact:form"), form_data())

    assert response.status_code == 403
    assert ContactRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_post_with_the_csrf_token_passes(django_capture_on_commit_callbacks):
    client = Client(enforce_csrf_checks=True)
    page = Page(client.get(url("contact:form")))
    (token,) = page.elements("input", name="csrfmiddlewaretoken")

    with django_capture_on_commit_callbacks(execute=True):
        data = form_data(csrfmiddlewaretoken=token["value"])
        response = client.post(url("contact:form"), data)

    assert response.status_code == 302


def test_honeypot_filled_in_is_refused_clearly_and_saves_nothing(client):
    response = post(client, website="http://spam.example")

    assert response.status_code == 200
    page = Page(response)
    assert "a field meant to stay empty was filled in" in page.text()
    assert ContactRequest.objects.count() == 0
    assert mail.outbox == []
    # The honeypot comes back empty, the rest of what was typed is kept.
    assert page.elements("input", name="website")[0].get("value") in (None, "")
    assert page.elements("input", name="name")[0]["value"] == "Amina Diallo"


NOT_SENT = {
    "en": "Your request has not been sent",
    "fr": "Votre demande n’a pas été envoyée",
    "es": "Su solicitud no se ha enviado",
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_request_typed_while_the_database_is_down_is_given_back(client, language):
    from unittest import mock

    from django.db import OperationalError, connection

    data = form_data(message="A long message typed with care.\r\nSecond line.")
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("server closed the connection")
    ):
        response = client.post(url("contact:form", language), data)

    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    page = Page(response)
    assert page.lang == language
    assert NOT_SENT[language] in page.text()
    values = {i["name"]: i.get("value") for i in page.elements("input") if i.get("type") != "radio"}
    assert values["name"] == "Amina Diallo" and values["email"] == "amina.diallo@example.org"
    assert values["form_token"] == data["form_token"]
    assert "A long message typed with care." in page.html
    # Sent again once the database is back, it is saved, once.
    assert client.post(url("contact:form", language), data).status_code == 302
    assert ContactRequest.objects.count() == 1
