# The scheduled task's defaults, shared by New-IpsecPolicyTaskDefinition, Register- and Unregister-IpsecPolicyTask.
$script:DefaultTaskName = 'Apply IPsec policy'
$script:DefaultTaskPath = '\WfpSec\'

function Get-WfpsecDefaultTaskLog {
    if ($script:OnWindows) {
        $base = if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }
        return Join-Path $base 'WfpSec\apply-task.log'
    }
    return '/var/log/wfpsec/apply-task.log'
}

function Test-WfpsecTaskTrust {
    # Register-IpsecPolicyTask's checks before a SYSTEM task may run $Definition: the installed executable
    # (never the development fallback), an existing policy file, and on Windows both admin-only
    # (Private/Acl.ps1). Returns the first ErrorRecord, or $null.
    param([Parameter(Mandatory)]$Definition)
    $exe = [string]$Definition.Executable
    $exeName = if ($script:OnWindows) { 'wfpsec.exe' } else { 'wfpsec' }
    if (@($Definition.ExecutableArgs).Count -gt 0) {
        return (New-WfpsecErrorRecord -ErrorId 'WfpSec.UntrustedExecutable' -Category SecurityError -Target $exe `
                -ExceptionType ([System.Security.SecurityException]) -Message (
                "The wfpsec the module found is the development fallback ($($Definition.ExecutableFrom): '$exe' running " +
                "'$(@($Definition.ExecutableArgs)[-1])'), which a SYSTEM task must never run: anyone who can edit that " +
                "repository would run code as SYSTEM. Nothing was registered. Install $exeName in an admin-only folder " +
                "(e.g. $env:ProgramFiles\WfpSec) and pass it with -WfpsecPath."))
    }
    if ([System.IO.Path]::GetFileName($exe) -ne $exeName) {
        return (New-WfpsecErrorRecord -ErrorId 'WfpSec.UntrustedExecutable' -Category SecurityError -Target $exe `
                -ExceptionType ([System.Security.SecurityException]) -Message (
                "The task would run '$exe', which is not the installed wfpsec executable ($exeName). Nothing was " +
                "registered. Pass the installed $exeName with -WfpsecPath."))
    }
    $policy = [string]$Definition.PolicyPath
    if (-not (Test-Path -LiteralPath $policy -PathType Leaf)) {
        return (New-WfpsecErrorRecord -ErrorId 'WfpSec.PolicyNotFound' -Category ObjectNotFound -Target $policy `
                -ExceptionType ([System.IO.FileNotFoundException]) -Message (
                "The policy file '$policy' does not exist; the task would fail at every run. Nothing was registered."))
    }
    if (-not $script:OnWindows) { return $null }
    foreach ($pair in @(@($exe, 'executable'), @($policy, 'policy file'))) {
        $problem = Test-WfpsecAdminOnlyPath -Path $pair[0] -What $pair[1]
        if ($problem) { return $problem }
    }
    return $null
}
