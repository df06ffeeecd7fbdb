import pytest

from tests.conftest import LANGUAGES
from tests.units.test_pages import HEADINGS

HOME_HEADINGS = HEADINGS["units:home"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_loads_in_each_language(content, live_server, page, language):
    response = page.goto(f"{live_server.url}/{language}/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == HOME_HEADINGS[language]
    # The stylesheet loaded: the main navigation is laid out as a coloured bar.
    background = page.locator(".main-nav").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(0, 51, 160)"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(content, live_server, page):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
