<#
  task-xml.ps1 - what the simulated Task Scheduler (scheduler.ps1) does with task XML: the
  checks that make RegisterTask refuse it, and the rewriting the stored XML goes through.

  Refusals carry Task Scheduler's HRESULT and its "(line,column):Node:value" text, line and
  column 1-based, the node being the element or attribute that failed (TSCH 2.3.10: D; texts
  in community.windows#633, dahall#39, #136, #553: R). Parser errors have no node and the
  parser's message as value: "(1,2)::ERROR: ..." (vmware-auto-suspend#5: R); the words are
  .NET's here, not MSXML's. The structure and value checks follow the Task Scheduler schema
  (XSD: D) by element name, not by position: Task Scheduler accepts children in any order
  (beh 1.4: D, O). Evidence tags as in scheduler.ps1.
#>

$script:SimNamespace = 'http://schemas.microsoft.com/windows/2004/02/mit/task'

$script:SimXmlCode = @{
  UnexpectedNode = -2147216618  # 0x80041316 SCHED_E_UNEXPECTEDNODE
  Namespace      = -2147216617  # 0x80041317 SCHED_E_NAMESPACE
  InvalidValue   = -2147216616  # 0x80041318 SCHED_E_INVALIDVALUE
  MissingNode    = -2147216615  # 0x80041319 SCHED_E_MISSINGNODE
  MalformedXml   = -2147216614  # 0x8004131A SCHED_E_MALFORMEDXML
  TooManyNodes   = -2147216611  # 0x8004131D SCHED_E_TOO_MANY_NODES
}

# The schema, by element type: "Child=type" with "!" for a required child. "*min-max" makes
# the children a repeated choice with that many in all (Triggers at most 48, Actions 1 to 32,
# exactly one Principal: XSD, RST: D); otherwise each child occurs at most once (xs:all).
# A child repeated beyond its limit is SCHED_E_TOO_MANY_NODES (the code's text; the schema
# limits are D, the code I). Leaf types: text, nonEmpty, path (1-260 characters), bool,
# duration[:min[:max]] (seconds), dateTime, int:min:max, enum:A|B, guid, empty, version.
$trigger = 'Repetition=Repetition StartBoundary=dateTime EndBoundary=dateTime ExecutionTimeLimit=duration Enabled=bool'
$script:SimTaskSchema = @{
  Task = 'RegistrationInfo=RegistrationInfo Triggers=Triggers Settings=Settings Data=text Principals=Principals Actions=Actions!'
  RegistrationInfo = 'URI=text SecurityDescriptor=text Source=text Date=dateTime Author=text Version=text Description=text Documentation=text'
  Triggers = '*0-48 BootTrigger=BootTrigger RegistrationTrigger=BootTrigger IdleTrigger=IdleTrigger TimeTrigger=TimeTrigger EventTrigger=EventTrigger LogonTrigger=LogonTrigger SessionStateChangeTrigger=SessionStateChangeTrigger CalendarTrigger=CalendarTrigger WnfStateChangeTrigger=WnfStateChangeTrigger'
  BootTrigger = "$trigger Delay=duration"
  IdleTrigger = $trigger
  # A TimeTrigger or CalendarTrigger without StartBoundary is SCHED_E_MISSINGNODE
  # "(10,8):StartBoundary" (dahall#748: R).
  TimeTrigger = ($trigger.Replace('StartBoundary=dateTime', 'StartBoundary=dateTime!') + ' RandomDelay=duration')
  EventTrigger = "$trigger Subscription=nonEmpty! Delay=duration PeriodOfOccurrence=duration NumberOfOccurrences=int:1:32 MatchingElement=nonEmpty ValueQueries=ValueQueries"
  ValueQueries = '*1-32 Value=nonEmpty'
  LogonTrigger = "$trigger UserId=nonEmpty Delay=duration"
  SessionStateChangeTrigger = "$trigger StateChange=enum:ConsoleConnect|ConsoleDisconnect|RemoteConnect|RemoteDisconnect|SessionLock|SessionUnlock! UserId=nonEmpty Delay=duration"
  CalendarTrigger = ($trigger.Replace('StartBoundary=dateTime', 'StartBoundary=dateTime!') + ' RandomDelay=duration ScheduleByDay=ScheduleByDay ScheduleByWeek=ScheduleByWeek ScheduleByMonth=ScheduleByMonth ScheduleByMonthDayOfWeek=ScheduleByMonthDayOfWeek')
  # Windows' own tasks carry children the XSD does not know (StateName, Data, DataOffset:
  # corpus of System32 files, O); its type admits any element.
  WnfStateChangeTrigger = "$trigger *any"
  Repetition = 'Interval=duration:60:2678400! Duration=duration:60 StopAtDurationEnd=bool'
  ScheduleByDay = 'DaysInterval=int:1:365'
  ScheduleByWeek = 'WeeksInterval=int:1:52 DaysOfWeek=DaysOfWeek'
  ScheduleByMonth = 'DaysOfMonth=DaysOfMonth Months=Months'
  ScheduleByMonthDayOfWeek = 'Weeks=Weeks DaysOfWeek=DaysOfWeek! Months=Months'
  DaysOfWeek = 'Monday=empty Tuesday=empty Wednesday=empty Thursday=empty Friday=empty Saturday=empty Sunday=empty'
  Months = 'January=empty February=empty March=empty April=empty May=empty June=empty July=empty August=empty September=empty October=empty November=empty December=empty'
  DaysOfMonth = '*0-32 Day=enum:1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28|29|30|31|Last'
  Weeks = '*0-5 Week=enum:1|2|3|4|Last'
  Settings = 'AllowStartOnDemand=bool RestartOnFailure=RestartOnFailure MultipleInstancesPolicy=enum:Parallel|Queue|IgnoreNew|StopExisting DisallowStartIfOnBatteries=bool StopIfGoingOnBatteries=bool AllowHardTerminate=bool StartWhenAvailable=bool NetworkProfileName=text RunOnlyIfNetworkAvailable=bool WakeToRun=bool Enabled=bool Hidden=bool DeleteExpiredTaskAfter=duration IdleSettings=IdleSettings NetworkSettings=NetworkSettings ExecutionTimeLimit=duration Priority=int:0:10 RunOnlyIfIdle=bool UseUnifiedSchedulingEngine=bool Volatile=bool DisallowStartOnRemoteAppSession=bool MaintenanceSettings=MaintenanceSettings'
  # Windows' own files hold MaintenanceSettings without Exclusive (corpus, O): not required.
  MaintenanceSettings = 'Period=duration:86400! Deadline=duration:86400! Exclusive=bool'
  IdleSettings = 'Duration=duration:60 WaitTimeout=duration:60 StopOnIdleEnd=bool RestartOnIdle=bool'
  NetworkSettings = 'Name=nonEmpty Id=guid'
  RestartOnFailure = 'Interval=duration:60:2678400! Count=int:1:255!'
  Principals = '*1-1 Principal=Principal'
  # LogonType: the schema's four values; ServiceAccount is not among them and was refused
  # as out of range on Windows 11 26100 (LT: D; beh 1.4: R).
  Principal = 'UserId=nonEmpty LogonType=enum:S4U|Password|InteractiveToken|InteractiveTokenOrPassword GroupId=nonEmpty DisplayName=text RunLevel=enum:LeastPrivilege|HighestAvailable ProcessTokenSidType=enum:None|Unrestricted RequiredPrivileges=RequiredPrivileges'
  RequiredPrivileges = '*1-64 Privilege=enum:SeCreateTokenPrivilege|SeAssignPrimaryTokenPrivilege|SeLockMemoryPrivilege|SeIncreaseQuotaPrivilege|SeUnsolicitedInputPrivilege|SeMachineAccountPrivilege|SeTcbPrivilege|SeSecurityPrivilege|SeTakeOwnershipPrivilege|SeLoadDriverPrivilege|SeSystemProfilePrivilege|SeSystemtimePrivilege|SeProfileSingleProcessPrivilege|SeIncreaseBasePriorityPrivilege|SeCreatePagefilePrivilege|SeCreatePermanentPrivilege|SeBackupPrivilege|SeRestorePrivilege|SeShutdownPrivilege|SeDebugPrivilege|SeAuditPrivilege|SeSystemEnvironmentPrivilege|SeChangeNotifyPrivilege|SeRemoteShutdownPrivilege|SeUndockPrivilege|SeSyncAgentPrivilege|SeEnableDelegationPrivilege|SeManageVolumePrivilege|SeImpersonatePrivilege|SeCreateGlobalPrivilege|SeTrustedCredManAccessPrivilege|SeRelabelPrivilege|SeIncreaseWorkingSetPrivilege|SeTimeZonePrivilege|SeCreateSymbolicLinkPrivilege'
  # An empty Actions is SCHED_E_MISSINGNODE (Wine L1519-1524: T).
  Actions = '*1-32 Exec=Exec ComHandler=ComHandler SendEmail=SendEmail ShowMessage=ShowMessage'
  Exec = 'Command=path! Arguments=text WorkingDirectory=path'
  ComHandler = 'ClassId=guid! Data=text'
  SendEmail = 'Server=nonEmpty! Subject=text To=text Cc=text Bcc=text ReplyTo=text From=text HeaderFields=HeaderFields Body=text Attachments=Attachments'
  HeaderFields = '*0-32 HeaderField=HeaderField'
  HeaderField = 'Name=nonEmpty! Value=text!'
  Attachments = '*0-8 File=nonEmpty'
  ShowMessage = 'Title=nonEmpty! Body=nonEmpty!'
}
Remove-Variable -Name trigger

# The attributes each element type may carry (XSD: D); xmlns declarations are always allowed.
$script:SimTaskAttributes = @{
  Task = @('version'); Principal = @('id'); Actions = @('Context'); Value = @('name')
  BootTrigger = @('id'); IdleTrigger = @('id'); TimeTrigger = @('id'); EventTrigger = @('id'); LogonTrigger = @('id')
  SessionStateChangeTrigger = @('id'); CalendarTrigger = @('id'); WnfStateChangeTrigger = @('id')
  Exec = @('id'); ComHandler = @('id'); SendEmail = @('id'); ShowMessage = @('id')
}

# The table above, compiled once: type -> @{ children = @{ name = @{ type; required } };
# required = names; min; max (a repeated choice); any }.
$script:SimTypes = @{}
foreach ($entry in $script:SimTaskSchema.GetEnumerator()) {
  # Children by exact name: XML names are case-sensitive (<command> is not <Command>).
  $children = New-Object 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([StringComparer]::Ordinal)
  $type = @{ children = $children; required = @(); min = -1; max = -1; any = $false }
  foreach ($part in $entry.Value.Split([char[]]@(' '), [StringSplitOptions]::RemoveEmptyEntries)) {
    if ($part -eq '*any') { $type.any = $true; continue }
    if ($part.StartsWith('*')) {
      $bounds = $part.Substring(1).Split([char]'-')
      $type.min = [int]$bounds[0]
      $type.max = [int]$bounds[1]
      continue
    }
    $pair = $part.Split([char]'=')
    $childType = $pair[1]
    $required = $childType.EndsWith('!')
    if ($required) { $childType = $childType.Substring(0, $childType.Length - 1); $type.required += $pair[0] }
    $type.children[$pair[0]] = @{ type = $childType; required = $required }
  }
  $script:SimTypes[$entry.Key] = $type
}

# Validated XML, by its text: Task Scheduler's verdict depends on the text alone, and a batch
# checks every task twice (validate pass, then registration).
$script:SimChecked = New-Object 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([StringComparer]::Ordinal)

function New-SimXmlError {
  param([string]$Code, [string]$At, [string]$Node, [string]$Value, [string]$Method, [int]$ArgumentCount)
  return New-SimComError $script:SimXmlCode[$Code] ($At + ':' + $Node + ':' + $Value) $Method $ArgumentCount
}

# Checks task XML the way RegisterTask does. Returns @{ document (XmlDocument); principal =
# @{ userId; userIdAt; groupId; groupIdAt; logonType; at } } or throws Task Scheduler's error.
function Test-SimTaskXml {
  param([string]$Xml, [string]$Method, [int]$ArgumentCount)
  $known = $null
  if ($script:SimChecked.TryGetValue($Xml, [ref]$known)) { return $known }

  # An empty string is SCHED_E_MALFORMEDXML (Wine L1637-1639: T).
  if ($Xml.Trim().Length -eq 0) { throw (New-SimXmlError 'MalformedXml' '(1,1)' '' 'ERROR: no document' $Method $ArgumentCount) }
  # The text arrives as a UTF-16 string: a declaration naming another encoding fails with
  # "(1,39)::ERROR: switch from current encoding to specified encoding not supported"
  # (cartographer#328: R; code CS-Remote-OPs-BOF#39: R).
  $declaration = [regex]::Match($Xml, '^\s*<\?xml[^>]*\?>')
  if ($declaration.Success) {
    $encoding = [regex]::Match($declaration.Value, 'encoding\s*=\s*["'']([^"'']*)["'']')
    if ($encoding.Success -and $encoding.Groups[1].Value -notmatch '^(utf-16|unicode|ucs-2)$') {
      $at = '(1,' + ($declaration.Index + $declaration.Length + 1) + ')'
      throw (New-SimXmlError 'MalformedXml' $at '' 'ERROR: switch from current encoding to specified encoding not supported' $Method $ArgumentCount)
    }
  }

  $principal = @{ userId = $null; userIdAt = $null; groupId = $null; groupIdAt = $null; logonType = $null; at = '(1,1)' }
  $reader = New-Object System.Xml.XmlTextReader -ArgumentList (New-Object System.IO.StringReader -ArgumentList $Xml)
  $reader.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
  $reader.XmlResolver = $null
  $reader.WhitespaceHandling = [System.Xml.WhitespaceHandling]::Significant
  $stack = New-Object 'System.Collections.Generic.List[object]'
  try {
    while ($reader.Read()) {
      $nodeType = [int]$reader.NodeType
      if ($nodeType -eq 1) {
        $frame = Open-SimElement $reader $stack $Method $ArgumentCount
        if ($reader.IsEmptyElement) { Close-SimElement $frame $stack $principal $Method $ArgumentCount }
      } elseif ($nodeType -eq 3 -or $nodeType -eq 4 -or $nodeType -eq 14) {
        if ($stack.Count -gt 0) { $null = $stack[$stack.Count - 1].text.Append($reader.Value) }
      } elseif ($nodeType -eq 15) {
        Close-SimElement $stack[$stack.Count - 1] $stack $principal $Method $ArgumentCount
      }
    }
  } catch [System.Xml.XmlException] {
    # Not well-formed: SCHED_E_MALFORMEDXML (Wine L1525-1534: T).
    $message = $_.Exception.Message -replace '\s*Line \d+, position \d+\.\s*$', ''
    $at = '(' + $_.Exception.LineNumber + ',' + $_.Exception.LinePosition + ')'
    throw (New-SimXmlError 'MalformedXml' $at '' ('ERROR: ' + $message) $Method $ArgumentCount)
  } finally {
    $reader.Close()
  }

  $document = New-Object System.Xml.XmlDocument
  $document.XmlResolver = $null
  $document.LoadXml($Xml)
  $checked = @{ document = $document; principal = $principal }
  $script:SimChecked[$Xml] = $checked
  return $checked
}

# Checks one start tag against its parent; returns its frame.
function Open-SimElement {
  param($Reader, $Stack, [string]$Method, [int]$ArgumentCount)
  $at = '(' + $Reader.LineNumber + ',' + $Reader.LinePosition + ')'
  $name = $Reader.LocalName
  # No namespace, or another one: SCHED_E_NAMESPACE (Wine L1479-1493: T; feedback#1442: R).
  if ($Reader.NamespaceURI -ne $script:SimNamespace) { throw (New-SimXmlError 'Namespace' $at $name '' $Method $ArgumentCount) }
  $type = $null
  if ($Stack.Count -eq 0) {
    # A root other than <Task> (e.g. <TASK>): SCHED_E_UNEXPECTEDNODE (Wine L1494-1508: T).
    if ($name -cne 'Task') { throw (New-SimXmlError 'UnexpectedNode' $at $name '' $Method $ArgumentCount) }
    $type = 'Task'
  } else {
    $parent = $Stack[$Stack.Count - 1]
    if ($parent.type -eq 'any') {
      $type = 'any'
    } else {
      $definition = $script:SimTypes[$parent.type]
      # An element the schema does not have here: SCHED_E_UNEXPECTEDNODE (ERR: D).
      if ($null -eq $definition -or -not $definition.children.ContainsKey($name)) {
        if ($null -eq $definition -or -not $definition.any) { throw (New-SimXmlError 'UnexpectedNode' $at $name '' $Method $ArgumentCount) }
        $type = 'any'
      } else {
        $type = $definition.children[$name].type
        $parent.count++
        if ($definition.max -ge 0) {
          if ($parent.count -gt $definition.max) { throw (New-SimXmlError 'TooManyNodes' $at $name '' $Method $ArgumentCount) }
        } elseif ($parent.seen.ContainsKey($name)) {
          throw (New-SimXmlError 'TooManyNodes' $at $name '' $Method $ArgumentCount)
        }
        # A calendar trigger holds exactly one schedule (XSD xs:choice: D).
        if ($name.StartsWith('ScheduleBy')) {
          if ($parent.schedules -gt 0) { throw (New-SimXmlError 'UnexpectedNode' $at $name '' $Method $ArgumentCount) }
          $parent.schedules = 1
        }
        $parent.seen[$name] = $true
      }
    }
  }
  $frame = @{ name = $name; type = $type; at = $at; seen = @{}; count = 0; schedules = 0; text = (New-Object System.Text.StringBuilder) }
  if ($type -ne 'any') { Test-SimAttributes $Reader $type $name $Method $ArgumentCount }
  $Stack.Add($frame)
  return $frame
}

function Test-SimAttributes {
  param($Reader, [string]$Type, [string]$Element, [string]$Method, [int]$ArgumentCount)
  if (-not $Reader.HasAttributes) { return }
  $allowed = $script:SimTaskAttributes[$Type]
  while ($Reader.MoveToNextAttribute()) {
    $at = '(' + $Reader.LineNumber + ',' + $Reader.LinePosition + ')'
    $name = $Reader.LocalName
    if ($Reader.NamespaceURI -eq 'http://www.w3.org/2000/xmlns/' -or $Reader.Prefix -eq 'xml') { continue }
    if ($Reader.NamespaceURI -ne '') { throw (New-SimXmlError 'Namespace' $at $name '' $Method $ArgumentCount) }
    if ($null -eq $allowed -or $allowed -cnotcontains $name) { throw (New-SimXmlError 'UnexpectedNode' $at $name '' $Method $ArgumentCount) }
    # Task@version is a version number (XSD versionType: D).
    if ($name -eq 'version' -and $Reader.Value -notmatch '^\d+(\.\d+){1,3}$') { throw (New-SimXmlError 'InvalidValue' $at $name $Reader.Value $Method $ArgumentCount) }
  }
  $null = $Reader.MoveToElement()
}

# Checks an element that ended: the value of a leaf, the required children of the others.
function Close-SimElement {
  param($Frame, $Stack, $Principal, [string]$Method, [int]$ArgumentCount)
  $Stack.RemoveAt($Stack.Count - 1)
  $type = $Frame.type
  if ($type -eq 'any') { return }
  $text = $Frame.text.ToString()
  $definition = $script:SimTypes[$type]
  if ($null -ne $definition) {
    if ($text.Trim().Length -gt 0) { throw (New-SimXmlError 'UnexpectedNode' $Frame.at $Frame.name $text.Trim() $Method $ArgumentCount) }
    # Missing elements: SCHED_E_MISSINGNODE naming the element (Wine L1519-1524: T;
    # "(45,8):Period:" with 0x80041319, dahall#553: R).
    foreach ($required in $definition.required) {
      if (-not $Frame.seen.ContainsKey($required)) { throw (New-SimXmlError 'MissingNode' $Frame.at $required '' $Method $ArgumentCount) }
    }
    if ($definition.min -gt 0 -and $Frame.count -lt $definition.min) { throw (New-SimXmlError 'MissingNode' $Frame.at $Frame.name '' $Method $ArgumentCount) }
    if ($type -eq 'CalendarTrigger' -and $Frame.schedules -eq 0) { throw (New-SimXmlError 'MissingNode' $Frame.at 'ScheduleByDay' '' $Method $ArgumentCount) }
    if ($type -eq 'Principal') { $Principal.at = $Frame.at }
    return
  }
  if (-not (Test-SimValue $type $text)) { throw (New-SimXmlError 'InvalidValue' $Frame.at $Frame.name $text $Method $ArgumentCount) }
  if ($Stack.Count -gt 0 -and $Stack[$Stack.Count - 1].type -eq 'Principal') {
    $value = $text.Trim()
    if ($Frame.name -eq 'UserId') { $Principal.userId = $value; $Principal.userIdAt = $Frame.at }
    elseif ($Frame.name -eq 'GroupId') { $Principal.groupId = $value; $Principal.groupIdAt = $Frame.at }
    elseif ($Frame.name -eq 'LogonType') { $Principal.logonType = $value }
  }
}

# A value out of range or badly formatted: SCHED_E_INVALIDVALUE (ERR: D). Booleans are
# true/false/1/0 as xs:boolean has them: <Enabled>FALSE</Enabled> fails (Wine L1535-1546: T;
# 1 and 0 not found in sources, allowed by the XSD: I). Ranges are the XSD's (D).
function Test-SimValue {
  param([string]$Type, [string]$Text)
  $value = $Text.Trim()
  $parts = $Type.Split([char]':')
  switch ($parts[0]) {
    'text' { return $true }
    'nonEmpty' { return $Text.Length -gt 0 }
    'path' { return $Text.Length -gt 0 -and $Text.Length -le 260 }
    'empty' { return $value.Length -eq 0 }
    'bool' { return $value -ceq 'true' -or $value -ceq 'false' -or $value -eq '1' -or $value -eq '0' }
    'guid' { return $value -match '^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$' }
    'enum' { return ($parts[1].Split([char]'|')) -ccontains $value }
    'int' {
      if ($value -notmatch '^\d{1,9}$') { return $false }
      return [int]$value -ge [int]$parts[1] -and [int]$value -le [int]$parts[2]
    }
    'dateTime' { return Test-SimDateTime $value }
    'duration' {
      $seconds = ConvertFrom-SimDuration $value
      if ($null -eq $seconds) { return $false }
      if ($parts.Count -gt 1 -and $seconds -lt [double]$parts[1]) { return $false }
      if ($parts.Count -gt 2 -and $seconds -gt [double]$parts[2]) { return $false }
      return $true
    }
  }
  return $false
}

# xs:duration in seconds (a year 365 days, a month 30), $null when it is not one. Negative
# durations and those over 2^32 seconds are refused: P99999999DT23H59M59S is 0x80041318
# (giip-dev-agent#64: R; the bound itself I).
function ConvertFrom-SimDuration {
  param([string]$Value)
  $match = [regex]::Match($Value, '^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$')
  if (-not $match.Success) { return $null }
  $factors = @(0, 31536000, 2592000, 86400, 3600, 60, 1)
  $seconds = [double]0
  for ($i = 1; $i -le 6; $i++) {
    if ($match.Groups[$i].Success) { $seconds += [double]::Parse($match.Groups[$i].Value, [Globalization.CultureInfo]::InvariantCulture) * $factors[$i] }
  }
  if ($seconds -gt 4294967295) { return $null }
  return $seconds
}

# xs:dateTime: YYYY-MM-DDThh:mm:ss[.fff][Z|+hh:mm], a real calendar date (XSD: D).
function Test-SimDateTime {
  param([string]$Value)
  $match = [regex]::Match($Value, '^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))?$')
  if (-not $match.Success) { return $false }
  $year = [int]$match.Groups[1].Value
  $month = [int]$match.Groups[2].Value
  $day = [int]$match.Groups[3].Value
  if ($year -lt 1 -or $month -lt 1 -or $month -gt 12 -or $day -lt 1 -or $day -gt [DateTime]::DaysInMonth($year, $month)) { return $false }
  if ([int]$match.Groups[4].Value -gt 23 -or [int]$match.Groups[5].Value -gt 59 -or [int]$match.Groups[6].Value -gt 59) { return $false }
  if ($match.Groups[9].Success -and ([int]$match.Groups[9].Value -gt 14 -or [int]$match.Groups[10].Value -gt 59)) { return $false }
  return $true
}

# Settings/Enabled and Settings/Hidden of stored XML (State: Wine L847-880; hidden: GT, Wine
# L930-949: T). `parsed` is false for XML that can't be read (State 0, TASK_STATE_UNKNOWN: I).
function Get-SimTaskFlags {
  param([string]$Xml)
  $flags = @{ enabled = $true; hidden = $false; parsed = $true }
  $document = New-Object System.Xml.XmlDocument
  $document.XmlResolver = $null
  try { $document.LoadXml($Xml) } catch { $flags.parsed = $false; return $flags }
  $settings = Get-SimChild $document.DocumentElement 'Settings'
  if ($null -eq $settings) { return $flags }
  $enabled = Get-SimChild $settings 'Enabled'
  if ($null -ne $enabled -and (ConvertFrom-SimBoolean $enabled.InnerText) -eq $false) { $flags.enabled = $false }
  $hidden = Get-SimChild $settings 'Hidden'
  if ($null -ne $hidden -and (ConvertFrom-SimBoolean $hidden.InnerText) -eq $true) { $flags.hidden = $true }
  return $flags
}

function ConvertFrom-SimBoolean {
  param([string]$Text)
  $value = $Text.Trim()
  return $value -eq 'true' -or $value -eq '1'
}

function Get-SimChild {
  param($Element, [string]$Name)
  if ($null -eq $Element) { return $null }
  foreach ($child in $Element.ChildNodes) {
    if ($child.NodeType -eq [System.Xml.XmlNodeType]::Element -and $child.LocalName -ceq $Name) { return $child }
  }
  return $null
}

function Add-SimChild {
  param($Element, [string]$Name, [string]$Text)
  $child = $Element.OwnerDocument.CreateElement($Name, $script:SimNamespace)
  if ($null -ne $Text) { $child.InnerText = $Text }
  $null = $Element.AppendChild($child)
  return $child
}

# TASK_LOGON_TYPE number -> the XML's LogonType name (LT, TSCH 2.5.6: D). Group (4) and
# ServiceAccount (5) have none in the schema.
$script:SimLogonNames = @{ 0 = 'InteractiveToken'; 1 = 'Password'; 2 = 'S4U'; 3 = 'InteractiveToken'; 6 = 'InteractiveTokenOrPassword' }

# The XML as Task Scheduler stores and returns it (beh 1.1). Windows 10: the document as
# parsed, element order kept, missing nodes appended as the last child of their parent
# (takajo#111: O): RegistrationInfo/URI = the task path, and Principal/LogonType from the
# logonType argument when the XML has none (InteractiveToken for TASK_LOGON_NONE: takajo#111,
# O). Author and Date are not added (same record: O). Windows 11 24H2 also drops
# default-valued elements (opencodex#432, #608, kudu#458: R).
function ConvertTo-SimStoredXml {
  param($Config, $Parsed, [string]$TaskPath, $UserId, [int]$LogonType, [bool]$Disable)
  $document = $Parsed.CloneNode($true)
  $task = $document.DocumentElement
  $registration = Get-SimChild $task 'RegistrationInfo'
  if ($null -eq $registration) { $registration = Add-SimChild $task 'RegistrationInfo' $null }
  if ($null -eq (Get-SimChild $registration 'URI')) { $null = Add-SimChild $registration 'URI' $TaskPath }

  $principal = Get-SimChild (Get-SimChild $task 'Principals') 'Principal'
  if ($null -ne $principal) {
    # Credentials given to RegisterTask take priority over the definition's (RTD: D).
    if ($null -ne $UserId -and [string]$UserId -ne '') {
      $user = Get-SimChild $principal 'UserId'
      if ($null -eq $user) { $user = Add-SimChild $principal 'UserId' $null }
      $user.InnerText = [string]$UserId
    }
    $named = $script:SimLogonNames[$LogonType]
    $logon = Get-SimChild $principal 'LogonType'
    if ($null -eq $logon -and $null -ne $named -and $null -eq (Get-SimChild $principal 'GroupId')) {
      $null = Add-SimChild $principal 'LogonType' $named
    } elseif ($null -ne $logon -and $LogonType -ne 0 -and $null -ne $named) {
      # The argument wins over the XML (dahall#954: R; RTD: D).
      $logon.InnerText = $named
    }
    # Some machines read user names back as SIDs (dahall#29, #835: R).
    $user = Get-SimChild $principal 'UserId'
    if ($Config.userIds -eq 'sid' -and $null -ne $user) {
      $account = Resolve-SimAccount $Config $user.InnerText
      if ($null -ne $account -and -not [string]::IsNullOrEmpty($account.sid)) { $user.InnerText = $account.sid }
    }
  }
  # TASK_DISABLE registers the task disabled (RT: D), written as Settings/Enabled (I).
  if ($Disable) {
    $settings = Get-SimChild $task 'Settings'
    if ($null -eq $settings) { $settings = Add-SimChild $task 'Settings' $null }
    $enabled = Get-SimChild $settings 'Enabled'
    if ($null -eq $enabled) { $enabled = Add-SimChild $settings 'Enabled' $null }
    $enabled.InnerText = 'false'
  }
  if ($Config.windows -eq '11-24H2') { Remove-SimDefaults $task }
  return Format-SimXml $document
}

# Defaults of the schema (XSD: D; beh 1.3: T), dropped by Windows 11 24H2 on export.
$script:SimDefaults = @{
  Settings = @{ AllowStartOnDemand = 'bool:true'; MultipleInstancesPolicy = 'text:IgnoreNew'; DisallowStartIfOnBatteries = 'bool:true'
    StopIfGoingOnBatteries = 'bool:true'; AllowHardTerminate = 'bool:true'; StartWhenAvailable = 'bool:false'; RunOnlyIfNetworkAvailable = 'bool:false'
    WakeToRun = 'bool:false'; Enabled = 'bool:true'; Hidden = 'bool:false'; ExecutionTimeLimit = 'duration:259200'; Priority = 'text:7'
    RunOnlyIfIdle = 'bool:false'; UseUnifiedSchedulingEngine = 'bool:false'; Volatile = 'bool:false'; DisallowStartOnRemoteAppSession = 'bool:false' }
  IdleSettings = @{ Duration = 'duration:600'; WaitTimeout = 'duration:3600'; StopOnIdleEnd = 'bool:true'; RestartOnIdle = 'bool:false' }
  Trigger = @{ Enabled = 'bool:true' }
  Repetition = @{ StopAtDurationEnd = 'bool:false' }
  Principal = @{ RunLevel = 'text:LeastPrivilege' }
}

function Remove-SimDefaults {
  param($Task)
  $settings = Get-SimChild $Task 'Settings'
  if ($null -ne $settings) {
    Remove-SimDefaultChildren $settings $script:SimDefaults.Settings
    $idle = Get-SimChild $settings 'IdleSettings'
    if ($null -ne $idle) {
      Remove-SimDefaultChildren $idle $script:SimDefaults.IdleSettings
      if (-not $idle.HasChildNodes) { $null = $settings.RemoveChild($idle) }
    }
  }
  $triggers = Get-SimChild $Task 'Triggers'
  if ($null -ne $triggers) {
    foreach ($trigger in @($triggers.ChildNodes)) {
      if ($trigger.NodeType -ne [System.Xml.XmlNodeType]::Element) { continue }
      Remove-SimDefaultChildren $trigger $script:SimDefaults.Trigger
      $repetition = Get-SimChild $trigger 'Repetition'
      if ($null -ne $repetition) { Remove-SimDefaultChildren $repetition $script:SimDefaults.Repetition }
    }
  }
  $principal = Get-SimChild (Get-SimChild $Task 'Principals') 'Principal'
  if ($null -ne $principal) { Remove-SimDefaultChildren $principal $script:SimDefaults.Principal }
}

function Remove-SimDefaultChildren {
  param($Element, $Defaults)
  foreach ($child in @($Element.ChildNodes)) {
    if ($child.NodeType -ne [System.Xml.XmlNodeType]::Element) { continue }
    $default = $Defaults[$child.LocalName]
    if ($null -eq $default) { continue }
    $kind, $expected = $default.Split([char[]]@(':'), 2)
    $value = $child.InnerText.Trim()
    $equal = $false
    if ($kind -eq 'bool') { $equal = (ConvertFrom-SimBoolean $value) -eq ($expected -eq 'true') }
    elseif ($kind -eq 'duration') { $equal = (ConvertFrom-SimDuration $value) -eq [double]$expected }
    else { $equal = $value -ceq $expected }
    if ($equal) { $null = $Element.RemoveChild($child) }
  }
}

# Serialized the way Windows writes task XML: a UTF-16 declaration, CRLF line ends, two-space
# indent (EDR-Telemetry#216, ansible.windows#268: O); quotes in text are written as they are,
# `&quot;` becomes `"` (opencodex#608, #708: R), `&amp;` and `&gt;` stay (takajo#111: O).
function Format-SimXml {
  param($Document)
  $settings = New-Object System.Xml.XmlWriterSettings
  $settings.Indent = $true
  $settings.IndentChars = '  '
  $settings.NewLineChars = "`r`n"
  $settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize
  $settings.OmitXmlDeclaration = $true
  $settings.ConformanceLevel = [System.Xml.ConformanceLevel]::Document
  $buffer = New-Object System.IO.StringWriter -ArgumentList ([Globalization.CultureInfo]::InvariantCulture)
  $writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
  foreach ($node in $Document.ChildNodes) {
    if ($node.NodeType -ne [System.Xml.XmlNodeType]::XmlDeclaration) { $node.WriteTo($writer) }
  }
  $writer.Flush()
  $writer.Close()
  return '<?xml version="1.0" encoding="UTF-16"?>' + "`r`n" + $buffer.ToString()
}
