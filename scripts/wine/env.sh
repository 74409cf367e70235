#!/usr/bin/env bash
# Environment for running the Windows deno.exe under Wine. Sourced (after scripts/lib.sh), not run.
#
# Everything lives under build/wine/: deno.exe (scripts/install/40-wine.sh), the shim DLL, the prefix and
# deno.exe's own DENO_DIR. Functions:
#   wine_setup     build the shim, create the prefix once, install build/fwpuclnt.dll as System32's
#                  fwpuclnt.dll, and stop wineserver when the calling shell exits
#   wine_deno ...  run deno.exe with the given arguments (stdin closed)
#   winpath PATH   a Linux path as the Windows process sees it (Z:\...)
WINE_DIR="$ROOT/build/wine"
WINE_DENO_EXE="$WINE_DIR/deno.exe"
export WINEPREFIX="$WINE_DIR/prefix"
export WINEARCH=win64
export WINEDEBUG=-all
# fwpuclnt=n: System32's fwpuclnt.dll must be our file, never Wine's builtin stub (which returns 1764 or
# aborts). winemenubuilder=d: no desktop integration work in a throwaway prefix.
# winedbg=d: the ABI-mistake tests crash a child on purpose; Wine's crash handler would start winedbg,
# which can leave the parent deno.exe with a non-zero exit code after every test passed (seen once in CI-like runs).
export WINEDLLOVERRIDES="fwpuclnt=n;winemenubuilder.exe=d;winedbg.exe=d"
# Deno 2.9 hard-links itself as node.exe into DENO_DIR on every start; across drives that degrades into a
# 97 MB copy that leaks per run. Off, and DENO_DIR on Z: next to deno.exe anyway.
export DENO_DISABLE_NODE_SHIM=1
unset DISPLAY WAYLAND_DISPLAY

winpath() {
  local p
  p=$(realpath -m "$1")
  printf 'Z:%s' "${p//\//\\}"
}

export DENO_DIR
DENO_DIR="$(winpath "$WINE_DIR/deno-dir")"
WINE_SYSTEM32="$WINEPREFIX/drive_c/windows/system32"

wine_build_shim() {
  local src="$ROOT/scripts/wine/bcryptprimitives.c" def="$ROOT/scripts/wine/bcryptprimitives.def"
  local out="$WINE_DIR/bcryptprimitives.dll"
  # Next to deno.exe: the application directory is searched before System32 for its imports.
  if [ ! -f "$out" ] || [ "$src" -nt "$out" ] || [ "$def" -nt "$out" ]; then
    x86_64-w64-mingw32-gcc -O2 -Wall -Werror -shared -s -o "$out" "$src" "$def" -lbcrypt
  fi
}

wine_prefix() {
  # Created explicitly and waited for: a deno run racing the implicit first-start setup can fail.
  # wineboot can fail part-way and still exit (seen once in CI: a prefix with 3 files in System32 and every
  # later run "could not load kernel32.dll"), so the prefix counts as ready only when kernel32.dll is there;
  # one retry, then a clear failure.
  local try
  for try in 1 2; do
    [ -f "$WINEPREFIX/.wfpsec-ready" ] && [ -f "$WINEPREFIX/drive_c/windows/system32/kernel32.dll" ] && return 0
    rm -rf "$WINEPREFIX"
    timeout 300 wineboot -i >/dev/null 2>&1 || true
    timeout 120 wineserver -w
    [ -f "$WINEPREFIX/drive_c/windows/system32/kernel32.dll" ] && touch "$WINEPREFIX/.wfpsec-ready" && return 0
    echo "wine: prefix creation attempt $try left no System32\\kernel32.dll" >&2
  done
  echo "wine: could not create the prefix $WINEPREFIX" >&2
  return 1
}

# Production code on Windows loads %SystemRoot%\System32\fwpuclnt.dll by absolute path, so that is where
# the mingw build of fwpsim goes. Copied on every run so a stale DLL is never tested.
wine_install_dll() {
  local dll="${1:-$ROOT/build/fwpuclnt.dll}"
  [ -f "$dll" ] || { echo "missing $dll (built by scripts/stages/20-build-sim.sh)" >&2; return 1; }
  cp -f "$dll" "$WINE_SYSTEM32/fwpuclnt.dll"
}

wine_deno() {
  timeout "${WINE_DENO_TIMEOUT:-600}" wine "$WINE_DENO_EXE" "$@" </dev/null
}

wine_setup() {
  [ -x "$WINE_DENO_EXE" ] || [ -f "$WINE_DENO_EXE" ] || { echo "missing $WINE_DENO_EXE (scripts/install/40-wine.sh)" >&2; return 1; }
  mkdir -p "$WINE_DIR/deno-dir"
  wine_build_shim
  wine_prefix || return 1
  trap 'wineserver -k >/dev/null 2>&1 || true' EXIT
  wine_install_dll "$@"
}
