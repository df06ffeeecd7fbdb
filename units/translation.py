"""Model fields that staff write in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Activity,
    Engagement,
    FocusArea,
    ResearchActivity,
    ResearchTheme,
    SupportAction,
    SupportArea,
    TeamMember,
    Unit,
    Workshop,
)


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = (
        "name",
        "short_name",
        "organization",
        "department",
        "purpose",
        "key_objective",
        "rights_based_approach",
        "legal_framework",
        "funding",
        "legislative_assistance",
        "workshops_intro",
        "research_intro",
        "contact_invitation",
        "postal_address",
        "country_offices_link_text",
    )


@register(TeamMember)
class TeamMemberTranslation(TranslationOptions):
    fields = ("role",)


@register([Activity, ResearchTheme])
class TitleTranslation(TranslationOptions):
    fields = ("title",)


@register(SupportArea)
class SupportAreaTranslation(TranslationOptions):
    fields = ("title", "body")


@register(SupportAction)
class SupportActionTranslation(TranslationOptions):
    fields = ("text",)


@register(FocusArea)
class FocusAreaTranslation(TranslationOptions):
    fields = ("title", "description")


@register([ResearchActivity, Workshop, Engagement])
class DescriptionTranslation(TranslationOptions):
    fields = ("description",)
