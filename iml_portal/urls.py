from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from contact.sitemaps import ContactSitemap
from instruments.sitemaps import CountrySitemap, InstrumentSitemap
from publications.sitemaps import CatalogueSitemap, PublicationSitemap
from trainings.sitemaps import TrainingsSitemap
from units.sitemaps import UnitPagesSitemap

from . import api, views
from .cache import public_page
from .oai.views import endpoint as oai_endpoint

SITEMAPS = {
    "unit": UnitPagesSitemap,
    "catalogue": CatalogueSitemap,
    "publications": PublicationSitemap,
    "trainings": TrainingsSitemap,
    "instruments": InstrumentSitemap,
    "countries": CountrySitemap,
    "contact": ContactSitemap,
}

# Not prefixed by a language: the admin (which follows the staff member's browser language)
# and what machines read (robots.txt, the sitemap, which lists every language, open data).
# The health check, /healthz, is answered by HealthCheckMiddleware before any of this.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", public_page(views.robots_txt), name="robots_txt"),
    path(
        "sitemap.xml",
        public_page(index, ["p"]),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap, ["p"]),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # Open data, for machines: OAI-PMH 2.0, and the JSON API (its `lang` parameter chooses
    # the language). See iml_portal/oai/ and iml_portal/api.py.
    path("oai/", oai_endpoint, name="oai"),
    path("api/v1/", api.urls()),
]

# Public pages, each under its language: /en/…, /fr/…, /es/…. LocaleMiddleware redirects
# "/" and any unprefixed path to the visitor's preferred language.
urlpatterns += i18n_patterns(
    path("", include("units.urls")),
    path("publications/", include("publications.urls")),
    path("trainings/", include("trainings.urls")),
    path("", include("instruments.urls")),
    path("contact/", include("contact.urls")),
)

if settings.SERVE_MEDIA:
    # Local runs only (DJANGO_SERVE_MEDIA, set in the .env that `make setup` writes).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = "iml_portal.views.bad_request"
handler403 = "iml_portal.views.permission_denied"
handler404 = "iml_portal.views.page_not_found"
handler500 = "iml_portal.views.server_error"
