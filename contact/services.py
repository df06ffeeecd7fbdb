"""What happens to a contact request: it is saved (once, whatever the visitor's browser does),
its two emails are sent after the commit and retried until they go, and its personal data is
deleted once the retention period is over."""

import logging
import secrets

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import (
    ACKNOWLEDGEMENT,
    EMAIL_KINDS,
    NOTIFICATION,
    ContactRequest,
    DeliveryState,
    email_due,
    hash_token,
)
from .validators import normalize_newlines

logger = logging.getLogger(__name__)


def submit_request(
    *,
    form_token,
    request_type,
    name,
    organization,
    country,
    email,
    subject,
    message,
    language,
    position="",
    phone="",
):
    """Save a request and schedule its emails. Returns (request, created): a form token
    already used returns the request it created, so a form sent twice saves one request."""
    existing = ContactRequest.objects.filter(form_token=form_token).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    contact_request = ContactRequest(
        form_token=form_token,
        request_type=request_type,
        name=name,
        position=position,
        organization=organization,
        country=country,
        email=email,
        phone=phone,
        subject=subject,
        message=normalize_newlines(message),
        language=language,
        created_at=now,
        consented_at=now,
        status_changed_at=now,
    )
    # Uniqueness and the check constraints are left to the database, which alone sees
    # concurrent submissions (and the field validators already cover what the checks check).
    contact_request.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            contact_request.save()
            contact_request.reference = contact_request.make_reference()
            contact_request.save(update_fields=["reference"])
            transaction.on_commit(lambda: enqueue_emails(contact_request.pk))
    except IntegrityError:
        # The same form arrived twice at once, and the other copy was saved first.
        existing = ContactRequest.objects.filter(form_token=form_token).first()
        if existing is None:
            raise
        return existing, False
    return contact_request, True


def enqueue_emails(contact_request_id, *, force=False):
    """Hand the sending to the tasks framework. Never fails the caller: whatever is not sent
    now is sent by `send_pending_contact_emails`."""
    try:
        send_emails_task.enqueue(contact_request_id, force=force)
    except Exception:
        logger.exception("Could not enqueue the emails of contact request %s", contact_request_id)


@task
def send_emails_task(contact_request_id, force=False):
    return send_emails(contact_request_id=contact_request_id, force=force)


def send_emails(*, contact_request_id, force=False):
    """Send the request's emails that are due, each at most once: an email is claimed (its
    state moved to "sending" by a conditional UPDATE) before it is sent, so two workers
    never send the same one. Returns {kind: state} for the emails attempted."""
    now = timezone.now()
    tokens = {}
    claimed = [kind for kind in EMAIL_KINDS if _claim(contact_request_id, kind, now, force, tokens)]
    if not claimed:
        return {}
    contact_request = ContactRequest.objects.get(pk=contact_request_id)
    outcome = {}
    try:
        # One connection for both emails: a mail server that does not answer costs one
        # timeout, not two.
        with mail.mailers.default as connection:
            for kind in claimed:
                try:
                    message = build_email(contact_request, kind, status_token=tokens.get(kind))
                    if connection.send_messages([message]) != 1:
                        raise RuntimeError("the mail backend did not accept the message")
                except Exception as error:
                    outcome[kind] = _record_failure(contact_request_id, kind, error)
                else:
                    outcome[kind] = _record_success(contact_request_id, kind)
    except Exception as error:  # The mail server could not be reached at all.
        for kind in claimed:
            if kind not in outcome:
                outcome[kind] = _record_failure(contact_request_id, kind, error)
    return outcome


def _claim(contact_request_id, kind, now, force, tokens):
    updates = {
        f"{kind}_state": DeliveryState.SENDING,
        f"{kind}_attempts": F(f"{kind}_attempts") + 1,
        f"{kind}_last_attempt_at": now,
    }
    if kind == ACKNOWLEDGEMENT:
        # The raw token only ever lives in the email; a resent acknowledgement gets a new one.
        tokens[kind] = secrets.token_urlsafe(32)
        updates["status_token_hash"] = hash_token(tokens[kind])
    claimed = (
        ContactRequest.objects.not_purged()
        .filter(email_due(kind, now, force=force), pk=contact_request_id)
        .update(**updates)
    )
    return claimed == 1


def _record_success(contact_request_id, kind):
    ContactRequest.objects.filter(pk=contact_request_id).update(
        **{
            f"{kind}_state": DeliveryState.SENT,
            f"{kind}_sent_at": timezone.now(),
            f"{kind}_last_error": "",
        }
    )
    return DeliveryState.SENT


def _record_failure(contact_request_id, kind, error):
    logger.warning(
        "Could not send the %s of contact request %s: %r", kind, contact_request_id, error
    )
    ContactRequest.objects.filter(pk=contact_request_id).update(
        **{
            f"{kind}_state": DeliveryState.FAILED,
            f"{kind}_last_error": f"{type(error).__name__}: {error}"[:500],
        }
    )
    return DeliveryState.FAILED


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def build_email(contact_request, kind, *, status_token=None):
    """The email of the given kind, in plain text only: what the requester wrote is never
    rendered as HTML."""
    if kind == NOTIFICATION:
        # The Unit's working language; replies go straight to the requester.
        language = settings.LANGUAGE_CODE
        recipients, reply_to = [settings.CONTACT_NOTIFY_EMAIL], [contact_request.email]
        admin_path = reverse("admin:contact_contactrequest_change", args=[contact_request.pk])
        context = {"admin_url": absolute_url(admin_path)}
    else:
        language = contact_request.language
        recipients, reply_to = [contact_request.email], [settings.CONTACT_NOTIFY_EMAIL]
        with translation.override(language):
            status_path = reverse("contact:status", kwargs={"token": status_token})
        context = {
            "status_url": absolute_url(status_path),
            "retention_days": settings.CONTACT_RETENTION_DAYS,
        }
    context["request"] = contact_request
    with translation.override(language):
        subject = render_to_string(f"contact/email/{kind}_subject.txt", context)
        body = render_to_string(f"contact/email/{kind}_body.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=recipients,
        reply_to=reply_to,
        headers={"X-IML-Reference": contact_request.reference},
    )


def purge_personal_data(*, dry_run=False, now=None):
    """Blank the personal data of closed requests kept past the retention period, keeping
    what statistics need. Their status links stop working. Returns the references."""
    now = now or timezone.now()
    requests = ContactRequest.objects.to_purge(now)
    found = dict(requests.values_list("pk", "reference"))
    if not dry_run and found:
        # Filtered again: a request reopened meanwhile is no longer due for purging.
        requests.filter(pk__in=found).update(
            purged_at=now, **dict.fromkeys(ContactRequest.PERSONAL_FIELDS, "")
        )
    return sorted(found.values())
