<#
  probe-machine-simulator.ps1 - calls the machine simulator the way no template does: with the
  wrong filters, classes, methods and logs, for test/doctor/machine-simulator.test.ts, so that
  its refusals (as Windows would refuse) run too. Loaded as the templates load it: through
  taskctl-common.ps1 with TASKCTL_SCHEDULER_SIMULATOR set.

  Input (stdin, JSON): { "probes": [ "bad-filter", ... ] }
  Output: the protocol of taskctl-common.ps1: { "ok": true, "results": { probe: { "ok", "value" | "message", "hresult" } } }
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../templates/taskctl-common.ps1')

$probes = @{
  'bad-filter'      = { Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId > 5' }
  'unknown-field'   = { Get-CimInstance -ClassName Win32_Process -Filter 'Nope = 1' }
  'unknown-class'   = { Get-CimInstance -ClassName Win32_Nope }
  'other-method'    = { Invoke-CimMethod -InputObject ([pscustomobject]@{ ProcessId = 4 }) -MethodName GetOwner }
  'vanished'        = { Invoke-CimMethod -InputObject ([pscustomobject]@{ ProcessId = 999 }) -MethodName Terminate }
  'other-log'       = { Get-WinEvent -ListLog 'Application' }
  'other-log-query' = { Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 1 } }
  'no-machine-file' = { New-CimSession -ComputerName 'EMPTY' }
  'creation-dates'  = {
    foreach ($p in @(Get-CimInstance -ClassName Win32_Process)) { [string]$p.ProcessId + ' ' + ([DateTime]$p.CreationDate).ToUniversalTime().ToString('o') }
  }
}

$request = Read-Request
$results = [ordered]@{}
foreach ($name in @($request.probes)) {
  try {
    $value = @(& $probes[[string]$name])
    $results[[string]$name] = [ordered]@{ ok = $true; value = $value }
  } catch {
    $info = Get-ErrorInfo $_ ''
    $results[[string]$name] = [ordered]@{ ok = $false; message = $info.message; hresult = $info.hresult }
  }
}
Write-Result ([ordered]@{ ok = $true; results = $results }) 0
