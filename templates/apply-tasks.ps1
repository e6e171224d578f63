<#
  apply-tasks.ps1 - taskctl's writer to the live Windows Task Scheduler: one batch, one process.

  Input (stdin, one JSON document, UTF-8):
    { "operations": [ { "action": "create|update|delete", "folder": "\\Sub\\", "name": "AGI_X",
                        "path": "\\Sub\\AGI_X", "xml": "<?xml version=\"1.0\" encoding=\"UTF-16\"?>...",
                        "logonType": 5, "userId": "DOMAIN\\user" } ],
      "passwords": { "\\Sub\\AGI_X": "..." }, "computer": "PC2" }
    `userId` is present only when a password is sent for that task; `passwords` is keyed by
    task path, holds base64 of the UTF-8 password (PowerShell 7's ConvertFrom-Json would turn
    a date-like string into a DateTime), and is absent when no task needs one. Passwords are
    never printed. `computer` is optional: without it, this computer's Task Scheduler.
    Several computers (--computer), one batch each, connected to in turn:
    { "computers": [ { "computer": "PC2", "operations": [...], "passwords": {...} } ],
      "credential": { "user": "admin", "domain": "CONTOSO", "password": "<base64 of UTF-8>" } }
    gives { "ok": <every batch done>, "computers": [ { "computer": "PC2", <that batch's result> } ] };
    a computer that can't be reached is { "computer", "ok": false, "error" } and the others go on.

  Output (stdout, UTF-8): a line @@TASKCTL-JSON@@, one JSON document, a line @@TASKCTL-END@@
    { "ok": true|false, "phase": "validate|apply",
      "results": [ { "task": "\\Sub\\AGI_X", "action": "update", "status": "done|failed|not-attempted",
                     "error": { "kind": "...", "message": "(35,23):Command:", "hresult": "0x80041318" } } ] }
    or, when nothing could start (no Task Scheduler, bad input):
    { "ok": false, "error": { "kind": "...", "message": "...", "hresult": "0x..." } }
  Exit code 0 only when every operation is done.

  First every create/update is checked by Task Scheduler itself (RegisterTask with
  TASK_VALIDATE_ONLY): if any is rejected, nothing is changed and every rejection is reported
  (phase "validate"). Then the operations run in order (phase "apply"): a create registers
  with TASK_CREATE, so a task that appeared since the plan is refused (0x800700B7), never
  overwritten; an update with TASK_UPDATE, so a task that vanished is refused (0x80070002);
  a delete is DeleteTask. Missing folders are created. The first failure stops the batch; the
  rest are reported "not-attempted". Nothing from the outside is pasted into script text.
  Windows PowerShell 5.1 and PowerShell 7.
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Path.Combine rather than Join-Path: loading the module Join-Path lives in costs every run.
. ([System.IO.Path]::Combine($PSScriptRoot, 'taskctl-common.ps1'))

$TASK_VALIDATE_ONLY = 1
$TASK_CREATE = 2
$TASK_UPDATE = 4
$ERROR_PATH_NOT_FOUND = '0x80070003'

# "\Sub\Folder\" -> "\Sub\Folder"; "\" -> "\" (GetFolder wants no trailing backslash).
function Get-FolderPath {
  param([string]$Folder)
  $trimmed = $Folder.Trim('\')
  if ($trimmed.Length -eq 0) { return '\' }
  return '\' + $trimmed
}

function Get-ExistingFolder {
  param($Service, [string]$Folder)
  try {
    return $Service.GetFolder((Get-FolderPath $Folder))
  } catch {
    return $null
  }
}

# The task's folder, created when (and only when) Task Scheduler says it does not exist: a
# folder that can't be read (access denied) is an error, never a reason to create it again.
function Get-OrCreateFolder {
  param($Service, [string]$Folder)
  $current = $Service.GetFolder('\')
  $path = ''
  foreach ($segment in $Folder.Split([char]'\')) {
    if ($segment.Length -eq 0) { continue }
    $path = $path + '\' + $segment
    try {
      $current = $Service.GetFolder($path)
    } catch {
      if ((Get-ErrorInfo $_ '').hresult -ne $ERROR_PATH_NOT_FOUND) { throw }
      $current = $current.CreateFolder($segment)
    }
  }
  return $current
}

# The account and password to register with: both only when a password was sent for the
# task, otherwise neither, and Task Scheduler takes the principal from the XML.
function Get-Logon {
  param($Operation, $Passwords)
  $logon = @{ user = $null; password = $null }
  $userId = Get-OptionalField $Operation 'userId'
  $path = [string]$Operation.path
  if (-not [string]::IsNullOrEmpty($userId) -and $Passwords.ContainsKey($path)) {
    $logon.user = [string]$userId
    $logon.password = [string]$Passwords[$path]
  }
  return $logon
}

# The passwords of one batch: task path -> password, decoded from base64 of UTF-8.
function Read-Passwords {
  param($Field)
  $passwords = @{}
  if ($null -ne $Field) {
    foreach ($entry in $Field.PSObject.Properties) {
      $passwords[$entry.Name] = $script:Utf8NoBom.GetString([Convert]::FromBase64String([string]$entry.Value))
    }
  }
  return $passwords
}

# One batch on one connected Task Scheduler: { ok, phase, results }.
function Invoke-Batch {
  param($Service, $Operations, $Passwords)
  $results = New-Object 'System.Collections.Generic.List[object]'
  foreach ($operation in $Operations) {
    $results.Add([ordered]@{ task = [string]$operation.path; action = [string]$operation.action; status = 'not-attempted'; error = $null })
  }
  $rootFolder = $Service.GetFolder('\')

  # Folders are looked up once per batch, and logons only worked out when passwords came:
  # a batch of thousands of tasks in a handful of folders makes a handful of folder calls.
  $existingFolders = @{}
  $targetFolders = @{}
  $noLogon = @{ user = $null; password = $null }

  # Phase 1: Task Scheduler validates every registration; nothing changes.
  $rejected = $false
  for ($i = 0; $i -lt $Operations.Count; $i++) {
    $operation = $Operations[$i]
    if ($operation.action -eq 'delete') { continue }
    $logon = $noLogon
    if ($Passwords.Count -gt 0) { $logon = Get-Logon $operation $Passwords }
    # Validate in the task's own folder when it exists; a folder apply would create doesn't
    # exist yet, and the XML validates the same in the root.
    $folderKey = [string]$operation.folder
    if (-not $existingFolders.ContainsKey($folderKey)) { $existingFolders[$folderKey] = Get-ExistingFolder $Service $folderKey }
    $folder = $existingFolders[$folderKey]
    if ($null -eq $folder) { $folder = $rootFolder }
    try {
      $null = $folder.RegisterTask([string]$operation.name, [string]$operation.xml, $TASK_VALIDATE_ONLY, $logon.user, $logon.password, [int]$operation.logonType, $null)
    } catch {
      $results[$i].error = Get-ErrorInfo $_ ''
      $rejected = $true
    }
  }
  if ($rejected) { return [ordered]@{ ok = $false; phase = 'validate'; results = $results.ToArray() } }

  # Phase 2: the operations in order; the first failure stops the batch.
  $failed = $false
  for ($i = 0; $i -lt $Operations.Count; $i++) {
    if ($failed) { break }
    $operation = $Operations[$i]
    try {
      $folderKey = [string]$operation.folder
      if ($operation.action -eq 'delete') {
        $folder = $Service.GetFolder((Get-FolderPath $folderKey))
        $folder.DeleteTask([string]$operation.name, 0)
      } else {
        $logon = $noLogon
        if ($Passwords.Count -gt 0) { $logon = Get-Logon $operation $Passwords }
        if (-not $targetFolders.ContainsKey($folderKey)) { $targetFolders[$folderKey] = Get-OrCreateFolder $Service $folderKey }
        $flags = $TASK_UPDATE
        if ($operation.action -eq 'create') { $flags = $TASK_CREATE }
        $null = $targetFolders[$folderKey].RegisterTask([string]$operation.name, [string]$operation.xml, $flags, $logon.user, $logon.password, [int]$operation.logonType, $null)
      }
      $results[$i].status = 'done'
    } catch {
      $results[$i].status = 'failed'
      $results[$i].error = Get-ErrorInfo $_ ''
      $failed = $true
    }
  }
  return [ordered]@{ ok = (-not $failed); phase = 'apply'; results = $results.ToArray() }
}

try {
  try {
    $request = Read-Request
    $batches = Get-OptionalField $request 'computers'
    if ($null -eq $batches) {
      $operations = @($request.operations)
      $passwords = Read-Passwords (Get-OptionalField $request 'passwords')
    }
  } catch {
    Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ 'bad-request') }) 1
  }

  if ($null -eq $batches) {
    $result = Invoke-Batch (Connect-TaskService $request) $operations $passwords
    $exitCode = 0
    if (-not $result.ok) { $exitCode = 1 }
    Write-Result $result $exitCode
  }
  $all = $true
  $results = New-Object 'System.Collections.Generic.List[object]'
  foreach ($batch in @($batches)) {
    $name = [string]$batch.computer
    try {
      $result = Invoke-Batch (Connect-TaskService $request $name) @($batch.operations) (Read-Passwords (Get-OptionalField $batch 'passwords'))
    } catch {
      $result = [ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }
    }
    $result.Insert(0, 'computer', $name)
    if (-not $result.ok) { $all = $false }
    $results.Add($result)
  }
  $exitCode = 0
  if (-not $all) { $exitCode = 1 }
  Write-Result ([ordered]@{ ok = $all; computers = $results.ToArray() }) $exitCode
} catch {
  Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }) 1
}
