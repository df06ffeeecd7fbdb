"""Every link a page builds from the request's own path stays on this site, and private pages
(whose address carries a secret) and error pages do not publish their address."""

import pytest

from tests.conftest import LANGUAGES, Page
from tests.pages import page_path

pytestmark = pytest.mark.django_db

HOSTILE_PATHS = [
    "//evil.com/",
    "//evil.com/en/",
    "/\\evil.com/",
    "/\\/evil.com/",
    "///evil.com/",
    "/en//evil.com/",
    "/fr/%2F%2Fevil.com/",
]


def links_built_from_the_path(page):
    """The switcher's links, and every alternate, canonical and og:url address."""
    hrefs = [a["href"] for a in page.elements("a") if a.get("hreflang")]
    hrefs += [
        link["href"]
        for link in page.elements("link")
        if link.get("rel") in ("alternate", "canonical")
    ]
    hrefs += [meta["content"] for meta in page.elements("meta", property="og:url")]
    return hrefs


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_links_on_an_error_page_stay_on_the_site(client, path):
    response = client.get("/", PATH_INFO=path)

    assert response.status_code == 404
    hrefs = links_built_from_the_path(Page(response))
    assert len(hrefs) == 3  # the language switcher
    for href in hrefs:
        assert href.startswith("/") and not href.startswith("//"), href
        assert "\\" not in href


def test_a_normal_page_keeps_its_addresses(client):
    page = Page(client.get("/fr/publications/?series=iom-atd-series"))

    assert page.elements("meta", property="og:url")[0]["content"] == (
        "http://testserver/fr/publications/"
    )
    switcher = {a["hreflang"]: a["href"] for a in page.elements("a") if a.get("hreflang")}
    assert switcher["es"] == "/es/publications/?series=iom-atd-series"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["contact-thanks", "contact-status", "not-found"])
def test_private_and_error_pages_publish_no_address(client, page_type, language):
    page = Page(client.get(page_path(page_type, language)))

    assert page.elements("meta", name="robots", content="noindex")
    assert not page.elements("meta", property="og:url")
    assert not page.links("canonical")
    assert not [link for link in page.links("alternate") if link.get("hreflang")]


def test_the_429_and_locked_out_pages_publish_no_address(client, settings, django_user_model):
    from django.urls import reverse

    from tests.contact.factories import form_data

    settings.CONTACT_RATE_LIMIT = "1/h"
    client.post("/en/contact/", form_data())
    too_many = client.post("/en/contact/", form_data())
    assert too_many.status_code == 429

    settings.AXES_FAILURE_LIMIT = 1
    login = reverse("admin:login")
    client.post(login, {"username": "x", "password": "y"})
    locked = client.post(login, {"username": "x", "password": "y"})
    assert locked.status_code == 429

    for response in (too_many, locked):
        page = Page(response)
        assert not page.elements("meta", property="og:url")
        assert not page.links("canonical")
