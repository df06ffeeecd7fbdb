"""The catalogue of the IML Unit's publications: series, works (a text and its language
editions), themes and the publications themselves.

Text fields listed in translation.py are translated by modeltranslation (_en, _fr and _es
columns; an empty French or Spanish value falls back to English). Publication titles are not
translated: they stay as published, in the language of the publication.
"""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from iml_portal.fulltext import SearchableManager, SearchableQuerySet, one_of, search_field
from iml_portal.languages import Language
from iml_portal.models import (
    MAX_YEAR,
    MIN_YEAR,
    Publishable,
    PublishableQuerySet,
    public_condition,
)
from iml_portal.validators import validate_file_signature

from . import search

# How many related publications a publication's page shows.
RELATED_LIMIT = 5


class Series(models.Model):
    """A publication series, or a grouping of publications that is not a series."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_published_series = models.BooleanField(
        _("published series"),
        default=True,
        help_text=_(
            "Untick for a grouping that is not a series the publications appeared in "
            "(e.g. other publications and handbooks): citations then name no series."
        ),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publications:series", args=[self.slug])

    def title_in(self, language):
        """The series' name as published in `language`, else in English, else its name.
        Relies on `published_names` being prefetched where many series are shown."""
        names = {entry.language: entry.name for entry in self.published_names.all()}
        return names.get(language) or names.get(Language.ENGLISH) or self.name_en or self.name


class SeriesName(models.Model):
    """A name under which a series was published, e.g. "Droit international de la migration"
    for the French volumes of the International Migration Law series."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="published_names", verbose_name=_("series")
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=7, choices=Language)

    class Meta:
        ordering = ["series", "pk"]
        verbose_name = _("published name")
        verbose_name_plural = _("published names")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "language"],
                name="seriesname_one_per_language",
                violation_error_message=_("This series already has a name in this language."),
            )
        ]

    def __str__(self):
        return self.name


class Title(NamedTuple):
    text: str
    language: str


# How a work's editions are listed: oldest first.
EDITION_ORDER = ("year", F("number").asc(nulls_last=True), "pk")


class Work(models.Model):
    """A text published in several language editions (each edition is a Publication)."""

    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_(
            "As published in each language it has an edition in. The site shows the title in "
            "a language only when the work has an edition in that language; leave the others "
            "empty."
        ),
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("work")
        verbose_name_plural = _("works")

    def __str__(self):
        return self.title

    def editions_in_order(self):
        """Its public editions, oldest first: the prefetched `edition_list` when there is one
        (PublicationQuerySet.with_editions), else one query. A draft edition does not count:
        it gives the work no language on the site yet."""
        if hasattr(self, "edition_list"):
            return self.edition_list
        if self.pk is None:
            return []
        return list(self.editions.public().select_related("series").order_by(*EDITION_ORDER))

    def title_in(self, language=None):
        """The work's title for a page in `language` (the active one by default), never in a
        language it was not published in: its title in that language if it has an edition in
        it, else its title in the language of its oldest edition that has one (English, French
        or Spanish), else the oldest edition's title as published."""
        language = language or get_language()
        editions = self.editions_in_order()
        published = [edition.language for edition in editions]
        site_languages = {code for code, _name in settings.LANGUAGES}
        for code in [language, *published]:
            title = getattr(self, f"title_{code}", "") if code in site_languages else ""
            if code in published and title:
                return Title(title, code)
        if editions:
            return Title(editions[0].title, editions[0].title_lang)
        return Title(self.title_en or self.title, settings.LANGUAGE_CODE)

    @property
    def shown_title(self):
        return self.title_in()

    def editions_by_series(self):
        """[(series, [editions, oldest first])], the series in the order of their first
        edition: a work's editions may have appeared in several series."""
        groups = {}
        for edition in self.editions_in_order():
            groups.setdefault(edition.series_id, (edition.series, []))[1].append(edition)
        return list(groups.values())


class Theme(models.Model):
    """An editorial classification of the publications, for browsing and related items."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('publications:list')}?theme={self.slug}"


def validate_slug_is_not_reserved(value):
    # These paths under /publications/ are pages of their own.
    if value in {"feed", "series"}:
        raise ValidationError(_("This slug is reserved; choose another."), code="reserved")


class PublicationQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_document = search.DOCUMENT

    # The orders a visitor can choose. "newest" and "oldest" are exact reverses of each other,
    # so one index serves both. Within a year, numbered volumes come before unnumbered ones
    # (COALESCE rather than NULLS LAST, which SQLite does not accept in an index).
    ORDERINGS = {
        "newest": (F("year").desc(), Coalesce("number", -1).desc(), F("id").desc()),
        "oldest": (F("year").asc(), Coalesce("number", -1).asc(), F("id").asc()),
        "title": (Lower("title").asc(), F("id").asc()),
    }

    def for_listing(self):
        return self.select_related("series", "work")

    def in_series_order(self):
        return self.order_by(F("number").asc(nulls_last=True), "year", "id")

    def newest(self):
        return self.order_by(*self.ORDERINGS["newest"])

    def search(self, terms, language, also=()):
        """Publications whose title, description or summary (in `language`, English where
        untranslated) match `terms` or one of the phrases `also` (the thesaurus's words in
        every language): full-text search with stemming on PostgreSQL, a match of every word
        (or of one phrase) elsewhere. A work is found through any of its editions: every
        edition of a work one of whose editions matches is found too."""
        found = Publication.objects.public().matching(terms, language, also)
        # The row's own match, or its work among an array of the works found: both are index
        # lookups (a row's match tested as "id IN (the rows that match)" reads the table twice).
        rows, matches = self.match(terms, language, also)
        return rows.filter(
            (public_condition() & matches)
            | one_of("work", found.exclude(work=None).order_by().values("work"))
        )

    def ordered(self, sort, *, terms="", language="en", also=(), one_per_work=False):
        """In the order a visitor chose: by relevance to `terms` (what matches the words typed
        first, then what only the thesaurus's words match, then the other editions of the
        works found; within each, the full-text rank on PostgreSQL and title matches first
        elsewhere), else newest, oldest or by title. With `one_per_work`, one row per work:
        its first edition in that order (a publication without a work stands for itself)."""
        queryset, ordering = self, self.ORDERINGS.get(sort, self.ORDERINGS["newest"])
        if sort == "relevance" and terms:
            queryset = self.with_relevance(terms, language, also)
            ordering = (
                F("direct").desc(),
                F("relevance").desc(),
                *self.ORDERINGS["newest"],
            )
        if one_per_work:
            # Only the editions are ranked, so the rest keeps using the order's index.
            firsts = (
                queryset.filter(work__isnull=False)
                .annotate(
                    edition_rank=models.Window(
                        models.functions.RowNumber(), partition_by=[F("work_id")], order_by=ordering
                    )
                )
                .filter(edition_rank=1)
                .values("pk")
            )
            queryset = queryset.filter(Q(work__isnull=True) | Q(pk__in=firsts))
        return queryset.order_by(*ordering)

    def with_editions(self):
        """Each row's work carries `edition_list`: all its editions, oldest first, with their
        series (one query for the rows shown)."""
        return self.prefetch_related(
            models.Prefetch(
                "work__editions",
                queryset=Publication.objects.public()
                .select_related("series")
                .order_by(*EDITION_ORDER),
                to_attr="edition_list",
            )
        )


class Publication(Publishable):
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("series"),
        db_index=False,  # the indexes on (series, number) and (series, year) start with it
    )
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Its number in the series, if any.")
    )
    title = models.CharField(
        _("title"), max_length=500, help_text=_("As published, in the publication's language.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        validators=[validate_slug_is_not_reserved],
        help_text=_("The end of the publication's web address."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    language = models.CharField(_("language of the publication"), max_length=7, choices=Language)
    title_language = models.CharField(
        _("language of the title"),
        max_length=7,
        choices=Language,
        blank=True,
        help_text=_(
            "Only when it differs from the language of the publication, e.g. an English title "
            "recorded for a Russian edition. Screen readers use it to pronounce the title."
        ),
    )
    work = models.ForeignKey(
        Work,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editions",
        verbose_name=_("work"),
        help_text=_("For a language edition: the work it is an edition of."),
    )
    description = models.TextField(_("description"), blank=True)
    description_is_excerpt = models.BooleanField(
        _("the description is an excerpt"),
        default=False,
        help_text=_(
            "Tick when the documents give only the beginning of the description (it stops "
            "mid-sentence): the site shows it as given and marks it as an excerpt. Never "
            "complete it."
        ),
    )
    original_description = models.TextField(
        _("description in the publication's language"),
        blank=True,
        help_text=_(
            "Only for a publication in a language other than English, French and Spanish: its "
            "description as the documents give it in that language (e.g. the Portuguese text of "
            "N°22). Shown as written, next to the description, marked with the publication's "
            "language."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="publications", verbose_name=_("themes")
    )
    link = models.URLField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where to read or get it: its own page on the IOM Publications Platform, or its PDF. "
            "Only an address a public record shows; never one built from a pattern."
        ),
    )
    link_source = models.URLField(
        _("source of the address"),
        max_length=500,
        blank=True,
        help_text=_(
            "The public record where the address was found (the page itself, or one "
            "that quotes it)."
        ),
    )
    sources = models.TextField(
        _("other sources"),
        blank=True,
        help_text=_(
            "Public records for facts the Unit's documents do not give: one per line, "
            "what it establishes, then its address."
        ),
    )
    file = models.FileField(
        _("file"),
        upload_to="publications/files/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_file_signature],
        help_text=_("The publication as a PDF."),
    )
    cover = models.FileField(
        _("cover"),
        upload_to="publications/covers/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_file_signature,
        ],
        help_text=_("An image of the cover: JPEG, PNG or WebP."),
    )
    # Set by the site, for feeds: when the record was added and last changed.
    created = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    # The stored search documents (iml_portal/fulltext.py), for the database's use only.
    search_en = search_field()
    search_fr = search_field()
    search_es = search_field()

    objects = SearchableManager.from_queryset(PublicationQuerySet)()

    class Meta:
        ordering = PublicationQuerySet.ORDERINGS["newest"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(number__isnull=False),
                name="publication_unique_number_in_series",
                violation_error_message=_(
                    "This series already has a publication with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="publication_sane_year",
                violation_error_message=_("Enter a year between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(link="") | ~Q(link_source=""),
                name="publication_address_has_source",
                violation_error_message=_("Say where the address was found (its source)."),
            ),
        ]
        indexes = [
            # The list's orders (newest first, read backwards for oldest first; by title).
            models.Index(*PublicationQuerySet.ORDERINGS["newest"], name="publication_newest_idx"),
            models.Index(*PublicationQuerySet.ORDERINGS["title"], name="publication_title_idx"),
            models.Index(fields=["language"], name="publication_language_idx"),
            # Series pages and previous/next: (series, number) has the unique constraint's
            # index; this one serves series filtered and shown newest first.
            models.Index(fields=["series", "-year"], name="publication_series_year_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.updated = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publications:detail", args=[self.slug])

    def clean(self):
        super().clean()
        site_languages = {code for code, _name in settings.LANGUAGES}
        if self.original_description and self.language in site_languages:
            raise ValidationError(
                {
                    "original_description": _(
                        "This publication is in one of the site's languages: write its "
                        "description in that language's tab of the description instead."
                    )
                }
            )

    def obtain_url(self, request=None):
        """Where to read or get it: its address, else its PDF here (absolute when `request` is
        given); None when neither is known (the page then points to the IOM Bookstore with the
        exact title)."""
        if self.link:
            return self.link
        if not self.file:
            return None
        return request.build_absolute_uri(self.file.url) if request else self.file.url

    def get_language_display(self):
        # Django's own builds a dict of every choice, translating each label, at each call:
        # a list calls it once per row.
        return Language.label_of(self.language)

    @property
    def title_lang(self):
        return self.title_language or self.language

    @property
    def series_title(self):
        """The series as a citation names it, or "" when it is not a published series."""
        if not self.series.is_published_series:
            return ""
        return self.series.title_in(self.language)

    def other_editions(self):
        if self.work_id is None:
            return Publication.objects.none()
        return (
            Publication.objects.public()
            .filter(work_id=self.work_id)
            .exclude(pk=self.pk)
            .order_by(*EDITION_ORDER)
        )

    def previous_in_series(self):
        if self.number is None:
            return None
        return (
            Publication.objects.public()
            .filter(series_id=self.series_id, number__lt=self.number)
            .order_by("-number")
            .first()
        )

    def next_in_series(self):
        if self.number is None:
            return None
        return (
            Publication.objects.public()
            .filter(series_id=self.series_id, number__gt=self.number)
            .order_by("number")
            .first()
        )

    def related(self, limit=RELATED_LIMIT):
        """Other publications sharing the most themes with this one, newest first among
        equals; other editions of its work are left out (the page lists them already).
        Uses the prefetched themes when there are."""
        theme_ids = [theme.pk for theme in self.themes.all()]
        if not theme_ids:
            return []
        candidates = Publication.objects.public().filter(themes__in=theme_ids).exclude(pk=self.pk)
        if self.work_id is not None:
            candidates = candidates.exclude(work_id=self.work_id)
        newest = PublicationQuerySet.ORDERINGS["newest"]
        # The first `limit` are chosen on narrow rows (ids and the order's columns: sorting
        # thousands of whole rows is what costs); only they are read whole, in one query.
        chosen = candidates.values("pk").annotate(n=Count("*")).order_by("-n", *newest)[:limit]
        shared = (
            Publication.themes.through.objects.filter(
                publication_id=OuterRef("pk"), theme_id__in=theme_ids
            )
            .order_by()
            .values("publication_id")
            .annotate(n=Count("*"))
            .values("n")
        )
        return list(
            Publication.objects.filter(pk__in=chosen.values("pk"))
            .annotate(shared=Subquery(shared, output_field=models.IntegerField()))
            .select_related("series")
            .order_by("-shared", *newest)
        )
