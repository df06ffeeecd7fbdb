"""Submissions per client are limited; the client is told so in its language, with a
Retry-After header."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from contact.models import ContactRequest
from contact.ratelimit import parse_rate
from iml_portal.client_ip import client_key
from tests.conftest import LANGUAGES, Page, url
from tests.contact.factories import form_data

pytestmark = pytest.mark.django_db

HEADINGS = {"en": "Too many requests", "fr": "Trop de demandes", "es": "Demasiadas solicitudes"}


@pytest.fixture
def limit(settings):
    settings.CONTACT_RATE_LIMIT = "3/h"


@pytest.mark.parametrize("language", LANGUAGES)
def test_submissions_beyond_the_limit_get_a_translated_429(client, limit, language):
    for _ in range(3):
        assert client.post(url("contact:form", language), form_data()).status_code == 302

    response = client.post(url("contact:form", language), form_data())

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = Page(response)
    assert page.lang == language
    assert page.h1 == HEADINGS[language]
    assert "iml@iom.int" in page.text()
    assert ContactRequest.objects.count() == 3


def test_mistakes_do_not_use_up_the_limit(client, limit):
    """A careless person who gets the form wrong several times can still send it."""
    for _ in range(5):
        assert client.post(url("contact:form"), {"name": "x"}).status_code == 200

    assert client.post(url("contact:form"), form_data()).status_code == 302


def test_invalid_submissions_have_a_higher_limit_of_their_own(client, limit, settings):
    settings.CONTACT_INVALID_RATE_LIMIT = "6/h"
    for _ in range(6):
        assert client.post(url("contact:form"), {"name": "x"}).status_code == 200

    assert client.post(url("contact:form"), {"name": "x"}).status_code == 429
    assert client.post(url("contact:form"), form_data()).status_code == 429
    assert ContactRequest.objects.count() == 0


def test_reading_the_form_is_not_counted(client, limit):
    for _ in range(10):
        assert client.get(url("contact:form")).status_code == 200

    assert client.post(url("contact:form"), form_data()).status_code == 302


def test_a_form_sent_again_is_not_counted(client, limit):
    data = form_data()
    for _ in range(6):
        assert client.post(url("contact:form"), data).status_code == 302

    assert ContactRequest.objects.count() == 1


def test_each_client_has_its_own_count(client, limit):
    for _ in range(3):
        client.post(url("contact:form"), form_data(), REMOTE_ADDR="192.0.2.1")

    assert client.post(url("contact:form"), form_data(), REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.post(url("contact:form"), form_data(), REMOTE_ADDR="192.0.2.2").status_code == 302


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, limit, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for index in range(3):
        client.post(url("contact:form"), form_data(), HTTP_X_FORWARDED_FOR=f"198.51.100.{index}")

    forged = client.post(url("contact:form"), form_data(), HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert forged.status_code == 429


def test_behind_a_proxy_the_address_it_appended_is_counted(client, limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    # The client forges the first entry; the proxy appends the real address last.
    for index in range(3):
        response = client.post(
            url("contact:form"),
            form_data(),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{index}, 192.0.2.7",
        )
        assert response.status_code == 302

    blocked = client.post(
        url("contact:form"),
        form_data(),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.50, 192.0.2.7",
    )
    other = client.post(
        url("contact:form"), form_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.8"
    )
    assert (blocked.status_code, other.status_code) == (429, 302)


def test_a_client_reaching_the_app_directly_cannot_choose_its_address(client, limit, settings):
    """The README's production set-up (one proxy appending to X-Forwarded-For), reached
    without going through the proxy: X-Forwarded-For is the client's own invention."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    for index in range(3):
        forged = f"198.51.100.{index}"
        response = client.post(
            url("contact:form"), form_data(), REMOTE_ADDR="192.0.2.66", HTTP_X_FORWARDED_FOR=forged
        )
        assert response.status_code == 302

    blocked = client.post(
        url("contact:form"), form_data(), REMOTE_ADDR="192.0.2.66", HTTP_X_FORWARDED_FOR="1.1.1.1"
    )
    assert blocked.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "", "192.0.2.1"),
        (0, "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (1, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "10.0.0.1", "203.0.113.9", "10.0.0.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
        # Not from a trusted proxy: its X-Forwarded-For is ignored.
        (1, "192.0.2.50", "203.0.113.9", "192.0.2.50"),
        # An entry that is no address: the connection's address, never a shared key.
        (1, "10.0.0.1", "garbage", "10.0.0.1"),
        (1, "10.0.0.1", "None", "10.0.0.1"),
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::"),
        (0, "::ffff:192.0.2.1", "", "192.0.2.1"),
        (0, "", "", None),
        (0, "unix:/run/gunicorn.sock", "", None),
    ],
)
def test_client_key(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().post("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_key(request) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_without_a_usable_client_address_is_refused(client, language):
    """Such requests would all share one key: one of them could lock every other out."""
    response = client.post(url("contact:form", language), form_data(), REMOTE_ADDR="")

    assert response.status_code == 400
    assert Page(response).lang == language
    assert ContactRequest.objects.count() == 0
    # Reading pages needs no address.
    assert client.get(url("contact:form", language), REMOTE_ADDR="").status_code == 200


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("5/h", (5, 3600)), ("10/m", (10, 60)), ("1/d", (1, 86400)), ("20/10m", (20, 600))],
)
def test_parse_rate(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "5", "five/h", "5/w", "0/h", "-1/h"])
def test_a_bad_rate_setting_is_reported(rate):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(rate)


@pytest.mark.parametrize("name", ["CONTACT_RATE_LIMIT", "CONTACT_INVALID_RATE_LIMIT"])
def test_the_system_check_reports_a_bad_rate(settings, name):
    from contact.checks import check_rate_limit

    setattr(settings, name, "lots")
    (error,) = check_rate_limit(None)
    assert error.id == "contact.E001" and name in error.msg


def test_a_cache_that_is_down_lets_submissions_through(client, limit, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for operation in ("get", "add", "incr"):
        monkeypatch.setattr(cache, operation, down)
    for _ in range(5):
        assert client.post(url("contact:form"), form_data()).status_code == 302

    assert ContactRequest.objects.count() == 5
