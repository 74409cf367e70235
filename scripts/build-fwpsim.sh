#!/usr/bin/env bash
# Builds fwpsim (the fwpuclnt test double, tests/support/fwpsim) into build/:
#   libfwpsim.so        gcc -O2 (what the FFI tests and the CLI load with --engine sim)
#   libfwpsim_asan.so   AddressSanitizer build of the same source
#   fwpsim_driver       C bench driver (links libfwpsim.so)
#   libfwpsim_driver.so the same driver as a library, called by bench/ffi_bench.ts in its own process
#   fwpsim_selftest, fwpsim_selftest_asan   C self-test of the engine semantics
#   fwpuclnt.dll        x86_64-w64-mingw32-gcc build of the same source, for Windows deno.exe under Wine
#   fwpsim_selftest.exe the self-test built for Win64 against fwpuclnt.dll
# Usage: build-fwpsim.sh [--no-dll]. Every artefact is written to a temp name and renamed into place, so
# processes that have the previous library loaded are not disturbed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DENO="${DENO:-$ROOT/node_modules/deno/deno}"
export DENO_DIR="${DENO_DIR:-$ROOT/build/deno-dir}"
SRC="$ROOT/tests/support/fwpsim"
OUT="$ROOT/build"
mkdir -p "$OUT"
want_dll=1
[ "${1:-}" = "--no-dll" ] && want_dll=0

"$DENO" run --quiet --allow-read="$ROOT" --allow-write="$OUT" "$SRC/gen_constants.ts" "$OUT/fwpsim_constants.h"

LIB_SRCS=(engine.c store.c deepcopy.c catalog.c objects.c contexts.c filters.c enum.c tunnel.c sa.c hooks.c platform.c fidelity.c netevents.c netev_plat.c stats.c boot.c security.c weight.c)
srcs=()
for f in "${LIB_SRCS[@]}"; do srcs+=("$SRC/$f"); done
CFLAGS=(-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$SRC" -I"$OUT")

built=()
step() { # step NAME CMD...: run a build command, report it
  local name="$1"; shift
  "$@"
  built+=("$name")
}
publish() { mv -f "$1.tmp" "$1"; }

step libfwpsim.so gcc "${CFLAGS[@]}" -O2 -fPIC -shared -fvisibility=hidden -o "$OUT/libfwpsim.so.tmp" "${srcs[@]}" -lm
publish "$OUT/libfwpsim.so"
step libfwpsim_asan.so gcc "${CFLAGS[@]}" -O1 -g -fsanitize=address -fno-omit-frame-pointer -fPIC -shared \
  -fvisibility=hidden -o "$OUT/libfwpsim_asan.so.tmp" "${srcs[@]}" -lm
publish "$OUT/libfwpsim_asan.so"
step fwpsim_driver gcc "${CFLAGS[@]}" -O2 -o "$OUT/fwpsim_driver.tmp" "$SRC/driver.c" -L"$OUT" -lfwpsim \
  -Wl,-rpath,'$ORIGIN'
publish "$OUT/fwpsim_driver"
step libfwpsim_driver.so gcc "${CFLAGS[@]}" -O2 -fPIC -shared -DFWPSIM_DRIVER_LIB -o "$OUT/libfwpsim_driver.so.tmp" \
  "$SRC/driver.c" -L"$OUT" -lfwpsim -Wl,-rpath,'$ORIGIN'
publish "$OUT/libfwpsim_driver.so"
step fwpsim_selftest gcc "${CFLAGS[@]}" -O1 -g -o "$OUT/fwpsim_selftest.tmp" "$SRC/selftest.c" -L"$OUT" -lfwpsim \
  -Wl,-rpath,'$ORIGIN'
publish "$OUT/fwpsim_selftest"
step fwpsim_selftest_asan gcc "${CFLAGS[@]}" -O1 -g -fsanitize=address -fno-omit-frame-pointer \
  -o "$OUT/fwpsim_selftest_asan.tmp" "$SRC/selftest.c" -L"$OUT" -l:libfwpsim_asan.so -Wl,-rpath,'$ORIGIN'
publish "$OUT/fwpsim_selftest_asan"
if [ "$want_dll" = 1 ]; then
  # same source, Win64; SIMAPI = __declspec(dllexport) gives the exports their real (undecorated) names
  # built under its final file name (a PE DLL records it in its export directory), then moved into place
  mkdir -p "$OUT/fwpsim-tmp"
  step fwpuclnt.dll x86_64-w64-mingw32-gcc "${CFLAGS[@]}" -O2 -shared -static-libgcc -o "$OUT/fwpsim-tmp/fwpuclnt.dll" \
    "${srcs[@]}" -lm
  mv -f "$OUT/fwpsim-tmp/fwpuclnt.dll" "$OUT/fwpuclnt.dll"
  # the self-test as a Win64 program importing fwpuclnt.dll (run under Wine by the stage)
  step fwpsim_selftest.exe x86_64-w64-mingw32-gcc "${CFLAGS[@]}" -O1 -o "$OUT/fwpsim-tmp/fwpsim_selftest.exe" \
    "$SRC/selftest.c" "$OUT/fwpuclnt.dll"
  mv -f "$OUT/fwpsim-tmp/fwpsim_selftest.exe" "$OUT/fwpsim_selftest.exe"
fi
echo "fwpsim: built ${built[*]}"
