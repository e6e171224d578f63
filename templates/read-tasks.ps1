<#
  read-tasks.ps1 - taskctl's reader of the live Windows Task Scheduler.

  Input  (stdin, one JSON document, UTF-8):  { "prefix": "AGI", "computer": "PC2" }
    `computer` is optional: without it, this computer's Task Scheduler.
    Several computers (--computer): { "prefix": "AGI", "computers": [ "PC2", "PC3" ],
      "credential": { "user": "admin", "domain": "CONTOSO", "password": "<base64 of UTF-8>" } }
    (`credential` optional: without it, the caller's own account). Each computer is connected
    to in turn; one that can't be reached or read is an error for that computer only:
    { "ok": true, "computers": [ { "computer": "PC2", "ok": true, "tasks": [...], "warnings": [...], "unreadable": [...] },
                                 { "computer": "PC3", "ok": false, "error": { "kind", "message", "hresult" } } ] }
  Output (stdout, UTF-8): a line @@TASKCTL-JSON@@, one JSON document, a line @@TASKCTL-END@@
    { "ok": true, "tasks": [ { "TaskPath": "\\", "TaskName": "AGI_X", "State": 3, "Xml": "<?xml ..." } ],
      "warnings": [ "..." ], "unreadable": [ "\\Folder" ] }
    `unreadable` lists the folders whose tasks or sub-folders could not be listed: tasks under
    the prefix may hide there, so the caller must not trust the read for a change.
    { "ok": false, "error": { "kind": "module-missing|access-denied|service-unavailable|bad-request|other",
                              "message": "...", "hresult": "0x80070005" } }        (exit code 1)

  Every task whose name starts with the prefix (case-insensitively), in every folder, hidden
  ones included, is read through the Schedule.Service COM object: one connection, one walk of
  the folder tree, no per-task cmdlet start-up. State is the TASK_STATE number (0 Unknown,
  1 Disabled, 2 Queued, 3 Ready, 4 Running). The prefix is data: it is compared with
  String.StartsWith, never used as a wildcard pattern, and nothing from the outside is ever
  pasted into script text. Runs on Windows PowerShell 5.1 and PowerShell 7: no 7-only syntax.
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Path.Combine rather than Join-Path: loading the module Join-Path lives in costs every run.
. ([System.IO.Path]::Combine($PSScriptRoot, 'taskctl-common.ps1'))

$TASK_ENUM_HIDDEN = 1

function Read-TaskFolder {
  param($Folder, [string]$Prefix, $Read)
  $folderPath = [string]$Folder.Path
  $taskPath = $folderPath.TrimEnd('\') + '\'
  try {
    $registered = $Folder.GetTasks($TASK_ENUM_HIDDEN)
  } catch {
    $info = Get-ErrorInfo $_ ''
    $Read.warnings.Add('could not list the tasks of folder ' + $folderPath + ' (' + $info.hresult + ': ' + $info.message + '); tasks under the prefix in it, if any, are not shown')
    $Read.unreadable.Add($folderPath)
    $registered = @()
  }
  foreach ($task in $registered) {
    $name = [string]$task.Name
    if (-not $name.StartsWith($Prefix, [StringComparison]::OrdinalIgnoreCase)) { continue }
    # A task under the prefix that can't be read is an error, not a warning: planning without
    # it would try to create it again. PowerShell hands a property read that failed back as
    # $null and only records the error (Xml of a task the caller may not read).
    $lastError = $null
    if ($Error.Count -gt 0) { $lastError = $Error[0] }
    $xml = [string]$task.Xml
    if ([string]::IsNullOrEmpty($xml)) {
      $info = [ordered]@{ kind = 'other'; message = 'Task Scheduler returned no XML'; hresult = $null }
      if ($Error.Count -gt 0 -and -not [object]::ReferenceEquals($Error[0], $lastError)) { $info = Get-ErrorInfo $Error[0] '' }
      $info.message = 'could not read the XML of ' + $taskPath + $name + ': ' + $info.message
      $Read.failure = $info
      return
    }
    $Read.tasks.Add([pscustomobject]@{ TaskPath = $taskPath; TaskName = $name; State = [int]$task.State; Xml = $xml })
  }
  try {
    $subfolders = $Folder.GetFolders(0)
  } catch {
    $info = Get-ErrorInfo $_ ''
    $Read.warnings.Add('could not list the sub-folders of ' + $folderPath + ' (' + $info.hresult + ': ' + $info.message + '); tasks under the prefix in them, if any, are not shown')
    if (-not $Read.unreadable.Contains($folderPath)) { $Read.unreadable.Add($folderPath) }
    $subfolders = @()
  }
  foreach ($subfolder in $subfolders) {
    Read-TaskFolder $subfolder $Prefix $Read
    if ($null -ne $Read.failure) { return }
  }
}

# One connected Task Scheduler's tasks under the prefix, or the error that stopped the read.
function Read-Computer {
  param($Service, [string]$Prefix)
  $read = @{
    tasks      = New-Object 'System.Collections.Generic.List[object]'
    warnings   = New-Object 'System.Collections.Generic.List[string]'
    unreadable = New-Object 'System.Collections.Generic.List[string]'
    failure    = $null
  }
  Read-TaskFolder $Service.GetFolder('\') $Prefix $read
  if ($null -ne $read.failure) { return [ordered]@{ ok = $false; error = $read.failure } }
  return [ordered]@{ ok = $true; tasks = $read.tasks.ToArray(); warnings = $read.warnings.ToArray(); unreadable = $read.unreadable.ToArray() }
}

try {
  try {
    $request = Read-Request
    $prefix = [string]$request.prefix
    $computers = Get-OptionalField $request 'computers'
  } catch {
    Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ 'bad-request') }) 1
  }

  if ($null -eq $computers) {
    $result = Read-Computer (Connect-TaskService $request) $prefix
    $exitCode = 0
    if (-not $result.ok) { $exitCode = 1 }
    Write-Result $result $exitCode
  }
  $results = New-Object 'System.Collections.Generic.List[object]'
  foreach ($computer in @($computers)) {
    $name = [string]$computer
    try {
      $result = Read-Computer (Connect-TaskService $request $name) $prefix
    } catch {
      $result = [ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }
    }
    $result.Insert(0, 'computer', $name)
    $results.Add($result)
  }
  Write-Result ([ordered]@{ ok = $true; computers = $results.ToArray() }) 0
} catch {
  Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }) 1
}
