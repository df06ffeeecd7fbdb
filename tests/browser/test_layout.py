"""Every page type (and the contact form with errors) fits a 375 px phone without scrolling
sideways, in every language; the screenshots at 375 and 1280 px land in
test-results/screenshots/ for people to look at. (The README's pictures in docs/screenshots/
are not a test's business: `make screenshots` runs scripts/screenshots.py.)"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import LANGUAGES
from tests.pages import all_paths, send_contact_form_with_errors

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(content, live_server, browser, language):
    too_wide = {}
    pages = all_paths(language)
    pages["contact-errors"] = pages["contact"]  # sent with mistakes below
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for page_type, path in pages.items():
            page.goto(live_server.url + path)
            if page_type == "contact-errors":
                assert send_contact_form_with_errors(page, language) == 200
            shot = SCREENSHOTS / str(width) / f"{page_type}-{language}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=shot, full_page=True)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide[f"{page_type} at {width}px"] = scroll_width
        context.close()

    assert too_wide == {}
