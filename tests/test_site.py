"""Site-wide behaviour: error pages, health check, request ids, security headers, staff
groups and production settings."""

import logging
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.conftest import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_urls(settings, client):
    settings.ROOT_URLCONF = "tests.urls"
    client.raise_request_exception = False
    return client


@pytest.fixture
def database_down():
    """Every query fails, as when the database server has gone away."""
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("server closed the connection")
    ):
        yield


@pytest.mark.parametrize(
    ("path", "title", "navigation"),
    [
        ("/en/no-such-page/", "Page not found", ["Language", "Main"]),
        ("/fr/no-such-page/", "Page introuvable", ["Langue", "Navigation principale"]),
        ("/es/no-such-page/", "Página no encontrada", ["Idioma", "Navegación principal"]),
    ],
)
def test_404_is_styled_translated_and_not_indexed(client, path, title, navigation):
    response = client.get(path)

    assert response.status_code == 404
    page = Page(response)
    assert page.h1 == title
    # The site's own layout, with its navigation, in the page's language.
    assert [nav.get("aria-label") for nav in page.elements("nav")] == navigation
    assert page.elements("meta", name="robots", content="noindex")
    assert not page.links("canonical")


def test_500_shows_no_internals_and_is_logged_with_traceback_and_request_id(failing_urls, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing_urls.get("/broken/", headers={"x-request-id": "req-12345678"})

    assert response.status_code == 500
    assert Page(response).h1 == "Something went wrong"
    assert b"s3cr3t" not in response.content
    assert b"Traceback" not in response.content
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and "s3cr3t" in str(record.exc_info[1])
    assert record.request_id == "req-12345678"


def test_database_error_gives_a_503_page(failing_urls):
    response = failing_urls.get("/database-down/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert Page(response).h1 == "Service temporarily unavailable"


def test_site_answers_503_while_the_database_is_down_then_recovers(client):
    client.raise_request_exception = False
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/fr/team/")
        assert response.status_code == 503
        assert Page(response).h1 == "Service temporairement indisponible"

    assert client.get("/fr/team/").status_code == 200


def test_healthz(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_healthz_reports_a_database_that_does_not_answer(client, database_down):
    assert client.get("/healthz").status_code == 503


def test_request_id_is_returned_and_logged_once_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="iml_portal.requests"):
        response = client.get("/en/team/", headers={"x-request-id": "lb-id-0001"})
        other = client.get("/en/team/", headers={"x-request-id": "bad id\nforged"})

    assert response["X-Request-ID"] == "lb-id-0001"
    assert len(other["X-Request-ID"]) == 32
    lines = [r for r in caplog.records if r.name == "iml_portal.requests"]
    assert [r.getMessage().split()[:3] for r in lines] == [
        ["GET", "/en/team/", "200"],
        ["GET", "/en/team/", "200"],
    ]
    assert [r.request_id for r in lines] == ["lb-id-0001", other["X-Request-ID"]]


def test_security_headers(client):
    response = client.get("/en/")

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


SHOW_HTTPS_SETTINGS = (
    "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, "
    "s.SESSION_COOKIE_SAMESITE)"
)


@pytest.mark.parametrize(
    ("https", "expected"),
    [
        (None, "True True True 31536000 True Lax"),  # the default: production
        ("true", "True True True 31536000 True Lax"),
        ("false", "False False False 0 True Lax"),  # plain-HTTP local runs
    ],
)
def test_https_settings_follow_django_https(https, expected):
    env = {**PRODUCTION}
    if https is not None:
        env["DJANGO_HTTPS"] = https

    result = run_manage("shell", "-c", SHOW_HTTPS_SETTINGS, **env)

    assert result.stdout.split("\n")[-2] == expected, result.stderr


def test_csrf_failure_page_is_translated(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/admin/login/", {"username": "x", "password": "y"}, headers={"accept-language": "es"}
    )

    assert response.status_code == 403
    assert "Acceso denegado" in Page(response).h1


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "admin" not in response.content.decode()


def test_admin_sign_in_is_locked_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_superuser("staff", "staff@example.org", "right-password")
    login = reverse("admin:login")
    # Changing user names (or addresses within one IPv6 /64) does not reset the count.
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        address = f"2001:db8::{attempt + 1:x}"
        credentials = {"username": f"guess-{attempt}", "password": "wrong"}
        assert client.post(login, credentials, REMOTE_ADDR=address).status_code == 200
    last = {"username": "staff", "password": "wrong"}
    assert client.post(login, last, REMOTE_ADDR="2001:db8::ff").status_code == 429

    locked = client.post(
        login, {"username": "staff", "password": "right-password"}, REMOTE_ADDR="2001:db8::1"
    )
    assert locked.status_code == 429
    assert Page(locked).h1 == "Too many failed sign-in attempts"
    other_client = {"username": "staff", "password": "right-password"}
    assert client.post(login, other_client, REMOTE_ADDR="2001:db9::1").status_code == 302


def test_editors_group_can_edit_content_and_nothing_else():
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("content_type__app_label", "codename"))

    assert ("units", "change_teammember") in codenames
    assert ("units", "add_researchtheme") in codenames
    assert ("instruments", "change_participation") in codenames  # the database
    assert ("iml_portal", "change_concept") in codenames  # the thesaurus
    assert ("iml_portal", "view_externallink") in codenames
    assert ("iml_portal", "change_externallink") not in codenames
    assert ("iml_portal", "add_searchword") not in codenames
    assert {app for app, _codename in codenames} <= {
        "units",
        "publications",
        "trainings",
        "instruments",
        "iml_portal",
    }


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "DJANGO_ENV_FILE": "", **env},
    )


PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "iml.example.org",
    "DJANGO_SITE_URL": "https://iml.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "DATABASE_URL": "sqlite:////tmp/iml-deploy-check.sqlite3",
    "DEFAULT_FROM_EMAIL": "IML Unit <sender@iml.example.org>",
}


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_checklist_asks_for_a_shared_cache():
    result = run_manage("check", "--deploy", **{**PRODUCTION, "REDIS_URL": ""})

    assert "iml_portal.W001" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"DEFAULT_FROM_EMAIL": ""}, "DEFAULT_FROM_EMAIL and SERVER_EMAIL"),
        ({"SERVER_EMAIL": "IML Unit <noreply@iom.int>"}, "SERVER_EMAIL still send"),
    ],
)
def test_the_deployment_checklist_asks_for_a_real_sender_address(variables, named):
    env = {**PRODUCTION, **variables}
    if not env["DEFAULT_FROM_EMAIL"]:
        del env["DEFAULT_FROM_EMAIL"]  # unset: the placeholder default

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "contact.W002" in output
    assert named in output
    assert "an address the Unit's documents never give" in output


def test_the_sender_address_stays_configurable(settings):
    from contact.checks import check_sender_address

    settings.DEFAULT_FROM_EMAIL = settings.SERVER_EMAIL = "IML Unit <sender@iml.example.org>"
    assert check_sender_address(None) == []
    settings.DEFAULT_FROM_EMAIL = settings.PLACEHOLDER_FROM_EMAIL
    assert [warning.id for warning in check_sender_address(None)] == ["contact.W002"]


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", **env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_sitemap_lists_every_page_in_every_language_with_alternates(client):
    from xml.etree import ElementTree

    from publications.models import Publication

    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = [
        loc.text
        for loc in ElementTree.fromstring(index.content).findall("s:sitemap/s:loc", namespaces)
    ]
    urls = []
    for section in sections:
        urls += ElementTree.fromstring(client.get(section).content).findall("s:url", namespaces)
    locations = {url.find("s:loc", namespaces).text for url in urls}

    publication = Publication.objects.get(number=5)
    for language in ["en", "fr", "es"]:
        for page in [
            "",
            "about/",
            "team/",
            "what-we-do/",
            "research/",
            "publications/",
            "contact/",
        ]:
            assert f"http://testserver/{language}/{page}" in locations
        assert f"http://testserver/{language}/trainings/iml-course-sanremo/" in locations
        assert f"http://testserver/{language}/publications/{publication.slug}/" in locations
        assert f"http://testserver/{language}/publications/series/iom-atd-series/" in locations
    assert len(locations) == len(urls)
    for url in urls:
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        assert set(alternates) == {"en", "fr", "es", "x-default"}
    for location in sorted(locations)[::7]:  # a sample: every page listed exists
        assert client.get(location).status_code == 200


def test_uploaded_files_go_to_s3_when_a_bucket_is_named():
    show = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    on_s3 = run_manage("shell", "-c", show, **PRODUCTION, AWS_STORAGE_BUCKET_NAME="iml-files")
    on_disk = run_manage("shell", "-c", show, **PRODUCTION)

    assert on_s3.stdout.split()[-1] == "storages.backends.s3.S3Storage"
    csp = "from django.conf import settings; print(settings.SECURE_CSP['img-src'][-1])"
    custom = {**PRODUCTION, "AWS_STORAGE_BUCKET_NAME": "f", "AWS_S3_CUSTOM_DOMAIN": "files.iml.org"}
    assert run_manage("shell", "-c", csp, **custom).stdout.split()[-1] == "https://files.iml.org"
    assert on_disk.stdout.split()[-1] == "django.core.files.storage.FileSystemStorage"


def test_django_serves_uploaded_files_only_when_asked(client):
    assert settings.SERVE_MEDIA is False
    assert client.get("/media/anything.pdf").status_code == 404


def test_a_forged_host_gets_the_styled_400_page(client):
    client.raise_request_exception = False
    response = client.get("/fr/", headers={"host": "attacker.example"})

    assert response.status_code == 400
    assert Page(response).h1 == "Requête incorrecte"


def test_static_files_have_hashed_names_compression_and_far_future_caching(tmp_path, settings):
    from django.core.management import call_command
    from django.templatetags.static import static

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    url = static("css/site.css")
    assert (
        url.startswith("/static/css/site.")
        and url.endswith(".css")
        and url != "/static/css/site.css"
    )

    response = Client().get(url, headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


def test_load_balancers_can_probe_healthz_by_address_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    for method in (client.get, client.head):
        response = method("/healthz", headers={"host": "10.0.0.12:8000"})
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
    assert client.get("/en/", secure=False).status_code == 301  # every other page: HTTPS


def test_private_tokens_never_reach_the_logs(client, caplog, capfd):
    from tests.pages import page_path

    status_path = page_path("contact-status", "en")
    thanks_path = page_path("contact-thanks", "fr")
    token = status_path.rstrip("/").rsplit("/", 1)[1]
    form_token = thanks_path.rstrip("/").rsplit("/", 1)[1]
    with caplog.at_level(logging.INFO):
        assert client.get(status_path).status_code == 200
        assert client.get("/en/contact/status/not-a-token/").status_code == 404
        # Django's own lines: the redirect that adds the slash, a CSRF failure.
        assert client.get(status_path.rstrip("/")).status_code == 301
        assert Client(enforce_csrf_checks=True).post(thanks_path).status_code == 403

    logged = caplog.text + capfd.readouterr().err
    for secret in (token, "not-a-token", form_token):
        assert secret not in logged
    assert "/en/contact/status/<token>/" in caplog.text
    assert "Forbidden (CSRF cookie not set.): /fr/contact/thanks/<token>/" in caplog.text


def test_error_responses_are_logged_with_their_request_id(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/en/no-such-page/", headers={"x-request-id": "lb-id-404-0001"})

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Not Found: /en/no-such-page/"
    assert record.request_id == "lb-id-404-0001"


@pytest.mark.parametrize("next_url", ["//evil.com/", "https://evil.com/admin/", "/\\evil.com"])
def test_a_sign_in_with_an_unsafe_next_lands_on_the_admin_index(client, admin_user, next_url):
    response = client.post(
        f"{reverse('admin:login')}?next={next_url}",
        {"username": admin_user.username, "password": "password", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_the_deployment_checklist_refuses_a_proxy_list_that_trusts_everyone():
    result = run_manage(
        "check",
        "--deploy",
        **PRODUCTION,
        DJANGO_TRUSTED_PROXY_COUNT="1",
        GUNICORN_FORWARDED_ALLOW_IPS="*",
    )

    assert "iml_portal.W002" in result.stderr + result.stdout
