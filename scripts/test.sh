#!/usr/bin/env bash
# Runs the test tiers and ends with one line: "wfpsec: N passed, N failed, N skipped". This is the README's
# test command and what .ci/run calls.
#
#   bash scripts/test.sh [--no-install] [STAGE...]
#
# STAGE is one of: static build-sim oracle unit ffi cli browser wine pester (default: all of them, in that
# order; WFPSEC_STAGES="unit ffi" does the same as naming them). Before running, it installs what the chosen
# stages need and the machine lacks (Deno and npm packages always; gcc and mingw-w64 for anything that
# builds fwpsim or runs the oracle; Wine for wine and build-sim; Chromium for browser; pwsh and Pester for
# pester); --no-install skips that, for a machine that has them. Stages run in order; a failing stage does
# not stop the others, the run fails at the end. Each stage also runs alone: `deno task test:unit`, ...
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL="static build-sim oracle unit ffi cli browser wine pester"
install=1
chosen=()
for a in "$@"; do
  case "$a" in
    --no-install) install=0 ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "scripts/test.sh: unknown option $a (see --help)" >&2; exit 2 ;;
    *)
      grep -qw -- "$a" <<<"$ALL" || { echo "scripts/test.sh: unknown stage $a (stages: $ALL)" >&2; exit 2; }
      chosen+=("$a") ;;
  esac
done
only="${chosen[*]:-${WFPSEC_STAGES:-}}"
wants() { [ -z "$only" ] || grep -qw -- "$1" <<<"$only"; }
wants_any() { for s in "$@"; do wants "$s" && return 0; done; return 1; }

rm -rf build/results
mkdir -p build/results
start=$(date +%s)

if [ "$install" = 1 ]; then
  steps=(10-deno)
  wants_any build-sim oracle ffi cli browser wine pester && steps+=(20-apt)
  wants_any build-sim wine && steps+=(40-wine)
  wants pester && steps+=(50-pwsh)
  wants browser && steps+=(60-chromium)
  for s in "${steps[@]}"; do
    bash "scripts/install/$s.sh" || { echo "toolchain install failed ($s)"; exit 1; }
  done
fi

status=0
for stage in scripts/stages/*.sh; do
  name=$(basename "$stage" .sh)
  wants "${name#*-}" || continue
  t0=$(date +%s)
  printf '\n##### stage %s\n' "$name"
  if bash "$stage"; then res=ok; else res=FAILED; status=1; fi
  printf '##### stage %s: %s in %ss\n' "$name" "$res" "$(( $(date +%s) - t0 ))"
  [ -f "build/results/$name.counts" ] || echo "0 1 0" > "build/results/$name.counts"
done

passed=0; failed=0; skipped=0
printf '\nstage summary (passed failed skipped):\n'
for f in build/results/*.counts; do
  [ -f "$f" ] || continue
  read -r p fl s < "$f"
  printf '  %-24s %5s %5s %5s\n' "$(basename "$f" .counts)" "$p" "$fl" "$s"
  passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + s))
done
echo "total time: $(( $(date +%s) - start ))s"
echo "wfpsec: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
