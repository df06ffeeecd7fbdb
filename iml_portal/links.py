"""The health of the site's external links: every address on another site that content links
to (any URL field of a content model but the *_source ones, which record where a fact was
found), checked politely by `manage.py check_links`, meant for cron.

Polite: at most one request per host every POLITE_DELAY seconds, a timeout, a User-Agent that
names the portal, HEAD first (GET only where a server refuses HEAD)."""

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from .models import ExternalLink

POLITE_DELAY = 1.0  # seconds between two requests to one host
TIMEOUT = 10.0


def link_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.URLField) and not field.name.endswith("_source")
    ]


def linking_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in settings.CONTENT_APPS
        and model is not ExternalLink
        and link_fields(model)
    ]


def used_addresses():
    """{address: [(model, object id)]} of every external link of the content."""
    used = {}
    for model in linking_models():
        for field in link_fields(model):
            rows = model._base_manager.exclude(**{field.name: ""}).values_list("pk", field.name)
            for pk, url in rows:
                used.setdefault(url, []).append((model, pk))
    return used


def sync_links():
    """One ExternalLink row per address in use; rows of addresses no longer used go."""
    used = used_addresses()
    ExternalLink.objects.exclude(url__in=used).delete()
    ExternalLink.objects.bulk_create([ExternalLink(url=url) for url in used], ignore_conflicts=True)
    return used


def user_agent():
    return f"IML-Unit-portal-link-check/1.0 (+{settings.SITE_URL})"


class PoliteChecker:
    """Checks addresses one by one, waiting so that no host gets two requests less than
    `delay` seconds apart. `clock` and `sleep` can be replaced (tests)."""

    def __init__(
        self, *, delay=POLITE_DELAY, timeout=TIMEOUT, clock=time.monotonic, sleep=time.sleep
    ):
        self.delay, self.timeout = delay, timeout
        self.clock, self.sleep = clock, sleep
        self.last_request = {}  # host -> clock time of its last request

    def wait_for(self, url):
        host = urlsplit(url).hostname or ""
        if host in self.last_request:
            wait = self.last_request[host] + self.delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last_request[host] = self.clock()

    def fetch(self, url, method):
        self.wait_for(url)
        request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent()})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.geturl(), ""
        except urllib.error.HTTPError as error:
            return error.code, error.geturl() or url, ""
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return None, "", f"{type(reason).__name__}: {reason}"[:300]

    def check(self, url):
        """(status, final address, error)."""
        status, final, error = self.fetch(url, "HEAD")
        if status in (403, 405, 501):  # a server that refuses HEAD may serve GET
            status, final, error = self.fetch(url, "GET")
        return status, final, error


def check_links(checker=None, *, only_broken=False):
    """Check every external link (the ones never checked first); returns the links checked."""
    checker = checker or PoliteChecker()
    sync_links()
    links = ExternalLink.objects.order_by(models.F("checked_at").asc(nulls_first=True), "url")
    if only_broken:
        links = links.broken()
    checked = []
    for link in links:
        status, final, error = checker.check(link.url)
        now = timezone.now()
        link.status, link.final_url, link.error, link.checked_at = status, final, error, now
        if link.is_broken:
            link.broken_since = link.broken_since or now
        else:
            link.broken_since = None
        link.save()
        checked.append(link)
    return checked
