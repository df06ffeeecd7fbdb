"""Validators shared by the apps: what visitors and staff may type, and what they may upload.

Text ends up in email headers, Atom feeds (XML) and the admin, so control characters (NUL
included), surrogates and non-characters are refused everywhere, and line breaks everywhere
but in multi-line text: a line break in a name or subject is how header injection starts.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Control characters, and line and paragraph separators, which end a line as surely as LF.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}
# Characters XML cannot carry at all: surrogates and the non-characters U+FFFE and U+FFFF.
_UNREPRESENTABLE = {"Cs"}


def _refused(char, allowed=""):
    category = unicodedata.category(char)
    if char in allowed:
        return False
    return category in _LINE_BREAKING or category in _UNREPRESENTABLE or char in "\ufffe\uffff"


def normalize_newlines(value):
    """Browsers send a textarea's line breaks as CRLF; store plain LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def validate_single_line(value):
    if any(_refused(char) for char in value):
        raise ValidationError(
            _("Write this on a single line, without line breaks or control characters."),
            code="control_characters",
        )


def validate_multiline_text(value):
    if any(_refused(char, allowed="\n\t") for char in normalize_newlines(value)):
        raise ValidationError(
            _("Remove the control characters from this text."),
            code="control_characters",
        )


def validate_visible_text(value):
    """Refuses invisible format characters: direction controls (U+202E makes "Invoice
    <U+202E>gpj.exe" read "Invoice exe.jpg") and zero-width characters, which hide what a
    name, subject or address really says, e.g. in an email's Subject."""
    if any(unicodedata.category(char) == "Cf" for char in value):
        raise ValidationError(
            _(
                "Remove the invisible characters (such as text-direction marks or zero-width "
                "spaces) from this text."
            ),
            code="invisible_characters",
        )


# Uploaded files are served from the site's own origin (or its bucket): accept only the types
# shown, and check their first bytes so that, say, an HTML page renamed .pdf is refused.
FILE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "webp": (b"RIFF",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE2 compound document
    "docx": (b"PK\x03\x04",),  # ZIP container
    "odt": (b"PK\x03\x04",),
}


def validate_file_signature(file):
    if getattr(file, "_committed", True):
        return  # a file already stored was checked when it was uploaded
    extension = file.name.rsplit(".", 1)[-1].lower()
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    valid = any(head.startswith(signature) for signature in FILE_SIGNATURES.get(extension, ()))
    if extension == "webp":
        valid = valid and head[8:12] == b"WEBP"
    if not valid:
        raise ValidationError(
            _("The file's content does not match its extension (.%(extension)s)."),
            code="invalid_content",
            params={"extension": extension},
        )
