# The -Exemption vocabulary of New-IpsecIsolationPolicy: exactly what `wfpsec new --exempt` accepts
# (modules/policy/templates.ts): icmp, dhcp, host:ADDR, port:tcp|udp/PORT[-PORT]. The address and the port
# range are checked by wfpsec itself; here only the form, so a value the CLI would refuse never reaches it.
$script:WfpsecExemptionPattern = '^(icmp|dhcp|host:[^\s,]+|port:(tcp|udp)/\d{1,5}(-\d{1,5})?)$'

function Test-WfpsecExemptionSpec {
    # ValidateScript of -Exemption: $true, or an exception whose message says what is accepted
    param([string]$Spec)
    if ($Spec -match $script:WfpsecExemptionPattern) { return $true }
    throw [System.ArgumentException]::new(
        "'$Spec' is not an exemption wfpsec knows. Use icmp, dhcp, host:<address or subnet> (e.g. host:10.0.0.0/24) " +
        "or port:tcp/<port>, port:udp/<port>[-<port>] (e.g. port:tcp/3389).")
}

function ConvertTo-WfpsecExemptionSpec {
    # PowerShell matches case-insensitively, wfpsec does not: the keyword and the prefixes are lowered,
    # an address is passed as written
    param([string]$Spec)
    if ($Spec -match '^(icmp|dhcp)$') { return $Spec.ToLowerInvariant() }
    if ($Spec -match '^host:(.*)$') { return 'host:' + $Matches[1] }
    return $Spec.ToLowerInvariant()
}
