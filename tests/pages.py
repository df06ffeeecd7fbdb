"""Every kind of public page, for the guards that must visit them all (HTML validity,
accessibility, layout, query budget). Each entry builds the page's path in the active
language; some need the seed content to find an object."""

import uuid

from django.urls import reverse
from django.utils import translation

from contact.models import hash_token
from tests.contact.factories import make_request


def _glossary_slug():
    from publications.models import Publication

    return Publication.objects.get(series__slug="international-migration-law", number=1).slug


def _thanks():
    return reverse("contact:thanks", args=[make_request().form_token])


def _status():
    token = f"page-guard-{uuid.uuid4().hex}"
    contact_request = make_request()
    contact_request.status_token_hash = hash_token(token)
    contact_request.save(update_fields=["status_token_hash"])
    return reverse("contact:status", args=[token])


PAGE_TYPES = {
    "home": lambda: reverse("units:home"),
    "about": lambda: reverse("units:about"),
    "team": lambda: reverse("units:team"),
    "what-we-do": lambda: reverse("units:what_we_do"),
    "research": lambda: reverse("units:research"),
    "publications": lambda: reverse("publications:list"),
    "publications-filtered": lambda: (
        reverse("publications:list") + "?series=1&language=en&year_from=2005&year_to=2011"
    ),
    "publications-search": lambda: reverse("publications:list") + "?q=glossary",
    "publications-by-work": lambda: reverse("publications:list") + "?group=work",
    "publication": lambda: reverse("publications:detail", args=[_glossary_slug()]),
    "series": lambda: reverse("publications:series", args=["international-migration-law"]),
    "trainings": lambda: reverse("trainings:list"),
    "course": lambda: reverse("trainings:detail", args=["iml-course-sanremo"]),
    "contact": lambda: reverse("contact:form"),
    "contact-thanks": _thanks,
    "contact-status": _status,
    "not-found": lambda: reverse("units:home") + "no-such-page/",
}


def page_path(page_type, language):
    with translation.override(language):
        return PAGE_TYPES[page_type]()


def all_paths(language):
    return {page_type: page_path(page_type, language) for page_type in PAGE_TYPES}
