"""The Migration Law Database in a real browser, without JavaScript, as a government official
would use it: from the navigation to a treaty, its States parties sorted by date, a country's
page, and the contact form with that country already chosen."""

import pytest

from tests.browser.names import by_role, contact_form, navigation_link


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_an_official_goes_from_the_database_to_a_request_for_support(content, live_server, page):
    page.goto(f"{live_server.url}/fr/")
    navigation_link(page, "fr", "instruments").click()

    filters = page.get_by_role("group", name="Niveau")
    filters.get_by_label("Régional", exact=False).check()
    by_role(page, "button", "Afficher les instruments").click()
    page.wait_for_url("**/fr/instruments/?*level=regional*")
    titles = page.get_by_role("main").get_by_role("heading", level=3).all_inner_texts()
    assert any("Kampala" in title for title in titles)
    assert all("Global Compact" not in title for title in titles)

    page.goto(f"{live_server.url}/fr/instruments/mwc/")
    # The States parties' table (its caption tells how to sort it), not the counts by region.
    parties = page.locator("#parties-table")
    by_role(parties, "link", "Consentement à être lié").click()
    page.wait_for_url("**/fr/instruments/mwc/?parties=consent*")
    heading = page.locator("#parties-table").get_by_role("columnheader").nth(2)
    assert heading.get_attribute("aria-sort") == "ascending"
    # The earliest consent first: Egypt's accession of 19 February 1993 (the depositary's
    # table).
    rows = page.locator("#parties-table").get_by_role("row")
    assert rows.nth(1).get_by_role("link").inner_text() == "Égypte"

    page.locator("#parties-table").get_by_role("link", name="Mexique", exact=True).click()
    page.wait_for_url("**/fr/countries/mx/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mexique")
    by_role(page, "link", "Demander l'appui de l'Unité DIM").click()

    page.wait_for_url("**/fr/contact/?country=mx*")
    country = contact_form(page, "fr")["country"]
    assert country.evaluate("select => select.selectedOptions[0].textContent") == "Mexique"
