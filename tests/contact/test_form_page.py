"""The contact form page: in every language, accessible, and cheap to render."""

import pytest

from contact.models import RequestType
from tests.conftest import LANGUAGES, Page, url

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": "Contact the IML Unit",
    "fr": "Contacter l'Unité DIM",
    "es": "Contactar con la Unidad DIM",
}
TYPE_LABELS = {
    "en": "Advice on ratifying international or regional treaties",
    "fr": "Conseils sur la ratification de traités internationaux ou régionaux",
    "es": "Asesoramiento sobre la ratificación de tratados internacionales o regionales",
}


def checked(page, name):
    return [radio["value"] for radio in page.elements("input", name=name) if "checked" in radio]


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_renders_in_each_language(client, language):
    response = client.get(url("contact:form", language))

    assert response.status_code == 200
    page = Page(response)
    assert page.lang == language
    assert page.h1 == HEADINGS[language]
    assert TYPE_LABELS[language] in page.text()
    # The page's language is the default reply language.
    assert checked(page, "language") == [language]


def test_country_names_are_translated_and_sorted(client):
    french = Page(client.get(url("contact:form", "fr")))

    options = french.elements("option")
    names = french.texts("option")
    assert {"Allemagne", "Suisse", "Sénégal"} <= set(names)
    assert names[0] == "Choisissez un pays"
    assert options[0]["value"] == ""
    assert names.index("Allemagne") < names.index("Suisse")


def test_every_field_has_a_label_a_maximum_length_and_autocomplete(client):
    page = Page(client.get(url("contact:form")))

    labelled = {label["for"] for label in page.elements("label") if label.get("for")}
    inputs = (
        [i for i in page.elements("input") if i.get("type") not in {"hidden", "radio"}]
        + page.elements("textarea")
        + page.elements("select")
    )
    for field in inputs:
        assert field["id"] in labelled, field
    for radio in page.elements("input", type="radio"):
        assert radio["id"] in labelled
    maxlengths = {
        field["name"]: field.get("maxlength")
        for field in page.elements("input") + page.elements("textarea")
        if field.get("type") not in {"hidden", "radio", "checkbox"}
    }
    assert maxlengths == {
        "name": "200",
        "position": "200",
        "organization": "200",
        "email": "254",
        "phone": "50",
        "subject": "200",
        "message": "5000",
        "website": None,  # the honeypot is never stored
    }
    autocomplete = {
        field["name"]: field.get("autocomplete")
        for field in page.elements("input") + page.elements("select")
        if field.get("name") in {"name", "organization", "email", "phone", "country"}
    }
    assert autocomplete == {
        "name": "name",
        "organization": "organization",
        "email": "email",
        "phone": "tel",
        "country": "country",
    }


def test_required_fields_are_marked_in_text(client):
    page = Page(client.get(url("contact:form")))

    labels = page.texts("label") + page.texts("legend")
    for label in ["Full name", "Organization or ministry", "Country", "Email address"]:
        assert f"{label} (required)" in labels
    for label in ["Type of request", "Preferred language for the reply"]:
        assert f"{label} (required)" in labels
    assert "Position (optional)" in labels
    assert "Phone number (optional)" in labels
    assert any(label.endswith("to answer my request. (required)") for label in labels)


def test_consent_note_tells_what_is_kept_why_and_how_long(client, settings):
    settings.CONTACT_RETENTION_DAYS = 730
    page = Page(client.get(url("contact:form")))

    (consent,) = page.elements("input", name="consent")
    assert consent["type"] == "checkbox"
    assert consent["aria-describedby"] == "id_consent_helptext"
    (note,) = [p for p in page.texts("p") if p.startswith("What we keep:")]
    assert "Why: only to answer your request" in note
    assert "730 days after your request is closed" in note


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = Page(client.get(url("contact:form")))

    (honeypot,) = page.elements("input", name="website")
    assert honeypot["tabindex"] == "-1"
    assert honeypot["autocomplete"] == "off"
    wrapper = [div for div in page.elements("div") if div.get("aria-hidden") == "true"]
    assert wrapper == [{"class": "visually-hidden", "aria-hidden": "true"}]
    assert 'aria-hidden="true">\n    <label for="id_website">' in page.html


@pytest.mark.parametrize("code", RequestType.values)
def test_type_in_the_query_string_preselects_it(client, code):
    page = Page(client.get(url("contact:form") + f"?type={code}"))

    assert checked(page, "request_type") == [code]


@pytest.mark.parametrize("query", ["?type=unknown", "?type=", "?type=%00", "?type[]=x"])
def test_unknown_type_in_the_query_string_is_ignored(client, query):
    response = client.get(url("contact:form") + query)

    assert response.status_code == 200
    assert checked(Page(response), "request_type") == []


def test_each_page_load_gets_a_new_form_token(client):
    first = Page(client.get(url("contact:form"))).elements("input", name="form_token")
    second = Page(client.get(url("contact:form"))).elements("input", name="form_token")

    assert first[0]["value"] != second[0]["value"]


def test_form_works_without_javascript_and_has_a_submit_button(client):
    page = Page(client.get(url("contact:form")))

    (form,) = page.elements("form")
    assert form["method"] == "post"
    assert form["action"] == "/en/contact/"
    assert [b.get("type") for b in page.elements("button")] == ["submit"]
    assert page.elements("script") == []


def test_form_page_queries_stay_flat(client, django_assert_max_num_queries):
    from tests.contact.factories import make_requests

    make_requests(30)
    # The Unit (footer and introduction) and the page's wording: two queries, however many
    # requests exist.
    with django_assert_max_num_queries(2):
        assert client.get(url("contact:form")).status_code == 200


def test_the_form_is_never_stored_by_the_browser(client):
    response = client.get(url("contact:form", "en"))

    assert "no-store" in response["Cache-Control"]


def test_reply_languages_are_named_in_their_own_language(client):
    page = Page(client.get(url("contact:form", "en")))

    spans = {span.get("lang") for span in page.elements("span") if span.get("lang")}
    assert {"en", "fr", "es"} <= spans
