<#
  read-tasks.ps1 - taskctl's reader of the live Windows Task Scheduler.

  Input  (stdin, one JSON document, UTF-8):  { "prefix": "AGI", "computer": "PC2" }
    `computer` is optional: without it, this computer's Task Scheduler.
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
  param($Folder, [string]$Prefix, $Tasks, $Warnings, $Unreadable)
  $folderPath = [string]$Folder.Path
  $taskPath = $folderPath.TrimEnd('\') + '\'
  try {
    $registered = $Folder.GetTasks($TASK_ENUM_HIDDEN)
  } catch {
    $info = Get-ErrorInfo $_ ''
    $Warnings.Add('could not list the tasks of folder ' + $folderPath + ' (' + $info.hresult + ': ' + $info.message + '); tasks under the prefix in it, if any, are not shown')
    $Unreadable.Add($folderPath)
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
      Write-Result ([ordered]@{ ok = $false; error = $info }) 1
    }
    $Tasks.Add([pscustomobject]@{ TaskPath = $taskPath; TaskName = $name; State = [int]$task.State; Xml = $xml })
  }
  try {
    $subfolders = $Folder.GetFolders(0)
  } catch {
    $info = Get-ErrorInfo $_ ''
    $Warnings.Add('could not list the sub-folders of ' + $folderPath + ' (' + $info.hresult + ': ' + $info.message + '); tasks under the prefix in them, if any, are not shown')
    if (-not $Unreadable.Contains($folderPath)) { $Unreadable.Add($folderPath) }
    $subfolders = @()
  }
  foreach ($subfolder in $subfolders) {
    Read-TaskFolder $subfolder $Prefix $Tasks $Warnings $Unreadable
  }
}

try {
  try {
    $request = Read-Request
    $prefix = [string]$request.prefix
  } catch {
    Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ 'bad-request') }) 1
  }

  $service = Connect-TaskService $request
  $tasks = New-Object 'System.Collections.Generic.List[object]'
  $warnings = New-Object 'System.Collections.Generic.List[string]'
  $unreadable = New-Object 'System.Collections.Generic.List[string]'
  $rootFolder = $service.GetFolder('\')
  Read-TaskFolder $rootFolder $prefix $tasks $warnings $unreadable
  Write-Result ([ordered]@{ ok = $true; tasks = $tasks.ToArray(); warnings = $warnings.ToArray(); unreadable = $unreadable.ToArray() }) 0
} catch {
  Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }) 1
}
