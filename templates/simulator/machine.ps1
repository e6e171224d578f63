<#
  machine.ps1 - the machine side of taskctl's Windows simulator: processes, CPU, memory and
  the Task Scheduler event log of a simulated computer, so that capture-machine.ps1 and
  stop-processes.ps1 run their real lines on any system.

  Loaded by taskctl-common.ps1 (with every templates/simulator/*.ps1) when
  $env:TASKCTL_SCHEDULER_SIMULATOR names a folder DIR. It defines functions that take the
  place of the cmdlets those scripts call (a function wins over a cmdlet of the same name):
  New-CimSession, Remove-CimSession, Get-CimInstance, Invoke-CimMethod, Get-WinEvent.

  The computer NAME is DIR/NAME/.machine.json (this machine: DIR/localhost/.machine.json), a
  dot-file so the Task Scheduler simulator never takes it for a task; a computer without a
  folder can't be reached. The file:
    { "computerName": "AGI-PC",                        Win32_OperatingSystem.CSName (default: NAME)
      "localDateTime": "2025-11-02T22:45:00+09:00",    the machine's clock (LocalDateTime)
      "memory": { "totalBytes": 34359738368, "availableBytes": 15564440780 },
      "cpu": { "processors": 4, "samples": [ 71.5, 80.2 ] },   % busy, one per second, in turn
      "processes": [ { "ProcessId", "ParentProcessId", "Name", "CommandLine",
                       "CreationDate", "WorkingSetSize", "UserModeTime", "KernelModeTime" } ],
      "protectedProcessIds": [ 4 ],                    Terminate returns 2 (access denied)
      "terminate": { "4120": { "returnValue": 3 },     what Terminate does instead of ending the process:
                     "4188": { "hresult": -2147024891, "exits": false } },   return a code, or throw
                                                       (and, with "exits", let the process exit first)
      "services": [ { "Name": "Schedule", "ProcessId": 1820 } ],
      "servicesDenied": false,                         Win32_Service queries are refused
      "historyEnabled": true,                          Operational log IsEnabled
      "historyLogMissing": false,                      the Operational log does not exist
      "historyDenied": false,                          reading the log's events is refused
      "events": [ { "Id": 201, "Version": 2, "TimeCreated": "2025-11-02T22:00:03+09:00",
                    "EventData": { "TaskName": "\\AGI_X", "TaskInstanceId": "{...}",
                                   "ActionName": "...", "ResultCode": 0, "EnginePID": 4120 } } ] }
  Dates may be ISO 8601 or CIM's DMTF form (20251102224500.000000+540); they come back as
  local DateTime values, as CIM and Get-WinEvent give them. EventData is given by name, in
  the order the event's version lays it out: Properties[n] follows that order, as on Windows,
  and ToXml() renders <Data Name="...">. A process ended through Terminate disappears from
  .machine.json (its children stay, as on Windows).
  Windows PowerShell 5.1 and PowerShell 7: no 7-only syntax. Plain ASCII.
#>

$script:SimEventLog = 'Microsoft-Windows-TaskScheduler/Operational'
# Raw processor counters handed out so far, per computer: they advance with the clock.
$script:SimProcessorCounters = @{}
# .machine.json files already parsed, by path, with the write time they were parsed at.
$script:SimMachines = @{}

function Get-SimMachineFolder {
  param([string]$ComputerName)
  $name = $ComputerName
  if ([string]::IsNullOrEmpty($name) -or $name -eq '.' -or $name -eq 'localhost') { $name = 'localhost' }
  return @{ name = $name; folder = [System.IO.Path]::Combine($env:TASKCTL_SCHEDULER_SIMULATOR, $name) }
}

function Read-SimMachine {
  param([string]$ComputerName)
  $where = Get-SimMachineFolder $ComputerName
  $file = [System.IO.Path]::Combine($where.folder, '.machine.json')
  if (-not [System.IO.Directory]::Exists($where.folder)) {
    throw (New-Object System.Runtime.InteropServices.COMException -ArgumentList ('The RPC server is unavailable. (' + $where.name + ')'), -2147023174)
  }
  if (-not [System.IO.File]::Exists($file)) { throw ('the simulated computer ' + $where.name + ' has no .machine.json') }
  # Parsed once per version of the file: a capture reads the machine a few dozen times.
  $stamp = [System.IO.File]::GetLastWriteTimeUtc($file).Ticks
  $cached = $script:SimMachines[$file]
  if ($null -eq $cached -or $cached.stamp -ne $stamp) {
    $cached = @{ stamp = $stamp; data = (ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file))) }
    $script:SimMachines[$file] = $cached
  }
  return @{ name = $where.name; file = $file; data = $cached.data }
}

function Save-SimMachine {
  param($Machine)
  $temporary = $Machine.file + '.sim-' + $PID
  $encoding = New-Object System.Text.UTF8Encoding -ArgumentList $false
  [System.IO.File]::WriteAllText($temporary, (ConvertTo-Json -InputObject $Machine.data -Depth 12), $encoding)
  if ([System.IO.File]::Exists($Machine.file)) { [System.IO.File]::Delete($Machine.file) }
  [System.IO.File]::Move($temporary, $Machine.file)
  $script:SimMachines.Remove($Machine.file)
}

function Get-SimProperty {
  param($Object, [string]$Name, $Default)
  if ($null -eq $Object) { return $Default }
  $property = $Object.PSObject.Properties[$Name]
  if ($null -eq $property -or $null -eq $property.Value) { return $Default }
  return $property.Value
}

# ISO 8601 or DMTF (yyyyMMddHHmmss.ffffff+UUU, UUU = minutes east of UTC) -> local DateTime.
function ConvertTo-SimDateTime {
  param($Value)
  if ($null -eq $Value) { return $null }
  # PowerShell 7's ConvertFrom-Json has already turned ISO strings into DateTime values.
  if ($Value -is [DateTime]) {
    if ($Value.Kind -eq [DateTimeKind]::Unspecified) { return [DateTime]::SpecifyKind($Value, [DateTimeKind]::Local) }
    return $Value.ToLocalTime()
  }
  $text = [string]$Value
  if ($text -match '^(\d{14})\.(\d{6})([+-])(\d{3})$') {
    $utc = [DateTime]::ParseExact($Matches[1], 'yyyyMMddHHmmss', [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AssumeUniversal -bor [Globalization.DateTimeStyles]::AdjustToUniversal)
    $utc = $utc.AddTicks([long]$Matches[2] * 10)
    $offset = [int]$Matches[4]
    if ($Matches[3] -eq '-') { $offset = -$offset }
    return $utc.AddMinutes(-$offset).ToLocalTime()
  }
  return [DateTimeOffset]::Parse($text, [Globalization.CultureInfo]::InvariantCulture).LocalDateTime
}

# The computer a CIM call goes to: its session's (the templates open one per remote computer), else this one.
function Get-SimComputerName {
  param($CimSession)
  if ($null -eq $CimSession) { return $null }
  return [string]$CimSession.ComputerName
}

function New-CimSession {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$ComputerName)
  $machine = Read-SimMachine $ComputerName[0]
  return [pscustomobject]@{ ComputerName = $machine.name; Protocol = 'WSMAN' }
}

function Remove-CimSession {
  [CmdletBinding()]
  param([Parameter(Position = 0)]$CimSession)
}

# WQL `Name = 'Schedule'` / `ProcessId = 4120`: the only filter forms the templates write.
function Test-SimFilter {
  param($Instance, [string]$Filter)
  if ([string]::IsNullOrEmpty($Filter)) { return $true }
  if ($Filter -notmatch "^\s*(\w+)\s*=\s*(?:'([^']*)'|(\d+))\s*$") { throw ('Invalid query: ' + $Filter) }
  $actual = $Instance.PSObject.Properties[$Matches[1]]
  if ($null -eq $actual) { throw ('Invalid query: ' + $Filter) }
  if ($null -ne $Matches[3] -and $Matches[3] -ne '') { return [string]$actual.Value -eq $Matches[3] }
  return [string]$actual.Value -eq $Matches[2]
}

function New-SimProcess {
  param($Record)
  return [pscustomobject]@{
    ProcessId       = [uint32](Get-SimProperty $Record 'ProcessId' 0)
    ParentProcessId = [uint32](Get-SimProperty $Record 'ParentProcessId' 0)
    Name            = [string](Get-SimProperty $Record 'Name' '')
    CommandLine     = (Get-SimProperty $Record 'CommandLine' $null)
    CreationDate    = (ConvertTo-SimDateTime (Get-SimProperty $Record 'CreationDate' $null))
    WorkingSetSize  = [uint64](Get-SimProperty $Record 'WorkingSetSize' 0)
    UserModeTime    = [uint64](Get-SimProperty $Record 'UserModeTime' 0)
    KernelModeTime  = [uint64](Get-SimProperty $Record 'KernelModeTime' 0)
  }
}

# PERF_100NSEC_TIMER_INV counters: the idle time of each processor grows by (1 - busy) of the
# time that passed, busy being the machine's samples in turn, so that a reader computing
# 100 * (1 - dIdle / dTime) between two readings gets the samples back.
function Get-SimProcessorRows {
  param($Machine)
  $cpu = Get-SimProperty $Machine.data 'cpu' $null
  $samples = @(Get-SimProperty $cpu 'samples' @())
  $processors = [int](Get-SimProperty $cpu 'processors' 4)
  $now = [decimal][DateTime]::UtcNow.ToFileTimeUtc()
  $state = $script:SimProcessorCounters[$Machine.name]
  if ($null -eq $state) {
    $state = @{ reads = 0; time = $now; idle = [decimal]0 }
    $script:SimProcessorCounters[$Machine.name] = $state
  } else {
    $busy = 0
    if ($samples.Count -gt 0) { $busy = [double]$samples[($state.reads - 1) % $samples.Count] }
    $state.idle += [decimal][Math]::Round((1 - $busy / 100) * [double]($now - $state.time))
    $state.time = $now
  }
  $state.reads += 1
  $rows = @()
  for ($i = 0; $i -lt $processors; $i++) {
    $rows += [pscustomobject]@{ Name = [string]$i; PercentProcessorTime = [uint64]$state.idle; Timestamp_Sys100NS = [uint64]$state.time }
  }
  $rows += [pscustomobject]@{ Name = '_Total'; PercentProcessorTime = [uint64]$state.idle; Timestamp_Sys100NS = [uint64]$state.time }
  return $rows
}

function Get-CimInstance {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string]$ClassName,
    [string]$Filter,
    [string[]]$Property,
    $CimSession
  )
  $computer = Get-SimComputerName $CimSession
  $machine = Read-SimMachine $computer
  $data = $machine.data
  $rows = @()
  switch ($ClassName) {
    'Win32_Process' {
      $rows = @(Get-SimProperty $data 'processes' @() | ForEach-Object { New-SimProcess $_ })
    }
    'Win32_OperatingSystem' {
      $memory = Get-SimProperty $data 'memory' $null
      $rows = @([pscustomobject]@{
        CSName                 = [string](Get-SimProperty $data 'computerName' $machine.name)
        LocalDateTime          = (ConvertTo-SimDateTime (Get-SimProperty $data 'localDateTime' ([DateTime]::Now.ToString('o'))))
        TotalVisibleMemorySize = [uint64][Math]::Floor([double](Get-SimProperty $memory 'totalBytes' 0) / 1024)
        FreePhysicalMemory     = [uint64][Math]::Floor([double](Get-SimProperty $memory 'availableBytes' 0) / 1024)
      })
    }
    'Win32_PerfRawData_PerfOS_Processor' { $rows = Get-SimProcessorRows $machine }
    'Win32_Service' {
      if ([bool](Get-SimProperty $data 'servicesDenied' $false)) {
        throw (New-Object System.Runtime.InteropServices.COMException -ArgumentList 'Access denied ', -2147217405)
      }
      $rows = @(Get-SimProperty $data 'services' @() | ForEach-Object {
        [pscustomobject]@{ Name = [string](Get-SimProperty $_ 'Name' ''); ProcessId = [uint32](Get-SimProperty $_ 'ProcessId' 0) }
      })
    }
    default {
      $exception = New-Object System.Runtime.InteropServices.COMException -ArgumentList 'Invalid class ', -2147217392
      throw $exception
    }
  }
  foreach ($row in $rows) {
    if (Test-SimFilter $row $Filter) { $row }
  }
}

function Invoke-CimMethod {
  [CmdletBinding()]
  param($InputObject, [string]$MethodName, $CimSession)
  if ($MethodName -ne 'Terminate' -or $null -eq $InputObject) { throw ('The simulator knows Win32_Process.Terminate only, not ' + $MethodName) }
  $machine = Read-SimMachine (Get-SimComputerName $CimSession)
  $processId = [int]$InputObject.ProcessId
  $remaining = @(Get-SimProperty $machine.data 'processes' @() | Where-Object { [int](Get-SimProperty $_ 'ProcessId' 0) -ne $processId })
  if ($remaining.Count -eq @(Get-SimProperty $machine.data 'processes' @()).Count) {
    # As CIM says of an instance that no longer exists.
    throw (New-Object System.Runtime.InteropServices.COMException -ArgumentList 'Not found ', -2147217406)
  }
  if (@(Get-SimProperty $machine.data 'protectedProcessIds' @()) -contains $processId) {
    return [pscustomobject]@{ ReturnValue = [uint32]2 }
  }
  $special = Get-SimProperty (Get-SimProperty $machine.data 'terminate' $null) ([string]$processId) $null
  if ($null -ne $special) {
    $hresult = Get-SimProperty $special 'hresult' $null
    if ($null -eq $hresult) { return [pscustomobject]@{ ReturnValue = [uint32](Get-SimProperty $special 'returnValue' 0) } }
    if ([bool](Get-SimProperty $special 'exits' $false)) {
      $machine.data.processes = $remaining
      Save-SimMachine $machine
    }
    throw (New-Object System.Runtime.InteropServices.COMException -ArgumentList 'The operation failed ', ([int]$hresult))
  }
  $machine.data.processes = $remaining
  Save-SimMachine $machine
  return [pscustomobject]@{ ReturnValue = [uint32]0 }
}

# One EventData value, as EventLogRecord.Properties holds it.
class SimEventProperty {
  [object]$Value
  SimEventProperty([object]$value) { $this.Value = $value }
}

# An event as Get-WinEvent gives it: Id, Version, TimeCreated (local), Properties in the order
# of the event's EventData, and ToXml() with <Data Name='...'> elements (single quotes, as
# Windows renders them). A class: tens of thousands are built per capture.
class SimEventRecord {
  [int]$Id
  [byte]$Version
  [string]$LogName = 'Microsoft-Windows-TaskScheduler/Operational'
  [string]$ProviderName = 'Microsoft-Windows-TaskScheduler'
  [string]$MachineName
  [DateTime]$TimeCreated
  [object[]]$Properties
  hidden [string[]]$DataNames

  SimEventRecord([object]$event, [DateTime]$time, [string]$computer) {
    $this.Id = [int]$event.Id
    $given = $event.PSObject.Properties['Version']
    if ($null -ne $given -and $null -ne $given.Value) { $this.Version = [byte]$given.Value }
    $this.MachineName = $computer
    $this.TimeCreated = $time
    $names = [System.Collections.Generic.List[string]]::new()
    $values = [System.Collections.Generic.List[object]]::new()
    $data = $event.PSObject.Properties['EventData']
    if ($null -ne $data -and $null -ne $data.Value) {
      foreach ($p in $data.Value.PSObject.Properties) {
        $names.Add($p.Name)
        $values.Add([SimEventProperty]::new($p.Value))
      }
    }
    $this.DataNames = $names.ToArray()
    $this.Properties = $values.ToArray()
  }

  [string] ToXml() {
    $parts = [System.Text.StringBuilder]::new()
    [void]$parts.Append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>")
    [void]$parts.Append("<Provider Name='" + $this.ProviderName + "' Guid='{de7b24ea-73c8-4a09-985d-5bdadcfa9017}'/>")
    [void]$parts.Append('<EventID>' + $this.Id + '</EventID><Version>' + $this.Version + '</Version>')
    [void]$parts.Append("<TimeCreated SystemTime='" + $this.TimeCreated.ToUniversalTime().ToString('o') + "'/>")
    [void]$parts.Append('<Channel>' + $this.LogName + '</Channel><Computer>' + [System.Security.SecurityElement]::Escape($this.MachineName) + '</Computer>')
    [void]$parts.Append('</System><EventData>')
    for ($i = 0; $i -lt $this.DataNames.Count; $i++) {
      $value = $this.Properties[$i].Value
      if ($null -eq $value) { [void]$parts.Append("<Data Name='" + $this.DataNames[$i] + "'/>"); continue }
      [void]$parts.Append("<Data Name='" + $this.DataNames[$i] + "'>" + [System.Security.SecurityElement]::Escape([string]$value) + '</Data>')
    }
    [void]$parts.Append('</EventData></Event>')
    return $parts.ToString()
  }
}

function Get-WinEvent {
  [CmdletBinding()]
  param([string]$ListLog, [hashtable]$FilterHashtable, [string]$ComputerName)
  $machine = Read-SimMachine $ComputerName
  if ($PSBoundParameters.ContainsKey('ListLog')) {
    if ($ListLog -ne $script:SimEventLog -or [bool](Get-SimProperty $machine.data 'historyLogMissing' $false)) { throw ('There is not an event log on the ' + $machine.name + ' computer that matches "' + $ListLog + '".') }
    return [pscustomobject]@{ LogName = $script:SimEventLog; IsEnabled = [bool](Get-SimProperty $machine.data 'historyEnabled' $true) }
  }
  if ([bool](Get-SimProperty $machine.data 'historyDenied' $false)) {
    throw (New-Object System.UnauthorizedAccessException -ArgumentList 'Attempted to perform an unauthorized operation.')
  }
  if ([string]$FilterHashtable['LogName'] -ne $script:SimEventLog) {
    throw ('There is not an event log on the ' + $machine.name + ' computer that matches "' + [string]$FilterHashtable['LogName'] + '".')
  }
  $ids = @()
  if ($FilterHashtable.ContainsKey('Id')) { $ids = @($FilterHashtable['Id'] | ForEach-Object { [int]$_ }) }
  $since = $null
  if ($FilterHashtable.ContainsKey('StartTime')) { $since = [DateTime]$FilterHashtable['StartTime'] }
  $wanted = New-Object 'System.Collections.Generic.HashSet[int]'
  foreach ($id in $ids) { [void]$wanted.Add($id) }
  $found = New-Object 'System.Collections.Generic.List[object]'
  foreach ($event in @(Get-SimProperty $machine.data 'events' @())) {
    if ($wanted.Count -gt 0 -and -not $wanted.Contains([int]$event.Id)) { continue }
    $time = ConvertTo-SimDateTime $event.TimeCreated
    if ($null -ne $since -and $time -lt $since) { continue }
    $found.Add([SimEventRecord]::new($event, $time, $machine.name))
  }
  if ($found.Count -eq 0) {
    Write-Error -Message 'No events were found that match the specified selection criteria.' -ErrorId 'NoMatchingEventsFound' -Category ObjectNotFound
    return
  }
  # Newest first, as Get-WinEvent reads a log.
  $found.ToArray() | Sort-Object -Property TimeCreated -Descending
}
