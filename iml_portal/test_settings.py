"""Settings for the test suite: the real settings with test-only speedups."""

import os

# Tests see the environment (DATABASE_URL, REDIS_URL), never a developer's local .env.
os.environ["DJANGO_ENV_FILE"] = ""
# The real settings refuse to start without a secret key when DEBUG is off, as tests run.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tests render templates without running collectstatic first (the live server serves static
# files from the apps' and project's folders), so WhiteNoise has no STATIC_ROOT to read.
STATIC_ROOT = None
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client speaks plain HTTP; the HTTPS settings are tested on their own.
SECURE_SSL_REDIRECT = False
# The cache is Redis when REDIS_URL is set (CI's PostgreSQL run), local memory otherwise;
# tests/conftest.py empties it before each test.
# Every request reads the content generation: a test's edit is seen at once, whatever process
# or test changed it (tests/test_cache.py tests the delay itself).
PUBLIC_PAGE_GENERATION_CHECK_SECONDS = 0
# Tasks (the contact emails) run at once, in the test's own process.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
