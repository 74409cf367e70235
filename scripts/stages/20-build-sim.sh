#!/usr/bin/env bash
# Builds fwpsim (the fwpuclnt test double) and runs its C self-test against the plain and the
# AddressSanitizer builds. Counts: the self-test's own checks (twice: plain and ASan, and under Wine when
# available), one for the FWPSIM_FAIL_AT hook, one for a C bench-driver smoke run. A built artefact is not a
# passed test: a failed build is one failure, a good one counts nothing.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
ok=0; bad=0; skipped=0
log "build fwpsim"
if out=$(bash scripts/build-fwpsim.sh 2>&1); then
  echo "$out"
else
  echo "$out"
  record 20-build-sim "$ok" 1
  exit 1
fi

selftest() { # selftest LABEL COMMAND...
  local label="$1" line p f
  shift
  log "fwpsim selftest ($label)"
  local out
  out=$("$@" 2>&1) || true
  echo "$out"
  line=$(grep -E '^fwpsim selftest: [0-9]+ passed, [0-9]+ failed' <<<"$out" || true)
  if [ -z "$line" ]; then bad=$((bad + 1)); return; fi
  p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  ok=$((ok + p)); bad=$((bad + f))
}
selftest plain build/fwpsim_selftest
selftest asan env ASAN_OPTIONS=detect_leaks=1 build/fwpsim_selftest_asan

# The Win64 build (fwpuclnt.dll: Win64 calling convention, LockFileEx/MoveFileEx state file) under Wine, in
# a prefix of its own so it never touches the Wine stage's prefix.
wine64=$(command -v wine64 || ls /usr/lib/wine/wine64 2>/dev/null || true)
if [ -n "$wine64" ] && [ -f build/fwpsim_selftest.exe ]; then
  mkdir -p build/wine-fwpsim
  selftest "wine, fwpuclnt.dll" env WINEPREFIX="$ROOT/build/wine-fwpsim" WINEARCH=win64 WINEDEBUG=-all \
    WINEDLLOVERRIDES="fwpuclnt=n;winemenubuilder.exe=d" DISPLAY= "$wine64" "$ROOT/build/fwpsim_selftest.exe"
  ws=$(dirname "$wine64")/wineserver
  [ -x "$ws" ] || ws=wineserver
  WINEPREFIX="$ROOT/build/wine-fwpsim" "$ws" -k 2>/dev/null || true
else
  echo "SKIPPED: fwpsim self-test under Wine (no wine64 or no mingw build)"
  skipped=1
fi

log "fwpsim environment hooks: FWPSIM_FAIL_AT fails the 3rd mutating call of a spawned process"
hook=$(FWPSIM_FAIL_AT=3:0x80320099 FWPSIM_DUMP_MUTATIONS=1 build/fwpsim_driver 10 2>&1 || true)
echo "$hook"
if grep -q 'mutation 3 FwpmFilterAdd0 -> 0x80320099 (refused)' <<<"$hook" && grep -q 'run 0 failed' <<<"$hook"; then
  ok=$((ok + 1))
else
  echo "FAIL: FWPSIM_FAIL_AT did not fail the third mutating call"; bad=$((bad + 1))
fi

log "fwpsim C bench driver smoke run (1000 filters)"
if build/fwpsim_driver 1000; then ok=$((ok + 1)); else bad=$((bad + 1)); fi

record 20-build-sim "$ok" "$bad" "$skipped"
[ "$bad" -eq 0 ]
