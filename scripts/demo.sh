#!/usr/bin/env bash
# The demo (README, first command): on the fwpsim SIMULATOR, a domain-isolation policy is planned, applied,
# shown, and planned again (in sync). Installs Deno from npm and builds fwpsim when they are missing.
# Nothing here touches a Windows engine: every step says it runs on the simulator.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install/10-deno.sh >/dev/null
# fwpsim needs a C compiler (Debian's gcc).
command -v gcc >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc >/dev/null; }
# Only the Linux library: the Windows DLL needs mingw, which the demo does not use.
[ -f build/libfwpsim.so ] || bash scripts/build-fwpsim.sh --no-dll
export DENO_DIR="$ROOT/build/deno-dir"
DENO="$ROOT/node_modules/deno/deno"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WFPSEC_ENGINE=sim
state="$work/demo.state"
wfpsec() { "$DENO" run --allow-ffi --allow-read --allow-write --allow-env --allow-run --allow-sys cli.ts "$@" --sim-state "$state"; }

policy=examples/domain-isolation.yaml
if [ ! -f "$policy" ]; then
  policy="$work/domain-isolation.yaml"
  "$DENO" run --allow-read --allow-write --allow-env cli.ts new --kind domain --name demo-domain \
    --remote 10.0.0.0/8 -o "$policy"
fi
step() { printf '\n\033[1m$ wfpsec %s\033[0m\n' "$*"; }

step "plan $policy"
rc=0; wfpsec plan "$policy" || rc=$?
[ "$rc" -eq 2 ] || { echo "demo: expected pending changes (exit 2), got $rc"; exit 1; }
step "apply $policy"
wfpsec apply "$policy"
step "show"
wfpsec show
step "plan $policy   # again: in sync, exit 0"
wfpsec plan "$policy"
printf '\ndemo: done on the fwpsim simulator (state file %s, removed on exit).\n' "$state"
