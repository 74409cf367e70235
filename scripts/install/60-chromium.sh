#!/usr/bin/env bash
# Chromium for the browser stage (the report page loaded headless over the DevTools protocol): Debian's
# `chromium` package, no recommends. $CHROMIUM names another Chromium-based browser to use instead (a CI
# image's google-chrome). Idempotent; fails clearly when it cannot install: the browser stage must run.
set -euo pipefail
if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { echo "CHROMIUM=$CHROMIUM is not an executable" >&2; exit 1; }
elif ! command -v chromium >/dev/null; then
  command -v apt-get >/dev/null || { echo "chromium is missing and apt-get is not available: install Chromium or set CHROMIUM" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
echo "chromium: $("${CHROMIUM:-chromium}" --version 2>/dev/null | head -n1)"
