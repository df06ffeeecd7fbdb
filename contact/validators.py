"""What a requester may type: a phone number (see iml_portal.validators for the rest)."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# The text validators are shared with the other apps; their old home stays importable, as the
# first migration names it.
from iml_portal.validators import (  # noqa: F401
    normalize_newlines,
    validate_multiline_text,
    validate_single_line,
    validate_visible_text,
)

validate_phone = RegexValidator(
    r"^\+?[\d\s().\-/]{4,}((ext\.?|x)\s*\d+)?$",
    _("Enter a phone number using only digits, spaces and + ( ) - . /"),
    code="invalid_phone",
)
