"""Every page type, in every language, is valid HTML for the Nu HTML Checker (vnu-jar from
npm, run with the machine's Java; `make test` installs both)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import LANGUAGES
from tests.pages import all_paths

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_validates(client, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker needs node_modules/vnu-jar and java: run `make test`")
    files = {}
    for language in LANGUAGES:
        for page_type, path in all_paths(language).items():
            response = client.get(path)
            file = tmp_path / f"{page_type}-{language}.html"
            file.write_bytes(response.content)
            files[file.name] = f"{path} ({response.status_code})"

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
    assert len(files) == len(LANGUAGES) * len(all_paths("en"))
