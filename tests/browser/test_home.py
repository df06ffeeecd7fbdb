import pytest
from playwright.sync_api import expect

from tests.browser.names import SKIP_LINK, by_role, main_navigation
from tests.conftest import LANGUAGES
from tests.units.test_pages import HEADINGS

HOME_HEADINGS = HEADINGS["units:home"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_loads_in_each_language(content, live_server, page, language):
    response = page.goto(f"{live_server.url}/{language}/")

    assert response.status == 200
    # The page's language is an attribute of <html>, which has no role of its own.
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == HOME_HEADINGS[language]
    # The stylesheet loaded: the main navigation is laid out as a coloured bar.
    background = main_navigation(page, language).evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert background == "rgb(0, 51, 160)"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(content, live_server, page):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    expect(by_role(page, "link", SKIP_LINK["en"])).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
