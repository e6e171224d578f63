<#
  stop-processes.ps1 - ends the processes `taskctl doctor --stop` chose, one by one, and says
  how each one fared.

  Input  (stdin, one JSON document, UTF-8):
    { "computer": null,
      "processes": [ { "ProcessId": 3312, "CreationDate": "2025-11-02T00:14:05.0000000Z",
                       "CommandLine": "powershell.exe ... -Continuous" } ] }
  Output (stdout, UTF-8): a line @@TASKCTL-JSON@@, one JSON document, a line @@TASKCTL-END@@
    { "ok": true, "results": [ { "ProcessId": 3312, "status": "ended", "message": null } ] }
      status: ended | access-denied | gone | changed | failed, one per process, in order
    { "ok": false, "error": { "kind", "message", "hresult" } }                         (exit code 1)

  A pid is ended only while it is still the process doctor saw: same command line, created at
  the same time (within a second). Windows reuses process ids, so between the capture and the
  confirmation the number may have passed to another program: that one is reported as
  "changed" and left alone. Processes are ended through Win32_Process.Terminate (CIM), which
  works the same on this machine and on a remote one, and reports access denied as a return
  value (2 access denied, 3 insufficient privilege) rather than an exception.
  Windows PowerShell 5.1 and PowerShell 7: no 7-only syntax.
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot 'taskctl-common.ps1')

function Find-Process {
  param([hashtable]$Cim, [int]$ProcessId)
  $found = @(Get-CimInstance @Cim -ClassName Win32_Process -Filter ('ProcessId = ' + $ProcessId) -Property ProcessId, Name, CommandLine, CreationDate)
  if ($found.Count -eq 0) { return $null }
  return $found[0]
}

function Test-SameProcess {
  param($Process, $Expected)
  if ([string]$Process.CommandLine -ne [string]$Expected.CommandLine) { return $false }
  $created = [string]$Expected.CreationDate
  if ([string]::IsNullOrEmpty($created)) { return $true }
  if ($null -eq $Process.CreationDate) { return $false }
  $expectedTime = [DateTimeOffset]::Parse($created, [Globalization.CultureInfo]::InvariantCulture)
  $actualTime = [DateTimeOffset]([DateTime]$Process.CreationDate)
  return [Math]::Abs(($actualTime - $expectedTime).TotalSeconds) -le 1
}

function Stop-OneProcess {
  param([hashtable]$Cim, $Expected)
  $processId = [int]$Expected.ProcessId
  $process = Find-Process $Cim $processId
  if ($null -eq $process) { return @('gone', 'it had already exited') }
  if (-not (Test-SameProcess $process $Expected)) {
    return @('changed', ('pid ' + $processId + ' now belongs to another process (' + [string]$process.Name + '); it was left alone'))
  }
  try {
    $outcome = Invoke-CimMethod @Cim -InputObject $process -MethodName Terminate
  } catch {
    # The process may have exited between the lookup and the call.
    if ($null -eq (Find-Process $Cim $processId)) { return @('gone', 'it exited while being ended') }
    $info = Get-ErrorInfo $_ ''
    if ($info.kind -eq 'access-denied') { return @('access-denied', $info.message) }
    return @('failed', ($info.message + ' (' + $info.hresult + ')'))
  }
  $code = [int]$outcome.ReturnValue
  if ($code -eq 0) { return @('ended', $null) }
  if ($code -eq 2) { return @('access-denied', 'Access denied (Terminate returned 2): run elevated, or as the user who started it') }
  if ($code -eq 3) { return @('access-denied', 'Insufficient privilege (Terminate returned 3): run elevated') }
  return @('failed', ('Win32_Process.Terminate returned ' + $code))
}

$session = $null
try {
  try {
    $request = Read-Request
    $computer = [string]$request.computer
    $targets = @($request.processes)
    foreach ($target in $targets) {
      if ([int]$target.ProcessId -le 0) { throw ('not a process id: ' + [string]$target.ProcessId) }
    }
  } catch {
    Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ 'bad-request') }) 1
  }

  $cim = @{}
  if (-not [string]::IsNullOrEmpty($computer)) {
    $session = New-CimSession -ComputerName $computer
    $cim = @{ CimSession = $session }
  }
  $results = New-Object 'System.Collections.Generic.List[object]'
  foreach ($target in $targets) {
    $outcome = Stop-OneProcess $cim $target
    $results.Add([ordered]@{ ProcessId = [int]$target.ProcessId; status = $outcome[0]; message = $outcome[1] })
  }
  Write-Result ([ordered]@{ ok = $true; results = $results.ToArray() }) 0
} catch {
  Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }) 1
} finally {
  if ($null -ne $session) { Remove-CimSession -CimSession $session }
}
