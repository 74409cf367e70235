# JSON answers -> typed objects (PSTypeNames drive WfpSec.Format.ps1xml), plus the plan/apply/remove
# sequences that several cmdlets share.

function Get-WfpsecProp {
    # optional field of a JSON object: $null when absent (the CLI omits NULL fields)
    param($Object, [string]$Name)
    if ($null -eq $Object) { return $null }
    $p = $Object.PSObject.Properties[$Name]
    if ($p) { return $p.Value }
    return $null
}

function Get-WfpsecEngineText {
    param($Engine)
    if ($null -eq $Engine) { return $null }
    $kind = [string](Get-WfpsecProp $Engine 'kind')
    if (Get-WfpsecProp $Engine 'simulated') { return "$kind (simulated)" }
    return $kind
}

function Resolve-WfpsecPath {
    # a PowerShell path (relative to the current location, PSDrives allowed) -> a file-system path
    param([System.Management.Automation.PSCmdlet]$Caller, [string]$Path)
    return $Caller.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function ConvertTo-WfpsecChangeList {
    # The executable's change objects are kept as they are (action, kind, key, name, layer, reason, fields)
    # and only typed: building new objects costs ~20x more per change, which a 1,000-rule plan would feel.
    # (.pstypenames is the fast path; .PSObject.TypeNames wraps every object first.)
    param($Changes, [string]$TypeName = 'WfpSec.PlanChange')
    if ($null -eq $Changes) { return , [object[]]@() }
    foreach ($c in $Changes) { $c.pstypenames.Insert(0, $TypeName) }
    return , [object[]]@($Changes)
}

function Add-WfpsecLazyList {
    # Adds $Name to $Target: the typed list of $Data.$Property built now, or, when the executable's answer
    # was split (Split-WfpsecJson), built on first access from the kept JSON text and then cached. So
    # Test-IpsecPolicy -Quiet and the default table views never pay for thousands of objects.
    param($Target, [string]$Name, $Data, [string]$Property, [hashtable]$Deferred, [string]$TypeName)
    $convert = if ($TypeName -eq 'WfpSec.PlanChange') { ${function:ConvertTo-WfpsecChangeList} } else { ${function:Add-WfpsecTypeName} }
    if ($null -eq $Deferred -or -not $Deferred.ContainsKey($Property)) {
        Add-Member -InputObject $Target -MemberType NoteProperty -Name $Name -Value (& $convert (Get-WfpsecProp $Data $Property) $TypeName)
        return
    }
    $state = @{ Json = [string]$Deferred[$Property].Json; Items = $null; TypeName = $TypeName }
    $getter = {
        if ($null -eq $state.Items) {
            $parseError = $null
            $parsed = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($state.Json, [ref]$parseError)
            $state.Items = & $convert $parsed $state.TypeName
            $state.Json = $null
        }
        , $state.Items
    }.GetNewClosure()
    Add-Member -InputObject $Target -MemberType ScriptProperty -Name $Name -Value $getter
}

function Get-WfpsecListCount {
    # length of a list without building it: from the split answer when there is one
    param($Data, [string]$Property, [hashtable]$Deferred)
    if ($null -ne $Deferred -and $Deferred.ContainsKey($Property)) { return [int]$Deferred[$Property].Count }
    return @(Get-WfpsecProp $Data $Property).Count
}

function ConvertTo-WfpsecAddressKeywords {
    # plan/apply JSON addressKeywords (null without keywords) -> WfpSec.AddressKeyword objects
    param($AddressKeywords)
    if (-not $AddressKeywords) { return }
    $source = [string](Get-WfpsecProp $AddressKeywords 'source')
    foreach ($r in @(Get-WfpsecProp $AddressKeywords 'resolved')) {
        [pscustomobject]@{
            PSTypeName = 'WfpSec.AddressKeyword'
            Object     = [string](Get-WfpsecProp $r 'object')
            Name       = [string](Get-WfpsecProp $r 'name')
            Side       = [string](Get-WfpsecProp $r 'side')
            Keyword    = [string](Get-WfpsecProp $r 'keyword')
            Addresses  = [string[]]@(Get-WfpsecProp $r 'addresses')
            Source     = $source
        }
    }
}

function ConvertTo-WfpsecPlan {
    param($Data, [string]$Path, $Deferred)
    $policy = Get-WfpsecProp $Data 'policy'
    $name = [string](Get-WfpsecProp $policy 'name')
    $file = Get-WfpsecProp $policy 'file'
    if (-not $file) { $file = $Path }
    $summary = Get-WfpsecProp $Data 'summary'
    $plan = [pscustomobject]@{
        PSTypeName = 'WfpSec.Plan'
        PolicyName = $name
        Path       = $file
        # an earlier apply left unfinished (issue 13) is pending work too, even when the objects are in sync
        InSync     = [bool](Get-WfpsecProp $Data 'inSync') -and $null -eq (Get-WfpsecProp $Data 'incompleteApply')
        IncompleteApply = Get-WfpsecProp $Data 'incompleteApply'
        Add        = [int](Get-WfpsecProp $summary 'add')
        Delete     = [int](Get-WfpsecProp $summary 'delete')
        Replace    = [int](Get-WfpsecProp $summary 'replace')
        Unchanged  = [int](Get-WfpsecProp $summary 'unchanged')
        Engine     = Get-WfpsecEngineText (Get-WfpsecProp $Data 'engine')
        Simulated  = [bool](Get-WfpsecProp (Get-WfpsecProp $Data 'engine') 'simulated')
        # what the policy's address keywords stood for in this run (issue 15): one object per keyword
        AddressKeywords = @(ConvertTo-WfpsecAddressKeywords (Get-WfpsecProp $Data 'addressKeywords'))
    }
    $plan | Add-Member -NotePropertyName AwaitingConfirmation -NotePropertyValue (ConvertTo-WfpsecAwaiting $Data)
    Add-WfpsecLazyList $plan Changes $Data changes $Deferred 'WfpSec.PlanChange'
    # authorization account names and the SIDs they resolved to on the host (issue 15 item 4)
    Add-WfpsecLazyList $plan Accounts $Data accounts $Deferred 'WfpSec.Account'
    $plan
}

function ConvertTo-WfpsecAwaiting {
    # plan/show/status JSON `awaitingConfirmation`: an apply -ConfirmWithin not yet confirmed, or $null
    param($Data)
    $a = Get-WfpsecProp $Data 'awaitingConfirmation'
    if ($null -eq $a) { return $null }
    $policy = Get-WfpsecProp $a 'policy'
    $o = [pscustomobject]@{
        PSTypeName = 'WfpSec.AwaitingConfirmation'
        PolicyName = [string](Get-WfpsecProp $policy 'name')
        Path       = [string](Get-WfpsecProp $policy 'file')
        Deadline   = ConvertTo-WfpsecTime (Get-WfpsecProp $a 'deadline')
        RevertsTo  = Get-WfpsecProp $a 'revertsTo'
        Overdue    = [bool](Get-WfpsecProp $a 'overdue')
    }
    $o
}

function Write-WfpsecAwaitingWarning {
    # Test-IpsecPolicy and Get-IpsecPolicy: a pending revert is said, not only set on the object
    param([System.Management.Automation.PSCmdlet]$Caller, $Awaiting)
    if ($null -eq $Awaiting) { return }
    $when = $Awaiting.Deadline.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture)
    $to = if ($null -eq $Awaiting.RevertsTo) { "wfpsec's objects are removed" } else { "it is reverted to '$($Awaiting.RevertsTo)'" }
    $msg = if ($Awaiting.Overdue) {
        "The apply of policy '$($Awaiting.PolicyName)' awaits confirmation and its revert is overdue (due at $when): " +
        "run 'wfpsec revert --due' or check the scheduled task, or Confirm-IpsecPolicy to keep it."
    } else {
        "The apply of policy '$($Awaiting.PolicyName)' awaits confirmation: $to at $when unless Confirm-IpsecPolicy runs."
    }
    $Caller.WriteWarning($msg)
}

function ConvertTo-WfpsecApplyResult {
    param($Data, [string]$Path, $Deferred)
    $policy = Get-WfpsecProp $Data 'policy'
    $name = if ($policy -is [string]) { $policy } else { [string](Get-WfpsecProp $policy 'name') }
    $file = if ($policy -is [string]) { $null } else { Get-WfpsecProp $policy 'file' }
    if (-not $file) { $file = $Path }
    $summary = Get-WfpsecProp $Data 'summary'
    $result = [pscustomobject]@{
        PSTypeName = 'WfpSec.ApplyResult'
        PolicyName = $name
        Path       = $file
        Outcome    = [string](Get-WfpsecProp $Data 'outcome')
        Add        = [int](Get-WfpsecProp $summary 'add')
        Delete     = [int](Get-WfpsecProp $summary 'delete')
        Replace    = [int](Get-WfpsecProp $summary 'replace')
        Unchanged  = [int](Get-WfpsecProp $summary 'unchanged')
        DurationMs = Get-WfpsecProp $Data 'durationMs'
        IncompleteApply = Get-WfpsecProp $Data 'incompleteApply'
        Engine     = Get-WfpsecEngineText (Get-WfpsecProp $Data 'engine')
        Simulated  = [bool](Get-WfpsecProp (Get-WfpsecProp $Data 'engine') 'simulated')
    }
    # apply --confirm-within: until when it awaits Confirm-IpsecPolicy, and what comes back otherwise
    $armed = Get-WfpsecProp $Data 'confirm'
    $deadline = ConvertTo-WfpsecTime (Get-WfpsecProp $armed 'deadline')
    $result | Add-Member -NotePropertyName ConfirmDeadline -NotePropertyValue $deadline
    $result | Add-Member -NotePropertyName RevertsTo -NotePropertyValue $(if ($armed) { Get-WfpsecProp $armed 'previousPolicy' } else { $null })
    Add-WfpsecLazyList $result Changes $Data changes $Deferred 'WfpSec.PlanChange'
    Add-WfpsecLazyList $result Accounts $Data accounts $Deferred 'WfpSec.Account'
    $result
}

function ConvertTo-WfpsecTime {
    # an ISO time of the JSON (pwsh 7's ConvertFrom-Json may have made it a DateTime already); $null stays $null
    param($Value)
    if ($null -eq $Value -or $Value -eq '') { return $null }
    if ($Value -is [datetime]) { return $Value }
    [datetime]::Parse([string]$Value, [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind)
}

function Add-WfpsecTypeName {
    # decoded WFP objects keep the executable's fields (C field names); only a type name is added
    param($Items, [string]$TypeName)
    $list = [System.Collections.Generic.List[object]]::new()
    if ($null -ne $Items) {
        foreach ($i in $Items) { $i.pstypenames.Insert(0, $TypeName); $list.Add($i) }
    }
    return , $list.ToArray()
}

function ConvertTo-WfpsecPolicyState {
    param($Data, [hashtable]$Deferred)
    $providers = Add-WfpsecTypeName (Get-WfpsecProp $Data 'providers') 'WfpSec.Provider'
    $names = [System.Collections.Generic.List[string]]::new()
    $policy = Get-WfpsecProp $Data 'policy'
    if ($policy) {
        $n = if ($policy -is [string]) { $policy } else { Get-WfpsecProp $policy 'name' }
        if ($n) { $names.Add([string]$n) }
    }
    foreach ($p in $providers) {
        # wfpsec keeps its metadata (policy name, ...) as UTF-8 JSON in providerData, shown as hex
        $hex = Get-WfpsecProp $p 'providerData'
        if ($hex -isnot [string] -or $hex.Length -lt 4 -or $hex.Length % 2) { continue }
        try {
            $bytes = [byte[]]::new($hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring(2 * $i, 2), 16) }
            $parseError = $null
            $meta = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson([System.Text.Encoding]::UTF8.GetString($bytes), [ref]$parseError)
            $v = Get-WfpsecProp $meta 'policy'
            if ($v -is [string] -and -not $names.Contains($v)) { $names.Add($v) }
        } catch { }
    }
    $state = [pscustomobject]@{
        PSTypeName           = 'WfpSec.PolicyState'
        PolicyName           = ($names -join ', ')
        Scope                = [string](Get-WfpsecProp $Data 'scope')
        Engine               = Get-WfpsecEngineText (Get-WfpsecProp $Data 'engine')
        Simulated            = [bool](Get-WfpsecProp (Get-WfpsecProp $Data 'engine') 'simulated')
        ProviderCount        = $providers.Count
        SubLayerCount        = Get-WfpsecListCount $Data 'sublayers' $Deferred
        ProviderContextCount = Get-WfpsecListCount $Data 'providerContexts' $Deferred
        FilterCount          = Get-WfpsecListCount $Data 'filters' $Deferred
        Providers            = $providers
    }
    $state | Add-Member -NotePropertyName AwaitingConfirmation -NotePropertyValue (ConvertTo-WfpsecAwaiting $Data)
    Add-WfpsecLazyList $state SubLayers $Data 'sublayers' $Deferred 'WfpSec.SubLayer'
    Add-WfpsecLazyList $state ProviderContexts $Data 'providerContexts' $Deferred 'WfpSec.ProviderContext'
    Add-WfpsecLazyList $state Filters $Data 'filters' $Deferred 'WfpSec.Filter'
    $state
}

function Format-WfpsecPlanText {
    # the plan as the lines -WhatIf and -Confirm show
    param($Plan, [string]$Verb = 'apply')
    $head = "policy '{0}' ({1}) on engine {2}: {3} to add, {4} to delete, {5} to replace, {6} unchanged" -f `
        $Plan.PolicyName, $Plan.Path, $Plan.Engine, $Plan.Add, $Plan.Delete, $Plan.Replace, $Plan.Unchanged
    $ia = $Plan.IncompleteApply
    if ($ia) {
        # the executable's own headline words: what an earlier apply left, and that this one finishes it
        # ConvertFromJson turns the ISO time into a DateTime: shown in UTC, as the executable gives it
        $started = if ($ia.startedAt -is [datetime]) { $ia.startedAt.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ') } else { $ia.startedAt }
        $head += [Environment]::NewLine + ("  ! incomplete apply of policy '{0}' by pid {1} on {2} (started {3}, {4}): {5} SA context(s) left; applying finishes it" -f `
                $ia.policy.name, $ia.pid, $ia.host, $started, $ia.state, @($ia.saContextsLeft).Count)
    }
    if ($Plan.InSync) { return "$head; in sync, nothing to $Verb" }
    $lines = foreach ($c in $Plan.Changes) {
        $sign = switch ($c.Action) { 'add' { '+' } 'delete' { '-' } 'replace' { '~' } default { '?' } }
        # the layer by name: a symbolic field when the executable gives one, else the GUID looked up here
        $layerName = Get-WfpsecProp $c 'layerName'
        if (-not $layerName) { $layerName = Get-WfpsecLayerName ([string](Get-WfpsecProp $c 'layer')) }
        $layer = if ($layerName) { " [$layerName]" } else { '' }
        $why = if ($c.Reason) { ": $($c.Reason)" } else { '' }
        $fields = if ($c.Fields) { ' (' + ($c.Fields -join ', ') + ')' } else { '' }
        "  $sign $($c.Kind) '$($c.Name)'$layer$why$fields"
    }
    return (@($head) + @($lines)) -join [Environment]::NewLine
}

function Test-WfpsecWouldPrompt {
    # true when ShouldProcess will print (-WhatIf) or ask (-Confirm / $ConfirmPreference): only then is a
    # plan worth computing first. Reads the caller's preference variables (dynamic scope).
    param([System.Management.Automation.ConfirmImpact]$Impact)
    $whatIf = [bool](Get-Variable -Name WhatIfPreference -ValueOnly -ErrorAction Ignore)
    $confirm = Get-Variable -Name ConfirmPreference -ValueOnly -ErrorAction Ignore
    if ($whatIf) { return $true }
    if ($null -eq $confirm) { return $false }
    $c = [System.Management.Automation.ConfirmImpact]$confirm
    return ($c -ne 'None' -and [int]$Impact -ge [int]$c)
}

function Write-WfpsecLockoutWarning {
    # the lock-out guard's findings of a plan/apply document (code lockout, lockout-peer-unknown) as warnings:
    # "corp.yaml:12: rule "lan" requires IPsec for 10.0.0.5, the peer of this session (RDP)"
    param([System.Management.Automation.PSCmdlet]$Caller, $Data)
    foreach ($w in @(Get-WfpsecProp $Data 'warnings')) {
        $code = [string](Get-WfpsecProp $w 'code')
        if ($code -ne 'lockout' -and $code -ne 'lockout-peer-unknown') { continue }
        $line = Get-WfpsecProp $w 'line'
        $where = if ($null -ne $line) { "$(Get-WfpsecProp $w 'file'):${line}: " } else { '' }
        $Caller.WriteWarning("$where$(Get-WfpsecProp $w 'message')")
    }
}

function Invoke-WfpsecApplyCore {
    # plan (when -WhatIf/-Confirm will show it) -> ShouldProcess with the real plan -> apply
    param(
        [System.Management.Automation.PSCmdlet]$Caller,
        [string]$File,
        [switch]$IfDrifted,
        [switch]$AllowCoexist,
        [string]$WfpsecPath,
        [System.Management.Automation.ConfirmImpact]$Impact = 'Medium',
        # apply --confirm-within: whole seconds (the executable checks the bounds)
        [Nullable[timespan]]$ConfirmWithin,
        [switch]$Force
    )
    $within = $null
    if ($null -ne $ConfirmWithin) {
        $s = ([timespan]$ConfirmWithin).TotalSeconds
        if ($s -ne [math]::Floor($s) -or $s -le 0) {
            $Caller.ThrowTerminatingError((New-WfpsecErrorRecord -ErrorId 'WfpSec.InvalidConfirmWithin' -Category InvalidArgument `
                        -ExceptionType ([System.ArgumentException]) -Target $ConfirmWithin -Message (
                        "-ConfirmWithin must be a positive whole number of seconds (e.g. 00:05:00), not $ConfirmWithin. Nothing was applied.")))
        }
        $within = '{0}s' -f [int64]$s
    }
    if (Test-WfpsecWouldPrompt -Impact $Impact) {
        $r = Invoke-WfpsecExe -Caller $Caller -Command plan -ArgumentList @($File) -SuccessExitCode 0, 2 `
            -WfpsecPath $WfpsecPath -Target $File -DeferProperty changes
        if (-not $r) { return }
        $plan = ConvertTo-WfpsecPlan $r.Data $File $r.Deferred
        Write-WfpsecLockoutWarning $Caller $r.Data
        $text = Format-WfpsecPlanText $plan
        $armNote = if ($within) { "`nA revert is armed: unless Confirm-IpsecPolicy runs within $ConfirmWithin, the policy in force now comes back." } else { '' }
        if ($plan.AwaitingConfirmation) {
            # the executable refuses every apply while one awaits confirmation: -WhatIf says so up front
            $aw = $plan.AwaitingConfirmation
            $when = $aw.Deadline.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture)
            $armNote += "`nThis apply will be refused: the apply of policy '$($aw.PolicyName)' awaits confirmation (deadline $when); " +
            "run Confirm-IpsecPolicy to keep it, or revert it, first."
        }
        if (-not (Confirm-WfpsecAction -Caller $Caller -Description "Apply IPsec $text$armNote" -Query "Apply IPsec $text$armNote`nApply these changes?" -Caption 'Apply IPsec policy')) {
            return
        }
    } elseif (-not (Confirm-WfpsecAction -Caller $Caller -Target $File -Action $(if ($within) { "Apply IPsec policy (confirm within $ConfirmWithin)" } else { 'Apply IPsec policy' }))) {
        return
    }
    $argv = @($File)
    $ok = @(0)
    if ($IfDrifted) { $argv = @('--if-drifted') + $argv; $ok = @(0, 1) }
    if ($AllowCoexist) { $argv = @('--allow-coexist') + $argv }
    if ($within) { $argv = @('--confirm-within', $within) + $argv }
    if ($Force) { $argv = @('--force') + $argv }
    $r = Invoke-WfpsecExe -Caller $Caller -Command apply -ArgumentList $argv -SuccessExitCode $ok `
        -WfpsecPath $WfpsecPath -Target $File -DeferProperty changes
    if (-not $r) { return }
    Write-WfpsecLockoutWarning $Caller $r.Data
    $result = ConvertTo-WfpsecApplyResult $r.Data $File $r.Deferred
    if ($result.Outcome -eq 'failed' -or $r.ExitCode -ne 0) {
        $Caller.WriteError((New-WfpsecErrorRecord -Message "wfpsec apply --if-drifted failed for '$File' (outcome '$($result.Outcome)')." `
                    -ErrorId 'WfpSec.ApplyFailed' -Category InvalidOperation -Target $File -Detail $r.Data))
        return
    }
    $result
}
