"""What every public page's layout needs: the navigation, and the links to the same page in
each language (switcher, hreflang alternates, canonical). The Unit for the footer comes from
units.context_processors."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# (URL name, label, URL namespace that marks the entry as the current section)
NAVIGATION = [
    ("units:home", _("Home"), None),
    ("units:about", _("About"), None),
    ("units:team", _("Team"), None),
    ("units:what_we_do", _("What we do"), None),
    ("units:research", _("Research"), None),
    ("publications:list", _("Publications"), "publications"),
    ("instruments:list", _("Migration Law Database"), "instruments"),
    ("trainings:list", _("Trainings"), "trainings"),
    ("contact:form", _("Contact"), "contact"),
]


# OpenGraph wants a territory with each language.
OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "es": "es_ES"}


def site(request):
    return {
        "navigation": navigation(request),
        **language_links(request),
    }


def navigation(request):
    match = request.resolver_match
    items = []
    for url_name, label, namespace in NAVIGATION:
        if match is None:
            current = False
        elif namespace:
            current = match.namespace == namespace
        else:
            current = match.view_name == url_name
        items.append({"url": reverse(url_name), "label": label, "current": current})
    return items


def site_path(path):
    """`path` as a link that stays on this site whatever was requested: percent-encoded (a
    backslash would read as a slash) and with one leading slash (`//evil.com/` is another
    host's address for a browser)."""
    return "/" + escape_uri_path(path).lstrip("/")


def language_links(request):
    """The current page in every language. The switcher keeps the query string (a filtered
    catalogue stays filtered); hreflang and canonical links name the page itself. Every link
    is built from the request's path, so each is made safe first (see site_path)."""
    current = get_language()
    path = site_path(request.path)
    query = request.META.get("QUERY_STRING", "")
    full_path = f"{path}?{iri_to_uri(query)}" if query else path
    try:
        request.get_host()
        absolute = request.build_absolute_uri
    except DisallowedHost:  # the "bad request" page for a forged Host header still renders
        absolute = str
    links = []
    for code, _name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(full_path, code),
                "absolute_url": absolute(translate_url(path, code)),
                "is_current": code == current,
                "og_locale": OG_LOCALES[code],
            }
        )
    # x-default is the page's address without a language: it redirects each visitor to their
    # preferred language (as Django's i18n sitemaps say too).
    default_path = translate_url(path, settings.LANGUAGE_CODE)
    x_default = default_path.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    return {
        "language_links": links,
        "x_default_url": absolute(x_default),
        "canonical_url": absolute(path),
    }
