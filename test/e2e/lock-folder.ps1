<#
.SYNOPSIS
  Creates a task folder that only SYSTEM may read, or opens it again, for the end-to-end test of
  what taskctl does with a folder it can't list (test/e2e/windows.e2e.test.ts).

.DESCRIPTION
  -Path names one folder directly under the root, named taskctl-e2e-<suffix>-locked. Without
  -Unlock it is created with a protected DACL that grants SYSTEM alone, so even an elevated
  administrator is refused listing it (E_ACCESSDENIED). With -Unlock its DACL grants SYSTEM and
  Administrators again: its owner, the administrator who created it, may always rewrite it.
#>
param(
  [Parameter(Mandatory = $true)]
  [ValidatePattern('^\\taskctl-e2e-[a-z0-9]+-locked$')]
  [string]$Path,
  [switch]$Unlock
)

$ErrorActionPreference = 'Stop'
$service = New-Object -ComObject 'Schedule.Service'
$service.Connect()
if ($Unlock) {
  $service.GetFolder($Path).SetSecurityDescriptor('D:(A;;FA;;;SY)(A;;FA;;;BA)', 0)
  Write-Output "unlocked $Path"
} else {
  $null = $service.GetFolder('\').CreateFolder($Path.Substring(1), 'D:P(A;;FA;;;SY)')
  Write-Output "locked $Path"
}
exit 0
