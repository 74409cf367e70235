#!/usr/bin/env bash
# Layout and constants oracle: generates _Static_asserts from ffi/structs.ts, ffi/constants.ts and
# ffi/symbols.ts and compiles them against the mingw-w64 headers, the SDK transcriptions (tests/oracle/sdk_*.h)
# and fwpsim's headers (Linux gcc and mingw gcc); the test file also proves planted mistakes fail.
# Needs gcc and x86_64-w64-mingw32-gcc (scripts/install/20-apt.sh).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
t0=$(date +%s)

log "oracle: generate, compile, and prove planted mistakes fail"
rc=0
run_deno_test 30-oracle --allow-read --allow-write --allow-run --allow-env tests/oracle/oracle.test.ts || rc=$?

# The first test left the real (unmutated) oracle in build/oracle: print what it compiled.
if [ -f build/oracle/manifest.json ]; then
  log "oracle: assertions compiled per file (report: build/oracle/report.md)"
  "$DENO" eval '
    const m = JSON.parse(Deno.readTextFileSync("build/oracle/manifest.json"));
    let total = 0;
    for (const t of m.targets) {
      total += t.assertions * t.compilers.length;
      console.log(`  ${t.file.padEnd(20)} ${String(t.assertions).padStart(5)} assertions  x ${t.compilers.join(" + ")}`);
    }
    const c = m.constants;
    console.log(`  structs: ${m.structs.mingw.length} vs mingw-w64, ${m.structs.sdk.length} vs SDK transcription`);
    console.log(`  ffi/symbols.ts functions: ${m.functions.mingw.length} vs mingw-w64 prototypes, ` +
      `${m.functions.sdk.length} vs sdk_functions.h, ${m.functions.sim.length} vs fwpsim_api.h`);
    console.log(`  constants: ${c.mingwChecked.length + c.guidsMingw.length} vs mingw-w64, ` +
      `${c.sdkChecked.length} vs sdk_constants.h, ${c.guidsSdkFile.length} GUIDs vs sdk_guids.txt, ` +
      `${c.sdkOnly.length} unchecked`);
    console.log(`  ${total} assertion compilations in all`);
    for (const n of m.notes) console.log(`  note: ${n}`);
    for (const p of m.problems) console.log(`  PROBLEM: ${p}`);
  '
fi
echo "oracle stage: $(( $(date +%s) - t0 ))s"
exit "$rc"
