"""Model fields that staff write in English, French and Spanish. Publication titles are not
among them: a title stays as published, in the publication's own language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Publication, Series, Theme, Work


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register([Work])
class WorkTranslation(TranslationOptions):
    fields = ("title",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("description", "summary")
