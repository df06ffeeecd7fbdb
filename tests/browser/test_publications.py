"""The catalogue in a real browser: the filters work without JavaScript, and a publication's
page (with its JSON-LD block) raises no Content Security Policy violation."""

import pytest

from tests.browser.names import CLEAR_FILTERS, by_role, catalogue_form, facet_option


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_filter_the_catalogue_without_javascript(content, live_server, page):
    page.goto(f"{live_server.url}/fr/publications/")
    form = catalogue_form(page, "fr")

    facet_option(form, "language", "Espagnol").check()
    form["q"].focus()
    page.keyboard.type("glosario")
    page.keyboard.press("Enter")

    page.wait_for_url("**/fr/publications/?q=glosario*")
    # The Glossary's Spanish editions (the work is found through every edition).
    assert page.get_by_role("status").inner_text() == "2 publications"
    assert page.get_by_role("heading", level=3).all_inner_texts() == [
        "Glosario de la OIM sobre Migración",
        "Derecho Internacional sobre Migración N°7 - Glosario sobre Migración",
    ]
    by_role(page, "link", CLEAR_FILTERS["fr"]).click()
    assert page.get_by_role("status").inner_text().startswith("35 publications")


def test_a_publication_page_raises_no_csp_violation(content, live_server, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    response = page.goto(
        f"{live_server.url}/es/publications/international-migration-law-n20-glossary-on-migration-greek/"
    )

    assert response.status == 200
    assert page.get_by_role("heading", level=1).get_attribute("lang") == "en"
    # Data for search engines, not for people: no role, so found by its type.
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert messages == []
