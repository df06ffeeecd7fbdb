"""Caching of public pages in the shared cache (Redis when REDIS_URL is set).

Views opt in with `public_page(view, params=…)` (Django's cache_control(public=True), and the
query string parameters the page understands); PublicPageCacheMiddleware then keeps their
rendered responses. Every key carries:
- the "content generation", a number bumped whenever staff save or delete content (after the
  transaction commits) and after every `migrate`, so a change shows at once on every app
  server without hunting down keys;
- the build (a hash of the static files' manifest), so servers of two releases never share
  pages that name each other's static files;
- today's date, as some pages (upcoming trainings) change with it;
- the path and the parameters the page understands, sorted; the others are left out of it.
An address with parameters the page does not understand is served from the entry of the
address without them, and never stored: nobody can fill the cache by inventing addresses.
Each page keeps at most PUBLIC_PAGE_CACHE_VARIANTS variants (searches, filters) per content
generation, so even its own parameters cannot grow it without limit.
Browsers revalidate with the ETag set by ConditionalGetMiddleware. The cache is an
accelerator only: when it fails, pages are served uncached and the failure logged.

Browsers may reuse a public page for PUBLIC_PAGE_MAX_AGE seconds without asking. Staff must
see their edits at once, so pages served to a session (staff signed in to the admin) are
private and revalidated on every view, and every public page varies on Cookie, so that a
copy the browser kept before signing in is not reused after.
"""

import functools
import hashlib
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path
from django.views.decorators.cache import cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"


def public_page(view, params=()):
    """Mark `view` as a public page, cached for every visitor; `params` are the query string
    parameters that change what it shows (the others never reach the cache key)."""
    view = cache_control(public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)(view)
    view.page_params = frozenset(params)
    return view


def page_params(request):
    """The parameters the requested page understands, or None when it is not a public page
    (nothing to look up in the cache)."""
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return getattr(match.func, "page_params", None)


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh start (or an evicted key) takes a new, never-used value, so pages cached
        # under an older generation can never be served again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_content_generation(**kwargs):
    """Retire every cached page. Signals and `migrate` call it; code that writes content
    without signals (bulk_create, QuerySet.update) must call it itself."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: a fresh one is as good
        content_generation()
    except Exception:
        logger.exception("Could not retire the cached pages: the cache failed")


def is_content(model):
    """Whether `model` is part of the site's content (settings.CONTENT_APPS, CONTENT_MODELS)."""
    meta = model._meta
    return meta.app_label in settings.CONTENT_APPS or meta.label_lower in settings.CONTENT_MODELS


def content_changed(sender, **kwargs):
    if is_content(sender):
        bump_content_generation()
        # Again once the change is committed: a page rendered meanwhile from the old rows
        # must not live on under the new generation.
        transaction.on_commit(bump_content_generation)


def connect_invalidation():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")


@functools.cache
def build_id():
    if not settings.STATIC_ROOT:
        return "dev"
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except OSError:  # no collectstatic yet (development)
        return "dev"


def page_key(request, params=()):
    """The cache key of the page at the request's address, with only `params` of its query
    string (sorted, so their order makes no difference)."""
    query = sorted((name, value) for name in params for value in request.GET.getlist(name))
    url = f"{request.get_host()}{request.path}?{urlencode(query)}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{_generation_prefix()}:{digest}"


def _generation_prefix():
    return f"{build_id()}:{content_generation()}:{timezone.localdate().isoformat()}"


def room_for_variant(request):
    """Whether the page may keep one more variant (an address with parameters) in the cache
    under the current generation; the bare page always may."""
    if not request.GET:
        return True
    key = f"page-variants:{_generation_prefix()}:{request.get_host()}{request.path}"
    if cache.add(key, 1, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS):
        return True
    try:
        return cache.incr(key) <= settings.PUBLIC_PAGE_CACHE_VARIANTS
    except ValueError:  # expired meanwhile
        return cache.add(key, 1, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS)


class PublicPageCacheMiddleware:
    """Serves public pages from the cache to visitors without a session (staff signed in to
    the admin always get fresh pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            if self.is_public(response):
                patch_vary_headers(response, ["Cookie"])
                patch_cache_control(response, private=True, no_cache=True, max_age=0)
            return response
        params = page_params(request)
        if params is None:  # not a public page
            return self.get_response(request)
        # Unknown parameters: served from the entry without them, never stored.
        storable = set(request.GET) <= params
        try:
            key = page_key(request, params)
            response = cache.get(key)
        except DisallowedHost:  # left to CommonMiddleware, which answers 400 in the right language
            return self.get_response(request)
        except Exception:
            logger.exception("Page cache skipped: the cache failed")
            return self.get_response(request)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_public(response):
            patch_vary_headers(response, ["Cookie"])
            set_response_etag(response)
            try:
                if storable and room_for_variant(request):
                    cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
                    response["X-Cache"] = "miss"
            except Exception:
                logger.exception("Page not cached: the cache failed")
        return response

    @staticmethod
    def is_public(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in cache_control
            and "private" not in cache_control
        )
