from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# Not prefixed by a language: the admin (which follows the staff member's browser language)
# and, later, machine-read files such as the sitemap and robots.txt.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
]

# Public pages, each under its language: /en/…, /fr/…, /es/…. LocaleMiddleware redirects
# "/" and any unprefixed path to the visitor's preferred language.
urlpatterns += i18n_patterns(
    path("", include("units.urls")),
    path("publications/", include("publications.urls")),
    path("trainings/", include("trainings.urls")),
    path("contact/", include("contact.urls")),
)
