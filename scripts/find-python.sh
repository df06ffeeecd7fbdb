#!/usr/bin/env bash
# Prints the path of a Python 3.12 or 3.13 interpreter for the virtualenv, or fails clearly.
# Django 6 needs Python 3.12+, and the machine's default python3 may be older; 3.12 is preferred.
set -euo pipefail

is_supported() {
    "$1" -c 'import sys; sys.exit(not ((3, 12) <= sys.version_info[:2] < (3, 14)))' 2>/dev/null
}

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[23]\.[0-9]+$' | sort -V); do
        candidates+=("$(PYENV_VERSION=$version pyenv which python3 2>/dev/null || true)")
    done
fi
for name in python3.12 python3.13 python3; do
    command -v "$name" >/dev/null 2>&1 && candidates+=("$(command -v "$name")")
done

for candidate in "${candidates[@]}"; do
    if [ -n "$candidate" ] && is_supported "$candidate"; then
        echo "$candidate"
        exit 0
    fi
done

echo "error: no Python 3.12 or 3.13 found (Django 6 needs one)." >&2
echo "       Install one (e.g. 'pyenv install 3.12') or set PYTHON=/path/to/python3.12." >&2
exit 1
