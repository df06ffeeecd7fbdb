"""The production settings, as the benchmarks run them (bench/lib.sh). The load test's floor
needs no setting of its own: bench/wsgi.py serves it beside the site."""

from iml_portal.settings import *  # noqa: F403
