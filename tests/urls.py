"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from iml_portal.urls import *  # noqa: F403
from iml_portal.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug with a secret detail: s3cr3t")


def database_down_view(request):
    raise OperationalError("could not connect to server")


urlpatterns = [
    *site_urlpatterns,
    path("broken/", broken_view),
    path("database-down/", database_down_view),
]
