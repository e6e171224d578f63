<#
.SYNOPSIS
  Removes the scheduled tasks and task folders an end-to-end run left behind, and nothing else.

.DESCRIPTION
  The last resort of test/e2e/windows.e2e.test.ts (after its own `apply` of an empty declaration)
  and the leak check of .github/workflows/ci.yml. Only tasks whose name starts with -Prefix
  (which must start with TASKCTL_E2E_) are unregistered, and only task folders named
  taskctl-e2e-<suffix>* directly under the root are deleted, with the folders nested in them,
  deepest first, each only once it is empty. A folder the run locked (taskctl-e2e-*-locked) is
  opened again first.

.PARAMETER Prefix
  TASKCTL_E2E_<suffix> for one test run, or TASKCTL_E2E_ for every run's leftovers.

.PARAMETER FailIfFound
  Exit 1 when anything had to be removed: a leak is a bug of the test's own cleanup.
#>
param(
  [Parameter(Mandatory = $true)]
  [ValidatePattern('^TASKCTL_E2E_[A-Za-z0-9]*$')]
  [string]$Prefix,
  [switch]$FailIfFound
)

$ErrorActionPreference = 'Stop'
$found = 0
$folderPrefix = 'taskctl-e2e-' + $Prefix.Substring('TASKCTL_E2E_'.Length).ToLowerInvariant()
$service = New-Object -ComObject 'Schedule.Service'
$service.Connect()
$root = $service.GetFolder('\')

# Locked folders first: nothing inside them can be seen until they are open again.
foreach ($folder in @($root.GetFolders(0))) {
  $name = $folder.Name.ToLowerInvariant()
  if ($name.StartsWith($folderPrefix) -and $name.EndsWith('-locked')) {
    Write-Output "unlocking task folder $($folder.Path)"
    $folder.SetSecurityDescriptor('D:(A;;FA;;;SY)(A;;FA;;;BA)', 0)
  }
}

# '_' is not a PowerShell wildcard; the prefix is validated above, so '*' is the only wildcard here.
$tasks = @(Get-ScheduledTask -TaskName "$Prefix*" -ErrorAction SilentlyContinue)
foreach ($task in $tasks) {
  Write-Output "removing task $($task.TaskPath)$($task.TaskName)"
  Unregister-ScheduledTask -TaskName $task.TaskName -TaskPath $task.TaskPath -Confirm:$false
  $found++
}

# A folder and everything under it, deepest first; a folder that still holds anything stays.
function Remove-TaskFolder {
  param($Parent, $Folder)
  foreach ($child in @($Folder.GetFolders(0))) { Remove-TaskFolder $Folder $child }
  # 1 = TASK_ENUM_HIDDEN: count hidden tasks too.
  if ($Folder.GetTasks(1).Count -gt 0 -or $Folder.GetFolders(0).Count -gt 0) {
    Write-Warning "leaving task folder $($Folder.Path): it is not empty"
    return
  }
  Write-Output "removing task folder $($Folder.Path)"
  $Parent.DeleteFolder($Folder.Name, 0)
  $script:found++
}

foreach ($folder in @($root.GetFolders(0))) {
  if ($folder.Name.ToLowerInvariant().StartsWith($folderPrefix)) { Remove-TaskFolder $root $folder }
}

if ($FailIfFound -and $found -gt 0) {
  [Console]::Error.WriteLine("$found end-to-end leftover(s) had to be removed; the test's own cleanup missed them.")
  exit 1
}
exit 0
