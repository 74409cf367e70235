# The ProcessStartInfo every wfpsec call uses (Invoke-WfpsecExe, Invoke-WfpsecStream): redirected UTF-8
# streams, no window, the executable's environment, and the PowerShell location as the working directory,
# because relative paths mean the PowerShell location, not the process's current directory.
function New-WfpsecStartInfo {
    param(
        [Parameter(Mandatory)]$Exe,
        # Empty strings are arguments too: passed through unchanged.
        [Parameter(Mandatory)][AllowEmptyString()][AllowEmptyCollection()][string[]]$Argv,
        # the calling cmdlet, whose location is the working directory; without one (a DSC class resource's
        # methods have no cmdlet), the current FileSystem location
        [System.Management.Automation.PSCmdlet]$Caller
    )
    $psi = [System.Diagnostics.ProcessStartInfo]::new($Exe.FilePath)
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.CreateNoWindow = $true
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $psi.StandardOutputEncoding = $utf8
    $psi.StandardErrorEncoding = $utf8
    $here = if ($Caller) { $Caller.SessionState.Path.CurrentFileSystemLocation.ProviderPath } else { (Get-Location -PSProvider FileSystem).ProviderPath }
    if ($here) { $psi.WorkingDirectory = $here }
    foreach ($k in $Exe.Environment.Keys) { $psi.Environment[$k] = $Exe.Environment[$k] }
    if ($null -ne $psi.PSObject.Properties['ArgumentList']) {
        foreach ($a in $Argv) { $psi.ArgumentList.Add($a) }
    } else {
        $psi.Arguments = ConvertTo-WfpsecCommandLine -ArgumentList $Argv
    }
    Write-Verbose ("wfpsec ({0}): {1} {2}" -f $Exe.Source, $Exe.FilePath, ($Argv -join ' '))
    $psi
}
