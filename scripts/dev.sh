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

# Debian packages the tests start throwaway servers from (tests/db). Installing them starts no
# service. Installed only when missing, so a machine that has them pays one dpkg-query.
DEB_TEST_PACKAGES=(postgresql mariadb-server)

system_packages() {
    local missing=() pkg sudo=""
    for pkg in "${DEB_TEST_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "dev.sh: install these packages first: ${missing[*]}" >&2
        return 1
    fi
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "dev.sh: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

checks() {
    "$VENV/bin/ruff" check scanner recognizers tests bench setup.py
    "$VENV/bin/mypy"
    "$VENV/bin/lint-imports"
}

case "${1:-}" in
    demo)
        install
        "$VENV/bin/pii-scan" demo --out "${2:-pii-scan-demo}"
        ;;
    test)
        system_packages
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
