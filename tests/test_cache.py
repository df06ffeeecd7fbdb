"""Public pages come from the shared cache, change as soon as content changes, and answer
conditional requests with 304."""

import datetime
from unittest import mock

import pytest
from django.test import Client

from iml_portal.cache import page_key
from units.models import TeamMember

pytestmark = pytest.mark.django_db


def test_a_cached_page_runs_no_query(client, django_assert_num_queries):
    first = client.get("/en/team/")
    assert first["X-Cache"] == "miss"

    with django_assert_num_queries(0):
        again = client.get("/en/team/")

    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert "public" in again["Cache-Control"] and "max-age=60" in again["Cache-Control"]


def test_editing_content_shows_at_once(client):
    assert b"Gianna Sanchez" in client.get("/fr/team/").content

    member = TeamMember.objects.get(name="Gianna Sanchez")
    member.role_fr = "Spécialiste principale du DIM"
    member.save()

    page = client.get("/fr/team/")
    assert page["X-Cache"] == "miss"
    assert "Spécialiste principale du DIM" in page.content.decode()


def test_deleting_content_shows_at_once(client):
    client.get("/en/team/")
    TeamMember.objects.get(name="Reshma Mathews").delete()

    assert b"Reshma Mathews" not in client.get("/en/team/").content


def test_pages_answer_conditional_requests_with_304(client):
    first = client.get("/es/research/")
    etag = first["ETag"]

    assert client.get("/es/research/", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/es/research/", headers={"if-none-match": '"stale"'}).status_code == 200


def test_signed_in_staff_always_get_fresh_pages(admin_client):
    admin_client.get("/en/team/")

    response = admin_client.get("/en/team/")
    assert "X-Cache" not in response
    # Nor does their browser keep the page without asking again (a 304 when unchanged).
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache", "max-age=0"}
    assert response["Vary"] == "Cookie"
    etag = response["ETag"]
    assert admin_client.get("/en/team/", headers={"if-none-match": etag}).status_code == 304


def test_a_page_kept_before_signing_in_is_not_reused_after(client, admin_user):
    # Public pages vary on Cookie: the session cookie of a sign-in makes the browser ask again.
    before = client.get("/en/team/")
    assert (before["X-Cache"], before["Vary"]) == ("miss", "Cookie")
    assert client.get("/en/team/")["X-Cache"] == "hit"

    client.force_login(admin_user)
    after = client.get("/en/team/")

    # Not the shared copy, and not one the browser may keep without asking.
    assert "X-Cache" not in after
    assert "private" in after["Cache-Control"] and "no-cache" in after["Cache-Control"]


def test_pages_that_are_not_public_are_never_stored():
    client = Client()
    client.get("/admin/login/")

    assert "X-Cache" not in client.get("/admin/login/")


def cache_entries():
    from django.core.cache import cache

    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # local memory
        return len(cache._cache)
    return cache._cache.get_client().dbsize()  # Redis: the tests' own database


def test_each_language_is_a_page_of_its_own(client):
    english = client.get("/en/team/")
    french = client.get("/fr/team/")

    assert english["X-Cache"] == french["X-Cache"] == "miss"
    assert french["Content-Language"] == "fr"


def test_parameters_a_page_does_not_understand_never_grow_the_cache(client):
    client.get("/en/team/")
    stored = cache_entries()

    responses = [client.get(f"/en/team/?utm_x={n}") for n in range(50)]

    assert {response["X-Cache"] for response in responses} == {"hit"}  # the page's own entry
    assert cache_entries() == stored


def test_an_address_with_unknown_parameters_is_not_stored(client):
    first = client.get("/en/publications/?series=iom-atd-series&fbclid=abc")

    assert first.status_code == 200 and "X-Cache" not in first
    assert client.get("/en/publications/?series=iom-atd-series")["X-Cache"] == "miss"


def test_the_parameters_a_page_understands_are_keyed_in_one_order(client):
    first = client.get("/en/publications/?language=en&series=international-migration-law")
    again = client.get("/en/publications/?series=international-migration-law&language=en")

    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert client.get("/en/publications/?language=fr")["X-Cache"] == "miss"


def test_a_repeated_parameter_keeps_the_order_of_its_values_in_the_key(client):
    """A search reads the last of `?q=a&q=b`: the two orders are two pages."""
    first = client.get("/en/publications/?q=glossary&q=zzqqxx")
    second = client.get("/en/publications/?q=zzqqxx&q=glossary")

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "miss")
    assert first.content != second.content


def test_each_page_keeps_a_bounded_number_of_variants(client, settings):
    settings.PUBLIC_PAGE_CACHE_VARIANTS = 3
    settings.SEARCHES_KEPT_PER_MINUTE = 2
    client.get("/en/publications/")
    client.get("/en/team/?q=word")  # a search's own cache entries (the thesaurus), not a page
    from iml_portal.search import expand

    expand("word")
    stored = cache_entries()

    for n in range(20):
        assert client.get(f"/en/publications/?q=word{n}").status_code == 200

    # Three variants and their counter; two searches' rows found, facet counts and facets'
    # HTML (iml_portal/filters.py), and their counter.
    assert cache_entries() == stored + 3 + 1 + 2 * 3 + 1
    assert client.get("/en/publications/?q=word1")["X-Cache"] == "hit"
    assert "X-Cache" not in client.get("/en/publications/?q=word19")


def test_the_key_changes_with_the_day(rf):
    request = rf.get("/en/trainings/")
    today = page_key(request)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2030, 1, 1)):
        assert page_key(request) != today


def test_adding_synthetic_publications_retires_cached_pages(client):
    from django.core.management import call_command

    client.get("/en/publications/")
    call_command("add_synthetic_publications", "3", stdout=open("/dev/null", "w"))

    page = client.get("/en/publications/")
    assert page["X-Cache"] == "miss"
    assert "[Synthetic] Publication 00003" in page.content.decode()


DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
}


def test_a_cache_outage_leaves_pages_and_edits_working(client, settings, caplog):
    settings.CACHES = DEAD_REDIS

    assert client.get("/en/team/").status_code == 200
    assert client.get("/healthz").status_code == 200
    member = TeamMember.objects.get(name="Anne Althaus")
    member.role_en = "IML Specialist (acting)"
    member.save()
    assert "IML Specialist (acting)" in client.get("/en/team/").content.decode()
    assert "the cache failed" in caplog.text


def test_migrate_retires_cached_pages(client):
    from django.core.management import call_command

    client.get("/en/about/")
    call_command("migrate", verbosity=0)

    assert client.get("/en/about/")["X-Cache"] == "miss"


def test_the_key_names_the_build(rf, monkeypatch):
    from iml_portal import cache as page_cache

    request = rf.get("/en/")
    monkeypatch.setattr(page_cache, "build_id", lambda: "release-1")
    first = page_key(request)
    monkeypatch.setattr(page_cache, "build_id", lambda: "release-2")

    assert page_key(request) != first


def test_a_page_rendered_before_the_commit_is_not_served_after_it(
    client, rf, django_capture_on_commit_callbacks
):
    """Another worker may render a page from the old rows between the save and the commit, and
    cache it under the new generation; once the change commits, that copy is never served."""
    from django.core.cache import cache

    member = TeamMember.objects.get(name="Anne Althaus")
    with django_capture_on_commit_callbacks(execute=True):
        member.role_en = "Senior IML Specialist"
        member.save()
        stale = client.get("/en/team/")  # stands for the other worker's render, cached now
        assert stale["X-Cache"] == "miss"
        assert cache.get(page_key(rf.get("/en/team/"))) is not None

    page = client.get("/en/team/")
    assert page["X-Cache"] == "miss"
    assert "Senior IML Specialist" in page.content.decode()


# What a cached page sends is what it sent when it was rendered: every header but the two
# that say which it was (X-Cache) and name the request (X-Request-ID).
PER_REQUEST = {"x-cache", "x-request-id"}


def sent_headers(response):
    return {
        name.lower(): value for name, value in response.items() if name.lower() not in PER_REQUEST
    }


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/en/team/", {}),
        ("/fr/publications/?series=international-migration-law", {}),
        ("/en/publications/feed/", {}),
        ("/robots.txt", {}),
        ("/api/v1/publications/?lang=fr", {"origin": "https://elsewhere.example"}),
    ],
)
def test_a_hit_sends_the_headers_and_bytes_of_the_miss(client, path, headers):
    miss = client.get(path, headers=headers, secure=True)
    hit = client.get(path, headers=headers, secure=True)

    assert (miss.status_code, miss["X-Cache"], hit["X-Cache"]) == (200, "miss", "hit")
    assert sent_headers(hit) == sent_headers(miss)
    assert hit.content == miss.content
    # The security headers are among them (HSTS: over HTTPS only, as configured).
    for name in ("content-security-policy", "x-frame-options", "permissions-policy", "etag"):
        assert name in sent_headers(hit)


def test_a_304_is_the_same_from_a_hit_and_a_miss(client):
    from django.core.cache import cache

    first = client.get("/en/about/")
    etag = first["ETag"]

    cache.clear()  # /en/about/ is a miss again
    on_miss = client.get("/en/about/", headers={"if-none-match": etag})
    on_hit = client.get("/en/about/", headers={"if-none-match": etag})

    assert on_miss.status_code == on_hit.status_code == 304
    assert sent_headers(on_miss) == sent_headers(on_hit)
    assert on_hit["Vary"] == "Cookie" and "public" in on_hit["Cache-Control"]
    # The miss stored the page whole: the next visitor without a copy gets all of it.
    assert client.get("/en/about/").content == first.content


def test_a_cached_page_still_redirects_plain_http_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/en/team/", secure=True)["X-Cache"] == "miss"
    assert client.get("/en/team/", secure=True)["X-Cache"] == "hit"

    response = client.get("/en/team/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/team/"


def test_the_key_names_the_entry_format(rf, monkeypatch):
    """An entry written by a release that stored another shape is never read."""
    from iml_portal import cache as page_cache

    request = rf.get("/robots.txt")
    first = page_key(request)
    monkeypatch.setattr(page_cache, "ENTRY_FORMAT", page_cache.ENTRY_FORMAT + 1)

    assert page_key(request) != first


def nonce_page(request):
    from django.http import HttpResponse

    return HttpResponse(f"<script nonce='{request._csp_nonce}'></script>")


def test_a_page_that_uses_a_csp_nonce_is_never_stored(client, settings):
    from django.urls import path
    from django.utils.csp import CSP

    from iml_portal.cache import public_page

    settings.ROOT_URLCONF = (path("nonce/", public_page(nonce_page)),)  # a URLconf of its own
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.NONCE]}

    first, again = client.get("/nonce/"), client.get("/nonce/")

    assert "X-Cache" not in first and "X-Cache" not in again
    assert first["Content-Security-Policy"] != again["Content-Security-Policy"]


class CountingCache:
    """The cache, counting the round trips a page lookup makes."""

    def __init__(self, cache):
        self.cache, self.round_trips = cache, 0

    def __getattr__(self, name):
        self.round_trips += 1
        return getattr(self.cache, name)


@pytest.fixture
def local_copies(settings, monkeypatch):
    """This process's copies of pages, with a generation checked every 60 s, a clock the test
    moves, and a count of the round trips to the shared cache."""
    from iml_portal import cache as page_cache

    settings.PUBLIC_PAGE_GENERATION_CHECK_SECONDS = 60
    page_cache.local_pages.clear()
    clock = mock.Mock(return_value=1000.0)
    monkeypatch.setattr(page_cache.time, "monotonic", clock)
    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    yield counting, clock
    page_cache.local_pages.clear()


def test_a_hit_makes_one_round_trip_then_none_within_the_check_delay(client, local_copies):
    from iml_portal.cache import local_pages

    counting, clock = local_copies
    client.get("/en/team/")
    local_pages.clear()  # as in another process: the page is in the shared cache only

    counting.round_trips = 0
    assert client.get("/en/team/")["X-Cache"] == "hit"
    assert counting.round_trips == 1  # the generation and the page, in one get_many

    counting.round_trips = 0
    clock.return_value += 59
    assert client.get("/en/team/")["X-Cache"] == "hit"
    assert counting.round_trips == 0


def test_this_servers_own_edit_shows_at_once(client, local_copies):
    client.get("/en/team/")
    assert client.get("/en/team/")["X-Cache"] == "hit"

    member = TeamMember.objects.get(name="Gianna Sanchez")
    member.role_en = "Principal IML Specialist"
    member.save()

    page = client.get("/en/team/")
    assert page["X-Cache"] == "miss"
    assert "Principal IML Specialist" in page.content.decode()


def test_another_servers_edit_shows_once_the_generation_is_checked(client, local_copies):
    from iml_portal.cache import GENERATION_KEY

    counting, clock = local_copies
    client.get("/en/team/")
    counting.cache.incr(GENERATION_KEY)  # another app server's edit

    clock.return_value += 59
    assert client.get("/en/team/")["X-Cache"] == "hit"  # within the delay: this copy
    clock.return_value += 1
    assert client.get("/en/team/")["X-Cache"] == "miss"  # checked: the edit shows


def test_the_local_copies_keep_to_their_byte_budget(settings):
    from iml_portal.cache import LocalPages

    settings.PUBLIC_PAGE_LOCAL_BYTES = 100
    pages = LocalPages()
    for n in range(5):
        pages.put(f"page-{n}", (1, 200, [], b"x" * 40))
    pages.get("page-3", 1)  # used lately: kept
    pages.put("page-5", (1, 200, [], b"x" * 40))
    pages.put("too-big", (1, 200, [], b"x" * 101))

    assert pages.size <= 100
    assert list(pages.entries) == ["page-3", "page-5"]
    assert pages.get("page-3", 2) is None  # another generation: never served


def test_the_redis_client_is_made_once_per_connection_pool():
    from iml_portal.cache_backends import ResilientRedisCache

    redis_cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})  # connects only when used

    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    assert client.connection_pool is redis_cache._cache._get_connection_pool(False)


def test_no_local_copy_outlives_the_shared_cache(client, local_copies, settings):
    """A record scheduled for later appears with no change of generation: a process's copy
    of a page may hide it no longer than the shared cache's entry would."""
    counting, clock = local_copies
    settings.PUBLIC_PAGE_GENERATION_CHECK_SECONDS = 10_000  # the generation never re-read
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    client.get("/en/team/")

    clock.return_value += 599
    assert client.get("/en/team/")["X-Cache"] == "hit"
    clock.return_value += 1
    counting.cache.clear()  # the shared cache's entry has expired too
    assert client.get("/en/team/")["X-Cache"] == "miss"


def test_with_the_page_cache_off_nothing_is_kept(client, settings):
    from iml_portal.cache import local_pages

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    local_pages.clear()

    client.get("/en/team/")

    assert client.get("/en/team/").get("X-Cache") != "hit"
    assert not local_pages.entries
