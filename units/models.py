"""What the documents say about the IML Unit: the Unit itself, its team and its work.

Text fields are translated by modeltranslation (see translation.py): each has _en, _fr and
_es columns, and an empty French or Spanish value falls back to English.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from iml_portal.models import (
    Dated,
    OrderedItem,
    SingleRow,
    as_of_constraint,
    as_of_field,
    single_row_constraint,
)

# The help for a Unit field that dates the field before it.
UNIT_AS_OF_HELP = _(
    "Only when the text above comes from an older description of the Unit and is not known "
    "to be true today: that description's year (e.g. 2011). The About page then shows it in "
    "its history section, with its year."
)


class Unit(SingleRow):
    """The IML Unit itself. The site shows one Unit: its row is always the one with id 1 (the
    database refuses any other), so a second one cannot exist."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50)
    organization = models.CharField(_("organization"), max_length=200)
    department = models.CharField(_("department"), max_length=200)
    department_as_of = as_of_field(_("department as of (year)"), UNIT_AS_OF_HELP)
    established = models.PositiveSmallIntegerField(_("year established"))
    purpose = models.TextField(_("purpose"))
    key_objective = models.TextField(_("key objective"))
    rights_based_approach = models.TextField(_("rights-based approach"))
    legal_framework = models.TextField(
        _("legal framework"), help_text=_("Why international migration law matters.")
    )
    funding = models.TextField(_("funding"))
    funding_as_of = as_of_field(_("funding as of (year)"), UNIT_AS_OF_HELP)
    legislative_assistance = models.TextField(_("legislative assistance"))
    workshops_intro = models.TextField(_("workshops and events"))
    research_intro = models.TextField(_("research"))
    contact_invitation = models.TextField(_("contact invitation"))
    email = models.EmailField(_("contact email"))
    postal_address = models.TextField(_("postal address"))
    bookstore_url = models.URLField(_("IOM Bookstore address"), blank=True)
    country_offices_url = models.URLField(
        _("IOM country offices page"),
        blank=True,
        help_text=_(
            "The address of IOM's list of its country offices, which \"through the national "
            'IOM mission" links to.'
        ),
    )
    country_offices_source = models.URLField(
        _("source of the country offices address"),
        max_length=500,
        blank=True,
        help_text=_(
            "The public record where that address was found (the documents give none): the "
            "page itself, or one that quotes it. Shown to staff only."
        ),
    )
    country_offices_link_text = models.CharField(
        _("words that link to the country offices page"),
        max_length=200,
        blank=True,
        help_text=_(
            'The words of the "How can the IML Unit support?" texts that link to that page, '
            'e.g. "national IOM mission"; the first place they appear becomes the link.'
        ),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        constraints = [
            single_row_constraint("unit_single_row", _("The site presents one Unit only.")),
            as_of_constraint("department_as_of", "unit_department_as_of_year"),
            as_of_constraint("funding_as_of", "unit_funding_as_of_year"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:about")


class TeamMember(OrderedItem):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)

    page_name = "units:team"

    class Meta(OrderedItem.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name


class Activity(OrderedItem):
    """One answer to "What do we do?"."""

    title = models.CharField(_("title"), max_length=200)

    page_name = "units:what_we_do"

    class Meta(OrderedItem.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title


class SupportArea(OrderedItem):
    """One way the Unit can support governments, with the help it offers in that area."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    body = models.TextField(_("text"), help_text=_("Separate paragraphs with a blank line."))

    page_name = "units:what_we_do"

    class Meta(OrderedItem.Meta):
        verbose_name = _("support area")
        verbose_name_plural = _("support areas")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return self.slug


class SupportAction(OrderedItem):
    """A kind of help offered within a support area."""

    area = models.ForeignKey(
        SupportArea, on_delete=models.CASCADE, related_name="actions", verbose_name=_("area")
    )
    text = models.CharField(_("text"), max_length=500)

    page_name = "units:what_we_do"

    class Meta(OrderedItem.Meta):
        verbose_name = _("kind of help")
        verbose_name_plural = _("kinds of help")

    def __str__(self):
        return self.text


class FocusArea(Dated, OrderedItem):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))

    page_name = "units:about"

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.title


class ResearchTheme(Dated, OrderedItem):
    title = models.CharField(_("title"), max_length=300)
    # A relation by the model's label: the units app imports nothing from publications.
    catalogue_theme = models.ForeignKey(
        "publications.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue theme"),
        help_text=_(
            "The publication catalogue's theme that matches this research theme, if one does: "
            "the research page links to the catalogue filtered by it. Leave empty when none "
            "matches."
        ),
    )
    page_name = "units:research"

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("research theme")
        verbose_name_plural = _("research themes")

    def __str__(self):
        return self.title


class ResearchActivity(Dated, OrderedItem):
    description = models.TextField(_("description"))

    page_name = "units:research"

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("research activity")
        verbose_name_plural = _("research activities")

    def __str__(self):
        return self.description


class Workshop(Dated, OrderedItem):
    """A kind of workshop or activity the Unit offers."""

    description = models.TextField(_("description"))

    page_name = "units:what_we_do"

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("workshop or activity")
        verbose_name_plural = _("workshops and activities")

    def __str__(self):
        return self.description


class Engagement(Dated, OrderedItem):
    """A membership, a role or an inter-agency engagement of the Unit. Its status is as of
    the time the entry describes: today, or its "as of" year."""

    class Status(models.TextChoices):
        CURRENT = "current", _("current")
        PAST = "past", _("past")

    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.CURRENT,
        help_text=_('Ongoing or over at the time the entry describes: today, or its "as of" year.'),
    )

    page_name = "units:about"

    class Meta(Dated.Meta, OrderedItem.Meta):
        verbose_name = _("membership or engagement")
        verbose_name_plural = _("memberships and engagements")

    def __str__(self):
        return self.description
