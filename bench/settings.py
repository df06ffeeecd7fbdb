"""The production settings plus one minimal view (/bench/floor), so that the load test can
measure the floor — what the same gunicorn and middleware serve with no page work at all."""

from iml_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
