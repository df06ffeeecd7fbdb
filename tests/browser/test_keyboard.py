"""The site works with the keyboard alone: from the top of a page, Tab alone reaches the main
navigation, the catalogue's filters and its submit button, and the contact form's submit
button, and every element on the way shows where the focus is."""

import pytest
from playwright.sync_api import expect

from tests.browser.names import (
    BRAND,
    LANGUAGE_NAMES,
    NAVIGATION,
    SKIP_LINK,
    by_role,
    catalogue_form,
    contact_form,
    language_link,
    navigation_link,
    reply_language,
    request_type,
)
from tests.conftest import LANGUAGES

BROWSE_BY_SERIES = {
    "en": "Browse the publications by series",
    "fr": "Parcourir les publications par série",
    "es": "Explorar las publicaciones por serie",
}

# Whether the focused element shows its focus: :focus-visible applies (as it does for keyboard
# focus) and draws an outline or a box shadow.
SHOWS_FOCUS = """element => {
  const style = getComputedStyle(element);
  return element.matches(":focus-visible") && (
    (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none");
}"""

# The catalogue's lead paragraph has one link.
BOOKSTORE = {"en": "IOM Bookstore", "fr": "librairie de l'OIM", "es": "librería de la OIM"}


def header(page, language):
    """The skip link, the brand, the language switcher and the main navigation."""
    return [
        by_role(page, "link", SKIP_LINK[language]),
        by_role(page.get_by_role("banner"), "link", BRAND[language]),
        *(language_link(page, language, code) for code in LANGUAGE_NAMES),
        *(navigation_link(page, language, entry) for entry in NAVIGATION),
    ]


def contact_form_stops(page, language):
    form = contact_form(page, language)
    # A group of radio buttons is one stop: its first button when none is ticked, else the
    # ticked one (the reply language: the page's).
    form["request_type"] = request_type(page, language, "training")
    form["language"] = reply_language(page, language, language)
    return list(form.values())


def tab_through(page, stops):
    """Presses Tab once per stop and checks that each stop in turn gets the focus; returns
    the stops that did not show it."""
    invisible = []
    for number, stop in enumerate(stops, start=1):
        page.keyboard.press("Tab")
        expect(stop, f"Tab press {number} should focus {stop}").to_be_focused()
        if not stop.evaluate(SHOWS_FOCUS):
            invisible.append(str(stop))
    return invisible


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_alone_reaches_the_navigation_the_filters_and_the_forms(
    content, live_server, page, language
):
    page.goto(f"{live_server.url}/{language}/")
    # The navigation's last link: 14 presses.
    assert tab_through(page, header(page, language)) == []

    page.goto(f"{live_server.url}/{language}/publications/")
    bookstore = by_role(page.get_by_role("main"), "link", BOOKSTORE[language])
    browse = by_role(page.get_by_role("main"), "link", BROWSE_BY_SERIES[language])
    filters = []
    for field in catalogue_form(page, language).values():
        # A filter of several values is a group: each of its checkboxes is a stop.
        checkboxes = field.get_by_role("checkbox").all()
        filters += checkboxes if len(checkboxes) > 1 else [field]
    assert len(filters) > 30
    # The filters' submit button.
    assert tab_through(page, [*header(page, language), bookstore, browse, *filters]) == []

    page.goto(f"{live_server.url}/{language}/contact/")
    # The contact form's submit button: 26 presses.
    assert tab_through(page, [*header(page, language), *contact_form_stops(page, language)]) == []
