#!/usr/bin/env bash
# deno fmt --check, deno lint, deno check, deno doc --lint: the repository stays clean and the public API
# documented; then the import rules of docs/architecture.md (tests/static, on `deno info`'s module graph).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
ok=0; bad=0
for cmd in "fmt --check" "lint" "check mod.ts cli.ts" "doc --lint mod.ts"; do
  log "deno $cmd"
  # shellcheck disable=SC2086
  if "$DENO" $cmd; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
done
record 10-static "$ok" "$bad"
log "import rules (tests/static)"
run_deno_test 10-imports --allow-read --allow-write --allow-run --allow-env tests/static/ || bad=$((bad + 1))
[ "$bad" -eq 0 ]
