"""The languages documents are published in (publications, and the official texts of
instruments), defined once. The site's own interface languages are settings.LANGUAGES."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """Languages of documents (ISO 639-1 codes), shown in the visitor's language."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    RUSSIAN = "ru", _("Russian")
    ALBANIAN = "sq", _("Albanian")
    BOSNIAN = "bs", _("Bosnian")
    GREEK = "el", _("Greek")
    KOREAN = "ko", _("Korean")
    MACEDONIAN = "mk", _("Macedonian")
    SLOVENIAN = "sl", _("Slovenian")
    TURKISH = "tr", _("Turkish")
    VIETNAMESE = "vi", _("Vietnamese")

    @classmethod
    def label_of(cls, code):
        """The language's name in the active language (the code itself when it is not one of
        these): what get_language_display() gives, without translating every choice."""
        try:
            return str(cls(code).label)
        except ValueError:
            return code
