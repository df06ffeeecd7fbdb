"""`manage.py check_links` checks every external link of the catalogue and the courses, politely,
and records what it found; the admin lists the broken ones. A local HTTP server stands in for
the other sites: the tests never reach the internet."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from iml_portal.links import PoliteChecker, check_links
from iml_portal.models import ExternalLink
from publications.models import Publication
from tests.conftest import Page
from trainings.models import Course

pytestmark = pytest.mark.django_db


class Site(BaseHTTPRequestHandler):
    requests = []  # (method, path, user agent)

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer(body=True)

    def answer(self, body):
        Site.requests.append((self.command, self.path, self.headers.get("User-Agent")))
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
        elif self.path in ("/ok", "/no-head", "/other"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            if body:
                self.wfile.write(b"<p>ok</p>")
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def no_link_to_the_internet():
    """The seed content's own links (publications.iom.int, …) are blanked: only the test
    site's links are checked."""
    from iml_portal.links import link_fields, linking_models

    for model in linking_models():
        for field in link_fields(model):
            model._base_manager.update(**{field.name: ""})


@pytest.fixture
def site():
    Site.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def link(publication_number, address):
    publication = Publication.objects.get(
        series__slug="international-migration-law", number=publication_number
    )
    publication.link, publication.link_source = address, address
    publication.save()


class FakeTime:
    """A clock that only sleeps move: the politeness is checked without waiting."""

    def __init__(self):
        self.now, self.slept = 0.0, []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def run(**options):
    fake = FakeTime()
    checker = PoliteChecker(clock=fake.clock, sleep=fake.sleep, **options)
    return check_links(checker), fake


def state(address):
    found = ExternalLink.objects.get(url=address)
    return found.status, found.final_url, bool(found.error), found.is_broken


def test_each_link_gets_its_status_final_address_and_time(site):
    link(5, f"{site}/ok")
    link(12, f"{site}/missing")
    link(15, f"{site}/moved")
    link(19, f"{site}/no-head")
    course = Course.objects.get(slug="iml-course-new-york")
    course.external_url = f"{site}/other"
    course.save()

    checked, _fake = run()

    assert state(f"{site}/ok") == (200, f"{site}/ok", False, False)
    assert state(f"{site}/missing") == (404, f"{site}/missing", False, True)
    assert state(f"{site}/moved") == (200, f"{site}/ok", False, False)  # after the redirect
    assert state(f"{site}/no-head") == (200, f"{site}/no-head", False, False)  # by GET
    assert state(f"{site}/other")[0] == 200  # a course's link too
    assert all(found.checked_at for found in checked)
    assert ExternalLink.objects.get(url=f"{site}/missing").broken_since is not None
    assert ("GET", "/no-head") in [(method, path) for method, path, _agent in Site.requests]


def test_it_is_polite_one_request_per_host_per_second_and_says_who_it_is(site):
    for number, path in [(5, "/ok"), (12, "/missing"), (15, "/other")]:
        link(number, f"{site}{path}")
    # The same server under another host name: another host, no need to wait for it.
    link(19, site.replace("127.0.0.1", "localhost") + "/ok")

    _checked, fake = run()

    assert len(Site.requests) == 4  # one HEAD each
    # Three requests to 127.0.0.1: the second and third each waited a second (on a fake
    # clock, so the test does not); localhost's was not held up.
    assert fake.slept == [1.0, 1.0]
    assert {agent for _method, _path, agent in Site.requests} == {
        "IML-Unit-portal-link-check/1.0 (+http://127.0.0.1:8000)"
    }


def test_a_server_that_does_not_answer_in_time_is_broken(site):
    link(5, f"{site}/slow")

    run(timeout=0.5)

    status, _final, error, broken = state(f"{site}/slow")
    assert (status, error, broken) == (None, True, True)
    assert "timed out" in ExternalLink.objects.get(url=f"{site}/slow").error


def test_a_site_that_is_gone_is_broken():
    link(5, "http://127.0.0.1:9/nothing-listens-here")

    run(timeout=1)

    assert state("http://127.0.0.1:9/nothing-listens-here")[3] is True


def test_a_link_fixed_later_is_no_longer_broken_and_unused_links_go(site):
    link(5, f"{site}/missing")
    run()
    link(5, f"{site}/ok")

    run()

    assert not ExternalLink.objects.filter(url=f"{site}/missing").exists()
    found = ExternalLink.objects.get(url=f"{site}/ok")
    assert (found.is_broken, found.broken_since) == (False, None)


def test_the_command_reports_the_broken_links(site):
    link(5, f"{site}/missing")
    out = StringIO()

    call_command("check_links", "--delay", "0", "--timeout", "2", stdout=out)

    assert f"BROKEN 404 {site}/missing" in out.getvalue()
    assert "broken." in out.getvalue()


def test_the_admin_lists_broken_links_with_a_filter(site, admin_client):
    link(5, f"{site}/missing")
    link(12, f"{site}/ok")
    run()
    changelist = reverse("admin:iml_portal_externallink_changelist")

    page = Page(admin_client.get(f"{changelist}?state=broken"))

    shown = [text for text in page.texts("tr") if site in text]
    assert len(shown) == 1 and f"{site}/missing" in shown[0]
    one = ExternalLink.objects.get(url=f"{site}/missing")
    detail = Page(admin_client.get(reverse("admin:iml_portal_externallink_change", args=[one.pk])))
    assert "Publication" in detail.text()  # which record links to it
