"""The contact form in a real browser: usable with the keyboard alone, without JavaScript,
the honeypot out of everyone's way."""

import re

import pytest
from django.core import mail

from contact.models import ContactRequest


@pytest.fixture
def browser_context_args(browser_context_args):
    # The form needs no JavaScript: prove it by turning it off.
    return {**browser_context_args, "java_script_enabled": False}


def test_form_can_be_filled_and_sent_with_the_keyboard_alone(content, live_server, page):
    page.goto(f"{live_server.url}/fr/contact/?type=workshop")
    page.locator("#id_name").focus()

    focused = []

    def type_and_tab(text=None):
        focused.append(page.evaluate("document.activeElement.name"))
        if text:
            page.keyboard.type(text)
        page.keyboard.press("Tab")

    type_and_tab("Nadia Benali")  # name
    type_and_tab()  # position (optional)
    type_and_tab("Ministère de l'Intérieur")  # organization
    focused.append(page.evaluate("document.activeElement.name"))
    page.locator("#id_country").select_option("MA")  # a select: arrow keys in real life
    page.keyboard.press("Tab")
    type_and_tab("nadia@example.org")  # email
    type_and_tab()  # phone (optional)
    type_and_tab()  # request type: preselected by ?type=workshop
    type_and_tab("Atelier DIM")  # subject
    type_and_tab("Nous souhaitons organiser un atelier.")  # message
    type_and_tab()  # reply language: the page's
    focused.append(page.evaluate("document.activeElement.name"))
    page.keyboard.press("Space")  # consent
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/fr/contact/thanks/"))
    assert page.locator("h1").inner_text() == "Merci, nous avons bien reçu votre demande"
    assert "website" not in focused
    assert focused == [
        "name",
        "position",
        "organization",
        "country",
        "email",
        "phone",
        "request_type",
        "subject",
        "message",
        "language",
        "consent",
    ]
    request = ContactRequest.objects.get()
    assert request.reference in page.locator(".reference").inner_text()
    assert (request.request_type, request.language, request.country.code) == (
        "workshop",
        "fr",
        "MA",
    )
    assert len(mail.outbox) == 2


def test_honeypot_is_invisible(content, live_server, page):
    page.goto(f"{live_server.url}/en/contact/")

    box = page.locator("div[aria-hidden=true]:has(#id_website)").bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1
    assert page.locator("#id_name").is_visible()
