#!/usr/bin/env bash
# deno task bench: every benchmark, each printing its figures and ratios to a baseline measured in the same
# run. Builds fwpsim first when needed. One line per bench below.
# startup_bench, yaml_bench and snapshot_bench exit 1 when their targets (<= 2.5x, <= 1.5x, <= 8x and linear
# scaling) are missed; follow_bench when the follow loop's heap grows by more than 16 bytes per event.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/install/all.sh >/dev/null || exit 1
[ -f build/libfwpsim.so ] || bash scripts/build-fwpsim.sh || exit 1
# GNU time measures the C driver's peak memory apart from the Deno process that spawns it.
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; } || true
status=0
run() { log "bench: $*"; "$@" || status=1; }
run "$DENO" run --allow-read --allow-env --v8-flags=--expose-gc,--max-old-space-size=4096 bench/compile_bench.ts
run bash -c 'source build/pwsh.env && "$PWSH" -NoLogo -NoProfile -NonInteractive -File bench/ps_bench.ps1'
run "$DENO" run --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys bench/cli_bench.ts
run "$DENO" run --allow-ffi --allow-read --allow-env --allow-run --allow-sys bench/ffi_bench.ts
run "$DENO" run --allow-ffi --allow-read --allow-env --v8-flags=--expose-gc bench/follow_bench.ts
run "$DENO" run --allow-read --allow-write --allow-env --allow-run bench/startup_bench.ts
run "$DENO" run --allow-read --allow-env bench/yaml_bench.ts
run "$DENO" run --allow-read --allow-env bench/snapshot_bench.ts
run "$DENO" run --allow-read --allow-env bench/explain_bench.ts
echo "bench: done (status $status)"
exit $status
