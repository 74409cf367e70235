#!/usr/bin/env bash
# Runs every test tier, installing missing toolchains first. This is the README's test command and what
# .ci/run calls. Stages run in order; a failing stage does not stop the others, the run fails at the end.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
rm -rf build/results
mkdir -p build/results
start=$(date +%s)

bash scripts/install/all.sh || { echo "toolchain install failed"; exit 1; }

status=0
only="${WFPSEC_STAGES:-}"
for stage in scripts/stages/*.sh; do
  name=$(basename "$stage" .sh)
  if [ -n "$only" ] && ! grep -qw -- "${name#*-}" <<<"$only"; then continue; fi
  t0=$(date +%s)
  printf '\n##### stage %s\n' "$name"
  if bash "$stage"; then res=ok; else res=FAILED; status=1; fi
  printf '##### stage %s: %s in %ss\n' "$name" "$res" "$(( $(date +%s) - t0 ))"
  [ -f "build/results/$name.counts" ] || echo "0 1 0" > "build/results/$name.counts"
done

passed=0; failed=0; skipped=0
printf '\nstage summary (passed failed skipped):\n'
for f in build/results/*.counts; do
  read -r p fl s < "$f"
  printf '  %-24s %5s %5s %5s\n' "$(basename "$f" .counts)" "$p" "$fl" "$s"
  passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + s))
done
echo "total time: $(( $(date +%s) - start ))s"
echo "wfpsec: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
