#!/usr/bin/env bash
# Pure TypeScript unit tests (no engine, no FFI): policy language, compiler, and other engineers' pure units.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
log "deno test tests/unit/"
run_deno_test 40-unit --allow-read --allow-env tests/unit/
