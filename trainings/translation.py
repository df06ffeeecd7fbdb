"""Model fields that staff write in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from .models import Course, Edition, EditionDocument, Partner, Topic


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name", "short_name", "location")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "location", "languages", "formats", "audience")


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("place", "other_language", "audience", "certificate_note", "notes")


@register(EditionDocument)
class EditionDocumentTranslation(TranslationOptions):
    fields = ("title",)
