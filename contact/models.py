"""Requests for support that governments and partners send through the contact form, and
their handling by the Unit's staff.

Each request causes two emails (the notification to the Unit and the acknowledgement to the
requester); each has its own EmailDelivery row, so that no email is lost when the mail server is
down and none is sent twice; see services.py. A request's status moves only through
services.change_status.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import DEFERRED
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from iml_portal.countries import UNCountries

from .notice import ContactPageText  # noqa: F401 (a model of this app: the page's wording)
from .validators import (
    validate_multiline_text,
    validate_phone,
    validate_single_line,
    validate_visible_text,
)

# What a single line the requester types must be: one line, every character visible.
SINGLE_LINE = [validate_single_line, validate_visible_text]

MESSAGE_MAX_LENGTH = 5000
NOTES_MAX_LENGTH = 10000

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


# What a requester sends through the form, in the order the admin and the CSV export show it:
# who they are, then what they ask.
REQUESTER_FIELDS = ("name", "position", "organization", "country", "email", "phone")
REQUEST_FIELDS = ("request_type", "subject", "message", "language")
FORM_FIELDS = REQUESTER_FIELDS + REQUEST_FIELDS

# Blanked by the purge (with the emails' last errors, which may quote an address); what
# remains (reference, type, country, language, dates, status) serves statistics.
PERSONAL_FIELDS = (
    "name",
    "position",
    "organization",
    "email",
    "phone",
    "subject",
    "message",
    "internal_notes",
    "status_token_hash",
)


class ContactRequestQuerySet(models.QuerySet):
    def not_purged(self):
        return self.filter(purged_at=None)

    def to_purge(self, now=None):
        """Requests whose personal data has been kept for their retention period, counted from
        their last change of status: CONTACT_RETENTION_DAYS once closed, and the longer
        CONTACT_OPEN_RETENTION_DAYS for one that was never closed (left new, in progress or
        answered)."""
        now = now or timezone.now()
        closed = models.Q(status=ContactRequest.Status.CLOSED)
        closed_cutoff = now - timedelta(days=settings.CONTACT_RETENTION_DAYS)
        open_cutoff = now - timedelta(days=settings.CONTACT_OPEN_RETENTION_DAYS)
        return self.not_purged().filter(
            (closed & models.Q(status_changed_at__lt=closed_cutoff))
            | (~closed & models.Q(status_changed_at__lt=open_cutoff))
        )


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
    name = models.CharField(_("name"), max_length=200, validators=SINGLE_LINE)
    position = models.CharField(_("position"), max_length=200, blank=True, validators=SINGLE_LINE)
    organization = models.CharField(
        _("organization or ministry"), max_length=200, validators=SINGLE_LINE
    )
    country = CountryField(_("country"), countries=UNCountries)
    email = models.EmailField(_("email address"), validators=SINGLE_LINE)
    phone = models.CharField(
        _("phone number"), max_length=50, blank=True, validators=[*SINGLE_LINE, validate_phone]
    )
    subject = models.CharField(_("subject"), max_length=200, validators=SINGLE_LINE)
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
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    internal_notes = models.TextField(
        _("internal notes"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        help_text=_("Seen by staff only."),
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

    def save(self, *args, **kwargs):
        changed = self._saved_status is not DEFERRED and self.status != self._saved_status
        if changed and not self._status_change_allowed:
            raise ValueError("Change a request's status with contact.services.change_status().")
        super().save(*args, **kwargs)
        self._saved_status = self.status

    # The status as read from the database: save() refuses a status changed any other way
    # than through services.change_status, which applies the workflow and records who and when.
    _saved_status = Status.NEW
    _status_change_allowed = False

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._saved_status = instance.__dict__.get("status", DEFERRED)
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or "status" in fields:
            self._saved_status = self.__dict__.get("status", DEFERRED)

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


class EmailDeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Emails to send now (of requests whose personal data is still there)."""
        return self.filter(next_attempt_at__lte=now or timezone.now(), request__purged_at=None)


class EmailDelivery(models.Model):
    """One email of a request and how its sending went. It is due while `next_attempt_at`
    has passed: a new one at once, a failed one after a growing wait, one being sent once its
    lease is over (the sender died); sent or given up, it has none."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("notification to the Unit")
        ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement to the requester")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    request = models.ForeignKey(
        ContactRequest,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("contact request"),
    )
    kind = models.CharField(_("email"), max_length=20, choices=Kind)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True, default=timezone.now
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    objects = EmailDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        ordering = ["request", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="contact_one_email_per_kind"),
        ]
        indexes = [models.Index(fields=["next_attempt_at"], name="contact_email_due")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_state_display()}"
