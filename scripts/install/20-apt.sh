#!/usr/bin/env bash
# Debian packages: the C compilers for fwpsim (system gcc, and mingw-w64 for the oracle and the Wine DLL).
set -euo pipefail
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -f /usr/share/mingw-w64/include/fwpmu.h ] || need+=(mingw-w64-x86-64-dev)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
