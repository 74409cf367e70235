#!/usr/bin/env bash
# The CLI tier: the CLI spawned as a user runs it on fwpsim (lifecycle, fault injection at every call, SIGKILL trials, offline snapshots, secrets).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
ensure_fwpsim --no-dll || { record 60-cli 0 1; exit 1; }
export WFPSEC_FWPSIM_LIB="$ROOT/build/libfwpsim.so"
run_deno_test 60-cli --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys \
  tests/cli/
