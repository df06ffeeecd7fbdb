from django.http import HttpResponse
from django.urls import path

from iml_portal.urls import *  # noqa: F403
from iml_portal.urls import urlpatterns as site_urlpatterns


def floor(request):
    """The least a Django view can do: the floor the pages' throughput is compared with."""
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [*site_urlpatterns, path("bench/floor", floor)]
