"""A mail server that is down loses nothing: the request is kept, the visitor thanked, the
delivery state recorded, and the retries send each email exactly once."""

from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contact.models import ContactRequest, EmailDelivery, retry_delay
from contact.services import send_emails
from tests.conftest import url
from tests.contact import mailbackends
from tests.contact.factories import form_data, make_request
from tests.contact.mailbackends import Outage

pytestmark = pytest.mark.django_db

KINDS = ["notification", "acknowledgement"]
DeliveryState = EmailDelivery.State


@pytest.fixture
def flaky_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.contact.mailbackends.FlakyBackend"}}
    Outage.on_open = Outage.on_send = None
    Outage.opened = 0
    yield Outage
    Outage.on_open = Outage.on_send = None


def deliveries(request):
    return EmailDelivery.objects.filter(request=request)


def delivery(request, kind):
    return deliveries(request).get(kind=kind)


def states(request):
    return dict(deliveries(request).values_list("kind", "state"))


def attempts(request):
    return dict(deliveries(request).values_list("kind", "attempts"))


def make_due(request):
    """Skip the wait before the next retry of every email that has one."""
    deliveries(request).exclude(next_attempt_at=None).update(next_attempt_at=timezone.now())


def retry():
    call_command("send_pending_contact_emails", stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("error", ["refused", "timeout", "smtp"])
@pytest.mark.parametrize("where", ["on_open", "on_send"])
def test_mail_server_down_then_back_loses_nothing_and_sends_each_email_once(
    client, django_capture_on_commit_callbacks, flaky_mail, error, where
):
    setattr(flaky_mail, where, mailbackends.ERRORS[error])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("contact:form", "es"), form_data())

    # The visitor is thanked, the request is kept with its delivery state.
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    request = ContactRequest.objects.get()
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.FAILED)
    assert attempts(request) == dict.fromkeys(KINDS, 1)
    assert type(mailbackends.ERRORS[error]).__name__ in delivery(request, "notification").last_error
    assert mail.outbox == []
    # One connection attempt for both emails: an unanswering server costs one timeout.
    assert flaky_mail.opened == 1

    # Still down at the next retry: nothing sent, one more attempt recorded.
    make_due(request)
    retry()
    assert attempts(request) == dict.fromkeys(KINDS, 2)
    assert mail.outbox == []

    # Back up: each email goes, once.
    setattr(flaky_mail, where, None)
    make_due(request)
    retry()
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.SENT)
    assert delivery(request, "notification").last_error == ""
    assert [m.to for m in mail.outbox] == [["iml@iom.int"], ["amina.diallo@example.org"]]
    # In the language the requester chose (French), not the page's (Spanish).
    assert "Votre demande à l'Unité DIM" in mail.outbox[1].subject

    # Later runs send nothing again.
    make_due(request)
    retry()
    retry()
    assert len(mail.outbox) == 2


def test_a_failed_email_waits_before_its_retry(client, flaky_mail):
    flaky_mail.on_open = mailbackends.ERRORS["refused"]
    request = make_request()
    send_emails(contact_request_id=request.pk)
    flaky_mail.on_open = None

    retry()  # Too early: the first retry waits five minutes.
    assert attempts(request) == dict.fromkeys(KINDS, 1)
    assert mail.outbox == []

    first_retry = delivery(request, "notification").next_attempt_at
    assert first_retry - timezone.now() > retry_delay(1) - timedelta(seconds=30)
    deliveries(request).update(next_attempt_at=timezone.now())
    deliveries(request).filter(kind="acknowledgement").update(next_attempt_at=first_retry)
    retry()
    assert states(request) == {
        "notification": DeliveryState.SENT,
        "acknowledgement": DeliveryState.FAILED,
    }


def test_retry_delays_grow_and_are_capped():
    assert [retry_delay(n).total_seconds() / 60 for n in range(1, 5)] == [5, 10, 20, 40]
    assert retry_delay(30) == timedelta(hours=6)


def test_retries_stop_after_the_maximum_number_of_attempts(settings, flaky_mail):
    settings.CONTACT_EMAIL_MAX_ATTEMPTS = 3
    flaky_mail.on_send = mailbackends.ERRORS["smtp"]
    request = make_request()
    send_emails(contact_request_id=request.pk)
    for _ in range(5):
        make_due(request)
        retry()

    assert attempts(request) == dict.fromkeys(KINDS, 3)
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.FAILED)
    assert not EmailDelivery.objects.due().exists()

    # Staff can still ask for one more try from the admin (see test_admin).
    flaky_mail.on_send = None
    send_emails(contact_request_id=request.pk, force=True)
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.SENT)
    assert len(mail.outbox) == 2


def test_an_email_being_sent_is_not_sent_again_by_another_worker(flaky_mail):
    request = make_request()
    deliveries(request).filter(kind="notification").update(
        state=DeliveryState.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(minutes=15),
    )

    assert send_emails(contact_request_id=request.pk) == {"acknowledgement": "sent"}
    assert [m.to for m in mail.outbox] == [["amina.diallo@example.org"]]


def test_an_interrupted_sending_is_retried(flaky_mail):
    request = make_request()
    deliveries(request).filter(kind="notification").update(
        state=DeliveryState.SENDING, attempts=1, next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    deliveries(request).filter(kind="acknowledgement").update(
        state=DeliveryState.SENT, next_attempt_at=None
    )

    retry()
    assert states(request)["notification"] == DeliveryState.SENT
    assert [m.to for m in mail.outbox] == [["iml@iom.int"]]


def test_a_resent_acknowledgement_gets_a_new_working_status_link(client, flaky_mail):
    flaky_mail.on_send = mailbackends.ERRORS["smtp"]
    request = make_request()
    send_emails(contact_request_id=request.pk)
    request.refresh_from_db()
    first_hash = request.status_token_hash
    flaky_mail.on_send = None
    make_due(request)
    retry()

    request.refresh_from_db()
    assert request.status_token_hash not in {"", first_hash}
    link = mail.outbox[1].body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    assert client.get(link).status_code == 200


def test_a_request_purged_before_its_emails_went_gets_none(flaky_mail):
    request = make_request()
    ContactRequest.objects.filter(pk=request.pk).update(
        purged_at=timezone.now(),
        **dict.fromkeys(ContactRequest.PERSONAL_FIELDS, ""),
    )

    retry()
    assert mail.outbox == []


def test_enqueue_failure_never_fails_the_submission(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from contact import services

    def broken_queue(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(services, "send_emails_task", SimpleNamespace(enqueue=broken_queue))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("contact:form"), form_data())

    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.PENDING)
    retry()
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.SENT)


def test_real_smtp_backend_with_no_server_listening(
    client, django_capture_on_commit_callbacks, settings
):
    """Django's own SMTP backend against a port where nothing listens."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("contact:form"), form_data())

    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert states(request) == dict.fromkeys(KINDS, DeliveryState.FAILED)
    assert "ConnectionRefusedError" in delivery(request, "acknowledgement").last_error


def test_a_refused_recipient_is_logged_by_request_id_never_by_address(flaky_mail, caplog):
    """The purge cannot reach logs: a failure names the request, never the requester."""
    import logging
    import smtplib

    address = "amina.diallo@example.org"
    flaky_mail.on_send = smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})
    request = make_request()

    with caplog.at_level(logging.INFO):
        send_emails(contact_request_id=request.pk)

    assert f"contact request {request.pk}: SMTPRecipientsRefused" in caplog.text
    assert address not in caplog.text
