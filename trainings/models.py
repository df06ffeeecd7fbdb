"""The Unit's training courses, what they cover, their partners and their editions.

Text fields are translated by modeltranslation (see translation.py). A course is the lasting
offer (the yearly IML Course in Sanremo, …); an edition is one session of it, with its dates.
The seed documents give no edition dates: staff add editions in the admin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from iml_portal.models import Dated, DatedQuerySet, OrderedItem, Publishable, PublishableQuerySet
from iml_portal.validators import validate_file_signature


class Partner(Dated, OrderedItem):
    """An institution the Unit delivers a course with (or did, "as of" a year)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    page_name = "trainings:list"

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class Topic(OrderedItem):
    """What the trainings cover: the IML framework, and specific thematic areas."""

    class Kind(models.TextChoices):
        FRAMEWORK = "framework", _("framework")
        THEMATIC = "thematic", _("thematic area")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.THEMATIC)

    page_name = "trainings:list"

    class Meta(OrderedItem.Meta):
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")

    def __str__(self):
        return self.title


class CourseQuerySet(DatedQuerySet, PublishableQuerySet):
    """Courses current or dated (DatedQuerySet), public or not (PublishableQuerySet)."""

    def with_key_figures(self):
        """The course whose figures the site shows: the first public, current one, in display
        order, with a number of participants (the IML Course in Sanremo), or None."""
        return self.public().current().filter(participants__gt=0).select_related("partner").first()


class Course(Dated, OrderedItem, Publishable):
    """A course or kind of training the Unit offers, yearly or on request; with an "as of"
    year, a course an older description of the Unit names, shown as one the Unit ran then."""

    class Offered(models.TextChoices):
        YEARLY = "yearly", _("every year")
        ON_REQUEST = "on_request", _("on request")

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The course's address on the site.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the list."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Separate paragraphs with a blank line.")
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("partner"),
    )
    offered = models.CharField(_("offered"), max_length=10, choices=Offered, default=Offered.YEARLY)
    location = models.CharField(_("location"), max_length=200, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("delivered every year since"), null=True, blank=True
    )
    participants = models.PositiveIntegerField(
        _("participants so far"),
        null=True,
        blank=True,
        help_text=_('Shown as "more than" this number.'),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    formats = models.CharField(_("formats"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    external_url = models.URLField(
        _("more information"),
        blank=True,
        help_text=_("A page elsewhere with the course's background, objectives and content."),
    )

    objects = CourseQuerySet.as_manager()

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:detail", args=[self.slug])


class EditionQuerySet(PublishableQuerySet):
    """Editions split around today's date (in the site's time zone): an edition is upcoming
    until its last day is over."""

    def upcoming(self):
        return self.filter(end_date__gte=timezone.localdate()).order_by(
            "start_date", "end_date", "pk"
        )

    def past(self):
        return self.filter(end_date__lt=timezone.localdate()).order_by(
            "-end_date", "-start_date", "-pk"
        )

    def public(self):
        """Public editions of public courses (a draft course hides its editions too)."""
        return super().public().filter(course__in=Course.objects.public())


NAME_THE_OTHER_LANGUAGE = _('Name the language (in English at least) when it is "Other".')


def edition_languages():
    """An edition is given in one of the site's languages, or in another one it names."""
    return [*settings.LANGUAGES, (Edition.OTHER_LANGUAGE, _("Other language"))]


class Edition(Publishable):
    """One session of a course: its dates, place and the practical details to join it."""

    OTHER_LANGUAGE = "other"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    class Admission(models.TextChoices):
        APPLICATION = "application", _("Application and selection")
        REGISTRATION = "registration", _("Open registration")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="editions", verbose_name=_("course")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(
        _("place"), max_length=200, help_text=_('City and country, or "Online".')
    )
    language = models.CharField(_("language"), max_length=5, choices=edition_languages)
    other_language = models.CharField(
        _("other language"),
        max_length=100,
        blank=True,
        help_text=_('When the language is "Other".'),
    )
    format = models.CharField(_("format"), max_length=10, choices=Format)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=False)
    fee_amount = models.DecimalField(
        _("fee"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when the edition is free or the fee is not set."),
    )
    fee_currency = models.CharField(
        _("fee currency"),
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Enter a three-letter code such as EUR."))],
        help_text=_("ISO code, e.g. EUR, USD, CHF."),
    )
    admission = models.CharField(
        _("how to join"), max_length=12, choices=Admission, default=Admission.APPLICATION
    )
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    registration_open = models.BooleanField(
        _("registration open"),
        default=False,
        help_text=_("Untick to close registration; it also closes after the deadline."),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    certificate = models.BooleanField(_("certificate"), default=False)
    certificate_note = models.CharField(_("about the certificate"), max_length=300, blank=True)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("The Unit's address when empty.")
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("session of a course", "edition")
        verbose_name_plural = pgettext_lazy("sessions of a course", "editions")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="trainings_edition_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(application_deadline__isnull=True)
                | Q(application_deadline__lte=models.F("start_date")),
                name="trainings_edition_deadline_before_start",
                violation_error_message=_(
                    "The application deadline cannot be after the start date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0),
                name="trainings_edition_fee_not_negative",
                violation_error_message=_("The fee cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(fee_amount__isnull=True),
                name="trainings_edition_free_has_no_fee",
                violation_error_message=_("A free edition has no fee: empty the fee."),
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | ~Q(fee_currency=""),
                name="trainings_edition_fee_has_currency",
                violation_error_message=_("Give the fee's currency."),
            ),
            # The English column: it is required, the others fall back to it.
            models.CheckConstraint(
                condition=~Q(language="other")
                | (Q(other_language_en__isnull=False) & ~Q(other_language_en="")),
                name="trainings_edition_other_language_named",
                violation_error_message=NAME_THE_OTHER_LANGUAGE,
            ),
        ]

    def __str__(self):
        return f"{self.course} – {self.start_date:%d.%m.%Y} ({self.place})"

    def get_absolute_url(self):
        return f"{self.course.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if self.language == self.OTHER_LANGUAGE and not self.other_language_en:
            # Not tied to one field: the admin shows other_language in one tab per language.
            raise ValidationError(NAME_THE_OTHER_LANGUAGE)

    @property
    def anchor(self):
        return f"edition-{self.pk}"

    def copy_to_next_year(self):
        """A draft of the same edition a year later (dates and deadline moved on, registration
        closed, no documents), for staff to check and publish."""
        copy = Edition.objects.get(pk=self.pk)
        copy.pk, copy._state.adding = None, True
        copy.start_date, copy.end_date = _next_year(self.start_date), _next_year(self.end_date)
        if self.application_deadline:
            copy.application_deadline = _next_year(self.application_deadline)
        copy.status, copy.publish_at = self.Status.DRAFT, None
        copy.registration_open = False
        copy.save()
        return copy

    @property
    def accepts_registrations(self):
        """Open when staff say so and the deadline, if any, has not passed."""
        if not self.registration_open:
            return False
        return self.application_deadline is None or (
            self.application_deadline >= timezone.localdate()
        )

    @property
    def language_name(self):
        if self.language == self.OTHER_LANGUAGE and self.other_language:
            return self.other_language
        return self.get_language_display()


def _next_year(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class EditionDocument(models.Model):
    """A document of an edition (information note, programme), uploaded or linked."""

    class Kind(models.TextChoices):
        INFORMATION_NOTE = "information_note", _("Information note")
        PROGRAMME = "programme", _("Programme")
        OTHER = "other", _("Other document")

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=pgettext_lazy("session of a course", "edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("The kind is shown when empty.")
    )
    file = models.FileField(
        _("file"),
        upload_to="trainings/%Y/",
        blank=True,
        validators=[
            FileExtensionValidator(["pdf", "doc", "docx", "odt"]),
            validate_file_signature,
        ],
    )
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="trainings_document_file_or_link",
                violation_error_message=_("Upload a file or give a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def href(self):
        return self.file.url if self.file else self.url
