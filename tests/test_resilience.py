"""A dependency that accepts connections but never answers (tests/peers.py) costs visitors a
few seconds at most, and the site recovers by itself once it answers again."""

import os
import select
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from contact.models import ContactRequest
from tests.contact.factories import form_data
from tests.peers import HangingServer
from tests.test_site import PRODUCTION

pytestmark = pytest.mark.django_db

# Runs in a production-like process (DEBUG off, PostgreSQL through the hanging server): the
# health check and a page while it hangs, then, once told on stdin, the health check again.
SCRIPT = """
import time
from django.test import Client
client = Client(raise_request_exception=False)
client.get("/robots.txt", HTTP_HOST="iml.example.org", secure=True)  # warm up: no database
for path in ("/healthz", "/en/team/"):
    started = time.monotonic()
    response = client.get(path, HTTP_HOST="iml.example.org", secure=True)
    elapsed = time.monotonic() - started
    styled = b"Service temporarily unavailable" in response.content
    print(path, response.status_code, round(elapsed, 2), styled, flush=True)
input()
print("/healthz", client.get("/healthz").status_code, flush=True)
"""


def read_line(process, timeout=15):
    """The process's next line of output, or a failure when it hangs."""
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        process.kill()
        pytest.fail(f"no answer within {timeout} s: {process.stderr.read()[-2000:]}")
    return process.stdout.readline().split()


def postgresql_answers():
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", 5432)) == 0


def test_a_hung_database_gives_a_503_within_seconds_and_the_site_recovers():
    if not postgresql_answers():
        pytest.skip("needs the PostgreSQL server on 127.0.0.1:5432 (CI has one)")
    with HangingServer(forward_to=("127.0.0.1", 5432)) as database:
        env = {
            "PATH": os.environ["PATH"],
            # The real settings with DEBUG off, but static files need no collectstatic.
            "DJANGO_SETTINGS_MODULE": "iml_portal.test_settings",
            **PRODUCTION,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/postgres",
            "DATABASE_CONNECT_TIMEOUT": "2",
        }
        process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCRIPT],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        healthz = read_line(process)
        page = read_line(process)
        attempts_while_hung = database.accepted
        database.hanging = False  # the database answers again
        out, err = process.communicate("\n", timeout=60)

    # DATABASE_CONNECT_TIMEOUT is 2 s: a few seconds at most (a loaded machine adds some),
    # where a hung database used to hold the request until gunicorn's 30 s.
    assert healthz[:2] == ["/healthz", "503"], err
    assert float(healthz[2]) < 6
    assert page[:2] == ["/en/team/", "503"] and page[3] == "True", err
    assert float(page[2]) < 6
    assert attempts_while_hung == 2  # one connection attempt each, not one per query
    assert out.split() == ["/healthz", "200"], err


def resilient_cache(port):
    """The production cache (a circuit breaker, short timeouts) on a Redis at `port`."""
    return {
        "default": {
            "BACKEND": "iml_portal.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "BREAKER_SECONDS": 60,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.3},
        }
    }


@pytest.fixture
def hung_redis(settings):
    with HangingServer() as redis:
        settings.CACHES = resilient_cache(redis.port)
        yield redis


def test_a_hung_cache_costs_one_short_timeout_then_is_skipped(client, hung_redis, caplog):
    started = time.monotonic()
    responses = [client.get(path) for path in ["/en/team/", "/fr/", "/es/publications/"] * 4]
    elapsed = time.monotonic() - started

    assert {response.status_code for response in responses} == {200}
    assert hung_redis.accepted == 1  # tried once; then the breaker skips it
    assert elapsed < 3
    assert caplog.text.count("The cache did not answer") == 1


def test_while_the_cache_is_out_the_contact_form_still_takes_requests(client, hung_redis, settings):
    """The rate limit lets requests through while the cache is out (see the README)."""
    settings.CONTACT_RATE_LIMIT = "1/h"
    for _ in range(3):
        assert client.post("/en/contact/", form_data()).status_code == 302

    assert ContactRequest.objects.count() == 3


def test_the_cache_is_tried_again_after_the_breaker_period(hung_redis, settings):
    from django.core.cache import cache

    settings.CACHES["default"]["BREAKER_SECONDS"] = 0
    assert cache.get("anything") is None
    assert cache.get("anything") is None

    assert hung_redis.accepted == 2


def test_an_edit_made_while_the_cache_is_out_shows_at_once(client, settings):
    """This process's copies of pages are dropped when the cache cannot be told of an edit:
    the edited page is rendered again, not served from a copy made before."""
    from iml_portal.cache import local_pages
    from units.models import TeamMember

    settings.PUBLIC_PAGE_GENERATION_CHECK_SECONDS = 60
    local_pages.clear()
    try:
        assert client.get("/en/team/")["X-Cache"] == "miss"
        assert client.get("/en/team/")["X-Cache"] == "hit"  # from this process's copy
        with HangingServer() as redis:
            settings.CACHES = resilient_cache(redis.port)
            member = TeamMember.objects.get(name="Anne Althaus")
            member.role_en = "IML Specialist (acting)"
            member.save()
            page = client.get("/en/team/")
    finally:
        local_pages.clear()

    assert page.status_code == 200 and "X-Cache" not in page
    assert "IML Specialist (acting)" in page.content.decode()
