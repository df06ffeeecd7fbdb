#!/usr/bin/env bash
# Creates .venv from a Python 3.12/3.13 interpreter (if missing) and installs the locked
# dependencies with uv. Idempotent: a second run only checks that .venv matches uv.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    python=$(scripts/find-python.sh)
    echo "Creating .venv with $python"
    rm -rf .venv
    "$python" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
    .venv/bin/python -m pip install --quiet "uv>=0.13,<0.14"
fi
# uv is itself a dev dependency, so an exact sync keeps it.
.venv/bin/uv sync --locked --extra dev --python .venv/bin/python --quiet

# compilemessages needs GNU gettext's msgfmt.
if ! command -v msgfmt >/dev/null 2>&1; then
    scripts/apt-install.sh gettext
fi
