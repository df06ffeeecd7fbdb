"""The private status page, and the purge of personal data after the retention period."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contact.models import ContactRequest
from contact.services import send_emails
from tests.conftest import LANGUAGES, Page, url
from tests.contact.factories import make_request

pytestmark = pytest.mark.django_db

STATUS_LABELS = {
    "en": ("Status of your request", "In progress", "Review or development of legislation"),
    "fr": ("Suivi de votre demande", "En cours", "Examen ou élaboration de lois"),
    "es": ("Estado de su solicitud", "En curso", "Revisión o elaboración de leyes"),
}


def acknowledged(**overrides):
    """A request whose acknowledgement went out; returns it and its status link's path."""
    request = make_request(**overrides)
    send_emails(contact_request_id=request.pk)
    request.refresh_from_db()
    path = re.search(r"http://127\.0\.0\.1:8000(/\S+)", mail.outbox[-1].body)[1]
    return request, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_page_shows_only_reference_type_date_and_status(client, language):
    request, path = acknowledged(
        name="<script>alert(1)</script>", subject="<b>Secret subject</b>", message="Private"
    )
    ContactRequest.objects.filter(pk=request.pk).update(status="in_progress")
    token = path.rstrip("/").rsplit("/", 1)[1]

    response = client.get(url("contact:status", language, token=token))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = Page(response)
    heading, status, request_type = STATUS_LABELS[language]
    assert page.lang == language
    assert page.h1 == heading
    text = page.text()
    assert request.reference in text and status in text and request_type in text
    for private in ["alert(1)", "Secret subject", "Private", "Amina", "example.org", "Ministry"]:
        assert private not in text
    assert page.elements("meta", name="robots") == [{"name": "robots", "content": "noindex"}]


def test_status_link_is_in_the_requesters_language(client):
    _request, path = acknowledged(language="es")

    assert path.startswith("/es/contact/status/")
    assert Page(client.get(path)).h1 == "Estado de su solicitud"


def test_token_is_stored_hashed(client):
    request, path = acknowledged()
    token = path.rstrip("/").rsplit("/", 1)[1]

    assert len(token) >= 40
    assert token not in request.status_token_hash
    assert re.fullmatch(r"[0-9a-f]{64}", request.status_token_hash)


@pytest.mark.parametrize("token", ["nope", "x" * 43, "", "%00", "a" * 5000])
def test_wrong_token_is_404(client, token):
    acknowledged()

    assert client.get(f"/en/contact/status/{token}/").status_code == 404


def test_a_request_not_yet_acknowledged_has_no_status_page(client):
    make_request()

    # Its empty hash must not match anything.
    assert client.get(url("contact:status", token="x")).status_code == 404
    assert not ContactRequest.objects.exclude(status_token_hash="").exists()


def close(request, days_ago):
    ContactRequest.objects.filter(pk=request.pk).update(
        status=ContactRequest.Status.CLOSED,
        status_changed_at=timezone.now() - timedelta(days=days_ago),
    )


def purge(*args):
    out = StringIO()
    call_command("purge_contact_requests", *args, stdout=out)
    return out.getvalue()


def test_purge_blanks_personal_data_of_old_closed_requests_only(client, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    old_closed, old_path = acknowledged()
    close(old_closed, days_ago=31)
    recent_closed = make_request()
    close(recent_closed, days_ago=29)
    old_open = make_request()
    ContactRequest.objects.filter(pk=old_open.pk).update(
        created_at=timezone.now() - timedelta(days=400),
        status=ContactRequest.Status.ANSWERED,
        status_changed_at=timezone.now() - timedelta(days=300),
    )
    assert client.get(old_path).status_code == 200

    output = purge()

    assert "Purged 1 contact request(s)" in output and old_closed.reference in output
    old_closed.refresh_from_db()
    for field in ContactRequest.PERSONAL_FIELDS:
        assert getattr(old_closed, field) == "", field
    assert old_closed.purged_at is not None
    # What statistics need is kept.
    assert old_closed.reference.startswith("IML-")
    assert (old_closed.request_type, old_closed.country.code) == ("legislation", "SN")
    assert old_closed.status == "closed" and old_closed.created_at is not None
    # The status link is dead.
    assert client.get(old_path).status_code == 404
    for untouched in [recent_closed, old_open]:
        untouched.refresh_from_db()
        assert untouched.purged_at is None and untouched.email == "amina.diallo@example.org"

    # Running it again purges nothing more.
    assert "Purged 0 contact request(s)" in purge()


@pytest.mark.parametrize("status", ["new", "in_progress", "answered"])
def test_a_request_never_closed_is_purged_after_the_longer_period(settings, status):
    settings.CONTACT_RETENTION_DAYS, settings.CONTACT_OPEN_RETENTION_DAYS = 30, 90
    forgotten, recent = make_request(), make_request()
    for request, days_ago in [(forgotten, 91), (recent, 89)]:
        ContactRequest.objects.filter(pk=request.pk).update(
            status=status, status_changed_at=timezone.now() - timedelta(days=days_ago)
        )

    assert "Purged 1 contact request(s)" in purge()

    forgotten.refresh_from_db()
    recent.refresh_from_db()
    assert forgotten.purged_at is not None and forgotten.email == ""
    assert forgotten.status == status  # kept for statistics
    assert recent.purged_at is None and recent.email == "amina.diallo@example.org"


def test_purge_dry_run_changes_nothing(settings):
    settings.CONTACT_RETENTION_DAYS = 30
    request = make_request()
    close(request, days_ago=31)

    output = purge("--dry-run")

    assert "Would purge 1 contact request(s)" in output and request.reference in output
    request.refresh_from_db()
    assert request.purged_at is None and request.name == "Amina Diallo"


def test_thank_you_page_disappears_with_the_personal_data(client, settings):
    settings.CONTACT_RETENTION_DAYS = 1
    request = make_request()
    close(request, days_ago=2)
    purge()

    assert client.get(url("contact:thanks", token=request.form_token)).status_code == 404


def test_the_database_refuses_a_purged_request_with_personal_data():
    from django.db import IntegrityError, transaction

    request = make_request()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactRequest.objects.filter(pk=request.pk).update(purged_at=timezone.now())


def test_secret_addresses_are_not_passed_on_as_referrer(client):
    from tests.pages import page_path

    for page_type in ("contact-status", "contact-thanks"):
        response = client.get(page_path(page_type, "en"))
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "no-referrer"
