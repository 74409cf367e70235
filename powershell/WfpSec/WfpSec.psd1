@{
    RootModule           = 'WfpSec.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d7f0b7e-3c9a-4f4e-9a43-2f1f6e0c8a51'
    Author               = 'wfpsec contributors'
    CompanyName          = 'wfpsec'
    Copyright            = '(c) wfpsec contributors'
    Description          = 'Windows IPsec through the Windows Filtering Platform: declarative policy files planned and applied in one transaction, as PowerShell cmdlets over the wfpsec executable.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('WfpSec.Format.ps1xml')
    # the module's one export list (WfpSec.psm1 offers the Public/ functions; a test holds the two equal)
    FunctionsToExport    = @(
        'New-IpsecIsolationPolicy', 'Get-IpsecPolicy', 'Test-IpsecPolicy', 'Set-IpsecPolicy',
        'Remove-IpsecPolicy', 'Export-IpsecPolicy', 'Get-IpsecSecurityAssociation', 'Get-IpsecNetEvent',
        'Get-IpsecStatistics', 'Get-IpsecStatus', 'Remove-IpsecSa', 'Get-IpsecExplanation',
        'New-IpsecPolicyTaskDefinition', 'Register-IpsecPolicyTask', 'Unregister-IpsecPolicyTask',
        'Export-IpsecReport',
        'Confirm-IpsecPolicy',
        'ConvertFrom-NetIPsecRule'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Invoke-IpsecPolicy')
    # the class-based DSC resource in WfpSec.psm1 (PowerShell DSC, Azure Machine Configuration)
    DscResourcesToExport = @('WfpsecPolicy')
    PrivateData          = @{
        PSData = @{
            Tags = @('IPsec', 'WFP', 'Firewall', 'Windows', 'Security')
        }
    }
}
