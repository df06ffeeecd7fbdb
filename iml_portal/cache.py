"""Caching of public pages in the shared cache (Redis when REDIS_URL is set).

Views opt in with `public_page(view, params=…)` (Django's cache_control(public=True), and the
query string parameters the page understands); PublicPageCacheMiddleware then keeps their
responses. It sits near the top of the middleware, right below CORS: on a miss it stores the
response as it is sent — status, headers (security, CSP, ETag, Vary, …) and bytes, never a
pickled HttpResponse — and a hit is answered from those, without running the middleware
below it. Each entry holds the "content generation" it was rendered under: a number bumped
whenever staff save or delete content (after the transaction commits too) and after every
`migrate`; an entry of an older generation is never served, so a change shows at once on
every app server without hunting down keys. One round trip to the cache reads both the
generation and the entry. Every key carries:
- ENTRY_FORMAT, the shape of the stored entry, so a release that changes it never reads
  entries written by the one before;
- the build (a hash of the static files' manifest), so servers of two releases never share
  pages that name each other's static files;
- today's date, as some pages (upcoming trainings) change with it;
- the scheme, host, path and the parameters the page understands, sorted; the others are
  left out of it.
An address with parameters the page does not understand is served from the entry of the
address without them, and never stored: nobody can fill the cache by inventing addresses.
Each page keeps at most PUBLIC_PAGE_CACHE_VARIANTS variants (searches, filters) per content
generation, so even its own parameters cannot grow it without limit.

Each process also keeps copies of the pages it served lately (LocalPages, at most
PUBLIC_PAGE_LOCAL_BYTES), which it serves without asking the shared cache for as long as
the content generation it last read is at most PUBLIC_PAGE_GENERATION_CHECK_SECONDS old. A
process that bumps the generation knows the new one at once; the others see it within that
delay.

Browsers revalidate with the ETag: conditional requests for public pages are answered here
(304), for hits and misses alike. The cache is an accelerator only: when it fails, pages are
served uncached and the failure logged.

Browsers may reuse a public page for PUBLIC_PAGE_MAX_AGE seconds without asking. Staff must
see their edits at once, so pages served to a session (staff signed in to the admin) are
private and revalidated on every view, and every public page varies on Cookie, so that a
copy the browser kept before signing in is not reused after.
"""

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.translation import get_language_from_path
from django.views.decorators.cache import cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
# The shape of a stored entry, (generation, status, [(header, value)], content): part of every
# key, so that entries of another shape (an older release's) are never read. Change it with
# the shape.
ENTRY_FORMAT = 2
# The request headers of a conditional request, held back from the middleware below on a
# miss so that the page is rendered (and stored) whole; the 304 is answered here.
CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def public_page(view, params=()):
    """Mark `view` as a public page, cached for every visitor; `params` are the query string
    parameters that change what it shows (the others never reach the cache key)."""
    view = cache_control(public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)(view)
    view.page_params = frozenset(params)
    return view


def page_params(request):
    """The parameters the requested page understands, or None when it is not a public page
    (nothing to look up in the cache)."""
    path = request.path_info
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    if len(path) > 200:  # never kept: nobody fills the memo with long addresses
        return _page_params(path, urlconf)
    return _remembered_page_params(path, urlconf)


def _page_params(path, urlconf):
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "page_params", None)


# An address always resolves to the same view: resolved once per process (per URLconf).
_remembered_page_params = functools.lru_cache(maxsize=2048)(_page_params)


class LocalPages:
    """This process's copies of the pages it served lately: at most
    PUBLIC_PAGE_LOCAL_BYTES of content, the least recently used dropped first; and the
    content generation it last read from the shared cache, with when."""

    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self):
        with self._lock:
            # key -> ((generation, status, headers, content), expiry on the monotonic clock)
            self.entries = OrderedDict()
            self.size = 0
            self.generation = None
            self.read_at = float("-inf")

    def current_generation(self, now):
        """The content generation, when it was read less than
        PUBLIC_PAGE_GENERATION_CHECK_SECONDS ago; None when it must be read again."""
        if now - self.read_at < settings.PUBLIC_PAGE_GENERATION_CHECK_SECONDS:
            return self.generation
        return None

    def saw_generation(self, generation, now):
        with self._lock:
            if generation is None:  # the cache is out: keep nothing that may be stale
                self.entries.clear()
                self.size = 0
            self.generation = generation
            self.read_at = now if generation is not None else float("-inf")

    def get(self, key, generation, now=None):
        """The copy of `key` under `generation`, if it has not outlived the shared cache's
        PUBLIC_PAGE_CACHE_SECONDS (a record scheduled for later appears on its own, with no
        change of generation: no copy may hide it longer than the shared cache would)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            found = self.entries.get(key)
            if found is None:
                return None
            entry, expires = found
            if entry[0] != generation or now >= expires:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry, now=None):
        budget = settings.PUBLIC_PAGE_LOCAL_BYTES
        size = len(entry[3])
        expires = (time.monotonic() if now is None else now) + settings.PUBLIC_PAGE_CACHE_SECONDS
        with self._lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[0][3])
            if size > budget:
                return
            self.entries[key] = (entry, expires)
            self.size += size
            while self.size > budget:
                _, (dropped, _expires) = self.entries.popitem(last=False)
                self.size -= len(dropped[3])


local_pages = LocalPages()


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh start (or an evicted key) takes a new, never-used value, so pages cached
        # under an older generation can never be served again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# How long `kept` data stays: a record scheduled for later shows within this delay (an edit
# retires the data at once).
KEPT_SECONDS = 60


def kept(name, compute, seconds=KEPT_SECONDS, *, store=True):
    """`compute()`, kept in the cache under `name` and the content generation for `seconds`,
    so that any content change retires it. `store` may be a callable, asked only after a miss
    whether the value may be stored. A cache that fails only costs the computation."""
    key = None
    try:
        key = f"kept:{name}:{content_generation()}"
        value = cache.get(key)
    except Exception:
        logger.warning("%s computed again: the cache failed", name)
        value = None
    if value is None:
        value = compute()
        if key and (store() if callable(store) else store):
            try:
                cache.set(key, value, seconds)
            except Exception:
                logger.warning("%s not kept: the cache failed", name)
    return value


def bump_content_generation(**kwargs):
    """Retire every cached page. Signals and `migrate` call it; code that writes content
    without signals (bulk_create, QuerySet.update) must call it itself. This process knows
    the new generation at once; the others within PUBLIC_PAGE_GENERATION_CHECK_SECONDS."""
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: a fresh one is as good
        generation = content_generation()
    except Exception:
        logger.exception("Could not retire the cached pages: the cache failed")
        generation = None
    local_pages.saw_generation(generation, time.monotonic())


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
    string, sorted by name (so the order of the parameters makes no difference); a name's
    values keep their order (of `?q=a&q=b`, a search reads the last)."""
    pairs = []
    if request.META.get("QUERY_STRING"):
        pairs = sorted(
            ((name, values) for name, values in request.GET.lists() if name in params),
            key=lambda pair: pair[0],
        )
    # Hashed, never sent: the pairs' repr is as unique as an encoded query, and cheaper.
    query = repr(pairs) if pairs else ""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{ENTRY_FORMAT}:{build_id()}:{timezone.localdate().isoformat()}:{digest}"


def cached_page(key):
    """(content generation, entry or None) for the page stored under `key`: from this
    process's copy while its generation is fresh, otherwise both in one round trip."""
    now = time.monotonic()
    generation = local_pages.current_generation(now)
    if generation is not None:
        entry = local_pages.get(key, generation)
        if entry is not None:
            return generation, entry
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = content_generation()
    local_pages.saw_generation(generation, now)
    entry = found.get(key)
    if entry is None or generation is None or entry[0] != generation:
        return generation, None
    entry = _ready(entry)
    local_pages.put(key, entry)
    return generation, entry


def store_page(key, entry):
    if settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:  # the page cache is off
        return
    cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
    local_pages.put(key, _ready(entry))


def _ready(entry):
    """A stored entry with its headers as an HttpResponse keeps them ({lowercase name: (name,
    value)}), ready to be served again and again from this process's copy."""
    generation, status, headers, content = entry
    return generation, status, {name.lower(): (name, value) for name, value in headers}, content


def room_for_variant(request, generation):
    """Whether the page may keep one more variant (an address with parameters) in the cache
    under `generation`; the bare page always may."""
    if not request.GET:
        return True
    date = timezone.localdate().isoformat()
    key = f"page-variants:{build_id()}:{generation}:{date}:{request.get_host()}{request.path}"
    return _count_up(key, settings.PUBLIC_PAGE_CACHE_VARIANTS, settings.PUBLIC_PAGE_CACHE_SECONDS)


def room_for(kind, limit, seconds):
    """Whether one more entry of `kind` may be stored in the cache: at most `limit` in each
    window of `seconds`, so that visitors typing new words cannot fill it."""
    window = int(time.time() // seconds)
    return _count_up(f"room:{kind}:{window}", limit, seconds * 2)


def _count_up(key, limit, timeout):
    """Counts one more under `key` (kept `timeout` seconds); False once past `limit`."""
    if cache.add(key, 1, timeout=timeout):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired meanwhile
        return cache.add(key, 1, timeout=timeout)


class PublicPageCacheMiddleware:
    """Serves public pages from the cache to visitors without a session (staff signed in to
    the admin always get fresh pages). Placed right below CORS: what it stores is the
    response as the middleware below it made it, and a hit skips them all."""

    def __init__(self, get_response):
        self.get_response = get_response
        # 304 and 412 for conditional requests, exactly as Django's middleware answers them.
        self.conditional = ConditionalGetMiddleware(get_response).process_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        session = settings.SESSION_COOKIE_NAME
        if session in request.META.get("HTTP_COOKIE", "") and session in request.COOKIES:
            return self.private(request)
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return self.get_response(request)  # SecurityMiddleware redirects it to HTTPS
        params = page_params(request)
        if params is None:  # not a public page
            return self.get_response(request)
        # Unknown parameters: served from the entry without them, never stored.
        storable = not request.META.get("QUERY_STRING") or set(request.GET) <= params
        try:
            key = page_key(request, params)
            generation, entry = cached_page(key)
        except DisallowedHost:  # left to CommonMiddleware, which answers 400 in the right language
            return self.get_response(request)
        except Exception:
            logger.exception("Page cache skipped: the cache failed")
            return self.get_response(request)
        if entry is not None:
            return self.stored_response(request, entry)
        response = self.render_whole(request)
        # A page whose Content-Security-Policy carries a nonce must never be served twice.
        storable = storable and generation is not None and not getattr(request, "_csp_nonce", None)
        if self.is_public(response):
            patch_vary_headers(response, ["Cookie"])
            if not response.has_header("ETag"):  # HEAD (ConditionalGetMiddleware sets it on GET)
                set_response_etag(response)
            try:
                if storable and room_for_variant(request, generation):
                    headers = list(response.items())
                    store_page(key, (generation, response.status_code, headers, response.content))
                    response["X-Cache"] = "miss"
            except Exception:
                logger.exception("Page not cached: the cache failed")
        return self.conditional(request, response)

    def stored_response(self, request, entry):
        """The response stored in `entry`, as it was sent; or 304 (412) for a conditional
        request, as ConditionalGetMiddleware answers."""
        _, status, headers, content = entry
        response = HttpResponse(content, status=status)
        # The headers as they were sent: checked by HttpResponse when they were first set, so
        # put back as they are (setting them again one by one is a tenth of a hit's time).
        response.headers._store = {**headers, "x-cache": ("X-Cache", "hit")}
        if any(name in request.META for name in CONDITIONAL_HEADERS):
            return self.conditional(request, response)
        return response

    def render_whole(self, request):
        """The response of the middleware below, with the request's conditional headers held
        back: the page whole, to store, whatever copy the browser has."""
        held = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        try:
            return self.get_response(request)
        finally:
            request.META.update(held)

    def private(self, request):
        """A page for a session: never from the cache, and kept by no one but its browser,
        which asks again every time."""
        response = self.get_response(request)
        if self.is_public(response, statuses=(200, 304)):
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    @staticmethod
    def is_public(response, statuses=(200,)):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code in statuses
            and not response.streaming
            and not response.cookies
            and "public" in cache_control
            and "private" not in cache_control
        )
