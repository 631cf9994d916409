#!/usr/bin/env bash
# Set everything up, then run the whole test suite (lint, types, tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
.venv/bin/ruff check src tests
.venv/bin/ruff format --check src tests
.venv/bin/mypy
# Two workers: the project's machines have two cores.
.venv/bin/python -m pytest -n 2 "$@"
