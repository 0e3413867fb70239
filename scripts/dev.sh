#!/usr/bin/env bash
# One entry point for set-up on a fresh machine (see README):
#   bash scripts/dev.sh demo   install into .venv, then generate and scan the bundled demo estate
#   bash scripts/dev.sh test   install into .venv, then run the whole test suite (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

install() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e '.[dev]'
}

checks() {
    "$VENV/bin/ruff" check scanner recognizers tests bench
    "$VENV/bin/mypy"
    "$VENV/bin/lint-imports"
}

case "${1:-}" in
    demo)
        install
        "$VENV/bin/pii-scan" demo --out "${2:-pii-scan-demo}"
        ;;
    test)
        install
        checks
        # Presidio and tldextract must never fetch anything: fail fast if they try.
        export TLDEXTRACT_CACHE_TIMEOUT=0.01
        "$VENV/bin/python" -m pytest -q -p no:cacheprovider "${@:2}"
        ;;
    *)
        echo "usage: bash scripts/dev.sh demo [OUT] | test [PYTEST ARGS...]" >&2
        exit 2
        ;;
esac
