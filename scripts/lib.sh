#!/usr/bin/env bash
# Shared helpers for the test stages. Sourced, not run.
# Every stage records its counts in build/results/<stage>.counts as "passed failed skipped"
# so scripts/test.sh can print one closing line for the whole run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export DENO="${DENO:-$ROOT/node_modules/deno/deno}"
export DENO_DIR="${DENO_DIR:-$ROOT/build/deno-dir}"
export NO_COLOR=1
RESULTS="$ROOT/build/results"
mkdir -p "$RESULTS"

log() { printf '\n=== %s\n' "$*"; }

# record STAGE PASSED FAILED [SKIPPED]
record() { echo "$2 $3 ${4:-0}" > "$RESULTS/$1.counts"; }

# run_deno_test STAGE [deno test args...]: runs deno test, records its counts, returns its status.
run_deno_test() {
  local stage="$1"; shift
  local out="$RESULTS/$stage.log" rc=0
  "$DENO" test "$@" 2>&1 | tee "$out" || rc=$?
  local line passed failed ignored
  line=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$out" | tail -n1 || true)
  passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line"); passed=${passed:-0}
  failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line"); failed=${failed:-0}
  ignored=$(sed -nE 's/.* ([0-9]+) ignored.*/\1/p' <<<"$line"); ignored=${ignored:-0}
  [ -n "$line" ] || { [ "$rc" -ne 0 ] && failed=1; }
  record "$stage" "$passed" "$failed" "$ignored"
  return "$rc"
}

# ensure_fwpsim [--no-dll]: builds fwpsim when its library is missing or older than any of its sources, so
# a stage run alone never tests a stale simulator. With --no-dll only the Linux libraries are needed.
ensure_fwpsim() {
  local want=("$ROOT/build/libfwpsim.so" "$ROOT/build/libfwpsim_asan.so")
  [ "${1:-}" = "--no-dll" ] || want+=("$ROOT/build/fwpuclnt.dll")
  local f stale=0
  for f in "${want[@]}"; do
    if [ ! -f "$f" ] || [ -n "$(find "$ROOT/tests/support/fwpsim" "$ROOT/scripts/build-fwpsim.sh" -newer "$f" -type f -print -quit)" ]; then
      stale=1
    fi
  done
  [ "$stale" = 0 ] || bash "$ROOT/scripts/build-fwpsim.sh" "$@"
}
