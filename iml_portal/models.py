"""Site-wide models: the bases shared by the content apps, and the thesaurus and vocabulary
behind every search of the site."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Sanity bounds for a year the site records (the database checks them too).
MIN_YEAR = 1900
MAX_YEAR = 2100


class OrderedItem(models.Model):
    """An entry of a list the site shows in an order that staff set, on one page."""

    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    # The URL name of the page that lists the entries; each entry has an anchor on it.
    page_name = None

    def get_absolute_url(self):
        return f"{reverse(self.page_name)}#{self.anchor}"

    @property
    def anchor(self):
        return f"{self._meta.model_name}-{self.pk}"


class SingleRow(models.Model):
    """A model the site holds one row of (the Unit, the contact page's wording): the row's id
    is always SINGLE_ID, which the concrete model's single_row_constraint() makes the database
    check, so a second row cannot exist."""

    SINGLE_ID = 1

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is None:
            # Inserted, never updating the existing row: a second one fails on its id.
            self.pk = self.SINGLE_ID
            kwargs.setdefault("force_insert", True)
        super().save(*args, **kwargs)


def single_row_constraint(name, message):
    return models.CheckConstraint(
        condition=Q(id=SingleRow.SINGLE_ID), name=name, violation_error_message=message
    )


def as_of_field(verbose_name=None, help_text=None):
    """A year that dates a fact taken from an older description of the Unit (e.g. 2011),
    empty for what is true today."""
    return models.PositiveSmallIntegerField(
        verbose_name or _("as of (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=help_text
        or _(
            "Only for an entry taken from an older description of the Unit: the year that "
            "description is from (e.g. 2011). The site then shows the entry apart from what is "
            "current, with its year. Leave empty for what is true today."
        ),
    )


def as_of_constraint(field="as_of", name="%(app_label)s_%(class)s_as_of_year"):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR}),
        name=name,
        violation_error_message=_("Enter a year between 1900 and 2100."),
    )


class DatedQuerySet(models.QuerySet):
    """The one rule for dated entries: without a year they describe the Unit today
    (`current()`); with one, they describe it as it was that year (`historical()`, the most
    recent year first, each year in display order)."""

    def current(self):
        return self.filter(as_of__isnull=True)

    def historical(self):
        return self.filter(as_of__isnull=False).order_by("-as_of", *self.model._meta.ordering)


class Dated(models.Model):
    """An entry that may come from an older description of the Unit, and then says so."""

    as_of = as_of_field()

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [as_of_constraint()]


class Concept(models.Model):
    """A concept of international migration law, named in English, French and Spanish: the
    thesaurus through which a search in one language also finds the other languages' words.
    Its terms are not translations of one field (modeltranslation would fall back to English):
    each language has its own, with synonyms."""

    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("For staff: what the concept covers.")
    )
    related = models.ManyToManyField(
        "self",
        blank=True,
        verbose_name=_("related concepts"),
        help_text=_(
            "Concepts a search for this one also looks for (e.g. migrant workers and labour "
            "migration)."
        ),
    )

    class Meta:
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")
        ordering = ["pk"]

    def __str__(self):
        preferred = [term.text for term in self.terms.all() if term.preferred]
        return " / ".join(preferred) or str(_("concept %(id)s") % {"id": self.pk})


class Term(models.Model):
    """A word or phrase for a concept in one language: its preferred term, or a synonym."""

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="terms", verbose_name=_("concept")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    text = models.CharField(_("term"), max_length=200)
    preferred = models.BooleanField(
        _("preferred term"),
        default=False,
        help_text=_("The term shown as “also searched”; the others are synonyms."),
    )

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["concept", "language", "-preferred", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "language", "text"], name="term_once_per_concept"
            ),
            models.UniqueConstraint(
                fields=["concept", "language"],
                condition=models.Q(preferred=True),
                name="term_one_preferred_per_language",
                violation_error_message=_("A concept has one preferred term per language."),
            ),
        ]

    def __str__(self):
        return self.text


class SearchWord(models.Model):
    """A word found in the searchable texts (titles, descriptions, thesaurus terms), for
    "did you mean …?": a misspelt word is matched to the nearest of these, in the visitor's
    language first. `language` is that of the text it was found in ("" when unknown)."""

    word = models.CharField(max_length=100)
    language = models.CharField(max_length=5, blank=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["word", "language"], name="searchword_unique")
        ]

    def __str__(self):
        return self.word


class ExternalLinkQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(models.Q(status__gte=400) | ~models.Q(error=""))


class ExternalLink(models.Model):
    """An address on another site that a page links to (a publication's address, a course's
    page, …), and what the last check of it found (`manage.py check_links`)."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(
        _("error"), max_length=300, blank=True, help_text=_("Why no answer came, if none did.")
    )
    final_url = models.URLField(_("final address"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    broken_since = models.DateTimeField(_("broken since"), null=True, blank=True)

    objects = ExternalLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("external link")
        verbose_name_plural = _("external links")
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def is_broken(self):
        return bool(self.error) or (self.status is not None and self.status >= 400)


def public_condition(prefix=""):
    """The condition for a record (reached through `prefix`, e.g. "publications__") to be
    public: published, and its "publish at" time, if any, has come."""
    return models.Q(**{f"{prefix}status": Publishable.Status.PUBLISHED}) & (
        models.Q(**{f"{prefix}publish_at__isnull": True})
        | models.Q(**{f"{prefix}publish_at__lte": Now()})
    )


class PublishableQuerySet(models.QuerySet):
    """The rule of what the public sees, held once: a published record whose time has come.
    Its time is part of the query (the database's clock), so a record scheduled for later
    appears on its own, with no job to run."""

    def public(self):
        return self.filter(public_condition())

    def not_public(self):
        return self.exclude(pk__in=self.public().values("pk"))

    def overdue(self):
        """Drafts whose "publish at" time has passed: scheduled, but never set to published."""
        return self.filter(status=Publishable.Status.DRAFT, publish_at__lte=Now())

    def visible_to(self, user):
        """What `user` may open: every record for staff who may view them (a preview), only
        the public ones for anyone else."""
        meta = self.model._meta
        if (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
        ):
            return self.all()
        return self.public()


class Publishable(models.Model):
    """A record staff prepare before the public sees it: a draft, or published from a time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft — not public")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("publication state"),
        max_length=10,
        choices=Status,
        default=Status.PUBLISHED,
        help_text=_("A draft is seen by staff only, through its preview."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "When it appears to the public, if published (empty: at once). Until then it is "
            "seen by staff only."
        ),
    )

    class Meta:
        abstract = True

    @property
    def is_public(self):
        if self.status != self.Status.PUBLISHED:
            return False
        return self.publish_at is None or self.publish_at <= timezone.now()
