"""Requests for support that governments and partners send through the contact form, and
their handling by the Unit's staff.

Each request carries the delivery state of its two emails (the notification to the Unit and
the acknowledgement to the requester), so that no email is lost when the mail server is down
and none is sent twice; see services.py.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .validators import validate_multiline_text, validate_phone, validate_single_line

MESSAGE_MAX_LENGTH = 5000
NOTES_MAX_LENGTH = 10000

# The two emails each request causes; each has its own delivery columns (<kind>_state, …).
NOTIFICATION = "notification"
ACKNOWLEDGEMENT = "acknowledgement"
EMAIL_KINDS = (NOTIFICATION, ACKNOWLEDGEMENT)

# A sending that has not finished after this long was interrupted (the process died).
SENDING_LEASE = timedelta(minutes=15)
# Failed emails are retried after 5, 10, 20, … minutes, at most 6 hours apart.
RETRY_BASE_DELAY = timedelta(minutes=5)
RETRY_MAX_DELAY = timedelta(hours=6)


def retry_delay(attempts):
    """How long to wait after the given number of failed attempts."""
    return min(RETRY_BASE_DELAY * 2 ** (attempts - 1), RETRY_MAX_DELAY)


def hash_token(token):
    """Status tokens are stored hashed: the database alone does not open status pages."""
    return hashlib.sha256(token.encode()).hexdigest()


class RequestType(models.TextChoices):
    # The codes are shared with the trainings app, whose pages link to ?type=<code>.
    TRAINING = "training", _("Training and capacity building")
    LEGISLATION = "legislation", _("Review or development of legislation and policy")
    WORKSHOP = "workshop", _("An IML workshop or event in your country")
    RATIFICATION = "ratification", _("Advice on ratifying international or regional treaties")
    PROGRAMMING = "programming", _("Project development and programming support")
    TREATY_BODIES = (
        "treaty_bodies",
        _("Cooperation with UN Treaty Bodies and the Universal Periodic Review"),
    )
    RESEARCH = "research", _("Research and publications")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


# Blanked by the purge; what remains (reference, type, country, dates, status) serves
# statistics.
PERSONAL_FIELDS = (
    "name",
    "position",
    "organization",
    "email",
    "phone",
    "subject",
    "message",
    "internal_notes",
    "notification_last_error",
    "acknowledgement_last_error",
    "status_token_hash",
)


class ContactRequestQuerySet(models.QuerySet):
    def not_purged(self):
        return self.filter(purged_at=None)

    def emails_due(self, now=None):
        """Requests with an email to send now: never tried, failed and due for a retry, or
        interrupted while being sent."""
        now = now or timezone.now()
        due = models.Q()
        for kind in EMAIL_KINDS:
            due |= email_due(kind, now)
        return self.not_purged().filter(due)

    def to_purge(self, now=None):
        """Closed requests whose personal data has been kept for the retention period."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.CONTACT_RETENTION_DAYS)
        return self.not_purged().filter(
            status=ContactRequest.Status.CLOSED, status_changed_at__lt=cutoff
        )


def email_due(kind, now, *, force=False):
    """The condition for the given email to be sent now. `force` (staff asking for a retry)
    skips the wait between retries and the limit on attempts."""
    state, attempts, last = f"{kind}_state", f"{kind}_attempts", f"{kind}_last_attempt_at"
    interrupted = models.Q(**{state: DeliveryState.SENDING, f"{last}__lt": now - SENDING_LEASE})
    if force:
        return models.Q(**{f"{state}__in": [DeliveryState.PENDING, DeliveryState.FAILED]}) | (
            interrupted
        )
    max_attempts = settings.CONTACT_EMAIL_MAX_ATTEMPTS
    due = models.Q(**{state: DeliveryState.PENDING})
    for count in range(1, max_attempts):
        due |= models.Q(
            **{
                state: DeliveryState.FAILED,
                attempts: count,
                f"{last}__lte": now - retry_delay(count),
            }
        )
    return due | (interrupted & models.Q(**{f"{attempts}__lt": max_attempts}))


class ContactRequest(models.Model):
    Status = RequestStatus

    # The moves staff may make from each status (a closed request can be reopened).
    TRANSITIONS = {
        Status.NEW: [Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED],
        Status.IN_PROGRESS: [Status.ANSWERED, Status.CLOSED],
        Status.ANSWERED: [Status.IN_PROGRESS, Status.CLOSED],
        Status.CLOSED: [Status.IN_PROGRESS],
    }

    # Filled right after the insert, from the primary key (see services.submit_request).
    reference = models.CharField(_("reference"), max_length=20, blank=True, editable=False)
    # The hidden token of the form page: a resubmitted form finds its first request.
    form_token = models.UUIDField(_("form token"), unique=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)

    # What the requester sent.
    request_type = models.CharField(_("type of request"), max_length=20, choices=RequestType)
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    position = models.CharField(
        _("position"), max_length=200, blank=True, validators=[validate_single_line]
    )
    organization = models.CharField(
        _("organization or ministry"), max_length=200, validators=[validate_single_line]
    )
    country = CountryField(_("country"))
    email = models.EmailField(_("email address"), validators=[validate_single_line])
    phone = models.CharField(
        _("phone number"),
        max_length=50,
        blank=True,
        validators=[validate_single_line, validate_phone],
    )
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_single_line])
    message = models.TextField(
        _("message"), max_length=MESSAGE_MAX_LENGTH, validators=[validate_multiline_text]
    )
    language = models.CharField(
        _("preferred language for the reply"), max_length=5, choices=settings.LANGUAGES
    )
    consented_at = models.DateTimeField(_("consent to data processing given"))

    # Handling by staff.
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="contact_requests",
    )
    internal_notes = models.TextField(
        _("internal notes"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        help_text=_("Seen by staff only."),
    )

    # Email delivery, one set of columns per email (see EMAIL_KINDS).
    notification_state = models.CharField(
        _("notification to the Unit"),
        max_length=10,
        choices=DeliveryState,
        default=DeliveryState.PENDING,
    )
    notification_attempts = models.PositiveSmallIntegerField(_("notification attempts"), default=0)
    notification_last_attempt_at = models.DateTimeField(
        _("notification last attempt"), null=True, blank=True
    )
    notification_sent_at = models.DateTimeField(_("notification sent"), null=True, blank=True)
    notification_last_error = models.CharField(
        _("notification last error"), max_length=500, blank=True
    )
    acknowledgement_state = models.CharField(
        _("acknowledgement to the requester"),
        max_length=10,
        choices=DeliveryState,
        default=DeliveryState.PENDING,
    )
    acknowledgement_attempts = models.PositiveSmallIntegerField(
        _("acknowledgement attempts"), default=0
    )
    acknowledgement_last_attempt_at = models.DateTimeField(
        _("acknowledgement last attempt"), null=True, blank=True
    )
    acknowledgement_sent_at = models.DateTimeField(_("acknowledgement sent"), null=True, blank=True)
    acknowledgement_last_error = models.CharField(
        _("acknowledgement last error"), max_length=500, blank=True
    )

    # SHA-256 of the private status link's token, set when the acknowledgement is sent.
    status_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    purged_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    PERSONAL_FIELDS = PERSONAL_FIELDS

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at"], name="contact_newest_first")]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="contact_unique_reference",
            ),
            models.UniqueConstraint(
                fields=["status_token_hash"],
                condition=~models.Q(status_token_hash=""),
                name="contact_unique_status_token",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), MESSAGE_MAX_LENGTH),
                name="contact_message_max_length",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RequestStatus.values),
                name="contact_known_status",
            ),
            # A purged request keeps no personal data.
            models.CheckConstraint(
                condition=models.Q(purged_at=None) | models.Q(**dict.fromkeys(PERSONAL_FIELDS, "")),
                name="contact_purged_without_personal_data",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("new contact request"))

    def make_reference(self):
        """IML-<year of submission>-<number>: the number is the primary key, so two
        requests saved at the same moment can never share a reference."""
        return f"IML-{timezone.localtime(self.created_at).year}-{self.pk:06d}"

    @property
    def is_purged(self):
        return self.purged_at is not None

    def allowed_statuses(self):
        """The current status and those staff may move to from it."""
        return [self.Status(self.status), *self.TRANSITIONS[self.Status(self.status)]]

    def delivery(self, kind):
        """One email's delivery state, for the admin."""
        return {
            "state": DeliveryState(getattr(self, f"{kind}_state")),
            "attempts": getattr(self, f"{kind}_attempts"),
            "last_attempt_at": getattr(self, f"{kind}_last_attempt_at"),
            "sent_at": getattr(self, f"{kind}_sent_at"),
            "last_error": getattr(self, f"{kind}_last_error"),
        }
