#!/usr/bin/env bash
# FFI stage: the codec and engine suite (tests/ffi) against fwpsim, then the same suite against fwpsim built
# with AddressSanitizer (ASan runtime preloaded into deno; string reads switch to the exact, one-unit mode).
# Needs build/libfwpsim.so and build/libfwpsim_asan.so from stage 20-build-sim.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
t0=$(date +%s)
PERMS=(--allow-ffi --allow-read --allow-write --allow-env --allow-run)
rc=0

ensure_fwpsim --no-dll || true

log "ffi: tests/ffi against build/libfwpsim.so"
WFPSEC_FWPSIM_LIB="$ROOT/build/libfwpsim.so" run_deno_test 50-ffi "${PERMS[@]}" tests/ffi/ || rc=1

log "ffi: tests/ffi against build/libfwpsim_asan.so (AddressSanitizer)"
if [ -f build/libfwpsim_asan.so ]; then
  asan_lib=$(gcc -print-file-name=libasan.so)
  LD_PRELOAD="$asan_lib" ASAN_OPTIONS=detect_leaks=0 WFPSEC_FWPSIM_LIB="$ROOT/build/libfwpsim_asan.so" \
    run_deno_test 50-ffi-asan "${PERMS[@]}" tests/ffi/ || rc=1
  if grep -q 'ERROR: AddressSanitizer' "$RESULTS/50-ffi-asan.log"; then
    echo "AddressSanitizer reported an error (see $RESULTS/50-ffi-asan.log)"
    record 50-ffi-asan 0 1 0
    rc=1
  fi
else
  echo "build/libfwpsim_asan.so missing: stage 20-build-sim did not build it"
  record 50-ffi-asan 0 1 0
  rc=1
fi

log "ffi: stage time $(( $(date +%s) - t0 ))s"
exit $rc
