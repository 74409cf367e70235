#!/usr/bin/env bash
# Deno and the npm packages wfpsec imports, pinned in package.json / package-lock.json and installed by npm.
# .npmrc turns off node_modules/.bin links: a `deno` there would shadow Deno's own `deno` inside `deno task`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
missing=0
for p in deno/deno yaml fast-check @types/node ajv ajv-formats; do [ -e "node_modules/$p" ] || missing=1; done
# A fresh Debian machine has no npm: install it (WFPSEC_APT_GET overrides the installer command, for tests).
apt_get="${WFPSEC_APT_GET:-apt-get}"
if [ "$missing" = 1 ]; then
  command -v npm >/dev/null || { $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq nodejs npm >/dev/null; }
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/deno/deno --version | head -n1
