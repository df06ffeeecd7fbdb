"""What happens to a contact request: it is saved (once, whatever the visitor's browser does),
its two emails are sent after the commit and retried until they go, staff move it through the
status workflow, and its personal data is deleted once the retention period is over. These
functions are the only way each of these happens: the admin, the commands and the shell call
them."""

import logging
import secrets

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notice
from .models import SENDING_LEASE, ContactRequest, EmailDelivery, hash_token, retry_delay
from .validators import normalize_newlines

Kind, State = EmailDelivery.Kind, EmailDelivery.State
KIND_ORDER = list(Kind)

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
            EmailDelivery.objects.bulk_create(
                EmailDelivery(request=contact_request, kind=kind, next_attempt_at=now)
                for kind in Kind
            )
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
    never send the same one. `force` (staff asking for a retry) skips the wait between retries
    and the limit on attempts. Returns {kind: state} for the emails attempted."""
    now = timezone.now()
    deliveries = EmailDelivery.objects.filter(
        request_id=contact_request_id, request__purged_at=None
    )
    claimed = [delivery for delivery in deliveries if _claim(delivery, now, force)]
    claimed.sort(key=lambda delivery: KIND_ORDER.index(delivery.kind))  # the Unit's first
    if not claimed:
        return {}
    contact_request = ContactRequest.objects.get(pk=contact_request_id)
    outcome = {}
    try:
        # One connection for both emails: a mail server that does not answer costs one
        # timeout, not two.
        with mail.mailers.default as connection:
            for delivery in claimed:
                try:
                    message = build_email(
                        contact_request, delivery.kind, status_token=delivery.token
                    )
                    if connection.send_messages([message]) != 1:
                        raise RuntimeError("the mail backend did not accept the message")
                except Exception as error:
                    outcome[delivery.kind] = _record_failure(delivery, error)
                else:
                    outcome[delivery.kind] = _record_success(delivery)
    except Exception as error:  # The mail server could not be reached at all.
        for delivery in claimed:
            if delivery.kind not in outcome:
                outcome[delivery.kind] = _record_failure(delivery, error)
    return outcome


def _claim(delivery, now, force):
    """Move the delivery to "sending" if it is due (or, forced, not sent), for a lease after
    which it counts as interrupted and is due again; True when this worker got it."""
    due = Q(next_attempt_at__lte=now)
    if force:
        due |= Q(state__in=[State.PENDING, State.FAILED])
    # The last allowed attempt gets no lease: if it is interrupted, it is not tried again.
    last_attempt = settings.CONTACT_EMAIL_MAX_ATTEMPTS - 1
    claimed = (
        EmailDelivery.objects.filter(due, pk=delivery.pk)
        .exclude(state=State.SENT)
        .update(
            state=State.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=Case(
                When(attempts__gte=last_attempt, then=Value(None)),
                default=Value(now + SENDING_LEASE),
            ),
        )
    )
    if claimed != 1:
        return False
    delivery.attempts += 1
    delivery.token = None
    if delivery.kind == Kind.ACKNOWLEDGEMENT:
        # The raw token only ever lives in the email; a resent acknowledgement gets a new one.
        delivery.token = secrets.token_urlsafe(32)
        ContactRequest.objects.filter(pk=delivery.request_id).update(
            status_token_hash=hash_token(delivery.token)
        )
    return True


def _record_success(delivery):
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        state=State.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return State.SENT


def _record_failure(delivery, error):
    # The request's id only: an error may quote the requester's address, which logs keep.
    logger.warning(
        "Could not send the %s of contact request %s: %s",
        delivery.kind,
        delivery.request_id,
        type(error).__name__,
    )
    next_attempt = None
    if delivery.attempts < settings.CONTACT_EMAIL_MAX_ATTEMPTS:
        next_attempt = timezone.now() + retry_delay(delivery.attempts)
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        state=State.FAILED,
        next_attempt_at=next_attempt,
        last_error=f"{type(error).__name__}: {error}"[:500],
    )
    return State.FAILED


def change_status(contact_request, *, to, by=None):
    """Move a request to status `to` if the workflow allows it, recording when and by whom
    (the retention period runs from that moment once it is closed)."""
    if to == contact_request.status:
        return contact_request
    if to not in contact_request.TRANSITIONS[ContactRequest.Status(contact_request.status)]:
        raise ValidationError(
            {
                "status": _("A request cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": ContactRequest.Status(contact_request.status).label,
                    "to": ContactRequest.Status(to).label,
                }
            },
            code="invalid_transition",
        )
    contact_request.status = to
    contact_request.status_changed_at = timezone.now()
    contact_request.status_changed_by = by
    contact_request._status_change_allowed = True
    try:
        contact_request.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    finally:
        contact_request._status_change_allowed = False
    return contact_request


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def build_email(contact_request, kind, *, status_token=None):
    """The email of the given kind, in plain text only: what the requester wrote is never
    rendered as HTML."""
    if kind == Kind.NOTIFICATION:
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
            # The same notice as the form's, in the requester's language.
            data_notice = notice.page_text().data_notice
        context = {"status_url": absolute_url(status_path), "data_notice": data_notice}
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
        with transaction.atomic():
            requests.filter(pk__in=found).update(
                purged_at=now, **dict.fromkeys(ContactRequest.PERSONAL_FIELDS, "")
            )
            EmailDelivery.objects.filter(request__in=found).update(last_error="")
    return sorted(found.values())
