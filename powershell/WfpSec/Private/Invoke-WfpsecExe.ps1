# The one place the module runs the wfpsec executable. Every cmdlet goes through Invoke-WfpsecExe, which
# locates the executable, quotes arguments, keeps stdout (JSON) apart from stderr (human text), maps exit
# codes and turns the executable's `error` object into an ErrorRecord written through the calling cmdlet.
# Nothing is kept between calls: each call starts one process and reads only that process's streams
# (Crescendo's queued errors leaking into the next call are the anti-pattern this avoids).

# Windows command-line quoting (the CommandLineToArgvW / MSVCRT rules). Used where .NET has no
# ProcessStartInfo.ArgumentList (Windows PowerShell 5.1 on .NET Framework); .NET itself parses the same
# rules on Unix, which is how the tests check it.
function ConvertTo-WfpsecCommandLine {
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)][AllowEmptyCollection()][AllowEmptyString()][string[]]$ArgumentList)
    $parts = foreach ($a in $ArgumentList) {
        if ($a.Length -gt 0 -and $a -notmatch '[\s"]') { $a; continue }
        $sb = [System.Text.StringBuilder]::new('"')
        $slashes = 0
        foreach ($ch in $a.ToCharArray()) {
            if ($ch -eq '\') { $slashes++; continue }
            if ($ch -eq '"') {
                # backslashes before a quote are doubled, and the quote itself escaped
                [void]$sb.Append([char]'\', 2 * $slashes + 1).Append([char]'"')
            } else {
                if ($slashes) { [void]$sb.Append([char]'\', $slashes) }
                [void]$sb.Append($ch)
            }
            $slashes = 0
        }
        # backslashes before the closing quote are doubled so they do not escape it
        if ($slashes) { [void]$sb.Append([char]'\', 2 * $slashes) }
        [void]$sb.Append([char]'"')
        $sb.ToString()
    }
    return ($parts -join ' ')
}

# Finds what to start: -WfpsecPath, $env:WFPSEC_PATH, the module's folder, PATH, then (development) deno +
# the repository's cli.ts with the permission flags of the `wfpsec` task in deno.json.
# Returns @{ FilePath; PrefixArgs; Source; Environment }, or an ErrorRecord (ObjectNotFound) to write.
function Resolve-WfpsecExecutable {
    [CmdletBinding()]
    param([string]$WfpsecPath)
    $exeName = if ($script:OnWindows) { 'wfpsec.exe' } else { 'wfpsec' }
    $explicit = $null; $source = $null
    if ($WfpsecPath) { $explicit = $WfpsecPath; $source = '-WfpsecPath' }
    elseif ($env:WFPSEC_PATH) { $explicit = $env:WFPSEC_PATH; $source = 'WFPSEC_PATH' }
    if ($explicit) {
        if (-not (Test-Path -LiteralPath $explicit -PathType Leaf)) {
            return (New-WfpsecErrorRecord -Message "The wfpsec executable given by $source was not found: '$explicit'." `
                    -ErrorId 'WfpSec.ExecutableNotFound' -Category ObjectNotFound -Target $explicit `
                    -ExceptionType ([System.IO.FileNotFoundException]))
        }
        $full = (Resolve-Path -LiteralPath $explicit).ProviderPath
        if (-not $script:OnWindows -and -not (Test-WfpsecExecutableBit $full)) {
            # checked here because a failed Process.Start leaves a second, raw error in -ErrorVariable
            return (New-WfpsecErrorRecord -Message "Could not start '$full' given by ${source}: it is not executable (chmod +x)." `
                    -ErrorId 'WfpSec.ExecutableNotStarted' -Category ResourceUnavailable -Target $full)
        }
        return @{ FilePath = $full; PrefixArgs = @(); Source = $source; Environment = @{} }
    }
    $beside = [System.IO.Path]::Combine($script:ModuleRoot, $exeName)
    if ([System.IO.File]::Exists($beside)) {
        return @{ FilePath = $beside; PrefixArgs = @(); Source = 'module folder'; Environment = @{} }
    }
    # PATH scanned directly: Get-Command for a missing name also searches every module (~150 ms a call)
    foreach ($dir in ([string]$env:PATH).Split([System.IO.Path]::PathSeparator)) {
        if (-not $dir) { continue }
        $candidate = [System.IO.Path]::Combine($dir.Trim('"'), $exeName)
        if ([System.IO.File]::Exists($candidate) -and ($script:OnWindows -or (Test-WfpsecExecutableBit $candidate))) {
            return @{ FilePath = $candidate; PrefixArgs = @(); Source = 'PATH'; Environment = @{} }
        }
    }

    # Development fallback: <repo>/powershell/WfpSec -> <repo>/cli.ts run by the pinned deno.
    $repo = Split-Path -Parent (Split-Path -Parent $script:ModuleRoot)
    $cli = Join-Path $repo 'cli.ts'
    $deno = $env:WFPSEC_DENO
    if (-not $deno) {
        foreach ($n in @('deno.exe', 'deno')) {
            $candidate = [System.IO.Path]::Combine($repo, 'node_modules', 'deno', $n)
            if ([System.IO.File]::Exists($candidate)) { $deno = $candidate; break }
        }
    }
    if ($deno -and [System.IO.File]::Exists($cli)) {
        $flags = Get-WfpsecDenoTaskFlags -Repo $repo
        $envAdd = @{}
        # Share the repository's module cache (scripts/lib.sh uses the same folder) unless one is set.
        if (-not $env:DENO_DIR) { $envAdd['DENO_DIR'] = Join-Path (Join-Path $repo 'build') 'deno-dir' }
        $envAdd['NO_COLOR'] = '1'
        return @{ FilePath = $deno; PrefixArgs = @($flags + $cli); Source = 'deno run (development)'; Environment = $envAdd }
    }
    return (New-WfpsecErrorRecord -Message ("The wfpsec executable was not found: pass -WfpsecPath, set `$env:WFPSEC_PATH, " +
            "put $exeName beside the module ($script:ModuleRoot) or on PATH.") `
            -ErrorId 'WfpSec.ExecutableNotFound' -Category ObjectNotFound -Target $exeName `
            -ExceptionType ([System.IO.FileNotFoundException]))
}

function Test-WfpsecExecutableBit {
    # Unix: any execute bit set (.NET 7+ exposes the mode; older runtimes are not asked)
    param([string]$Path)
    $get = [System.IO.File].GetMethod('GetUnixFileMode', [type[]]@([string]))
    if (-not $get) { return $true }
    $mode = [int]$get.Invoke($null, @($Path))
    return ($mode -band 0x49) -ne 0
}

# `deno task wfpsec` = "... deno run [--config X] <flags> .../cli.ts": the flags between `deno run` and
# `cli.ts` (the task's own --config dropped: the module passes paths itself), so the module runs the CLI with
# the task's permissions.
function Get-WfpsecDenoTaskFlags {
    param([string]$Repo)
    $default = @('run', '--allow-ffi', '--allow-read', '--allow-write', '--allow-env', '--allow-run', '--allow-sys')
    $denoJson = [System.IO.Path]::Combine($Repo, 'deno.json')
    if (-not [System.IO.File]::Exists($denoJson)) { return $default }
    try {
        $parseError = $null
        $task = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson([System.IO.File]::ReadAllText($denoJson), [ref]$parseError).tasks.wfpsec
        if (-not $task) { return $default }
        $tokens = @($task -split '\s+' | Where-Object { $_ })
        $start = -1
        for ($i = 0; $i -lt $tokens.Count - 1; $i++) {
            if ($tokens[$i] -eq 'deno' -and $tokens[$i + 1] -eq 'run') { $start = $i + 1; break }
        }
        if ($start -lt 0) { return $default }
        $flags = @()
        for ($i = $start; $i -lt $tokens.Count; $i++) {
            $t = $tokens[$i].Trim('"')
            if ($t -match '(^|[\\/])cli\.ts$') { break }
            if ($t -eq '--config') { $i++; continue }
            $flags += $t
        }
        if ($flags.Count -eq 0 -or $flags[0] -ne 'run') { return $default }
        # quiet: deno's own download/progress lines are not wfpsec's stderr
        return @($flags[0], '--quiet') + @($flags | Select-Object -Skip 1)
    } catch { return $default }
}

# System.Text.Json parses a 1.6 MB plan in a few milliseconds; turning every change into a PSObject costs
# ~30 us each. So the document minus its big arrays is converted now and each array kept as text (with its
# length). Returns @{ Data; Deferred = @{ name = @{ Json; Count } } }, or $null (not JSON, or no
# System.Text.Json: the caller parses normally).
function Split-WfpsecJson {
    param([string]$Text, [string[]]$Property)
    $doc = $null
    try {
        $doc = [System.Text.Json.JsonDocument]::Parse($Text)
        $root = $doc.RootElement
        if ($root.ValueKind -ne [System.Text.Json.JsonValueKind]::Object) { return $null }
        $buffer = [System.IO.MemoryStream]::new()
        $writer = [System.Text.Json.Utf8JsonWriter]::new($buffer)
        $deferred = @{}
        $writer.WriteStartObject()
        foreach ($p in $root.EnumerateObject()) {
            if ($Property -ccontains $p.Name -and $p.Value.ValueKind -eq [System.Text.Json.JsonValueKind]::Array) {
                $deferred[$p.Name] = @{ Json = $p.Value.GetRawText(); Count = $p.Value.GetArrayLength() }
            } else {
                $p.WriteTo($writer)
            }
        }
        $writer.WriteEndObject()
        $writer.Flush()
        $parseError = $null
        $data = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson([System.Text.Encoding]::UTF8.GetString($buffer.ToArray()), [ref]$parseError)
        if ($parseError) { return $null }
        return @{ Data = $data; Deferred = $deferred }
    } catch {
        return $null
    } finally {
        if ($doc) { $doc.Dispose() }
    }
}

function New-WfpsecErrorRecord {
    param(
        [string]$Message,
        [string]$ErrorId,
        [System.Management.Automation.ErrorCategory]$Category,
        [object]$Target,
        [type]$ExceptionType = [System.InvalidOperationException],
        [object]$Detail
    )
    $ex = New-Object -TypeName $ExceptionType.FullName -ArgumentList $Message
    if ($null -ne $Detail) { $ex.Data['WfpsecError'] = $Detail }
    return [System.Management.Automation.ErrorRecord]::new($ex, $ErrorId, $Category, $Target)
}

# FWP_E_* (and the Win32 codes WFP returns) -> ErrorCategory.
function Get-WfpsecWfpErrorCategory {
    param([string]$WfpName, [string]$WfpCode)
    switch -Regex ($WfpName) {
        '^FWP_E_ALREADY_EXISTS$' { return 'ResourceExists' }
        '_NOT_FOUND$' { return 'ObjectNotFound' }
        'ACCESS_DENIED|ACCESSDENIED' { return 'PermissionDenied' }
        '^FWP_E_IN_USE$|^FWP_E_BUILTIN_OBJECT$' { return 'ResourceBusy' }
        '^FWP_E_TIMEOUT$|^FWP_E_TXN_ABORTED$' { return 'OperationTimeout' }
        '^FWP_E_(INVALID|INCOMPATIBLE|DUPLICATE|OUT_OF_BOUNDS|TYPE_MISMATCH|NULL_POINTER|ZERO_LENGTH|EMPTY|RESERVED|NOT_VALID|KM_CLIENTS_ONLY|LIFETIME_MISMATCH|NET_EVENTS_DISABLED|CONDITION)' { return 'InvalidArgument' }
        '^FWP_E_(WRONG_SESSION|NO_TXN_IN_PROGRESS|TXN_IN_PROGRESS|SESSION_ABORTED|DYNAMIC_SESSION_IN_PROGRESS|CALLOUT_NOTIFICATION_FAILED|PROVIDER_CONTEXT_MISMATCH|DROP_NOICMP)' { return 'InvalidOperation' }
    }
    if ($WfpCode -eq '0x80070005' -or $WfpCode -eq '0x00000005') { return 'PermissionDenied' }
    return 'InvalidOperation'
}

# The executable's --json `error` object -> ErrorRecord with the executable's message.
function ConvertTo-WfpsecErrorRecord {
    param([object]$ErrorObject, [string]$Command, [object]$Target)
    $type = [string]$ErrorObject.type
    $message = [string]$ErrorObject.message
    if (-not $message) { $message = "wfpsec $Command failed ($type)." }
    $diags = @($ErrorObject.diagnostics | Where-Object { $_ })
    if ($diags.Count -gt 0) {
        # keep the executable's message first; add each diagnostic the message does not already carry
        $lines = foreach ($d in $diags) {
            $where = @($d.file, $d.line, $d.column | Where-Object { $null -ne $_ -and "$_" -ne '' }) -join ':'
            $text = if ($where) { "${where}: $($d.message)" } else { [string]$d.message }
            if ($d.path) { $text += " (at $($d.path))" }
            if ($message.IndexOf([string]$d.message, [StringComparison]::Ordinal) -lt 0) { $text }
        }
        if ($lines) { $message = ($message, ($lines | ForEach-Object { "  $_" })) -join [Environment]::NewLine }
    }
    $errorId = "WfpSec.$type"
    $exType = [System.InvalidOperationException]
    switch ($type) {
        'PolicyError' { $category = 'InvalidData'; $exType = [System.IO.InvalidDataException] }
        'UsageError' {
            $category = 'InvalidArgument'; $exType = [System.ArgumentException]
            # an executable older than the module: the command itself is unknown
            if ($ErrorObject.message -match 'unknown (sub)?command|not implemented|no such command') {
                $category = 'NotImplemented'; $exType = [System.NotImplementedException]
                $errorId = 'WfpSec.CommandNotImplemented'
                $message = "This wfpsec executable has no '$Command' command (it says: $($ErrorObject.message))."
            }
        }
        'SafetyError' { $category = 'SecurityError'; $exType = [System.Security.SecurityException] }
        'SnapshotError' { $category = 'ReadError' }
        'WfpError' {
            $category = Get-WfpsecWfpErrorCategory -WfpName $ErrorObject.wfpName -WfpCode $ErrorObject.wfpCode
            if ($ErrorObject.wfpName) { $errorId = "WfpSec.WfpError.$($ErrorObject.wfpName)" }
            if ($ErrorObject.wfpName -and $message.IndexOf([string]$ErrorObject.wfpName) -lt 0) {
                $message = "$message ($($ErrorObject.wfpName) $($ErrorObject.wfpCode))"
            }
        }
        default { $category = 'NotSpecified' }
    }
    if ($ErrorObject.object) { $Target = $ErrorObject.object }
    return New-WfpsecErrorRecord -Message $message -ErrorId $errorId -Category $category -Target $Target `
        -ExceptionType $exType -Detail $ErrorObject
}

<#
.SYNOPSIS
Runs one wfpsec command with --json and returns its parsed answer, or writes an ErrorRecord.
.DESCRIPTION
Returns [pscustomobject]@{ ExitCode; Data; Stderr; Executable } on success. On failure writes one ErrorRecord
through -Caller (the public cmdlet's $PSCmdlet, so the error names that cmdlet) and returns nothing.
-SuccessExitCode lists the exit codes that are answers, not failures (plan: 0 in sync, 2 pending;
validate: 0 valid, 1 invalid). An `error` object in the JSON is a failure unless the document also has
-AnswerProperty.
#>
function Invoke-WfpsecExe {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][System.Management.Automation.PSCmdlet]$Caller,
        [Parameter(Mandatory)][string]$Command,
        [AllowEmptyCollection()][string[]]$ArgumentList = @(),
        [string]$WfpsecPath,
        [int[]]$SuccessExitCode = @(0),
        [object]$Target,
        # a document with this property is an answer even when it also carries `error` (validate of an
        # invalid file answers valid:false AND the error document); the caller reports the error
        [string]$AnswerProperty,
        # large top-level arrays (plan/apply `changes`, show `filters`) returned as JSON text in .Deferred
        # instead of objects; the caller materializes them on first use (Add-WfpsecLazyList)
        [string[]]$DeferProperty,
        [switch]$NoJson
    )
    $exe = Resolve-WfpsecExecutable -WfpsecPath $WfpsecPath
    if ($exe -is [System.Management.Automation.ErrorRecord]) { $Caller.WriteError($exe); return }
    $argv = @($exe.PrefixArgs) + @($Command) + @($ArgumentList)
    if (-not $NoJson) { $argv += '--json' }

    $psi = New-WfpsecStartInfo -Exe $exe -Argv $argv -Caller $Caller

    $proc = $null
    try {
        try {
            $proc = [System.Diagnostics.Process]::Start($psi)
        } catch {
            $Caller.WriteError((New-WfpsecErrorRecord -Message "Could not start '$($exe.FilePath)': $($_.Exception.GetBaseException().Message)" `
                        -ErrorId 'WfpSec.ExecutableNotStarted' -Category ResourceUnavailable -Target $exe.FilePath))
            return
        }
        $proc.StandardInput.Close()
        $outTask = $proc.StandardOutput.ReadToEndAsync()
        $errTask = $proc.StandardError.ReadToEndAsync()
        # short waits keep Ctrl+C responsive; WaitForExit(ms) returns as soon as the process ends
        while (-not $proc.WaitForExit(200)) { }
        $proc.WaitForExit()
        $stdout = $outTask.GetAwaiter().GetResult()
        $stderr = $errTask.GetAwaiter().GetResult()
        $code = $proc.ExitCode
    } finally {
        if ($proc) {
            if (-not $proc.HasExited) { try { $proc.Kill() } catch { } }
            $proc.Dispose()
        }
    }
    foreach ($line in ($stderr -split '\r?\n')) { if ($line) { Write-Verbose "wfpsec stderr: $line" } }

    $data = $null
    $deferred = $null
    $text = $stdout.Trim()
    if (-not $NoJson -and $text.StartsWith('{')) {
        $split = $null
        if ($DeferProperty -and $script:HaveSystemTextJson) { $split = Split-WfpsecJson -Text $text -Property $DeferProperty }
        if ($split) {
            $data = $split.Data
            $deferred = $split.Deferred
        } else {
            # the static parser reports failure through $parseError instead of writing an error, so a caller's
            # -ErrorVariable and $Error see only the record this helper decides on
            $parseError = $null
            try { $data = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($text, [ref]$parseError) } catch { $data = $null }
            if ($parseError) { $data = $null }
        }
    }
    $isAnswer = $AnswerProperty -and $null -ne $data -and $null -ne $data.PSObject.Properties[$AnswerProperty]
    if (-not $isAnswer -and $null -ne $data -and $null -ne $data.PSObject.Properties['error'] -and $null -ne $data.error) {
        $Caller.WriteError((ConvertTo-WfpsecErrorRecord -ErrorObject $data.error -Command $Command -Target $Target))
        return
    }
    if ($SuccessExitCode -contains $code -and ($NoJson -or $null -ne $data)) {
        return [pscustomobject]@{ ExitCode = $code; Data = $data; Deferred = $deferred; Stdout = $stdout; Stderr = $stderr; Executable = $exe.FilePath }
    }
    # No usable answer: say what happened, with the executable's own words from stderr.
    $said = (($stderr -split '\r?\n') | Where-Object { $_.Trim() } | Select-Object -Last 5) -join ' '
    if ($SuccessExitCode -contains $code) {
        $msg = "wfpsec $Command exited with code $code but printed no JSON answer."
        $cat = 'InvalidResult'; $id = 'WfpSec.InvalidOutput'
    } elseif ($code -eq 2) {
        $msg = "wfpsec $Command exited with code 2, which it uses only for pending changes of 'plan'."
        $cat = 'InvalidResult'; $id = 'WfpSec.UnexpectedExitCode'
    } else {
        $msg = "wfpsec $Command failed with exit code $code."
        $cat = 'NotSpecified'; $id = 'WfpSec.ExecutableFailed'
        if ($said -match 'unknown (sub)?command|not implemented') {
            $msg = "This wfpsec executable has no '$Command' command."
            $cat = 'NotImplemented'; $id = 'WfpSec.CommandNotImplemented'
        }
    }
    if ($said) { $msg = "$msg $said" }
    $Caller.WriteError((New-WfpsecErrorRecord -Message $msg -ErrorId $id -Category $cat -Target $Target))
}
