# FWPM_LAYER_* GUID -> name, for the plan text of -WhatIf/-Confirm: a plan change carries its filter's layer
# as a GUID only (docs/cli-json.md). Copied from `wfpsec constants --json` (guids.layer), whose table the
# mingw-w64 oracle checks; Cmdlets.Tests.ps1 holds this copy equal to the CLI's.
$script:WfpsecLayerNames = @{
    'c86fd1bf-21cd-497e-a0bb-17425c885c58' = 'FWPM_LAYER_INBOUND_IPPACKET_V4'
    'f52032cb-991c-46e7-971d-2601459a91ca' = 'FWPM_LAYER_INBOUND_IPPACKET_V6'
    '1e5c9fae-8a84-4135-a331-950b54229ecd' = 'FWPM_LAYER_OUTBOUND_IPPACKET_V4'
    'a3b3ab6b-3564-488c-9117-f34e82142763' = 'FWPM_LAYER_OUTBOUND_IPPACKET_V6'
    'a82acc24-4ee1-4ee1-b465-fd1d25cb10a4' = 'FWPM_LAYER_IPFORWARD_V4'
    '7b964818-19c7-493a-b71f-832c3684d28c' = 'FWPM_LAYER_IPFORWARD_V6'
    '5926dfc8-e3cf-4426-a283-dc393f5d0f9d' = 'FWPM_LAYER_INBOUND_TRANSPORT_V4'
    '634a869f-fc23-4b90-b0c1-bf620a36ae6f' = 'FWPM_LAYER_INBOUND_TRANSPORT_V6'
    '09e61aea-d214-46e2-9b21-b26b0b2f28c8' = 'FWPM_LAYER_OUTBOUND_TRANSPORT_V4'
    'e1735bde-013f-4655-b351-a49e15762df0' = 'FWPM_LAYER_OUTBOUND_TRANSPORT_V6'
    'e1cd9fe7-f4b5-4273-96c0-592e487b8650' = 'FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4'
    'a3b42c97-9f04-4672-b87e-cee9c483257f' = 'FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6'
    'c38d57d1-05a7-4c33-904f-7fbceee60e82' = 'FWPM_LAYER_ALE_AUTH_CONNECT_V4'
    '4a72393b-319f-44bc-84c3-ba54dcb3b6b4' = 'FWPM_LAYER_ALE_AUTH_CONNECT_V6'
    'f02b1526-a459-4a51-b9e3-759de52b9d2c' = 'FWPM_LAYER_IPSEC_KM_DEMUX_V4'
    '2f755cf6-2fd4-4e88-b3e4-a91bca495235' = 'FWPM_LAYER_IPSEC_KM_DEMUX_V6'
    'eda65c74-610d-4bc5-948f-3c4f89556867' = 'FWPM_LAYER_IPSEC_V4'
    '13c48442-8d87-4261-9a29-59d2abc348b4' = 'FWPM_LAYER_IPSEC_V6'
    'b14b7bdb-dbbd-473e-bed4-8b4708d4f270' = 'FWPM_LAYER_IKEEXT_V4'
    'b64786b3-f687-4eb9-89d2-8ef32acdabe2' = 'FWPM_LAYER_IKEEXT_V6'
    '4aa226e9-9020-45fb-956a-c0249d841195' = 'FWPM_LAYER_KM_AUTHORIZATION'
}

function Get-WfpsecLayerName {
    # a layer GUID -> its FWPM_LAYER_* name; anything else (a name already, an unknown GUID) as given
    param([string]$Layer)
    if (-not $Layer) { return $Layer }
    $name = $script:WfpsecLayerNames[$Layer.Trim('{}').ToLowerInvariant()]
    if ($name) { return $name }
    return $Layer
}
