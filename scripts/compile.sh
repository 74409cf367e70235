#!/usr/bin/env bash
# deno task compile: the wfpsec executable for Windows and Linux into build/bin/.
#
# deno compile embeds a Deno runtime ("denort") for each target. It downloads it unless told where a local
# copy is: DENORT_BIN_LINUX / DENORT_BIN_WINDOWS (per target), or DENORT_BIN (used for the host target).
# When a runtime is neither given nor downloadable, this fails and says so: it never leaves a fake
# executable behind. Set WFPSEC_COMPILE_TARGETS="x86_64-unknown-linux-gnu" to build one target only.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
mkdir -p build/bin
targets="${WFPSEC_COMPILE_TARGETS:-x86_64-pc-windows-msvc x86_64-unknown-linux-gnu}"
# The CLI reads policy/state files, writes exports and state, runs sc/net/icacls (doctor, safety checks)
# and loads fwpuclnt. On Windows FFI is scoped to the System32 DLL (the simulator is a test double, not
# something the shipped executable needs); override with WFPSEC_WINDOWS_FFI_SCOPE.
common=(--no-check --allow-read --allow-write --allow-env --allow-run --allow-sys)
win_ffi="${WFPSEC_WINDOWS_FFI_SCOPE:-C:\\Windows\\System32\\fwpuclnt.dll}"
status=0
for t in $targets; do
  case "$t" in
    *windows*) out=build/bin/wfpsec.exe; ffi=("--allow-ffi=$win_ffi"); var=DENORT_BIN_WINDOWS; rt="${DENORT_BIN_WINDOWS:-}" ;;
    *linux*) out=build/bin/wfpsec-linux-x64; ffi=(--allow-ffi); var=DENORT_BIN_LINUX; rt="${DENORT_BIN_LINUX:-${DENORT_BIN:-}}" ;;
    *) echo "compile: unknown target $t"; status=1; continue ;;
  esac
  rm -f "$out" "$out.tmp"
  log "deno compile --target $t -> $out${rt:+ (runtime $rt)}"
  err=$(mktemp)
  if env ${rt:+DENORT_BIN="$rt"} "$DENO" compile "${common[@]}" "${ffi[@]}" --target "$t" -o "$out" cli.ts 2>"$err"; then
    [ -s "$out" ] || { echo "compile: deno reported success but $out is missing"; status=1; continue; }
    # A wrong runtime (e.g. the full deno binary given as DENORT_BIN) yields a file that is not wfpsec:
    # prove the executable is ours before keeping it.
    if [[ "$t" == *linux* && "$(uname -s)" == Linux ]]; then
      v=$("./$out" --version 2>/dev/null </dev/null | head -1 || true)
      if [[ "$v" != wfpsec* ]]; then
        echo "compile: $out does not run as wfpsec (got: ${v:-nothing}); is $var a denort binary? Removed."
        rm -f "$out"; status=1; continue
      fi
    elif [[ "$t" == *windows* && "$(head -c2 "$out")" != MZ ]]; then
      echo "compile: $out is not a Windows executable; removed."; rm -f "$out"; status=1; continue
    fi
    echo "built $out ($(du -h "$out" | cut -f1))"
  else
    rm -f "$out"
    if grep -qiE 'dns error|download|failed to lookup|error sending request|connect' "$err"; then
      echo "compile: FAILED for $t: the Deno runtime (denort) for this target cannot be downloaded from here."
      echo "  Give a local copy with $var=/path/to/denort"
      echo "  (the denort binary of Deno $("$DENO" --version | head -1 | cut -d' ' -f2) for $t). No executable was written."
    else
      echo "compile: FAILED for $t:"; cat "$err"
    fi
    status=1
  fi
  rm -f "$err"
done
exit $status
