#!/usr/bin/env bash
# What the browser, accessibility and HTML-validity tests need beyond Python packages:
# Debian's chromium (Playwright must never download a browser), Java for the Nu HTML
# Checker, and the locked npm packages axe-core and vnu-jar.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    scripts/apt-install.sh "${missing[@]}"
fi

# npm ci installs exactly package-lock.json; skipped when node_modules came from this lock.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_hash" > node_modules/.lock-hash
fi
