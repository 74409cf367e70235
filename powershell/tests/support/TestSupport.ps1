# Shared by the *.Tests.ps1 files (dot-sourced in BeforeAll).
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
$script:ModuleManifest = Join-Path $RepoRoot 'powershell/WfpSec/WfpSec.psd1'
$script:FakeExe = Join-Path $PSScriptRoot 'fake-wfpsec'
# a checkout may lose the executable bit
if (-not $IsWindows -and (Get-Command chmod -ErrorAction Ignore)) { chmod +x $script:FakeExe }

# Runs the private helper Invoke-WfpsecExe inside the module through a throw-away advanced function (the
# helper needs a calling cmdlet to write its error records through). Returns @{ Out; Errors }.
function Invoke-WfpsecProbe {
    param([string]$Command, [string[]]$ArgumentList = @(), [int[]]$SuccessExitCode = @(0), [string]$WfpsecPath = $script:FakeExe,
        [string]$AnswerProperty)
    $module = Get-Module WfpSec
    & $module {
        param($c, $a, $ok, $exe, $ap)
        function Invoke-Probe {
            [CmdletBinding()]
            param($c, $a, $ok, $exe, $ap)
            Invoke-WfpsecExe -Caller $PSCmdlet -Command $c -ArgumentList $a -SuccessExitCode $ok -WfpsecPath $exe -AnswerProperty $ap
        }
        $ev = $null
        $out = Invoke-Probe $c $a $ok $exe $ap -ErrorVariable ev -ErrorAction SilentlyContinue
        [pscustomobject]@{ Out = $out; Errors = @($ev) }
    } $Command $ArgumentList $SuccessExitCode $WfpsecPath $AnswerProperty
}

function Set-FakeAnswer {
    param([string]$Stdout = '', [string]$Stderr = '', [int]$Exit = 0)
    $env:FAKE_WFPSEC_STDOUT = $Stdout
    $env:FAKE_WFPSEC_STDERR = $Stderr
    $env:FAKE_WFPSEC_EXIT = "$Exit"
}

function Clear-FakeAnswer {
    foreach ($n in 'FAKE_WFPSEC_STDOUT', 'FAKE_WFPSEC_STDOUT_FILE', 'FAKE_WFPSEC_STDERR', 'FAKE_WFPSEC_EXIT', 'FAKE_WFPSEC_ARGV', 'FAKE_WFPSEC_STDIN') {
        Remove-Item -LiteralPath "env:$n" -ErrorAction Ignore
    }
}

function Read-FakeArgv {
    param([string]$File)
    $raw = [System.IO.File]::ReadAllText($File)
    if ($raw.Length -eq 0) { return }
    $raw.Substring(0, $raw.Length - 1) -split "`0"
}
