"""The load test's floor, served by bench/wsgi.py without any middleware: the least Django can
do to answer with a page's bytes. `bench/load.sh` saves each page it measures to
bench/out/floor/<name>.html first; /bench/floor/<name> answers with those bytes."""

import functools
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import path

FLOOR_PAGES = Path(__file__).resolve().parent / "out" / "floor"


@functools.cache
def saved_page(name):
    try:
        return (FLOOR_PAGES / f"{name}.html").read_bytes()
    except FileNotFoundError:
        raise Http404(name) from None


def floor(request, name):
    """A page's bytes, read once per process: no template, no query, no middleware."""
    return HttpResponse(saved_page(name), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/floor/<slug:name>", floor)]
