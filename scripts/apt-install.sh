#!/usr/bin/env bash
# Installs Debian packages, as root or through sudo, with a clear error otherwise.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "error: need root (or sudo) to install Debian packages: $*" >&2
    exit 1
fi
echo "Installing Debian packages: $*"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
