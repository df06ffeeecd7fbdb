"""The site exactly as gunicorn serves it (iml_portal.wsgi), plus the load test's floor in the
same worker processes: requests for /bench/floor/<name> go to a Django handler with no
middleware at all and the floor's own URLconf (bench/urls.py). The floor is what any Django
page costs at least under this gunicorn (the WSGI request and response, URL resolution, a
view returning bytes), so a cached page's throughput is measured against it.

    gunicorn -c gunicorn.conf.py bench.wsgi
"""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

from iml_portal.wsgi import application as site

FLOOR_PREFIX = "/bench/floor/"


class FloorHandler(WSGIHandler):
    """Django's WSGI handler with its middleware left out: request, URL resolution, view."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)

    def get_response(self, request):
        request.urlconf = "bench.urls"
        return super().get_response(request)


floor = FloorHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(FLOOR_PREFIX):
        return floor(environ, start_response)
    return site(environ, start_response)
