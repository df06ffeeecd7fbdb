#!/usr/bin/env bash
# Writes a local .env (never committed) the first time: a random secret key, plain HTTP (`make
# run` serves http://127.0.0.1 without TLS), uploaded files served by Django, and email
# printed to the console at once (no task worker). Production sets real variables instead.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .env ] && exit 0
secret=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
cat > .env <<ENV
# Local settings for \`make run\`, written by \`make setup\`. See README, "Settings".
DJANGO_SECRET_KEY=$secret
DJANGO_HTTPS=false
DJANGO_SERVE_MEDIA=true
DJANGO_TASKS_BACKEND=immediate
EMAIL_URL=consolemail://
ENV
echo "Wrote .env with a new local secret key"
