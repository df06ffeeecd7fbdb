"""Model fields that staff write in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from .models import Instrument


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = (
        "title",
        "short_title",
        "adopting_body",
        "adopted_at",
        "depositary",
        "text_url",
        "description",
    )
