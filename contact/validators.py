"""What a requester may type. Text reaches the Unit's inbox and email headers, so control
characters (NUL included) are refused everywhere, and line breaks everywhere but in the
message: a line break in a name, subject or address is how header injection starts."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators end a line as surely as CR or LF.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}


def normalize_newlines(value):
    """Browsers send a textarea's line breaks as CRLF; store plain LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def validate_single_line(value):
    if any(unicodedata.category(char) in _LINE_BREAKING for char in value):
        raise ValidationError(
            _("Write this on a single line, without line breaks or control characters."),
            code="control_characters",
        )


def validate_multiline_text(value):
    if any(
        unicodedata.category(char) in _LINE_BREAKING and char not in "\n\t"
        for char in normalize_newlines(value)
    ):
        raise ValidationError(
            _("Remove the control characters from this text."),
            code="control_characters",
        )


validate_phone = RegexValidator(
    r"^\+?[\d\s().\-/]{4,}((ext\.?|x)\s*\d+)?$",
    _("Enter a phone number using only digits, spaces and + ( ) - . /"),
    code="invalid_phone",
)
