"""The site works with the keyboard alone: from the top of a page, Tab alone reaches the main
navigation, the catalogue's filters and its submit button, and the contact form's submit
button, and every element on the way shows where the focus is."""

import pytest

from tests.conftest import LANGUAGES

# What the focused element is, and whether it shows its focus: :focus-visible applies (as it
# does for keyboard focus) and draws an outline or a box shadow.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    stop: element.id ? "#" + element.id
      : element.tagName === "A" ? element.getAttribute("href")
      : element.tagName.toLowerCase() + "[type=" + element.type + "]",
    visible: element.matches(":focus-visible") && (
      (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none"),
  };
}"""

NAVIGATION = ["", "about/", "team/", "what-we-do/", "research/"] + [
    "publications/",
    "trainings/",
    "contact/",
]
CATALOGUE_FORM = [
    "#id_q",
    "#id_series",
    "#id_language",
    "#id_theme",
    "#id_year_from",
    "#id_year_to",
    "#id_sort",
    "#id_group",
    "button[type=submit]",
]


def contact_form(language):
    return [
        "#id_name",
        "#id_position",
        "#id_organization",
        "#id_country",
        "#id_email",
        "#id_phone",
        "#id_request_type_0",  # a group of radio buttons is one stop
        "#id_subject",
        "#id_message",
        # The reply language's radio buttons: the page's language is ticked, and has the focus.
        f"#id_language_{LANGUAGES.index(language)}",
        "#id_consent",
        "button[type=submit]",
    ]


def header(language, page_path):
    """The skip link, the brand, the language switcher and the main navigation."""
    return [
        "#main",
        f"/{language}/",
        *(f"/{code}/{page_path}" for code in LANGUAGES),
        *(f"/{language}/{path}" for path in NAVIGATION),
    ]


def tab_from_the_top(page, url, last_stop, limit=40):
    """Opens `url` and presses Tab until `last_stop` has the focus; returns every stop on the
    way, in order, with whether it showed its focus."""
    page.goto(url)
    stops = []
    while not stops or stops[-1]["stop"] != last_stop:
        assert len(stops) < limit, f"{last_stop} not reached by Tab: {stops}"
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return [stop["stop"] for stop in stops], [stop["stop"] for stop in stops if not stop["visible"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_alone_reaches_the_navigation_the_filters_and_the_forms(
    content, live_server, page, language
):
    home = f"{live_server.url}/{language}/"
    stops, invisible = tab_from_the_top(page, home, f"/{language}/contact/")
    assert stops == header(language, "")  # the navigation's last link: 13 presses
    assert invisible == []

    catalogue = f"{live_server.url}/{language}/publications/"
    stops, invisible = tab_from_the_top(page, catalogue, "button[type=submit]")
    bookstore = "http://publications.iom.int/bookstore"  # the lead paragraph's one link
    assert stops == header(language, "publications/") + [bookstore, *CATALOGUE_FORM]  # 23
    assert invisible == []

    contact = f"{live_server.url}/{language}/contact/"
    stops, invisible = tab_from_the_top(page, contact, "button[type=submit]")
    assert stops == header(language, "contact/") + contact_form(language)  # 25 presses
    assert invisible == []
