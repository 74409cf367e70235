#!/usr/bin/env bash
# Stage 80: the WfpSec PowerShell module's Pester suite under pwsh 7.6 (installed by
# scripts/install/50-pwsh.sh), against the fwpsim simulator through the real wfpsec CLI.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
STAGE=80-pester
[ -f build/pwsh.env ] || bash scripts/install/50-pwsh.sh
# shellcheck disable=SC1091
source build/pwsh.env
# the cmdlet tests need the simulator library (stage 20 builds it; build it here when run alone)
ensure_fwpsim --no-dll || true
log "Pester (pwsh $("$PWSH" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'))"
# the log is kept outside build/results while Pester runs and copied there at the end
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
export PWSH
"$PWSH" -NoLogo -NoProfile -NonInteractive -File powershell/tests/Invoke-WfpsecPester.ps1 \
  -PesterModule "$PESTER_MODULE" -ResultFile "$ROOT/build/pester-junit.xml" 2>&1 | tee "$out" || rc=$?
mkdir -p "$RESULTS"
cp "$out" "$RESULTS/$STAGE.log"
line=$(grep -E '^pester-counts: [0-9]+ [0-9]+ [0-9]+' "$out" | tail -n1 || true)
if [ -n "$line" ]; then
  read -r _ passed failed skipped <<<"$line"
  record "$STAGE" "$passed" "$failed" "$skipped"
else
  record "$STAGE" 0 1 0
  rc=1
fi
exit "$rc"
