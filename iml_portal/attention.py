"""What editors still have to do, for the admin's "Needs attention" page and the counts on the
admin's index. Each check gives a list of records, each with a link to its edit form.

The site-wide checks are here (fields that fall back to English, drafts past their
"publish at" time, broken links); an app adds its own in its attention.py with @check (found by
autodiscover, as admin.py is), so that no content app imports another."""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from .cache import is_content
from .models import ExternalLink, Publishable

CHECKS = []
# At most this many records are listed for one heading (all are counted).
SHOWN = 50


@dataclass
class Item:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class Group:
    heading: str
    items: list = field(default_factory=list)
    count: int = 0


@dataclass
class Section:
    key: str
    title: str
    groups: list = field(default_factory=list)

    @property
    def count(self):
        return sum(group.count for group in self.groups)


def check(function):
    """Register a check: a function that returns a Section."""
    CHECKS.append(function)
    return function


def sections():
    autodiscover_modules("attention")
    return [section(*()) for section in CHECKS]


def edit_url(obj):
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:  # an inline's model: its parent's form edits it
        return ""


def group_of(heading, queryset, detail=lambda obj: ""):
    found = list(queryset[:SHOWN])
    count = len(found) if len(found) < SHOWN else queryset.count()
    items = [Item(str(obj), edit_url(obj), detail(obj)) for obj in found]
    return Group(str(heading), items, count)


def content_models():
    return [model for model in apps.get_models() if is_content(model)]


@check
def untranslated():
    """Translated fields filled in English but empty in another language: the site shows the
    English text there. One query per model."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    section = Section("untranslated", _("Text shown in English for want of a translation"))
    translated = set(translator.get_registered_models(abstract=False))
    for model in content_models():
        if model not in translated:
            continue
        names = sorted(translator.get_options_for_model(model).get_field_names())
        columns = [f"{name}_{code}" for name in names for code in (settings.LANGUAGE_CODE, *others)]
        rows = list(model._base_manager.values("pk", *columns).order_by("pk"))
        if not rows:
            continue
        objects = model._base_manager.in_bulk([row["pk"] for row in rows])
        for name in names:
            for code in others:
                missing = [
                    objects[row["pk"]]
                    for row in rows
                    if row[f"{name}_{settings.LANGUAGE_CODE}"] and not row[f"{name}_{code}"]
                ]
                if missing:
                    verbose = model._meta.get_field(name).verbose_name
                    heading = f"{capfirst(model._meta.verbose_name_plural)} · {verbose} · {code}"
                    section.groups.append(
                        Group(
                            heading,
                            [Item(str(obj), edit_url(obj)) for obj in missing[:SHOWN]],
                            len(missing),
                        )
                    )
    return section


@check
def overdue_drafts():
    section = Section("overdue", _("Drafts whose publish-at time has passed"))
    for model in content_models():
        if issubclass(model, Publishable):
            queryset = model._default_manager.overdue().order_by("publish_at")
            group = group_of(capfirst(model._meta.verbose_name_plural), queryset)
            if group.count:
                section.groups.append(group)
    return section


@check
def broken_links():
    from .links import used_addresses

    section = Section("links", _("Links the link check found broken"))
    broken = list(ExternalLink.objects.broken().order_by("url"))
    if broken:
        used = used_addresses()
        items = []
        for link in broken:
            for model, pk in used.get(link.url, []):
                obj = model._base_manager.filter(pk=pk).first()
                if obj is not None:
                    detail = f"{link.url} ({link.status or link.error})"
                    items.append(Item(str(obj), edit_url(obj), detail))
        section.groups.append(Group(str(_("Broken links")), items[:SHOWN], len(items)))
    return section


def has_attention_permission(user):
    """Editors (anyone who may change some content); not the contact request handlers."""
    return (
        user.is_active
        and user.is_staff
        and any(user.has_module_perms(label) for label in settings.CONTENT_APPS)
    )
