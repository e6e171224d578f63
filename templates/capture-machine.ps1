<#
  capture-machine.ps1 - taskctl doctor's look at a Windows machine, in one process.

  Input  (stdin, one JSON document, UTF-8):
    { "prefix": "AGI", "sampleSeconds": 30, "historySeconds": 86400,
      "eventIds": [100, 101, 102, 103, 111, 129, 200, 201, 202, 203, 322, 329],
      "computer": null }                      (a name reads that computer through CIM/WinRM)
    Several computers (--computer): "computers": [ "PC2", "PC3" ] instead of "computer". Each gets
    its own CIM session; CPU is sampled on all of them in the same seconds, so the capture
    takes sampleSeconds whatever their number; one that can't be reached or read is an error
    for that computer only:
    { "ok": true, "computers": [ { "computer": "PC2", "ok": true, "snapshot": {...} },
                                 { "computer": "PC3", "ok": false, "error": { "kind", "message", "hresult" } } ] }
  Output (stdout, UTF-8): a line @@TASKCTL-JSON@@, one JSON document, a line @@TASKCTL-END@@
    { "ok": true, "snapshot": { "capturedAt", "computer", "cpu": { "intervalSeconds", "samples" },
        "memory": { "totalBytes", "availableBytes" }, "processes": [ Win32_Process ],
        "history": [ { "TimeCreated", "Id", "TaskName", "ProcessId", "ResultCode", "InstanceId" } ],
        "historyEnabled", "historyError", "historySeconds", "scheduleServiceProcessId" } }
    { "ok": false, "error": { "kind", "message", "hresult" } }                         (exit code 1)

  What it reads, and why this way:
  - CPU: Win32_PerfRawData_PerfOS_Processor, one reading a second for sampleSeconds, each
    sample computed from two readings (PERF_100NSEC_TIMER_INV: 100 * (1 - dIdle / dTime)),
    averaged over the logical processors. Not Get-Counter: counter paths are localized (on a
    Korean Windows "\Processor(_Total)\% Processor Time" does not exist), CIM class names are
    not. Sampling comes first, so the readings are not this script's own start-up.
  - Memory and the machine's clock and name: Win32_OperatingSystem (TotalVisibleMemorySize,
    FreePhysicalMemory in KB; LocalDateTime; CSName). The history window is counted back
    from the machine's clock, not this script's.
  - Processes: Win32_Process (ProcessId, ParentProcessId, Name, CommandLine, CreationDate,
    WorkingSetSize, UserModeTime, KernelModeTime). The Schedule service's process
    (Win32_Service) tells which processes Task Scheduler started.
  - History: Get-WinEvent on Microsoft-Windows-TaskScheduler/Operational, only the event ids
    taskctl asks for, only tasks whose name starts with the prefix. Every field is read by
    its EventData name from the event XML (ToXml), never by position: event versions reorder
    them (201 v0 has no ResultCode, v2 puts TaskInstanceId second). Ids: 129 ProcessID (the
    process a task created), 200/201 EnginePID (the same process) with TaskInstanceId, 201
    ResultCode, 100/102 InstanceId, 101/103/202/203 ResultCode, 322, 329, 111. The log may be disabled: that
    is reported (historyEnabled false) and the capture goes on.
  Dates are written with ToString('o'): ISO 8601 with the offset. Nothing from the request is
  ever pasted into script text; the prefix is compared with String.StartsWith.
  Windows PowerShell 5.1 and PowerShell 7: no 7-only syntax.
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot 'taskctl-common.ps1')

$LogName = 'Microsoft-Windows-TaskScheduler/Operational'
# One EventData field of the event XML: <Data Name='TaskName'>\AGI_X</Data>, or <Data Name='X'/>
# when empty. A compiled expression rather than an XmlDocument per event: a day of a busy
# machine's history is tens of thousands of events.
$EventDataField = New-Object System.Text.RegularExpressions.Regex -ArgumentList "<Data Name=['""]([^'""]+)['""]\s*(?:/>|>([^<]*)</Data>)", ([System.Text.RegularExpressions.RegexOptions]::Compiled)
$ProcessProperties = @('ProcessId', 'ParentProcessId', 'Name', 'CommandLine', 'CreationDate', 'WorkingSetSize', 'UserModeTime', 'KernelModeTime')

function Format-Time {
  param($Value)
  if ($null -eq $Value) { return $null }
  return ([DateTime]$Value).ToString('o')
}

# Idle time and timestamp (both in 100 ns) of every logical processor, by instance name.
function Read-ProcessorTimes {
  param([hashtable]$Cim)
  $table = @{}
  foreach ($row in @(Get-CimInstance @Cim -ClassName Win32_PerfRawData_PerfOS_Processor -Property Name, PercentProcessorTime, Timestamp_Sys100NS)) {
    $name = [string]$row.Name
    if ($name -eq '_Total') { continue }
    $table[$name] = @([decimal]$row.PercentProcessorTime, [decimal]$row.Timestamp_Sys100NS)
  }
  return $table
}

# CPU samples of every machine ({ cim; samples; previous; failure }) taken in the same seconds.
# A machine whose counters can't be read keeps the error in `failure` and is left out after.
function Measure-Cpu {
  param($Machines, [int]$Seconds)
  foreach ($machine in $Machines) { $machine.samples = New-Object 'System.Collections.Generic.List[double]' }
  if ($Seconds -le 0) { return }
  foreach ($machine in $Machines) {
    try { $machine.previous = Read-ProcessorTimes $machine.cim } catch { $machine.failure = $_ }
  }
  $clock = [System.Diagnostics.Stopwatch]::StartNew()
  for ($i = 1; $i -le $Seconds; $i++) {
    $wait = [int]($i * 1000 - $clock.ElapsedMilliseconds)
    if ($wait -gt 0) { Start-Sleep -Milliseconds $wait }
    foreach ($machine in $Machines) {
      if ($null -ne $machine.failure) { continue }
      try { $current = Read-ProcessorTimes $machine.cim } catch { $machine.failure = $_; continue }
      $previous = $machine.previous
      $sum = [double]0
      $count = 0
      foreach ($name in $current.Keys) {
        if (-not $previous.ContainsKey($name)) { continue }
        $idle = $current[$name][0] - $previous[$name][0]
        $elapsed = $current[$name][1] - $previous[$name][1]
        if ($elapsed -le 0) { continue }
        $busy = 100 * (1 - [double]($idle / $elapsed))
        $sum += [Math]::Min(100, [Math]::Max(0, $busy))
        $count += 1
      }
      if ($count -gt 0) { $machine.samples.Add([Math]::Round($sum / $count, 2)) }
      $machine.previous = $current
    }
  }
}

function Read-Processes {
  param([hashtable]$Cim)
  $list = New-Object 'System.Collections.Generic.List[object]'
  foreach ($p in @(Get-CimInstance @Cim -ClassName Win32_Process -Property $ProcessProperties)) {
    $list.Add([ordered]@{
      ProcessId       = $p.ProcessId
      ParentProcessId = $p.ParentProcessId
      Name            = [string]$p.Name
      CommandLine     = $p.CommandLine
      CreationDate    = (Format-Time $p.CreationDate)
      WorkingSetSize  = $p.WorkingSetSize
      UserModeTime    = $p.UserModeTime
      KernelModeTime  = $p.KernelModeTime
    })
  }
  return ,$list.ToArray()
}

function Get-ScheduleServiceProcessId {
  param([hashtable]$Cim)
  try {
    $service = @(Get-CimInstance @Cim -ClassName Win32_Service -Filter "Name = 'Schedule'" -Property Name, ProcessId)
    if ($service.Count -gt 0 -and [int]$service[0].ProcessId -gt 0) { return [int]$service[0].ProcessId }
  } catch { }
  return $null
}

# ResultCode is decimal in the event XML; a HexInt32 field reads "0x80070005".
function ConvertTo-Number {
  param([string]$Text)
  if ([string]::IsNullOrEmpty($Text)) { return $null }
  if ($Text.StartsWith('0x', [StringComparison]::OrdinalIgnoreCase)) { return [Convert]::ToInt64($Text.Substring(2), 16) }
  $value = [long]0
  if ([long]::TryParse($Text, [ref]$value)) { return $value }
  return $null
}

function Read-History {
  param([hashtable]$Remote, [string]$Prefix, [int[]]$EventIds, [DateTime]$Since)
  $result = @{ enabled = $true; error = $null; events = (New-Object 'System.Collections.Generic.List[object]') }
  try {
    $log = Get-WinEvent @Remote -ListLog $LogName
    $result.enabled = [bool]$log.IsEnabled
  } catch {
    $result.error = 'the log ' + $LogName + ' could not be opened: ' + $_.Exception.Message
    return $result
  }
  $filter = @{ LogName = $LogName; Id = $EventIds; StartTime = $Since }
  try {
    $records = @(Get-WinEvent @Remote -FilterHashtable $filter -ErrorAction Stop)
  } catch {
    if ([string]$_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { return $result }
    $result.error = $_.Exception.Message
    return $result
  }
  foreach ($record in $records) {
    $data = @{}
    foreach ($match in $EventDataField.Matches($record.ToXml())) {
      $data[$match.Groups[1].Value] = [System.Net.WebUtility]::HtmlDecode($match.Groups[2].Value)
    }
    $task = [string]$data['TaskName']
    if ([string]::IsNullOrEmpty($task)) { continue }
    $name = $task.Substring($task.LastIndexOf('\') + 1)
    if (-not $name.StartsWith($Prefix, [StringComparison]::OrdinalIgnoreCase)) { continue }
    # 129 names the process it created (ProcessID); 200/201 name the same process (EnginePID).
    $processId = ConvertTo-Number ([string]$data['ProcessID'])
    if ($null -eq $processId) { $processId = ConvertTo-Number ([string]$data['EnginePID']) }
    $instance = [string]$data['InstanceId']
    if ([string]::IsNullOrEmpty($instance)) { $instance = [string]$data['TaskInstanceId'] }
    if ([string]::IsNullOrEmpty($instance)) { $instance = $null }
    $result.events.Add([ordered]@{
      TimeCreated = (Format-Time $record.TimeCreated)
      Id          = [int]$record.Id
      TaskName    = $task
      ProcessId   = $processId
      ResultCode  = (ConvertTo-Number ([string]$data['ResultCode']))
      InstanceId  = $instance
    })
  }
  return $result
}

# One machine's snapshot, its CPU samples already taken.
function Read-Machine {
  param($Machine, [string]$Prefix, [int[]]$EventIds, [int]$HistorySeconds)
  $cim = $Machine.cim
  $os = Get-CimInstance @cim -ClassName Win32_OperatingSystem -Property CSName, LocalDateTime, TotalVisibleMemorySize, FreePhysicalMemory
  $now = [DateTime]$os.LocalDateTime
  $processes = Read-Processes $cim
  $schedulePid = Get-ScheduleServiceProcessId $cim
  $history = Read-History $Machine.remote $Prefix $EventIds $now.AddSeconds(-$HistorySeconds)
  return [ordered]@{
    capturedAt               = (Format-Time $now)
    computer                 = [string]$os.CSName
    cpu                      = [ordered]@{ intervalSeconds = 1; samples = $Machine.samples.ToArray() }
    memory                   = [ordered]@{ totalBytes = [uint64]$os.TotalVisibleMemorySize * 1024; availableBytes = [uint64]$os.FreePhysicalMemory * 1024 }
    processes                = $processes
    history                  = $history.events.ToArray()
    historyEnabled           = $history.enabled
    historyError             = $history.error
    historySeconds           = $HistorySeconds
    scheduleServiceProcessId = $schedulePid
  }
}

# A machine to capture: this one (no name), or a named one through its own CIM session.
function New-Machine {
  param([string]$Computer)
  $machine = @{ name = $Computer; cim = @{}; remote = @{}; session = $null; samples = $null; previous = $null; failure = $null }
  if (-not [string]::IsNullOrEmpty($Computer)) {
    $machine.session = New-CimSession -ComputerName $Computer
    $machine.cim = @{ CimSession = $machine.session }
    $machine.remote = @{ ComputerName = $Computer }
  }
  return $machine
}

$machines = New-Object 'System.Collections.Generic.List[object]'
try {
  try {
    $request = Read-Request
    $prefix = [string]$request.prefix
    $sampleSeconds = [int]$request.sampleSeconds
    $historySeconds = [int]$request.historySeconds
    $eventIds = [int[]]@($request.eventIds)
    $computer = [string](Get-OptionalField $request 'computer')
    $computers = Get-OptionalField $request 'computers'
    if ([string]::IsNullOrEmpty($prefix)) { throw 'the request has no prefix' }
    if ($eventIds.Count -eq 0) { throw 'the request names no event ids' }
  } catch {
    Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ 'bad-request') }) 1
  }

  if ($null -eq $computers) {
    $machine = New-Machine $computer
    $machines.Add($machine)
    Measure-Cpu @($machine) $sampleSeconds
    if ($null -ne $machine.failure) { throw $machine.failure }
    Write-Result ([ordered]@{ ok = $true; snapshot = (Read-Machine $machine $prefix $eventIds $historySeconds) }) 0
  }

  $results = New-Object 'System.Collections.Generic.List[object]'
  foreach ($name in @($computers)) {
    $machine = @{ name = [string]$name; failure = $null }
    try { $machine = New-Machine ([string]$name) } catch { $machine.failure = $_ }
    $machines.Add($machine)
  }
  Measure-Cpu @($machines | Where-Object { $null -eq $_.failure }) $sampleSeconds
  foreach ($machine in $machines) {
    $result = $null
    if ($null -eq $machine.failure) {
      try { $result = [ordered]@{ computer = $machine.name; ok = $true; snapshot = (Read-Machine $machine $prefix $eventIds $historySeconds) } } catch { $machine.failure = $_ }
    }
    if ($null -ne $machine.failure) { $result = [ordered]@{ computer = $machine.name; ok = $false; error = (Get-ErrorInfo $machine.failure '') } }
    $results.Add($result)
  }
  Write-Result ([ordered]@{ ok = $true; computers = $results.ToArray() }) 0
} catch {
  Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ '') }) 1
} finally {
  foreach ($machine in $machines) {
    if ($machine.ContainsKey('session') -and $null -ne $machine.session) { Remove-CimSession -CimSession $machine.session }
  }
}
