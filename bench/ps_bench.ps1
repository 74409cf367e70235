# Per-cmdlet overhead of the WfpSec module in a warm pwsh session, as a ratio to running the wfpsec
# executable directly from the same session (same process, same policy, same simulator state).
# Target: Test-IpsecPolicy on a 1,000-rule policy under 1.3x the direct call.
#   pwsh -NoProfile -File bench/ps_bench.ps1 [-Rules 1000] [-Reps 5]
# Runs on the fwpsim simulator (WFPSEC_ENGINE=sim); the figures say so.
param(
    [int]$Rules = 1000,
    [int]$Reps = 5
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).ProviderPath
Import-Module (Join-Path $repo 'powershell/WfpSec/WfpSec.psd1') -Force

$work = Join-Path ([System.IO.Path]::GetTempPath()) ('wfpsec-psbench-' + [guid]::NewGuid().ToString('n'))
New-Item -ItemType Directory -Path $work | Out-Null
$env:WFPSEC_ENGINE = 'sim'
$env:FWPSIM_STATE = Join-Path $work 'sim-state.json'
if (-not $env:WFPSEC_FWPSIM_LIB) { $env:WFPSEC_FWPSIM_LIB = Join-Path $repo 'build/libfwpsim.so' }
if (-not $env:DENO_DIR) { $env:DENO_DIR = Join-Path $repo 'build/deno-dir' }
Remove-Item env:WFPSEC_PATH -ErrorAction Ignore

# The executable as the module runs it (deno run cli.ts with the deno.json task flags, or an installed
# wfpsec), so both sides start the same program.
$exe = & (Get-Module WfpSec) { Resolve-WfpsecExecutable }
$exeArgs = @($exe.PrefixArgs)
foreach ($k in $exe.Environment.Keys) { Set-Item "env:$k" $exe.Environment[$k] }

try {
    # A $Rules-rule policy: the server-isolation template's rule, repeated for $Rules remote subnets.
    $doc = (New-IpsecIsolationPolicy -Kind Server -Name 'bench-1000' -RemoteAddress 10.0.0.0/24).Document
    $template = @($doc.rules)[0]
    $rulesOut = for ($i = 0; $i -lt $Rules; $i++) {
        $r = $template | ConvertTo-Json -Depth 20 | ConvertFrom-Json
        $r.name = "bench-rule-$i"
        $r.remote = @("10.$([math]::Floor($i / 256)).$($i % 256).0/24")
        $r
    }
    $doc.rules = @($rulesOut)
    $policy = Join-Path $work 'bench-1000.json'
    $doc | ConvertTo-Json -Depth 30 | Set-Content -LiteralPath $policy -Encoding utf8

    function Measure-Ms([scriptblock]$Block) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); & $Block | Out-Null; $sw.Stop(); $sw.Elapsed.TotalMilliseconds
    }
    function Get-Median([double[]]$x) { $s = $x | Sort-Object; if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }

    $direct = { param($argv) $o = & $exe.FilePath @exeArgs @argv 2>$null; if ($LASTEXITCODE -gt 2) { throw "wfpsec exit $LASTEXITCODE" }; $o }

    $cases = @(
        @{ Name = "Test-IpsecPolicy ($Rules rules, pending)"; Cmdlet = { Test-IpsecPolicy -Path $policy }; Direct = { & $direct @('plan', $policy, '--json') } ; Target = $true }
        @{ Name = 'Get-IpsecPolicy -Path (validate)'; Cmdlet = { Get-IpsecPolicy -Path $policy }; Direct = { & $direct @('validate', $policy, '--json') } }
    )
    $inSync = @(
        @{ Name = "Test-IpsecPolicy ($Rules rules, in sync)"; Cmdlet = { Test-IpsecPolicy -Path $policy }; Direct = { & $direct @('plan', $policy, '--json') } }
        @{ Name = 'Get-IpsecPolicy (show)'; Cmdlet = { Get-IpsecPolicy }; Direct = { & $direct @('show', '--json') } }
    )

    $rows = [System.Collections.Generic.List[object]]::new()
    $run = {
        param($case)
        # warm-up of both sides, then alternate so drift affects both equally
        Measure-Ms $case.Direct | Out-Null; Measure-Ms $case.Cmdlet | Out-Null
        $d = @(); $c = @()
        for ($i = 0; $i -lt $Reps; $i++) { $d += Measure-Ms $case.Direct; $c += Measure-Ms $case.Cmdlet }
        $md = Get-Median $d; $mc = Get-Median $c
        $rows.Add([pscustomobject]@{ Case = $case.Name; DirectMs = [math]::Round($md, 1); CmdletMs = [math]::Round($mc, 1); Ratio = [math]::Round($mc / $md, 3); Target = [bool]$case.Target })
    }
    foreach ($case in $cases) { & $run $case }
    $applied = Set-IpsecPolicy -Path $policy -Confirm:$false
    if ($applied.Outcome -ne 'applied') { throw "apply of the bench policy gave '$($applied.Outcome)'" }
    foreach ($case in $inSync) { & $run $case }

    $plan = Test-IpsecPolicy -Path $policy
    "ps_bench: pwsh $($PSVersionTable.PSVersion), engine $($plan.Engine), executable '$($exe.Source)', $Rules-rule policy, $Reps reps (median ms)"
    $rows | Format-Table -AutoSize | Out-String -Width 200
    foreach ($r in $rows) {
        "ps_bench: {0}: direct {1} ms, cmdlet {2} ms, ratio {3}x{4}" -f $r.Case, $r.DirectMs, $r.CmdletMs, $r.Ratio, $(if ($r.Target) { ' (target < 1.3x: ' + $(if ($r.Ratio -lt 1.3) { 'met' } else { 'MISSED' }) + ')' } else { '' })
    }
} finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
