#!/usr/bin/env bash
# Deno, pinned in package.json / package-lock.json, from npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if [ ! -x node_modules/.bin/deno ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/deno --version | head -n1
