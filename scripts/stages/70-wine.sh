#!/usr/bin/env bash
# The Windows ABI tier: the Windows build of deno.exe under Wine runs the FFI round-trip and engine-semantics
# tests, a CLI end-to-end subset and the ABI smoke tests against fwpsim built by mingw as fwpuclnt.dll and
# installed as %SystemRoot%\System32\fwpuclnt.dll, the exact file production code loads on Windows.
# Needs scripts/install/40-wine.sh (wine, build/wine/deno.exe) and build/fwpuclnt.dll (20-build-sim).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
source "$ROOT/scripts/wine/env.sh"
cd "$ROOT"
t0=$(date +%s)

ensure_fwpsim || { record 70-wine 0 1; exit 1; }
log "wine: shim, prefix, System32\\fwpuclnt.dll"
wine_setup "$ROOT/build/fwpuclnt.dll" || { record 70-wine 0 1; exit 1; }
echo "prefix ready in $(( $(date +%s) - t0 ))s; DENO_DIR=$DENO_DIR"

# Both ways the code can pick a library end at the same file: the Windows default (System32, absolute
# path) and the simulator override. FWPSIM_STATE is a Windows path, as fwpsim sees it under Wine.
export WFPSEC_FWPSIM_LIB='C:\windows\system32\fwpuclnt.dll'
state_dir="$ROOT/build/wine/state"
rm -rf "$state_dir" && mkdir -p "$state_dir"
FWPSIM_STATE="$(winpath "$state_dir/fwpsim-state.bin")"
export FWPSIM_STATE
export WFPSEC_WINE=1
# tests/windows run their bodies against fwpsim here, named as a rehearsal (they skip visibly otherwise).
export WFPSEC_WINDOWS_REHEARSAL=1

# What runs under Wine, chosen by file name (see tests/wine/README.md):
#   tests/wine/       ABI smoke tests and the deliberate-ABI-mistake proof (this tier's own)
#   tests/windows/    real-Windows tests, run as a named rehearsal against fwpsim (the host probe must
#                     refuse Wine), plus the CI workflow check
#   tests/ffi/        every FFI round-trip / engine-semantics file except benches and ASan-only ones
#   tests/wine/cli.test.ts  the CLI end to end on Windows paths (tests/cli/ files: add them in WINE_CLI_TESTS)
files=(tests/wine/ tests/windows/)
shopt -s nullglob
for f in tests/ffi/*.test.ts; do
  case "$(basename "$f")" in *asan* | *bench*) continue ;; esac
  files+=("$f")
done
# tests/wine/cli.test.ts is the CLI end-to-end run under Wine; tests/cli/ files can be added by name.
for f in ${WINE_CLI_TESTS:-}; do files+=("$f"); done
shopt -u nullglob
echo "test files under Wine: ${files[*]}"

rc=0
DENO="$ROOT/scripts/wine/deno" run_deno_test 70-wine \
  --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys "${files[@]}" || rc=$?

wineserver -k >/dev/null 2>&1 || true
echo "70-wine stage runtime: $(( $(date +%s) - t0 ))s"
exit "$rc"
