"""What the contact page promises, worded by staff in the admin (EN/FR/ES) and true to what
the system does: the acknowledgement is sent in the chosen language (staff reply by hand),
personal data is purged after the retention periods, and only the reference, type, country,
language, dates and status are kept for statistics.

The retention periods are never written in the text: it names them with the placeholders
{retention_days} and {open_retention_days}, which are replaced when the page (or the
acknowledgement email) is rendered by the CONTACT_RETENTION_DAYS and
CONTACT_OPEN_RETENTION_DAYS settings, formatted for the language."""

import logging
from string import Formatter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from iml_portal.models import SingleRow, single_row_constraint

logger = logging.getLogger(__name__)

# The placeholders a text may hold, and the setting each one stands for.
PLACEHOLDERS = {
    "retention_days": "CONTACT_RETENTION_DAYS",
    "open_retention_days": "CONTACT_OPEN_RETENTION_DAYS",
}

# Today's wording, the default until staff change it (translated in the catalogues).
DEFAULT_INTRODUCTION = _(
    "Governments and partners can ask the Unit for support with this form. You will receive "
    "an acknowledgement by email, in the language you choose below; the Unit's staff then "
    "answer your request by email."
)
DEFAULT_DATA_NOTICE = _(
    "What we keep: the details you give in this form. Why: only to answer your request. How "
    "long: we delete your name, position, organization, email address, phone number, subject "
    "and message {retention_days} days after your request is closed, or {open_retention_days} "
    "days after its last change of status if it is never closed. What stays, for statistics: "
    "the request's reference, type, country, language, dates and status, without your name or "
    "contact details."
)


def _pieces(text):
    """(literal text, placeholder name or None) pairs; a text that breaks the rules raises
    ValidationError with a message staff can act on."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _(
                "A brace is not part of a placeholder. Write {retention_days} or "
                "{open_retention_days}; to show a brace itself, double it: {{ or }}."
            ),
            code="unbalanced_brace",
        ) from None
    for _literal, name, format_spec, conversion in parsed:
        if name is not None and (name not in PLACEHOLDERS or format_spec or conversion):
            raise ValidationError(
                _(
                    'Unknown placeholder "{%(name)s}". The text may use only {retention_days} '
                    "and {open_retention_days}."
                ),
                code="unknown_placeholder",
                params={"name": "".join(part for part in (name, conversion, format_spec) if part)},
            )
    return [(literal, name) for literal, name, _spec, _conversion in parsed]


def validate_placeholders(text):
    _pieces(text)


def validate_data_notice(text):
    """The notice must say how long personal data is kept: both periods, from the settings."""
    names = {name for _literal, name in _pieces(text) if name}
    missing = [name for name in PLACEHOLDERS if name not in names]
    if missing:
        raise ValidationError(
            _(
                "The notice must give both retention periods: keep {retention_days} (a closed "
                "request) and {open_retention_days} (a request never closed)."
            ),
            code="missing_placeholder",
        )


def render(text):
    """The text with each placeholder replaced by its setting, formatted for the active
    language (e.g. 1 000 in French)."""
    return "".join(
        literal
        + (
            number_format(getattr(settings, PLACEHOLDERS[name]), force_grouping=True)
            if name
            else ""
        )
        for literal, name in _pieces(text)
    )


class ContactPageText(SingleRow):
    """The contact page's wording that makes promises: one row, edited in the admin in each
    language; without it, today's wording (DEFAULT_INTRODUCTION, DEFAULT_DATA_NOTICE)."""

    introduction = models.TextField(
        _("how requests are answered"),
        validators=[validate_placeholders],
        help_text=_(
            "Shown at the top of the contact form. Promise only what happens: the "
            "acknowledgement is sent by the site in the language the requester chooses; staff "
            "write the reply."
        ),
    )
    data_notice = models.TextField(
        _("personal data notice"),
        validators=[validate_data_notice],
        help_text=_(
            "Shown with the consent box and in the acknowledgement email. Write "
            "{retention_days} and {open_retention_days} where the retention periods go: they "
            "are replaced by the CONTACT_RETENTION_DAYS and CONTACT_OPEN_RETENTION_DAYS "
            "settings when the page is shown, so never type the numbers."
        ),
    )

    class Meta:
        verbose_name = _("contact page wording")
        verbose_name_plural = _("contact page wording")
        constraints = [
            single_row_constraint(
                "contact_page_text_single_row", _("The contact page has one wording only.")
            )
        ]

    def __str__(self):
        return str(_("Contact page wording"))


class PageText:
    """The contact page's wording in the active language, placeholders replaced."""

    def __init__(self, row=None):
        self.introduction = self._render(row, "introduction", DEFAULT_INTRODUCTION)
        self.data_notice = self._render(row, "data_notice", DEFAULT_DATA_NOTICE)

    @staticmethod
    def _render(row, field, default):
        # The active language's text, English where it is empty (as all content falls back).
        text = getattr(row, field, "") if row is not None else ""
        try:
            return render(text or str(default))
        except ValidationError:
            # Saved around the admin's checks (the shell, SQL): never a broken page.
            logger.warning("The contact page's %s is invalid; showing the default", field)
            return render(str(default))


def page_text():
    """The wording for the active language; today's default when staff have not written
    one, or when the database cannot be read (the form must still render)."""
    try:
        row = ContactPageText.objects.filter(pk=ContactPageText.SINGLE_ID).first()
    except DatabaseError:
        row = None
    return PageText(row)
