"""Model fields that staff write in English, French and Spanish."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from .notice import ContactPageText


@register(ContactPageText)
class ContactPageTextTranslation(TranslationOptions):
    fields = ("introduction", "data_notice")
    # A promise to visitors is written in every language, never left to a fallback.
    required_languages = tuple(code for code, _name in settings.LANGUAGES)
