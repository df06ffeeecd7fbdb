"""axe-core (the npm package, injected into each page) finds no violation of the WCAG 2.2
A and AA rules on any page type, in any language: the pages of the registry, and the contact
form sent with mistakes, then once too often (the 429 page)."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.names import ERROR_SUMMARY, by_role
from tests.conftest import LANGUAGES
from tests.pages import all_paths, send_contact_form_with_errors

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def axe_page(browser):
    """A page that accepts the injected axe script despite the site's CSP."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `make test`")
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def axe_violations(page):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. "
        f"{violation['nodes'][0]['target']})"
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_violation_on_any_page(content, live_server, axe_page, settings, language):
    settings.CONTACT_RATE_LIMIT = settings.CONTACT_INVALID_RATE_LIMIT = "1/h"
    found = {}

    def check(page_type):
        violations = axe_violations(axe_page)
        if violations:
            found[page_type] = violations

    for page_type, path in all_paths(language).items():
        axe_page.goto(live_server.url + path)
        check(page_type)
    axe_page.goto(f"{live_server.url}/{language}/contact/")
    assert send_contact_form_with_errors(axe_page, language) == 200
    assert by_role(axe_page, "alert", ERROR_SUMMARY[language]).count() == 1
    check("contact-errors")
    assert send_contact_form_with_errors(axe_page, language) == 429
    check("too-many-requests")

    assert found == {}
