"""The contact form in a real browser: usable with the keyboard alone, without JavaScript,
the honeypot out of everyone's way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from contact.models import ContactRequest
from tests.browser.names import contact_form, reply_language, request_type


@pytest.fixture
def browser_context_args(browser_context_args):
    # The form needs no JavaScript: prove it by turning it off.
    return {**browser_context_args, "java_script_enabled": False}


def test_form_can_be_filled_and_sent_with_the_keyboard_alone(content, live_server, page):
    page.goto(f"{live_server.url}/fr/contact/?type=workshop")
    form = contact_form(page, "fr")
    form["name"].focus()

    def expect_focus_then_type(stop, text=None):
        """`stop` has the focus: type `text` into it, then Tab to the next stop."""
        expect(stop).to_be_focused()
        if text:
            page.keyboard.type(text)
        page.keyboard.press("Tab")

    # Tab goes from field to field in the form's order, never to the honeypot.
    expect_focus_then_type(form["name"], "Nadia Benali")
    expect_focus_then_type(form["position"])  # optional
    expect_focus_then_type(form["organization"], "Ministère de l'Intérieur")
    expect(form["country"]).to_be_focused()
    form["country"].select_option(label="Maroc")  # a select: arrow keys in real life
    page.keyboard.press("Tab")
    expect_focus_then_type(form["email"], "nadia@example.org")
    expect_focus_then_type(form["phone"])  # optional
    # The request type, preselected by ?type=workshop: its ticked radio button is the stop.
    expect_focus_then_type(request_type(page, "fr", "workshop"))
    expect_focus_then_type(form["subject"], "Atelier DIM")
    expect_focus_then_type(form["message"], "Nous souhaitons organiser un atelier.")
    expect_focus_then_type(reply_language(page, "fr", "fr"))  # the page's, ticked
    expect(form["consent"]).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(form["submit"]).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/fr/contact/thanks/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, nous avons bien reçu votre demande"
    )
    request = ContactRequest.objects.get()
    expect(page.get_by_text(request.reference, exact=True)).to_be_visible()
    assert (request.request_type, request.language, request.country.code) == (
        "workshop",
        "fr",
        "MA",
    )
    assert len(mail.outbox) == 2


def test_honeypot_is_invisible(content, live_server, page):
    page.goto(f"{live_server.url}/en/contact/")

    # Hidden from assistive technology on purpose, so no role finds the honeypot...
    expect(page.get_by_role("textbox", name="Leave this field empty")).to_have_count(0)
    # ...and found by structure to measure it: the container that hides it from sight.
    box = page.locator("div[aria-hidden=true]:has(input[name=website])").bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1
    expect(contact_form(page, "en")["name"]).to_be_visible()
