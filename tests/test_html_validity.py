"""Every page type, in every language, is valid HTML for the Nu HTML Checker (vnu-jar from
npm, run with the machine's Java; `make test` installs both): the pages of the registry, and
the pages reached by sending the contact form (with errors, and once too often: 429)."""

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.conftest import LANGUAGES
from tests.pages import CONTACT_FORM_WITH_ERRORS, all_paths

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def posted_pages(client, language):
    """The contact form re-rendered with errors, then the 429 page (the limit is one a
    client)."""
    with translation.override(language):
        path = reverse("contact:form")
    cache.clear()  # the rate limit's counters
    data = {**CONTACT_FORM_WITH_ERRORS, "form_token": str(uuid.uuid4())}
    with_errors = client.post(path, data)
    too_many = client.post(path, {**data, "form_token": str(uuid.uuid4())})
    assert (with_errors.status_code, too_many.status_code) == (200, 429)
    assert b"error-summary" in with_errors.content
    return {"contact-errors": (path, with_errors), "too-many-requests": (path, too_many)}


def test_every_page_validates(client, settings, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker needs node_modules/vnu-jar and java: run `make test`")
    settings.CONTACT_RATE_LIMIT = settings.CONTACT_INVALID_RATE_LIMIT = "1/h"
    files = {}
    for language in LANGUAGES:
        pages = {
            path_type: (path, client.get(path)) for path_type, path in all_paths(language).items()
        }
        pages.update(posted_pages(client, language))
        for page_type, (path, response) in pages.items():
            file = tmp_path / f"{page_type}-{language}.html"
            file.write_bytes(response.content)
            files[file.name] = f"{page_type}: {path} ({response.status_code})"

    result = subprocess.run(
        ["java", "-jar", VNU, "--format", "json", "--errors-only", *map(str, tmp_path.iterdir())],
        capture_output=True,
        text=True,
    )

    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}: {m['message']}"
        for m in messages
    ]
    assert errors == []
    assert len(files) == len(LANGUAGES) * (len(all_paths("en")) + 2)
