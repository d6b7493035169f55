#!/usr/bin/env bash
# Installs what the tests need (a virtualenv with the test extras, Debian's chromium for the
# browser tests, poppler-utils' pdftotext for the print tests, the Noto CJK fonts so that Japanese
# renders in screenshots and PDFs, OpenSSH's ssh-keygen for the signature tests) and runs the whole
# suite: ruff, mypy, pytest. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: chromium is not installed; browser tests will be skipped (sudo apt-get install chromium)" >&2
  fi
fi

if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's poppler-utils (pdftotext) for the print tests..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "warning: pdftotext is not installed; print tests will be skipped (sudo apt-get install poppler-utils)" >&2
  fi
fi

if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's fonts-noto-cjk (Japanese text in screenshots and printed pages)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
  else
    echo "warning: no Japanese font; printed pages show boxes (sudo apt-get install fonts-noto-cjk)" >&2
  fi
fi

if ! command -v ssh-keygen >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing OpenSSH's client (ssh-keygen) for the signature tests..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-client >/dev/null
  else
    echo "warning: ssh-keygen is not installed; signature tests will be skipped (sudo apt-get install openssh-client)" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
.venv/bin/pytest -q "$@"
