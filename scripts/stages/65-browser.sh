#!/usr/bin/env bash
# The browser tier: `wfpsec report --html` pages (from fwpsim, a wfpsec snapshot and a netsh dump) loaded in
# headless Chromium over the DevTools protocol: no console error, no CSP violation, no request, every
# section there. Pages and screenshots are kept in build/artifacts/report/ (CI uploads them).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
ensure_fwpsim --no-dll || { record 65-browser 0 1; exit 1; }
export WFPSEC_FWPSIM_LIB="$ROOT/build/libfwpsim.so"
rm -rf build/artifacts/report
run_deno_test 65-browser --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys --allow-net=127.0.0.1 \
  tests/browser/
