"""The catalogue in a real browser: the filters work without JavaScript, and a publication's
page (with its JSON-LD block) raises no Content Security Policy violation."""

import pytest


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_filter_the_catalogue_without_javascript(content, live_server, page):
    page.goto(f"{live_server.url}/fr/publications/")

    page.select_option("#id_language", "es")
    page.focus("#id_q")
    page.keyboard.type("glosario")
    page.keyboard.press("Enter")

    page.wait_for_url("**/fr/publications/?q=glosario*")
    assert page.locator("[role=status]").inner_text() == "1 publication"
    assert page.locator("h3").inner_text() == (
        "Derecho Internacional sobre Migración N°7 - Glosario sobre Migración"
    )
    page.get_by_role("link", name="Effacer les filtres").click()
    assert page.locator("[role=status]").inner_text().startswith("34 publications")


def test_a_publication_page_raises_no_csp_violation(content, live_server, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    response = page.goto(
        f"{live_server.url}/es/publications/international-migration-law-n20-glossary-on-migration-greek/"
    )

    assert response.status == 200
    assert page.locator("h1").get_attribute("lang") == "en"
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert messages == []
