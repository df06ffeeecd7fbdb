"""Refreshes the README's two pictures, docs/screenshots/home.png and catalogue.png: the English
home page and catalogue at 1280 px, as a visitor sees them on opening the page.

It sets up a throwaway SQLite database with the seed content in a temporary folder, serves it
with the real settings (DEBUG off, plain HTTP, static files collected and served by WhiteNoise
as in production), photographs the pages with Debian's chromium through Playwright, and stops
the server. Run by `make screenshots`; no test writes these files.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET = BASE_DIR / "docs" / "screenshots"
# The pictures and the pages they show.
PAGES = {"home.png": "/en/", "catalogue.png": "/en/publications/"}
VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM = "/usr/bin/chromium"
# As in tests/browser/conftest.py: keep Chromium from phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"The server did not answer {url} within {timeout} s")


def photograph(base_url):
    TARGET.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        for filename, path in PAGES.items():
            response = page.goto(base_url + path)
            if response.status != 200:
                sys.exit(f"{path} answered {response.status}")
            page.screenshot(path=TARGET / filename)
            print(f"Wrote {(TARGET / filename).relative_to(BASE_DIR)}")
        browser.close()


def main():
    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} is missing: `make screenshots` installs Debian's chromium package")
    with tempfile.TemporaryDirectory(prefix="iml-screenshots-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "iml_portal.settings",
            "DJANGO_ENV_FILE": "",  # never a developer's local .env
            "DJANGO_SECRET_KEY": "screenshots-only-not-secret",
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'db.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(Path(tmp) / "media"),
            "REDIS_URL": "",
        }
        manage("migrate", "--noinput", "-v0", env=env)
        manage("loaddata", *sorted(str(f) for f in (BASE_DIR / "fixtures").glob("*.json")), env=env)
        # DEBUG is off: WhiteNoise serves the collected, hashed files, as in production.
        manage("collectstatic", "--noinput", "-v0", env=env)

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(base_url + "/en/", server)
            photograph(base_url)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
