#!/usr/bin/env bash
# The browser tests drive Debian's chromium; Playwright must never download its own browser.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
    "$(dirname "$0")/apt-install.sh" chromium
fi
