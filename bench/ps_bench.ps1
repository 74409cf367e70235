# Per-cmdlet overhead of the WfpSec module in a warm pwsh session, as a ratio to running the wfpsec
# executable directly from the same session (same process, same policy, same simulator state). The ratio
# is taken to the bare process (start, read stdout, wait); the call operator (& wfpsec) is shown too.
# Target: Test-IpsecPolicy on a 1,000-rule policy under 1.3x the direct call.
#   pwsh -NoProfile -File bench/ps_bench.ps1 [-Rules 1000] [-Reps 5]
# Runs on the fwpsim simulator (WFPSEC_ENGINE=sim); the figures say so.
param(
    [int]$Rules = 1000,
    [int]$Reps = 9
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
        # collect first, so garbage left by the previous side is not charged to this one
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        $sw = [System.Diagnostics.Stopwatch]::StartNew(); & $Block | Out-Null; $sw.Stop(); $sw.Elapsed.TotalMilliseconds
    }
    function Get-Median([double[]]$x) { $s = $x | Sort-Object; if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }

    # Two direct baselines: the bare process (start, read stdout to the end, wait: the floor any wrapper
    # pays), and the call operator a user would type (& wfpsec ...), which splits stdout into lines.
    $direct = {
        param($argv)
        $psi = [System.Diagnostics.ProcessStartInfo]::new($exe.FilePath)
        foreach ($a in @($exeArgs) + @($argv)) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
        $p = [System.Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync(); $o = $p.StandardOutput.ReadToEnd(); $p.WaitForExit(); $null = $err.Result
        if ($p.ExitCode -gt 2) { throw "wfpsec exit $($p.ExitCode)" }
        $o
    }
    $callOperator = { param($argv) $o = & $exe.FilePath @exeArgs @argv 2>$null; if ($LASTEXITCODE -gt 2) { throw "wfpsec exit $LASTEXITCODE" }; $o }

    $cases = @(
        @{ Name = "Test-IpsecPolicy ($Rules rules, pending)"; Cmdlet = { Test-IpsecPolicy -Path $policy }; Argv = @('plan', $policy, '--json'); Target = $true }
        # .Changes is built on first access; this line pays for it (every change as a typed object)
        @{ Name = "Test-IpsecPolicy + .Changes read ($Rules rules, pending)"; Cmdlet = { (Test-IpsecPolicy -Path $policy).Changes.Count }; Argv = @('plan', $policy, '--json') }
        @{ Name = 'Get-IpsecPolicy -Path (validate)'; Cmdlet = { Get-IpsecPolicy -Path $policy }; Argv = @('validate', $policy, '--json') }
    )
    $inSync = @(
        @{ Name = "Test-IpsecPolicy ($Rules rules, in sync)"; Cmdlet = { Test-IpsecPolicy -Path $policy }; Argv = @('plan', $policy, '--json'); Target = $true }
        @{ Name = "Get-IpsecPolicy (show, $Rules rules applied)"; Cmdlet = { Get-IpsecPolicy }; Argv = @('show', '--json') }
    )

    $rows = [System.Collections.Generic.List[object]]::new()
    $run = {
        param($case)
        $argv = $case.Argv
        $d = { & $direct $argv }; $o = { & $callOperator $argv }
        # warm-up of every side, then interleave so load drift affects all equally
        Measure-Ms $d | Out-Null; Measure-Ms $o | Out-Null; Measure-Ms $case.Cmdlet | Out-Null
        $td = @(); $to = @(); $tc = @()
        for ($i = 0; $i -lt $Reps; $i++) { $td += Measure-Ms $d; $to += Measure-Ms $o; $tc += Measure-Ms $case.Cmdlet }
        # ratios on the fastest rep of each side (the least disturbed by other load on the machine);
        # medians are printed too
        $md = ($td | Measure-Object -Minimum).Minimum; $mo = ($to | Measure-Object -Minimum).Minimum; $mc = ($tc | Measure-Object -Minimum).Minimum
        $rows.Add([pscustomobject]@{
                Case = $case.Name; ProcessMs = [math]::Round($md, 1); CallOpMs = [math]::Round($mo, 1); CmdletMs = [math]::Round($mc, 1)
                Ratio = [math]::Round($mc / $md, 3); RatioCallOp = [math]::Round($mc / $mo, 3); Target = [bool]$case.Target
                MedianProcessMs = [math]::Round((Get-Median $td), 1); MedianCmdletMs = [math]::Round((Get-Median $tc), 1)
            })
    }
    foreach ($case in $cases) { & $run $case }
    # The module's own work on a pending plan answer, in process (no child process, so no scheduling noise):
    # what Test-IpsecPolicy adds to the executable's run.
    $answer = & $direct @('plan', $policy, '--json')
    $module = Get-Module WfpSec
    $processing = { & $module { param($t) $s = Split-WfpsecJson -Text $t.Trim() -Property changes; ConvertTo-WfpsecPlan $s.Data 'bench' $s.Deferred } $answer }
    $processingAll = { (& $processing).Changes.Count }
    $tp = @(); $ta = @()
    for ($i = 0; $i -lt $Reps + 2; $i++) { $tp += Measure-Ms $processing; $ta += Measure-Ms $processingAll }
    $procMs = ($tp | Measure-Object -Minimum).Minimum; $procAllMs = ($ta | Measure-Object -Minimum).Minimum
    $planProcessMs = ($rows | Where-Object { $_.Case -like 'Test-IpsecPolicy (*pending)' }).ProcessMs
    $pendingChanges = (& $processing).Add
    $applied = Set-IpsecPolicy -Path $policy -Confirm:$false
    if ($applied.Outcome -ne 'applied') { throw "apply of the bench policy gave '$($applied.Outcome)'" }
    foreach ($case in $inSync) { & $run $case }

    $plan = Test-IpsecPolicy -Path $policy
    "ps_bench: pwsh $($PSVersionTable.PSVersion), engine $($plan.Engine), executable '$($exe.Source)', $Rules-rule policy, $Reps reps (min ms)"
    $rows | Format-Table -AutoSize | Out-String -Width 200
    foreach ($r in $rows) {
        $verdict = if ($r.Target) { ' (target < 1.3x: ' + $(if ($r.Ratio -lt 1.3) { 'met' } else { 'MISSED' }) + ')' } else { '' }
        "ps_bench: {0}: process {1} ms, & wfpsec {2} ms, cmdlet {3} ms (min of {7}; medians {8} / {9} ms); ratio {4}x to the process{5}, {6}x to &" -f `
            $r.Case, $r.ProcessMs, $r.CallOpMs, $r.CmdletMs, $r.Ratio, $verdict, $r.RatioCallOp, $Reps, $r.MedianProcessMs, $r.MedianCmdletMs
    }
    "ps_bench: module processing of the pending plan answer ({0:n0} bytes, {1} changes): {2:n1} ms, {3:n1} ms with .Changes read; estimated ratio (process + processing) / process = {4:n3}x (target < 1.3x)" -f `
        $answer.Length, $pendingChanges, $procMs, $procAllMs, (($planProcessMs + $procMs) / $planProcessMs)
} finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
