"""Submitting the form: one saved request with a reference, a thank-you page, the Unit
notified and the requester acknowledged in the language chosen."""

import re
import uuid

import pytest
from django.core import mail

from contact.models import ContactRequest, EmailDelivery
from tests.conftest import LANGUAGES, Page, url
from tests.contact.factories import form_data

pytestmark = pytest.mark.django_db

ACK_SUBJECTS = {
    "en": "Your request to the IML Unit",
    "fr": "Votre demande à l'Unité DIM",
    "es": "Su solicitud a la Unidad DIM",
}
ACK_OPENINGS = {
    "en": "Thank you for contacting the International Migration Law Unit",
    "fr": "Nous vous remercions d'avoir contacté l'Unité du droit international",
    "es": "Gracias por ponerse en contacto con la Unidad de Derecho Internacional",
}
THANKS = {
    "en": "Thank you, we have received your request",
    "fr": "Merci, nous avons bien reçu votre demande",
    "es": "Gracias, hemos recibido su solicitud",
}


def submit(client, capture, page_language="en", **overrides):
    with capture(execute=True):
        return client.post(url("contact:form", page_language), form_data(**overrides))


@pytest.mark.parametrize("page_language", LANGUAGES)
@pytest.mark.parametrize("reply_language", LANGUAGES)
def test_valid_submission_saves_one_request_and_sends_both_emails(
    client, django_capture_on_commit_callbacks, settings, page_language, reply_language
):
    settings.SITE_URL = "https://iml.example.org"
    response = submit(
        client, django_capture_on_commit_callbacks, page_language, language=reply_language
    )

    (request,) = ContactRequest.objects.all()
    assert response.status_code == 302
    assert response["Location"] == url("contact:thanks", page_language, token=request.form_token)
    assert re.fullmatch(r"IML-\d{4}-\d{6}", request.reference)
    assert request.reference == f"IML-{request.created_at.year}-{request.pk:06d}"
    assert request.language == reply_language
    assert request.message == "We would like the Unit to review our draft law.\nThank you."
    assert request.status == ContactRequest.Status.NEW
    assert request.consented_at is not None

    thanks = Page(client.get(response["Location"]))
    assert thanks.h1 == THANKS[page_language]
    assert thanks.lang == page_language
    assert request.reference in thanks.text()

    notification, acknowledgement = mail.outbox
    assert notification.to == ["iml@iom.int"]
    assert notification.reply_to == ["amina.diallo@example.org"]
    assert request.reference in notification.subject
    assert "Review of our draft migration law" in notification.subject
    assert "Ministry of the Interior" in notification.body
    assert "Senegal" in notification.body
    assert f"https://iml.example.org/admin/contact/contactrequest/{request.pk}/change/" in (
        notification.body
    )
    assert acknowledgement.to == ["amina.diallo@example.org"]
    assert acknowledgement.reply_to == ["iml@iom.int"]
    assert acknowledgement.subject == f"{ACK_SUBJECTS[reply_language]} ({request.reference})"
    assert acknowledgement.body.startswith(ACK_OPENINGS[reply_language])
    status_link = re.search(r"https://iml\.example\.org(/\S+)", acknowledgement.body)[1]
    assert status_link.startswith(f"/{reply_language}/contact/status/")

    for delivery in request.deliveries.all():
        assert (delivery.state, delivery.attempts) == (EmailDelivery.State.SENT, 1)
        assert delivery.sent_at is not None and delivery.next_attempt_at is None
    assert request.deliveries.count() == 2
    assert client.get(status_link).status_code == 200


def test_emails_are_plain_text_and_carry_what_was_typed_verbatim(
    client, django_capture_on_commit_callbacks
):
    submit(
        client,
        django_capture_on_commit_callbacks,
        name="<b>Bold</b> Name",
        subject="<script>alert(1)</script>",
        message="<script>alert(1)</script> & <b>bold</b>",
    )

    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
    notification = mail.outbox[0]
    assert notification.subject.endswith(": <script>alert(1)</script>")
    assert "<script>alert(1)</script> & <b>bold</b>" in notification.body
    assert "&lt;" not in notification.body and "&amp;" not in notification.body
    # The acknowledgement, sent to an unverified address, repeats nothing typed: the form
    # cannot be used to send someone else a message.
    acknowledgement = mail.outbox[1]
    for typed in ["Bold", "alert", "Amina", "Ministry", "draft law"]:
        assert typed not in acknowledgement.subject + acknowledgement.body


def test_optional_fields_may_be_left_empty(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, position="", phone="")

    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert (request.position, request.phone) == ("", "")
    assert "Position: -" in mail.outbox[0].body


def test_references_are_unique_and_follow_the_primary_key(
    client, django_capture_on_commit_callbacks
):
    for _ in range(3):
        submit(client, django_capture_on_commit_callbacks)

    requests = list(ContactRequest.objects.order_by("pk"))
    references = [r.reference for r in requests]
    assert len(set(references)) == 3
    assert [int(ref.rsplit("-", 1)[1]) for ref in references] == [r.pk for r in requests]


def test_submitting_the_same_form_twice_saves_one_request(
    client, django_capture_on_commit_callbacks
):
    data = form_data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url("contact:form"), data)
        second = client.post(url("contact:form"), data)
        # Even after the page was reloaded in another language.
        third = client.post(url("contact:form", "es"), data)

    assert ContactRequest.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert third["Location"] == url("contact:thanks", "es", token=data["form_token"])
    assert len(mail.outbox) == 2  # one notification, one acknowledgement


def test_reloading_the_thank_you_page_creates_nothing(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks)

    for _ in range(3):
        assert client.get(response["Location"]).status_code == 200
    assert ContactRequest.objects.count() == 1


def test_concurrent_copies_of_a_form_save_one_request(monkeypatch):
    """Two copies arriving together both pass the "already sent?" look-up; the unique form
    token lets the database keep one, and the loser returns the winner's request."""
    from contact import services
    from tests.contact.factories import make_request

    winner = make_request()
    values = {
        k: v
        for k, v in form_data(form_token=str(winner.form_token)).items()
        if k not in {"consent", "website"}
    }
    values["form_token"] = winner.form_token
    real_filter = ContactRequest.objects.filter
    calls = []

    def first_lookup_misses(*args, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            return ContactRequest.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(ContactRequest.objects, "filter", first_lookup_misses)
    request, created = services.submit_request(**values)

    assert (request, created) == (winner, False)
    assert ContactRequest.objects.count() == 1


def test_thank_you_page_for_an_unknown_token_is_404(client):
    assert client.get(url("contact:thanks", token=uuid.uuid4())).status_code == 404
    assert client.get("/en/contact/thanks/not-a-uuid/").status_code == 404


def test_emails_are_sent_through_the_tasks_framework(client, django_capture_on_commit_callbacks):
    from django.tasks.signals import task_enqueued

    enqueued = []

    def record(sender, task_result, **kwargs):
        enqueued.append((task_result.task.name, task_result.args))

    task_enqueued.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            client.post(url("contact:form"), form_data())
        # Nothing is sent before the request is committed.
        assert enqueued == [] and mail.outbox == []
        for callback in callbacks:
            callback()
    finally:
        task_enqueued.disconnect(record)

    request = ContactRequest.objects.get()
    assert enqueued == [("send_emails_task", [request.pk])]
    assert len(mail.outbox) == 2
