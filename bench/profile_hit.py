"""Where a cached page's time goes, in one process: each page's cache hit against its floor
(bench/wsgi.py), called as gunicorn calls the WSGI application, and the time spent in each
middleware on a hit. Run by bench/load.sh against its server's database and Redis, after the
load test (the pages are in the cache then); prints a Markdown table.

    .venv/bin/python bench/profile_hit.py NAME=PATH ...   (the floor: /bench/floor/NAME)
"""

import os
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.handlers import base  # noqa: E402

CALLS = 3000
layers = {}  # middleware class name -> seconds spent inside it (inner ones included)


def timed(name, handler):
    def call(request):
        started = time.perf_counter()
        try:
            return handler(request)
        finally:
            layers[name] = layers.get(name, 0.0) + time.perf_counter() - started

    return call


def instrumented_site():
    """The site's WSGI handler with a timer around each middleware."""
    from django.core.handlers.wsgi import WSGIHandler

    plain = base.convert_exception_to_response

    def wrap(handler):
        return plain(timed(type(handler).__name__, handler))

    base.convert_exception_to_response = wrap
    try:
        return WSGIHandler()
    finally:
        base.convert_exception_to_response = plain


def call(application, path):
    path, _, query = path.partition("?")
    environ = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "127.0.0.1",
        "SERVER_NAME": "127.0.0.1",
    }
    setup_testing_defaults(environ)
    b"".join(application(environ, lambda status, headers: None))


def per_call(application, path):
    """Microseconds per call, the best of three runs of CALLS calls."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(CALLS):
            call(application, path)
        best = min(best, time.perf_counter() - started)
    return best / CALLS * 1e6


def main(pages):
    from bench.wsgi import application

    site = instrumented_site()
    print("| page | hit, µs | floor, µs | hit / floor |")
    print("| --- | ---: | ---: | ---: |")
    for name, path in pages:
        floor = f"/bench/floor/{name}"
        call(application, path), call(application, floor)  # warm
        hit, bare = per_call(application, path), per_call(application, floor)
        print(f"| {name} | {hit:.0f} | {bare:.0f} | {hit / bare:.2f} |")
    # Time in each middleware on a hit of the first page, its own part (inner ones excluded),
    # and outside them all (the WSGI request and response, the request signals).
    name, path = pages[0]
    layers.clear()
    started = time.perf_counter()
    for _ in range(CALLS):
        call(site, path)
    total = time.perf_counter() - started
    chain = sorted(layers.items(), key=lambda item: -item[1])
    print()
    print(f"| where a hit of {name} spends its time, outermost first | µs per request |")
    print("| --- | ---: |")
    outside = (total - chain[0][1]) / CALLS * 1e6
    print(f"| Django's WSGI handler, outside the middleware | {outside:.1f} |")
    for (outer, spent), (_, inner) in zip(chain, [*chain[1:], ("", 0.0)], strict=True):
        print(f"| {outer} | {(spent - inner) / CALLS * 1e6:.1f} |")


if __name__ == "__main__":
    main([argument.split("=", 1) for argument in sys.argv[1:]])
