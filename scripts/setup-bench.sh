#!/usr/bin/env bash
# Set up what `clysm bench` compares against: SBCL (the reference), CLISP
# and ECL (which brings gcc, its C compiler), from Debian's packages; then
# clysm itself (scripts/setup.sh).
# Usage: scripts/setup-bench.sh && .venv/bin/clysm bench --quick
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for program in sbcl clisp ecl; do
    command -v "$program" >/dev/null 2>&1 || missing+=("$program")
done
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
scripts/setup.sh
for program in sbcl clisp ecl; do
    echo "$program: $("$program" --version 2>&1 | head -n 1)"
done
