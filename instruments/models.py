"""The Migration Law Database: instruments that regulate migration (treaties, resolutions,
declarations, national laws, …), their States parties, and the States a bilateral agreement
or a national law concerns.

Themes and publications belong to the catalogue; an instrument refers to them through model
relations only ("publications.Theme"), so this app imports nothing from it. Countries are
ISO 3166-1 alpha-2 codes with the UN's names (iml_portal/countries.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from iml_portal.countries import Region, UNCountries
from iml_portal.fulltext import SearchableManager, SearchableQuerySet, search_field, translated
from iml_portal.models import MAX_YEAR, MIN_YEAR, Publishable, PublishableQuerySet

from .search import DOCUMENT

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def shown_text(value, field, language):
    """(text, its language) of the translated `field` on a page in `language`, each column read
    with `value(column)`: the page's language's text, or the English one where it has none
    (modeltranslation's fallback; "" where neither has any)."""
    if language in LANGUAGE_CODES and (text := value(f"{field}_{language}")):
        return text, language
    return value(f"{field}_{settings.LANGUAGE_CODE}") or "", settings.LANGUAGE_CODE


class Kind(models.TextChoices):
    CONVENTION = "convention", _("Convention or treaty")
    PROTOCOL = "protocol", _("Protocol")
    RESOLUTION = "resolution", _("Resolution")
    DECLARATION = "declaration", _("Declaration")
    COMPACT = "compact", _("Compact or framework")
    NATIONAL_LAW = "national_law", _("National law")
    BILATERAL = "bilateral", _("Bilateral agreement")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    REGIONAL = "regional", _("Regional")
    BILATERAL = "bilateral", _("Bilateral")
    NATIONAL = "national", _("National")


def validate_instrument_slug(value):
    # /instruments/feed/ is the Atom feed; addresses are in lower case.
    if value == "feed":
        raise ValidationError(_("This slug is reserved; choose another."), code="reserved")
    if value != value.lower():
        raise ValidationError(_("Write the slug in lower case."), code="lower_case")


class InstrumentQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_document = DOCUMENT
    # The orders a visitor can choose ("oldest" reads the "newest" index backwards; an unknown
    # year counts as 0: COALESCE rather than NULLS LAST, which SQLite refuses in an index).
    ORDERINGS = {
        "newest": (Coalesce("adopted_year", 0).desc(), F("id").desc()),
        "oldest": (Coalesce("adopted_year", 0).asc(), F("id").asc()),
        "title": (Lower("title_en").asc(), F("id").asc()),
    }

    def search(self, terms, language, also=()):
        return self.public().matching(terms, language, also)

    def ordered(self, sort, *, terms="", language="en", also=()):
        """Newest or oldest adopted first, by title, or by relevance to `terms` (what matches
        the words typed first, then what only the thesaurus's words match)."""
        if sort == "relevance" and terms:
            return self.with_relevance(terms, language, also, title=f"title_{language}").order_by(
                F("direct").desc(), F("relevance").desc(), *self.ORDERINGS["newest"]
            )
        if sort == "title" and language != "en":
            return self.order_by(Lower(translated("title", language)).asc(), F("id").asc())
        return self.order_by(*self.ORDERINGS.get(sort, self.ORDERINGS["newest"]))


class Instrument(Publishable):
    title = models.CharField(_("official title"), max_length=500)
    short_title = models.CharField(
        _("short title or acronym"), max_length=100, blank=True, help_text=_("E.g. CRC.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        validators=[validate_instrument_slug],
        help_text=_("The end of the instrument's web address."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    binding = models.BooleanField(_("binding"), default=True)
    is_core = models.BooleanField(
        _("core treaty"),
        default=False,
        help_text=_(
            "A core treaty of international migration law: a country's page lists the core "
            "treaties it has not joined."
        ),
    )
    parties_complete = models.BooleanField(
        _("States parties complete"),
        default=False,
        help_text=_(
            "Tick once its States parties are all recorded from the depositary's records: "
            "only then do countries' pages say which States have not joined it."
        ),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("supplements"),
        help_text=_("For a protocol: the convention it supplements."),
    )
    adopting_body = models.CharField(_("adopting body"), max_length=300, blank=True)
    adopted_on = models.DateField(_("date of adoption"), null=True, blank=True)
    # Kept from adopted_on by save(): the filter and the orders use it, with an index.
    adopted_year = models.PositiveSmallIntegerField(
        _("year of adoption"),
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    adopted_at = models.CharField(_("place of adoption"), max_length=200, blank=True)
    in_force_on = models.DateField(_("date of entry into force"), null=True, blank=True)
    depositary = models.CharField(_("depositary"), max_length=300, blank=True)
    region = models.CharField(
        _("region"),
        max_length=3,
        choices=Region,
        blank=True,
        help_text=_("For a regional instrument."),
    )
    themes = models.ManyToManyField(
        "publications.Theme", blank=True, related_name="instruments", verbose_name=_("themes")
    )
    related_publications = models.ManyToManyField(
        "publications.Publication",
        blank=True,
        related_name="instruments",
        verbose_name=_("related publications"),
    )
    text_url = models.URLField(
        _("official text"),
        max_length=500,
        blank=True,
        help_text=_(
            "The address of its official text in this language, only where a public record "
            "shows it; never one built from a pattern."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_(
            "The public records its facts come from: one per line, what it establishes, then "
            "its address."
        ),
    )
    created = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    # The stored search documents (iml_portal/fulltext.py), for the database's use only.
    search_en = search_field()
    search_fr = search_field()
    search_es = search_field()

    objects = SearchableManager.from_queryset(InstrumentQuerySet)()

    class Meta:
        ordering = InstrumentQuerySet.ORDERINGS["title"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(region="") | Q(level="regional"),
                name="instrument_region_only_when_regional",
                violation_error_message=_("Only a regional instrument has a region."),
            ),
            models.CheckConstraint(
                condition=Q(adopted_year__isnull=True)
                | Q(adopted_year__gte=MIN_YEAR, adopted_year__lte=MAX_YEAR),
                name="instrument_sane_year",
                violation_error_message=_("Enter a date of adoption between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_on__isnull=True)
                | Q(adopted_on__isnull=True)
                | Q(in_force_on__gte=F("adopted_on")),
                name="instrument_in_force_after_adoption",
                violation_error_message=_("It cannot enter into force before its adoption."),
            ),
        ]
        indexes = [
            models.Index(*InstrumentQuerySet.ORDERINGS["newest"], name="instrument_newest_idx"),
            models.Index(*InstrumentQuerySet.ORDERINGS["title"], name="instrument_title_idx"),
            models.Index(fields=["kind"], name="instrument_kind_idx"),
            models.Index(fields=["level"], name="instrument_level_idx"),
            # The few core treaties, which every country's page lists.
            models.Index(fields=["id"], condition=Q(is_core=True), name="instrument_core_idx"),
        ]

    def __str__(self):
        return self.short_title or self.title

    def save(self, *args, **kwargs):
        self.updated = timezone.now()
        self.adopted_year = self.adopted_on.year if self.adopted_on else None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated", "adopted_year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("instruments:detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.adopted_on and not MIN_YEAR <= self.adopted_on.year <= MAX_YEAR:
            raise ValidationError(
                {"adopted_on": _("Enter a date of adoption between 1900 and 2100.")}
            )
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"parent": _("An instrument cannot supplement itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def language_of(self, field):
        """The language `field` is shown in on this page (see `shown_text`)."""
        return shown_text(lambda column: getattr(self, column, ""), field, get_language())[1]

    @property
    def title_lang(self):
        return self.language_of("title")

    @property
    def description_lang(self):
        return self.language_of("description")

    def text_urls(self):
        """[(language, address)] of its official text, in every language it has one in."""
        return [
            (code, url)
            for code, _name in settings.LANGUAGES
            if (url := getattr(self, f"text_url_{code}", ""))
        ]


class ConsentKind(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")


class ParticipationQuerySet(models.QuerySet):
    def parties(self):
        """States bound by the instrument (by ratification, accession or succession)."""
        return self.filter(is_party=True)

    def with_instrument(self):
        """Each row with its instrument, read in the same query without the instrument's
        stored search documents (iml_portal/fulltext.py), which no page shows."""
        columns = (f"instrument__{column}" for column in DOCUMENT.columns())
        return self.select_related("instrument").defer(*columns)


class Participation(models.Model):
    """A State's signature of a treaty and its consent to be bound, from the depositary's
    records: a State party, or a signatory that has not (yet) consented. The records seen may
    establish that a State is a party without giving the date or the kind of its consent: those
    stay empty (never guessed) and the page says the date is not recorded."""

    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("instrument"),
    )
    country = CountryField(_("State"), countries=UNCountries)
    signed_on = models.DateField(_("signature"), null=True, blank=True)
    is_party = models.BooleanField(
        _("State party"),
        default=True,
        help_text=_("Untick for a State that has signed but not (yet) consented to be bound."),
    )
    consent_on = models.DateField(_("ratification, accession or succession"), null=True, blank=True)
    consent_kind = models.CharField(_("which"), max_length=12, choices=ConsentKind, blank=True)
    source = models.URLField(
        _("source"), max_length=500, blank=True, help_text=_("The depositary's record.")
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "country"]
        verbose_name = _("State party or signatory")
        verbose_name_plural = _("States parties and signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "country"],
                name="participation_one_per_state",
                violation_error_message=_("This State is already listed for this instrument."),
            ),
            models.CheckConstraint(
                condition=Q(is_party=True) | Q(consent_on__isnull=True, consent_kind=""),
                name="participation_consent_only_for_parties",
                violation_error_message=_(
                    "A State that has only signed has no ratification, accession or succession."
                ),
            ),
            models.CheckConstraint(
                condition=Q(consent_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(consent_on__gte=F("signed_on")),
                name="participation_consent_after_signature",
                violation_error_message=_("The consent cannot come before the signature."),
            ),
        ]
        indexes = [models.Index(fields=["country", "instrument"], name="participation_country_idx")]

    def __str__(self):
        return f"{self.instrument} – {self.country.name}"


class Concerned(models.Model):
    """A State that a bilateral agreement or a national law concerns."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="states", verbose_name=_("instrument")
    )
    country = CountryField(_("State"), countries=UNCountries)

    class Meta:
        ordering = ["instrument", "country"]
        verbose_name = _("State concerned")
        verbose_name_plural = _("States concerned")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "country"],
                name="concerned_one_per_state",
                violation_error_message=_("This State is already listed for this instrument."),
            )
        ]
        indexes = [models.Index(fields=["country", "instrument"], name="concerned_country_idx")]

    def __str__(self):
        return f"{self.instrument} – {self.country.name}"
