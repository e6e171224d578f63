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

# Compiled task XML checks and the XML they passed, by text: Task Scheduler's verdict depends
# on the text alone, and a batch checks every task twice (validate pass, then registration).
$script:SimTypes = @{}
$script:SimElementTypes = @{}
$script:SimValidating = $null
$script:SimNamespaces = [System.Xml.XmlNamespaceManager]::new([System.Xml.NameTable]::new())
$script:SimNamespaces.AddNamespace('t', $script:SimNamespace)
$script:SimChecked = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)

# TASK_LOGON_TYPE number -> the XML's LogonType name (LT, TSCH 2.5.6: D). Group (4) and
# ServiceAccount (5) have none in the schema.
$script:SimLogonNames = @{ 0 = 'InteractiveToken'; 1 = 'Password'; 2 = 'S4U'; 3 = 'InteractiveToken'; 6 = 'InteractiveTokenOrPassword' }

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

class SimTaskXml {
  # The table above as type -> @{ children (by exact name: XML is case-sensitive, <command>
  # is not <Command>) = @{ name = child type }; required = names; min; max; any }.
  # Done once, when XML is first checked: a read of the tasks never needs it, and every
  # process pays for what it compiles.
  static [void] Compile() {
    if ($script:SimTypes.Count -gt 0) { return }
    foreach ($entry in $script:SimTaskSchema.GetEnumerator()) {
      $children = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
      $type = @{ children = $children; required = [System.Collections.Generic.List[string]]::new(); min = -1; max = -1; any = $false }
      foreach ($part in ([string]$entry.Value).Split([char[]]@(' '), [StringSplitOptions]::RemoveEmptyEntries)) {
        if ($part -eq '*any') { $type.any = $true; continue }
        if ($part.StartsWith('*')) {
          $bounds = $part.Substring(1).Split([char]'-')
          $type.min = [int]$bounds[0]
          $type.max = [int]$bounds[1]
          continue
        }
        $pair = $part.Split([char]'=')
        $childType = $pair[1]
        if ($childType.EndsWith('!')) {
          $childType = $childType.Substring(0, $childType.Length - 1)
          $type.required.Add($pair[0])
        }
        $children[$pair[0]] = $childType
      }
      $script:SimTypes[[string]$entry.Key] = $type
    }
    # Element name -> its type, for the ranges of the durations Fast checks; the XPath of
    # every duration element, and of what only Walk checks.
    $durations = [System.Collections.Generic.List[string]]::new()
    foreach ($type in $script:SimTypes.Values) {
      foreach ($child in $type.children.GetEnumerator()) {
        if ($script:SimTypes.ContainsKey($child.Value)) { $script:SimElementTypes[$child.Key] = $child.Value }
        elseif ($child.Value.StartsWith('duration') -and -not $durations.Contains('//t:' + $child.Key)) { $durations.Add('//t:' + $child.Key) }
      }
    }
    $script:SimDurations = [string]::Join(' | ', $durations)
    $script:SimWalkOnly = '//t:WnfStateChangeTrigger | //t:CalendarTrigger[count(t:ScheduleByDay | t:ScheduleByWeek | t:ScheduleByMonth | t:ScheduleByMonthDayOfWeek) != 1]'
  }

  # The reader settings that validate against the XSD below, made when first needed: a read
  # of the tasks never checks XML, and compiling a schema takes the better part of a second.
  static [System.Xml.XmlReaderSettings] Validating() {
    if ($null -eq $script:SimValidating) {
      $schemas = [System.Xml.Schema.XmlSchemaSet]::new()
      $null = $schemas.Add([System.Xml.Schema.XmlSchema]::Read([System.IO.StringReader]::new([SimTaskXml]::Xsd()), $null))
      $schemas.Compile()
      $settings = [System.Xml.XmlReaderSettings]::new()
      $settings.ValidationType = [System.Xml.ValidationType]::Schema
      $settings.Schemas = $schemas
      $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
      $settings.XmlResolver = $null
      $script:SimValidating = $settings
    }
    return $script:SimValidating
  }

  # The table as an XSD that accepts no more than Walk: every simple type as strict as its
  # check or stricter (enumerations and patterns do not trim), xs:all where Walk takes any
  # order and each child once, xs:choice with the bounds of a repeated group.
  static [string] Xsd() {
    $text = [System.Text.StringBuilder]::new()
    $null = $text.Append('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="').Append($script:SimNamespace)
    $null = $text.Append('" targetNamespace="').Append($script:SimNamespace).Append('" elementFormDefault="qualified">')
    $null = $text.Append('<xs:element name="Task" type="t:Task"/>')
    $leaves = @{}
    foreach ($entry in $script:SimTypes.GetEnumerator()) {
      $type = $entry.Value
      $null = $text.Append('<xs:complexType name="').Append($entry.Key).Append('">')
      $group = 'all'
      if ($type.any) { $group = 'sequence' }
      if ($type.max -ge 0) { $group = 'choice minOccurs="' + $type.min + '" maxOccurs="' + $type.max + '"' }
      $null = $text.Append('<xs:').Append($group).Append('>')
      # A type that admits any element (WNF triggers) is left to Walk: any element at all.
      if ($type.any) { $null = $text.Append('<xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>') }
      foreach ($child in $type.children.GetEnumerator()) {
        if ($type.any) { break }
        $childType = $child.Value
        $reference = 't:' + $childType
        if (-not $script:SimTypes.ContainsKey($childType)) {
          $reference = 't:leaf' + $leaves.Count
          if ($leaves.ContainsKey($childType)) { $reference = $leaves[$childType] } else { $leaves[$childType] = $reference }
        }
        $minimum = '0'
        if ($type.required.Contains($child.Key)) { $minimum = '1' }
        if ($type.max -ge 0) { $minimum = '1' }
        $null = $text.Append('<xs:element name="').Append($child.Key).Append('" type="').Append($reference).Append('" minOccurs="').Append($minimum).Append('"/>')
      }
      $null = $text.Append('</xs:').Append($group.Split([char]' ')[0]).Append('>')
      $attributes = $script:SimTaskAttributes[$entry.Key]
      if ($null -ne $attributes) {
        foreach ($attribute in $attributes) {
          $attributeType = 'xs:string'
          if ($attribute -eq 'version') { $attributeType = 't:version' }
          $null = $text.Append('<xs:attribute name="').Append($attribute).Append('" type="').Append($attributeType).Append('"/>')
        }
      }
      $null = $text.Append('</xs:complexType>')
    }
    $null = $text.Append('<xs:simpleType name="version"><xs:restriction base="xs:string"><xs:pattern value="\d+(\.\d+){1,3}"/></xs:restriction></xs:simpleType>')
    foreach ($leaf in $leaves.GetEnumerator()) {
      $null = $text.Append('<xs:simpleType name="').Append($leaf.Value.Substring(2)).Append('">').Append([SimTaskXml]::XsdRestriction($leaf.Key)).Append('</xs:simpleType>')
    }
    return $text.Append('</xs:schema>').ToString()
  }

  static [string] XsdRestriction([string]$type) {
    $parts = $type.Split([char]':')
    $kind = $parts[0]
    if ($kind -eq 'text') { return '<xs:restriction base="xs:string"/>' }
    if ($kind -eq 'nonEmpty') { return '<xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction>' }
    if ($kind -eq 'path') { return '<xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="260"/></xs:restriction>' }
    if ($kind -eq 'empty') { return '<xs:restriction base="xs:string"><xs:maxLength value="0"/></xs:restriction>' }
    if ($kind -eq 'bool') { return '<xs:restriction base="xs:string"><xs:pattern value="true|false|1|0"/></xs:restriction>' }
    if ($kind -eq 'guid') { return '<xs:restriction base="xs:string"><xs:pattern value="\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?"/></xs:restriction>' }
    if ($kind -eq 'int') { return '<xs:restriction base="xs:int"><xs:pattern value="\d{1,9}"/><xs:minInclusive value="' + $parts[1] + '"/><xs:maxInclusive value="' + $parts[2] + '"/></xs:restriction>' }
    if ($kind -eq 'dateTime') { return '<xs:restriction base="xs:dateTime"><xs:pattern value="\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+\-](0\d|1[0-4]):[0-5]\d)?"/></xs:restriction>' }
    # Durations: their ranges are checked after the schema, in Fast.
    if ($kind -eq 'duration') { return '<xs:restriction base="xs:string"><xs:pattern value="P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"/></xs:restriction>' }
    $values = [System.Text.StringBuilder]::new('<xs:restriction base="xs:string">')
    foreach ($value in $parts[1].Split([char]'|')) { $null = $values.Append('<xs:enumeration value="').Append($value).Append('"/>') }
    return $values.Append('</xs:restriction>').ToString()
  }

  static [System.Management.Automation.MethodInvocationException] Error([string]$code, [string]$at, [string]$node, [string]$value, [string]$method, [int]$count) {
    return New-SimComError $script:SimXmlCode[$code] ($at + ':' + $node + ':' + $value) $method $count
  }

  # Checks task XML the way RegisterTask does. Returns @{ xml; document (XmlDocument);
  # principal = @{ userId; userIdAt; groupId; groupIdAt; logonType; at } } or throws Task
  # Scheduler's error. Positions are only known after the element-by-element check (Walk);
  # XML that the schema compiled from the table accepts (Fast) skips it, being valid.
  static [hashtable] Check([string]$xml, [string]$method, [int]$count) {
    $known = $null
    if ($script:SimChecked.TryGetValue($xml, [ref]$known)) { return $known }
    [SimTaskXml]::Compile()
    # An empty string is SCHED_E_MALFORMEDXML (Wine L1637-1639: T).
    if ($xml.Trim().Length -eq 0) { throw [SimTaskXml]::Error('MalformedXml', '(1,1)', '', 'ERROR: no document', $method, $count) }
    # The text arrives as a UTF-16 string: a declaration naming another encoding fails with
    # "(1,39)::ERROR: switch from current encoding to specified encoding not supported"
    # (cartographer#328: R; the code CS-Remote-OPs-BOF#39: R).
    $declaration = [regex]::Match($xml, '^\s*<\?xml[^>]*\?>')
    if ($declaration.Success) {
      $encoding = [regex]::Match($declaration.Value, 'encoding\s*=\s*["'']([^"'']*)["'']')
      if ($encoding.Success -and $encoding.Groups[1].Value -notmatch '^(utf-16|unicode|ucs-2)$') {
        $at = '(1,' + ($declaration.Index + $declaration.Length + 1) + ')'
        throw [SimTaskXml]::Error('MalformedXml', $at, '', 'ERROR: switch from current encoding to specified encoding not supported', $method, $count)
      }
    }
    $checked = [SimTaskXml]::Fast($xml)
    if ($null -eq $checked) { $checked = [SimTaskXml]::Walk($xml, $method, $count) }
    $script:SimChecked[$xml] = $checked
    return $checked
  }

  # The check element by element, with Task Scheduler's error at the first problem.
  static [hashtable] Walk([string]$xml, [string]$method, [int]$count) {
    $principal = @{ userId = $null; userIdAt = $null; groupId = $null; groupIdAt = $null; logonType = $null; at = '(1,1)' }
    $reader = [System.Xml.XmlTextReader]::new([System.IO.StringReader]::new($xml))
    $reader.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $reader.XmlResolver = $null
    $reader.WhitespaceHandling = [System.Xml.WhitespaceHandling]::Significant
    $stack = [System.Collections.Generic.List[hashtable]]::new()
    try {
      while ($reader.Read()) {
        $nodeType = [int]$reader.NodeType
        if ($nodeType -eq 1) {
          $frame = [SimTaskXml]::Open($reader, $stack, $method, $count)
          if ($reader.IsEmptyElement) { [SimTaskXml]::Close($frame, $stack, $principal, $method, $count) }
        } elseif ($nodeType -eq 3 -or $nodeType -eq 4 -or $nodeType -eq 14) {
          if ($stack.Count -gt 0) { $null = $stack[$stack.Count - 1].text.Append($reader.Value) }
        } elseif ($nodeType -eq 15) {
          [SimTaskXml]::Close($stack[$stack.Count - 1], $stack, $principal, $method, $count)
        }
      }
    } catch [System.Xml.XmlException] {
      # Not well-formed: SCHED_E_MALFORMEDXML (Wine L1525-1534: T).
      $problem = $_.Exception
      $message = $problem.Message -replace '\s*Line \d+, position \d+\.\s*$', ''
      throw [SimTaskXml]::Error('MalformedXml', ('(' + $problem.LineNumber + ',' + $problem.LinePosition + ')'), '', ('ERROR: ' + $message), $method, $count)
    } finally {
      $reader.Close()
    }
    $document = [System.Xml.XmlDocument]::new()
    $document.XmlResolver = $null
    $document.LoadXml($xml)
    return @{ xml = $xml; document = $document; principal = $principal }
  }

  # Valid XML in one .NET pass: the XSD compiled from the table (Compile) accepts no more
  # than Walk does, except for what is checked here after it (duration ranges, one schedule
  # per calendar trigger); anything it refuses, or WNF triggers, goes to Walk, which decides.
  # $null when Walk must decide.
  static [hashtable] Fast([string]$xml) {
    $document = [System.Xml.XmlDocument]::new()
    $document.XmlResolver = $null
    $reader = [System.Xml.XmlReader]::Create([System.IO.StringReader]::new($xml), [SimTaskXml]::Validating())
    try { $document.Load($reader) } catch { return $null } finally { $reader.Close() }
    # An element the schema has no declaration for is not validated at all (a warning only):
    # a root other than the task namespace's <Task> is left to Walk.
    $root = $document.DocumentElement
    if ($root.NamespaceURI -ne $script:SimNamespace -or $root.LocalName -cne 'Task') { return $null }
    if ($null -ne $document.SelectSingleNode($script:SimWalkOnly, $script:SimNamespaces)) { return $null }
    foreach ($node in $document.SelectNodes($script:SimDurations, $script:SimNamespaces)) {
      $parentType = $script:SimElementTypes[$node.ParentNode.LocalName]
      if (-not [SimTaskXml]::IsValue($script:SimTypes[$parentType].children[$node.LocalName], $node.InnerText)) { return $null }
    }
    $principal = @{ userId = $null; userIdAt = $null; groupId = $null; groupIdAt = $null; logonType = $null; at = $null }
    $element = $document.SelectSingleNode('/t:Task/t:Principals/t:Principal', $script:SimNamespaces)
    if ($null -ne $element) {
      foreach ($child in $element.ChildNodes) {
        if ($child.LocalName -eq 'UserId') { $principal.userId = $child.InnerText.Trim() }
        elseif ($child.LocalName -eq 'GroupId') { $principal.groupId = $child.InnerText.Trim() }
        elseif ($child.LocalName -eq 'LogonType') { $principal.logonType = $child.InnerText.Trim() }
      }
    }
    return @{ xml = $xml; document = $document; principal = $principal }
  }

  # Checks one start tag against its parent; returns its frame.
  static [hashtable] Open([System.Xml.XmlTextReader]$reader, [System.Collections.Generic.List[hashtable]]$stack, [string]$method, [int]$count) {
    $at = '(' + $reader.LineNumber + ',' + $reader.LinePosition + ')'
    $name = $reader.LocalName
    # No namespace, or another one: SCHED_E_NAMESPACE (Wine L1479-1493: T; feedback#1442: R).
    if ($reader.NamespaceURI -ne $script:SimNamespace) { throw [SimTaskXml]::Error('Namespace', $at, $name, '', $method, $count) }
    $type = 'any'
    if ($stack.Count -eq 0) {
      # A root other than <Task> (e.g. <TASK>): SCHED_E_UNEXPECTEDNODE (Wine L1494-1508: T).
      if ($name -cne 'Task') { throw [SimTaskXml]::Error('UnexpectedNode', $at, $name, '', $method, $count) }
      $type = 'Task'
    } else {
      $parent = $stack[$stack.Count - 1]
      if ($parent.type -ne 'any') {
        $definition = $script:SimTypes[$parent.type]
        # An element the schema does not have here: SCHED_E_UNEXPECTEDNODE (ERR: D).
        if ($null -eq $definition -or -not $definition.children.ContainsKey($name)) {
          if ($null -eq $definition -or -not $definition.any) { throw [SimTaskXml]::Error('UnexpectedNode', $at, $name, '', $method, $count) }
        } else {
          $type = $definition.children[$name]
          $parent.count++
          if ($definition.max -ge 0) {
            if ($parent.count -gt $definition.max) { throw [SimTaskXml]::Error('TooManyNodes', $at, $name, '', $method, $count) }
          } elseif ($parent.seen.ContainsKey($name)) {
            throw [SimTaskXml]::Error('TooManyNodes', $at, $name, '', $method, $count)
          }
          # A calendar trigger holds exactly one schedule (XSD xs:choice: D).
          if ($name.StartsWith('ScheduleBy')) {
            if ($parent.schedules -gt 0) { throw [SimTaskXml]::Error('UnexpectedNode', $at, $name, '', $method, $count) }
            $parent.schedules = 1
          }
          $parent.seen[$name] = $true
        }
      }
    }
    if ($type -ne 'any' -and $reader.HasAttributes) { [SimTaskXml]::Attributes($reader, $type, $method, $count) }
    $frame = @{ name = $name; type = $type; at = $at; seen = @{}; count = 0; schedules = 0; text = [System.Text.StringBuilder]::new() }
    $stack.Add($frame)
    return $frame
  }

  # Only the attributes the schema has (XSD: D); an unknown one is SCHED_E_UNEXPECTEDNODE (I).
  static [void] Attributes([System.Xml.XmlTextReader]$reader, [string]$type, [string]$method, [int]$count) {
    $allowed = $script:SimTaskAttributes[$type]
    while ($reader.MoveToNextAttribute()) {
      $at = '(' + $reader.LineNumber + ',' + $reader.LinePosition + ')'
      $name = $reader.LocalName
      if ($reader.NamespaceURI -eq 'http://www.w3.org/2000/xmlns/' -or $reader.Prefix -eq 'xml') { continue }
      if ($reader.NamespaceURI -ne '') { throw [SimTaskXml]::Error('Namespace', $at, $name, '', $method, $count) }
      if ($null -eq $allowed -or $allowed -cnotcontains $name) { throw [SimTaskXml]::Error('UnexpectedNode', $at, $name, '', $method, $count) }
      # Task@version is a version number (XSD versionType: D).
      if ($name -eq 'version' -and $reader.Value -notmatch '^\d+(\.\d+){1,3}$') { throw [SimTaskXml]::Error('InvalidValue', $at, $name, $reader.Value, $method, $count) }
    }
    $null = $reader.MoveToElement()
  }

  # Checks an element that ended: the value of a leaf, the required children of the others.
  static [void] Close([hashtable]$frame, [System.Collections.Generic.List[hashtable]]$stack, [hashtable]$principal, [string]$method, [int]$count) {
    $stack.RemoveAt($stack.Count - 1)
    $type = $frame.type
    if ($type -eq 'any') { return }
    $text = $frame.text.ToString()
    $definition = $script:SimTypes[$type]
    if ($null -ne $definition) {
      if ($text.Trim().Length -gt 0) { throw [SimTaskXml]::Error('UnexpectedNode', $frame.at, $frame.name, $text.Trim(), $method, $count) }
      # Missing elements: SCHED_E_MISSINGNODE naming the element (Wine L1519-1524: T;
      # "(45,8):Period:" with 0x80041319, dahall#553: R).
      foreach ($required in $definition.required) {
        if (-not $frame.seen.ContainsKey($required)) { throw [SimTaskXml]::Error('MissingNode', $frame.at, $required, '', $method, $count) }
      }
      if ($definition.min -gt 0 -and $frame.count -lt $definition.min) { throw [SimTaskXml]::Error('MissingNode', $frame.at, $frame.name, '', $method, $count) }
      if ($type -eq 'CalendarTrigger' -and $frame.schedules -eq 0) { throw [SimTaskXml]::Error('MissingNode', $frame.at, 'ScheduleByDay', '', $method, $count) }
      if ($type -eq 'Principal') { $principal.at = $frame.at }
      return
    }
    if (-not [SimTaskXml]::IsValue($type, $text)) { throw [SimTaskXml]::Error('InvalidValue', $frame.at, $frame.name, $text, $method, $count) }
    if ($stack.Count -gt 0 -and $stack[$stack.Count - 1].type -eq 'Principal') {
      $value = $text.Trim()
      if ($frame.name -eq 'UserId') { $principal.userId = $value; $principal.userIdAt = $frame.at }
      elseif ($frame.name -eq 'GroupId') { $principal.groupId = $value; $principal.groupIdAt = $frame.at }
      elseif ($frame.name -eq 'LogonType') { $principal.logonType = $value }
    }
  }

  # A value out of range or badly formatted is SCHED_E_INVALIDVALUE (ERR: D). Booleans are
  # true/false/1/0 as xs:boolean has them: <Enabled>FALSE</Enabled> fails (Wine L1535-1546: T;
  # 1 and 0 not found in sources, allowed by the XSD: I). Ranges are the XSD's (D).
  static [bool] IsValue([string]$type, [string]$text) {
    $value = $text.Trim()
    $parts = $type.Split([char]':')
    $kind = $parts[0]
    if ($kind -eq 'text') { return $true }
    if ($kind -eq 'nonEmpty') { return $text.Length -gt 0 }
    if ($kind -eq 'path') { return $text.Length -gt 0 -and $text.Length -le 260 }
    if ($kind -eq 'empty') { return $value.Length -eq 0 }
    if ($kind -eq 'bool') { return $value -ceq 'true' -or $value -ceq 'false' -or $value -eq '1' -or $value -eq '0' }
    if ($kind -eq 'guid') { return $value -match '^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$' }
    if ($kind -eq 'enum') { return $parts[1].Split([char]'|') -ccontains $value }
    if ($kind -eq 'int') { return $value -match '^\d{1,9}$' -and [int]$value -ge [int]$parts[1] -and [int]$value -le [int]$parts[2] }
    if ($kind -eq 'dateTime') { return [SimTaskXml]::IsDateTime($value) }
    if ($kind -eq 'duration') {
      $seconds = [SimTaskXml]::Seconds($value)
      if ($seconds -lt 0) { return $false }
      if ($parts.Count -gt 1 -and $seconds -lt [double]$parts[1]) { return $false }
      if ($parts.Count -gt 2 -and $seconds -gt [double]$parts[2]) { return $false }
      return $true
    }
    return $false
  }

  # xs:duration in seconds (a year 365 days, a month 30), -1 when it is not one. Negative
  # durations and those over 2^32 seconds are refused: P99999999DT23H59M59S is 0x80041318
  # (giip-dev-agent#64: R; the bound itself I).
  static [double] Seconds([string]$value) {
    $match = [regex]::Match($value, '^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$')
    if (-not $match.Success) { return -1 }
    $factors = @(0, 31536000, 2592000, 86400, 3600, 60, 1)
    $seconds = [double]0
    for ($i = 1; $i -le 6; $i++) {
      if ($match.Groups[$i].Success) { $seconds += [double]::Parse($match.Groups[$i].Value, [Globalization.CultureInfo]::InvariantCulture) * $factors[$i] }
    }
    if ($seconds -gt 4294967295) { return -1 }
    return $seconds
  }

  # xs:dateTime: YYYY-MM-DDThh:mm:ss[.fff][Z|+hh:mm] on a real calendar day (XSD: D).
  static [bool] IsDateTime([string]$value) {
    $match = [regex]::Match($value, '^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))?$')
    if (-not $match.Success) { return $false }
    $year = [int]$match.Groups[1].Value
    $month = [int]$match.Groups[2].Value
    $day = [int]$match.Groups[3].Value
    if ($year -lt 1 -or $month -lt 1 -or $month -gt 12 -or $day -lt 1 -or $day -gt [DateTime]::DaysInMonth($year, $month)) { return $false }
    if ([int]$match.Groups[4].Value -gt 23 -or [int]$match.Groups[5].Value -gt 59 -or [int]$match.Groups[6].Value -gt 59) { return $false }
    if ($match.Groups[9].Success -and ([int]$match.Groups[9].Value -gt 14 -or [int]$match.Groups[10].Value -gt 59)) { return $false }
    return $true
  }

  static [bool] IsTrue([string]$text) {
    $value = $text.Trim()
    return $value -eq 'true' -or $value -eq '1'
  }

  # Settings/Enabled and Settings/Hidden of stored XML (State: Wine L847-880; hidden: GT,
  # Wine L930-949: T); parsed is false for XML that can't be read.
  static [hashtable] Flags([string]$xml) {
    $flags = @{ enabled = $true; hidden = $false; parsed = $true }
    $document = [System.Xml.XmlDocument]::new()
    $document.XmlResolver = $null
    try { $document.LoadXml($xml) } catch { $flags.parsed = $false; return $flags }
    return [SimTaskXml]::FlagsOf($document)
  }

  static [hashtable] FlagsOf([System.Xml.XmlDocument]$document) {
    $flags = @{ enabled = $true; hidden = $false; parsed = $true }
    $enabled = $document.SelectSingleNode('/*/t:Settings/t:Enabled', $script:SimNamespaces)
    if ($null -ne $enabled -and -not [SimTaskXml]::IsTrue($enabled.InnerText)) { $flags.enabled = $false }
    $hidden = $document.SelectSingleNode('/*/t:Settings/t:Hidden', $script:SimNamespaces)
    if ($null -ne $hidden -and [SimTaskXml]::IsTrue($hidden.InnerText)) { $flags.hidden = $true }
    return $flags
  }

  static [System.Xml.XmlElement] Child([System.Xml.XmlElement]$element, [string]$name) {
    if ($null -eq $element) { return $null }
    foreach ($child in $element.ChildNodes) {
      if ($child.NodeType -eq [System.Xml.XmlNodeType]::Element -and $child.LocalName -ceq $name) { return $child }
    }
    return $null
  }

  static [System.Xml.XmlElement] Append([System.Xml.XmlElement]$element, [string]$name, [string]$text) {
    $child = $element.OwnerDocument.CreateElement($name, $script:SimNamespace)
    if ($text.Length -gt 0) { $child.InnerText = $text }
    $null = $element.AppendChild($child)
    return $child
  }

  # The XML as Task Scheduler stores and returns it (beh 1.1). Windows 10: the document as
  # parsed, element order kept, missing nodes appended as the last child of their parent
  # (takajo#111: O): RegistrationInfo/URI = the task path, and Principal/LogonType from the
  # logonType argument when the XML has none (InteractiveToken for TASK_LOGON_NONE:
  # takajo#111, O). Author and Date are not added (same record: O). Windows 11 24H2 also
  # drops default-valued elements (opencodex#432, #608, kudu#458: R).
  static [hashtable] Stored([hashtable]$config, [System.Xml.XmlDocument]$parsed, [string]$taskPath, [object]$userId, [int]$logonType, [bool]$disable) {
    $document = [System.Xml.XmlDocument]$parsed.CloneNode($true)
    $task = $document.DocumentElement
    $ns = $script:SimNamespaces
    $registration = $task.SelectSingleNode('t:RegistrationInfo', $ns)
    if ($null -eq $registration) { $registration = [SimTaskXml]::Append($task, 'RegistrationInfo', '') }
    if ($null -eq $registration.SelectSingleNode('t:URI', $ns)) { $null = [SimTaskXml]::Append($registration, 'URI', $taskPath) }
    $principal = $task.SelectSingleNode('t:Principals/t:Principal', $ns)
    if ($null -ne $principal) {
      # Credentials given to RegisterTask take priority over the definition's (RTD: D).
      $user = $principal.SelectSingleNode('t:UserId', $ns)
      if ($null -ne $userId -and [string]$userId -ne '') {
        if ($null -eq $user) { $user = [SimTaskXml]::Append($principal, 'UserId', '') }
        $user.InnerText = [string]$userId
      }
      $named = $script:SimLogonNames[$logonType]
      $logon = $principal.SelectSingleNode('t:LogonType', $ns)
      if ($null -eq $logon -and $null -ne $named -and $null -eq $principal.SelectSingleNode('t:GroupId', $ns)) {
        $null = [SimTaskXml]::Append($principal, 'LogonType', $named)
      } elseif ($null -ne $logon -and $logonType -ne 0 -and $null -ne $named) {
        # The argument wins over the XML (dahall#954: R; RTD: D).
        $logon.InnerText = $named
      }
      # Some machines read user names back as SIDs (dahall#29, #835: R).
      if ($config.userIds -eq 'sid' -and $null -ne $user) {
        $account = $script:SimStore::Account($config, $user.InnerText)
        if ($null -ne $account -and -not [string]::IsNullOrEmpty($account.sid)) { $user.InnerText = $account.sid }
      }
    }
    # TASK_DISABLE registers the task disabled (RT: D), written as Settings/Enabled (I).
    if ($disable) {
      $settings = $task.SelectSingleNode('t:Settings', $ns)
      if ($null -eq $settings) { $settings = [SimTaskXml]::Append($task, 'Settings', '') }
      $enabled = $settings.SelectSingleNode('t:Enabled', $ns)
      if ($null -eq $enabled) { $enabled = [SimTaskXml]::Append($settings, 'Enabled', '') }
      $enabled.InnerText = 'false'
    }
    if ($config.windows -eq '11-24H2') { [SimTaskXml]::DropDefaults($task) }
    $flags = [SimTaskXml]::FlagsOf($document)
    $flags.text = [SimTaskXml]::Format($document)
    return $flags
  }

  static [void] DropDefaults([System.Xml.XmlElement]$task) {
    $settings = [SimTaskXml]::Child($task, 'Settings')
    if ($null -ne $settings) {
      [SimTaskXml]::DropDefaultChildren($settings, $script:SimDefaults.Settings)
      $idle = [SimTaskXml]::Child($settings, 'IdleSettings')
      if ($null -ne $idle) {
        [SimTaskXml]::DropDefaultChildren($idle, $script:SimDefaults.IdleSettings)
        if (-not $idle.HasChildNodes) { $null = $settings.RemoveChild($idle) }
      }
    }
    $triggers = [SimTaskXml]::Child($task, 'Triggers')
    if ($null -ne $triggers) {
      foreach ($trigger in @($triggers.ChildNodes)) {
        if ($trigger.NodeType -ne [System.Xml.XmlNodeType]::Element) { continue }
        [SimTaskXml]::DropDefaultChildren($trigger, $script:SimDefaults.Trigger)
        $repetition = [SimTaskXml]::Child($trigger, 'Repetition')
        if ($null -ne $repetition) { [SimTaskXml]::DropDefaultChildren($repetition, $script:SimDefaults.Repetition) }
      }
    }
    $principal = [SimTaskXml]::Child([SimTaskXml]::Child($task, 'Principals'), 'Principal')
    if ($null -ne $principal) { [SimTaskXml]::DropDefaultChildren($principal, $script:SimDefaults.Principal) }
  }

  static [void] DropDefaultChildren([System.Xml.XmlElement]$element, [hashtable]$defaults) {
    foreach ($child in @($element.ChildNodes)) {
      if ($child.NodeType -ne [System.Xml.XmlNodeType]::Element) { continue }
      $default = $defaults[$child.LocalName]
      if ($null -eq $default) { continue }
      $parts = ([string]$default).Split([char[]]@(':'), 2)
      $value = $child.InnerText.Trim()
      $equal = $false
      if ($parts[0] -eq 'bool') { $equal = [SimTaskXml]::IsTrue($value) -eq ($parts[1] -eq 'true') }
      elseif ($parts[0] -eq 'duration') { $equal = [SimTaskXml]::Seconds($value) -eq [double]$parts[1] }
      else { $equal = $value -ceq $parts[1] }
      if ($equal) { $null = $element.RemoveChild($child) }
    }
  }

  # Serialized the way Windows writes task XML: a UTF-16 declaration, CRLF line ends,
  # two-space indent (EDR-Telemetry#216, ansible.windows#268: O); quotes in text are written
  # as they are, so `&quot;` becomes `"` (opencodex#608, #708: R); `&amp;` and `&gt;` stay
  # (takajo#111: O). Line ends inside text are written as character references, so a value
  # reads back exactly.
  static [string] Format([System.Xml.XmlDocument]$document) {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`r`n"
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize
    $settings.OmitXmlDeclaration = $true
    $buffer = [System.IO.StringWriter]::new([Globalization.CultureInfo]::InvariantCulture)
    $writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
    foreach ($node in $document.ChildNodes) {
      if ($node.NodeType -ne [System.Xml.XmlNodeType]::XmlDeclaration) { $node.WriteTo($writer) }
    }
    $writer.Flush()
    $writer.Close()
    return '<?xml version="1.0" encoding="UTF-16"?>' + "`r`n" + $buffer.ToString()
  }
}

# How scheduler.ps1 reaches this class: through a variable, so that it never names it when
# it is parsed (this file uses scheduler.ps1's SimStore the same way, as $script:SimStore).
$script:SimXml = ([SimTaskXml])
