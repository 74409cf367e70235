function Get-WfpsecPolicyFileName {
    # The policy's `name` when validate does not return it: a JSON file is read as JSON; in YAML the
    # top-level `name:` line is taken (a display convenience only; wfpsec remains the parser that counts).
    param([string]$File)
    try {
        if ($File -match '\.json$') {
            $parseError = $null
            $doc = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson([System.IO.File]::ReadAllText($File), [ref]$parseError)
            return [string](Get-WfpsecProp $doc 'name')
        }
        foreach ($line in [System.IO.File]::ReadLines($File)) {
            if ($line -match '^name:\s*(?:"([^"]*)"|''([^'']*)''|([^#]*?))\s*(#.*)?$') {
                return (@($Matches[1], $Matches[2], $Matches[3]) | Where-Object { $_ } | Select-Object -First 1)
            }
        }
    } catch { }
    return $null
}
