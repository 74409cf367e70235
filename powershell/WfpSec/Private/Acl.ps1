# The SYSTEM task's trust chain: Register-IpsecPolicyTask makes SYSTEM run an executable on a policy file
# every few minutes, so whoever can replace either (or a folder above them) runs code as SYSTEM or decides
# the host's IPsec policy. Both must be admin-only: owned by SYSTEM, Administrators or TrustedInstaller,
# and no other account may write, delete, re-permission or take them, nor do so to a folder above them.

# SYSTEM, BUILTIN\Administrators, NT SERVICE\TrustedInstaller
$script:WfpsecTrustedSids = @('S-1-5-18', 'S-1-5-32-544', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464')

# FileSystemRights bits (winnt.h) by the object they are dangerous on
$script:WfpsecRight = @{
    WriteData = 0x2; AppendData = 0x4; DeleteChild = 0x40; Delete = 0x10000; WriteDac = 0x40000; WriteOwner = 0x80000
    GenericAll = 0x10000000; GenericWrite = 0x40000000
}

function Get-WfpsecDangerousRights {
    # File: its content can be changed or it can be deleted/replaced. Folder holding the file: a file can
    # be planted beside it (a DLL beside the executable, a key beside the policy) or the file deleted.
    # Folder above: the folder below can be deleted or renamed away. Any of them: re-permissioned or taken.
    param([ValidateSet('File', 'Folder', 'Ancestor')][string]$Role)
    $r = $script:WfpsecRight
    $always = $r.Delete -bor $r.WriteDac -bor $r.WriteOwner -bor $r.GenericAll
    switch ($Role) {
        'File' { return $always -bor $r.WriteData -bor $r.AppendData -bor $r.GenericWrite }
        'Folder' { return $always -bor $r.WriteData -bor $r.DeleteChild -bor $r.GenericWrite }
        'Ancestor' { return $always -bor $r.DeleteChild }
    }
}

function Get-WfpsecAclInfo {
    # Windows only: the owner and allow/deny entries of one file or folder, as plain data (SIDs, rights as
    # numbers) so that Test-WfpsecAdminOnlyAcl is testable anywhere. Get-Acl failing is an error: the
    # caller fails closed.
    param([string]$Path)
    $item = Get-Item -LiteralPath $Path -Force -ErrorAction Stop
    $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
    $sid = [System.Security.Principal.SecurityIdentifier]
    $rules = foreach ($rule in $acl.GetAccessRules($true, $true, $sid)) {
        [pscustomobject]@{
            Sid         = $rule.IdentityReference.Value
            Rights      = [int64]([int64][int]$rule.FileSystemRights -band 0xFFFFFFFFL)
            Allow       = $rule.AccessControlType -eq [System.Security.AccessControl.AccessControlType]::Allow
            InheritOnly = ($rule.PropagationFlags -band [System.Security.AccessControl.PropagationFlags]::InheritOnly) -ne 0
        }
    }
    [pscustomobject]@{
        Path   = $Path
        Owner  = $acl.GetOwner($sid).Value
        Rules  = @($rules)
        IsLink = ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) -ne 0
    }
}

function Test-WfpsecAdminOnlyAcl {
    # One object's ACL against its role: the reasons it is not admin-only (none: it is).
    param([Parameter(Mandatory)]$Info, [Parameter(Mandatory)][ValidateSet('File', 'Folder', 'Ancestor')][string]$Role)
    $dangerous = Get-WfpsecDangerousRights -Role $Role
    $kind = if ($Role -eq 'File') { 'file' } else { 'folder' }
    if ($Info.IsLink) {
        "the $kind '$($Info.Path)' is a link (junction or symbolic link): give the real path"
    }
    if ($script:WfpsecTrustedSids -notcontains [string]$Info.Owner) {
        "the $kind '$($Info.Path)' is owned by $(Format-WfpsecSid $Info.Owner), not SYSTEM, Administrators or TrustedInstaller (an owner can always change its permissions)"
    }
    foreach ($rule in @($Info.Rules)) {
        # inherit-only entries apply to what is created below, not to this object
        if (-not $rule.Allow -or $rule.InheritOnly -or $script:WfpsecTrustedSids -contains [string]$rule.Sid) { continue }
        $bad = [int64]$rule.Rights -band $dangerous
        if ($bad) {
            "$(Format-WfpsecSid $rule.Sid) may $(Format-WfpsecRights $bad) the $kind '$($Info.Path)'"
        }
    }
}

function Format-WfpsecSid {
    param([string]$Sid)
    # the account name where Windows can translate it (not the platform check: tests fake that one)
    if ($env:OS -ne 'Windows_NT') { return $Sid }
    try {
        $name = ([System.Security.Principal.SecurityIdentifier]$Sid).Translate([System.Security.Principal.NTAccount]).Value
        return "$name ($Sid)"
    } catch { return $Sid }
}

function Format-WfpsecRights {
    param([int64]$Rights)
    $r = $script:WfpsecRight
    $words = foreach ($pair in @(
            @($r.WriteData, 'write (or create files in)'), @($r.AppendData, 'append to'), @($r.DeleteChild, 'delete entries of'),
            @($r.Delete, 'delete'), @($r.WriteDac, 'change the permissions of'), @($r.WriteOwner, 'take ownership of'),
            @($r.GenericAll, 'fully control'), @($r.GenericWrite, 'write'))) {
        if ($Rights -band $pair[0]) { $pair[1] }
    }
    return ($words -join ', ')
}

function Test-WfpsecAdminOnlyPath {
    # The file, its folder and every folder above it (Windows). Returns an ErrorRecord (SecurityError) naming
    # every problem, or $null when the whole chain is admin-only.
    param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][string]$What)
    $problems = [System.Collections.Generic.List[string]]::new()
    $chain = [System.Collections.Generic.List[object]]::new()
    $chain.Add(@($Path, 'File'))
    $dir = Split-Path -Parent $Path
    $role = 'Folder'
    while ($dir) {
        $chain.Add(@($dir, $role))
        $role = 'Ancestor'
        $parent = Split-Path -Parent $dir
        if (-not $parent -or $parent -eq $dir) { break }
        $dir = $parent
    }
    foreach ($link in $chain) {
        try {
            $info = Get-WfpsecAclInfo -Path $link[0]
        } catch {
            $problems.Add("the permissions of '$($link[0])' could not be read: $($_.Exception.GetBaseException().Message)")
            continue
        }
        foreach ($p in @(Test-WfpsecAdminOnlyAcl -Info $info -Role $link[1])) { if ($p) { $problems.Add($p) } }
    }
    if ($problems.Count -eq 0) { return $null }
    $msg = ("The $What '$Path' is not admin-only, so the SYSTEM task could be made to run something else:" +
        [Environment]::NewLine + (($problems | ForEach-Object { "  $_" }) -join [Environment]::NewLine) +
        [Environment]::NewLine + "Nothing was registered. Keep it in a folder only SYSTEM and Administrators can change " +
        "(e.g. under $env:ProgramFiles), owned by Administrators (icacls <path> /setowner *S-1-5-32-544).")
    return (New-WfpsecErrorRecord -Message $msg -ErrorId 'WfpSec.NotAdminOnly' -Category SecurityError -Target $Path `
            -ExceptionType ([System.Security.SecurityException]))
}
