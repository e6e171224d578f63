<#
  scheduler.ps1 - a simulated Windows Task Scheduler 2.0, standing in for
  `New-Object -ComObject Schedule.Service` so that taskctl's real, unmodified templates
  (read-tasks.ps1, apply-tasks.ps1) run on any system.

  Loaded by taskctl-common.ps1 (dot-sourced with every templates/simulator/*.ps1) when
  $env:TASKCTL_SCHEDULER_SIMULATOR names a folder DIR. DIR holds one folder per computer in
  the --store layout: DIR/localhost/ is this machine's System32\Tasks, DIR/NAME/ the computer
  NAME (Connect('NAME')); a computer without a folder can't be reached. A task is a file
  (UTF-16LE with BOM, as Windows writes it; `NAME` or `NAME.xml`), a sub-folder is a task
  folder. Files and folders whose name starts with '.' are not tasks.

  DIR/NAME/.simulator.json (optional) sets what differs between machines:
    { "windows": "10" | "11-24H2",        Windows 11 24H2 also drops default-valued elements
      "denied": [ "\\Folder" ],           folders this caller may not read or change (0x80070005)
      "deniedTasks": [ "\\Folder\\Task" ],  tasks listed, but whose XML this caller may not read
      "accounts": [ { "name": "PC\\user", "sid": "S-1-5-21-...", "password": "...",
                      "batchLogon": true } ],   when present, the only names that resolve
      "userIds": "as-given" | "sid",      "sid": names read back as SIDs (some machines do)
      "elevated": true }                  false: the session of a user who is not an administrator

  Every behaviour below names its evidence: a row of taskctl's Task Scheduler behaviour
  reference (section numbers, "beh 2.2") and its source, with the reference's confidence tag:
  D documented by Microsoft, T Wine conformance tests run on real Windows, O output captured on
  Windows, R user reports, I inferred. XML checks and rewriting are in task-xml.ps1.
  Windows PowerShell 5.1 and PowerShell 7: no 7-only syntax. Plain ASCII.
#>

# PowerShell classes with static methods carry the simulator: a script function call costs
# about forty times a static method call, and a batch of 5,000 tasks makes millions of them.
# Classes in one file never name a class of another (a class is resolved when its file is
# parsed); scheduler.ps1 reaches task-xml.ps1 through $script:SimXml, set there.

# ---------------------------------------------------------------------------------------------
# Result codes and their FormatMessage texts (beh 0). A COM failure reaches a script as a
# MethodInvocationException whose inner COMException carries the HRESULT (beh 2.1, I).
# ---------------------------------------------------------------------------------------------
$script:SimCode = @{
  AccessDenied    = -2147024891  # 0x80070005 E_ACCESSDENIED
  InvalidArg      = -2147024809  # 0x80070057 E_INVALIDARG
  OutOfMemory     = -2147024882  # 0x8007000E E_OUTOFMEMORY
  FileNotFound    = -2147024894  # 0x80070002 ERROR_FILE_NOT_FOUND
  PathNotFound    = -2147024893  # 0x80070003 ERROR_PATH_NOT_FOUND
  InvalidName     = -2147024773  # 0x8007007B ERROR_INVALID_NAME
  AlreadyExists   = -2147024713  # 0x800700B7 ERROR_ALREADY_EXISTS
  DirNotEmpty     = -2147024751  # 0x80070091 ERROR_DIR_NOT_EMPTY
  OnlyIfConnected = -2147023645  # 0x800704E3 ERROR_ONLY_IF_CONNECTED
  NullRefPointer  = -2147023116  # 0x800706F4 RPC_X_NULL_REF_POINTER
  RpcUnavailable  = -2147023174  # 0x800706BA RPC_S_SERVER_UNAVAILABLE
  NoneMapped      = -2147023564  # 0x80070534 ERROR_NONE_MAPPED
  LogonFailure    = -2147023570  # 0x8007052E ERROR_LOGON_FAILURE
}
$script:SimText = @{
  AccessDenied    = 'Access is denied.'
  InvalidArg      = 'The parameter is incorrect.'
  OutOfMemory     = 'Not enough memory resources are available to complete this operation.'
  FileNotFound    = 'The system cannot find the file specified.'
  PathNotFound    = 'The system cannot find the path specified.'
  InvalidName     = 'The filename, directory name, or volume label syntax is incorrect.'
  AlreadyExists   = 'Cannot create a file when that file already exists.'
  DirNotEmpty     = 'The directory is not empty.'
  OnlyIfConnected = 'This operation is supported only when you are connected to the server.'
  NullRefPointer  = 'A null reference pointer was passed to the stub.'
  RpcUnavailable  = 'The RPC server is unavailable.'
  NoneMapped      = 'No mapping between account names and security IDs was done.'
  LogonFailure    = 'The user name or password is incorrect.'
}

# TASK_CREATION flags (beh 2.2, D) and the enumeration flag TASK_ENUM_HIDDEN (beh 2.3, D).
$script:SimFlag = @{ ValidateOnly = 1; Create = 2; Update = 4; Disable = 8; IgnoreRegistrationTriggers = 32; EnumHidden = 1 }

# Well-known accounts of the Register-ScheduledTask documentation (RST: D) and the built-in
# groups (their SIDs are the same on every Windows; the names are the English ones, as
# localized names fail elsewhere: beh 1.2, R).
$script:SimWellKnown = @{
  'SYSTEM' = 'S-1-5-18'; 'NT AUTHORITY\SYSTEM' = 'S-1-5-18'; 'LOCALSYSTEM' = 'S-1-5-18'
  'LOCAL SERVICE' = 'S-1-5-19'; 'NT AUTHORITY\LOCAL SERVICE' = 'S-1-5-19'; 'NT AUTHORITY\LOCALSERVICE' = 'S-1-5-19'
  'NETWORK SERVICE' = 'S-1-5-20'; 'NT AUTHORITY\NETWORK SERVICE' = 'S-1-5-20'; 'NT AUTHORITY\NETWORKSERVICE' = 'S-1-5-20'
  'BUILTIN\ADMINISTRATORS' = 'S-1-5-32-544'; 'BUILTIN\USERS' = 'S-1-5-32-545'; 'EVERYONE' = 'S-1-1-0'
  'NT AUTHORITY\INTERACTIVE' = 'S-1-5-4'; 'NT AUTHORITY\AUTHENTICATED USERS' = 'S-1-5-11'
}
$script:SimServiceSids = @('S-1-5-18', 'S-1-5-19', 'S-1-5-20')

# Directory listings, cached per process and kept in step with its own writes.
$script:SimListings = @{}

# The exception a script sees when a COM method fails: `Exception calling "M" with "n"
# argument(s): "text"` around a COMException with the HRESULT (beh 2.1, I). `Name` picks the
# code and text above; `Message` replaces the text (XML errors carry "(line,col):Node:").
function New-SimError {
  param([string]$Name, [string]$Method, [int]$ArgumentCount, [string]$Message)
  if ([string]::IsNullOrEmpty($Message)) { $Message = $script:SimText[$Name] }
  return New-SimComError $script:SimCode[$Name] $Message $Method $ArgumentCount
}

function New-SimComError {
  param([int]$Code, [string]$Message, [string]$Method, [int]$ArgumentCount)
  $com = [System.Runtime.InteropServices.COMException]::new($Message, $Code)
  $text = 'Exception calling "' + $Method + '" with "' + $ArgumentCount + '" argument(s): "' + $Message + '"'
  return [System.Management.Automation.MethodInvocationException]::new($text, $com)
}

# ---------------------------------------------------------------------------------------------
# The store, names and accounts.
# ---------------------------------------------------------------------------------------------
class SimStore {
  # Names (beh 4): not empty, not `.` or `..`, no leading or trailing space, none of
  # `: / * ? " < > |` nor a control character (TSCH 2.3.11, RT: D; Wine L153-160, L200-202:
  # T; `* ? " < > |` are the file-name rule, I).
  static [bool] IsName([string]$name) {
    if ($name.Length -eq 0 -or $name -eq '.' -or $name -eq '..') { return $false }
    if ($name.StartsWith(' ') -or $name.EndsWith(' ')) { return $false }
    if ($name.IndexOfAny([char[]]@(':', '/', '*', '?', '"', '<', '>', '|')) -ge 0) { return $false }
    foreach ($character in $name.ToCharArray()) { if ([int]$character -lt 32) { return $false } }
    return $true
  }

  # The names of a path (a leading `\` is dropped); $null when one is invalid, which makes a
  # trailing `\` after a name, `\\` and `/` invalid (GF; Wine L219-220: D, T).
  static [string[]] Split([string]$path) {
    $trimmed = $path
    if ($trimmed.StartsWith('\')) { $trimmed = $trimmed.Substring(1) }
    if ($trimmed.Length -eq 0) { return [string[]]@() }
    $names = $trimmed.Split([char]'\')
    foreach ($name in $names) { if (-not [SimStore]::IsName($name)) { return $null } }
    return $names
  }

  static [string] Join([string]$folder, [string]$name) {
    if ($folder -eq '\') { return '\' + $name }
    return $folder + '\' + $name
  }

  # The task a file holds: the --store layout drops one trailing .xml.
  static [string] TaskName([string]$file) {
    $name = [System.IO.Path]::GetFileName($file)
    if ($name.EndsWith('.xml', [StringComparison]::OrdinalIgnoreCase)) { return $name.Substring(0, $name.Length - 4) }
    return $name
  }

  # Sub-folders and task files of a folder, by name, case-insensitively: Task Scheduler
  # compares names that way and keeps the case given (beh 4, I). Dot-files are not tasks.
  static [hashtable] Listing([string]$directory) {
    $listing = $script:SimListings[$directory]
    if ($null -ne $listing) { return $listing }
    $folders = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::OrdinalIgnoreCase)
    $tasks = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($entry in [System.IO.Directory]::GetDirectories($directory)) {
      $name = [System.IO.Path]::GetFileName($entry)
      if (-not $name.StartsWith('.')) { $folders[$name] = $entry }
    }
    foreach ($entry in [System.IO.Directory]::GetFiles($directory)) {
      if (-not [System.IO.Path]::GetFileName($entry).StartsWith('.')) { $tasks[[SimStore]::TaskName($entry)] = $entry }
    }
    $listing = @{ folders = $folders; tasks = $tasks }
    $script:SimListings[$directory] = $listing
    return $listing
  }

  # A task whose security descriptor lets the caller see it but not read it: reading its Xml
  # property fails with E_ACCESSDENIED (TSCH 3.2.5.4.3: D; as a property that throws: I).
  static [object] Unreadable([object]$task) {
    $shown = [pscustomobject]@{ Name = $task.Name; Path = $task.Path; State = $task.State; Enabled = $task.Enabled }
    $shown | Add-Member -MemberType ScriptProperty -Name 'Xml' -Value { throw [System.Runtime.InteropServices.COMException]::new($script:SimText.AccessDenied, $script:SimCode.AccessDenied) }
    return $shown
  }

  # The BOM decides the encoding; Windows writes UTF-16LE with a BOM (beh 1.1: R; corpus: O).
  static [string] Read([string]$file) { return [System.IO.File]::ReadAllText($file) }

  # Written through a temporary file, so no reader ever sees half a task.
  static [void] Write([string]$file, [string]$text) {
    $directory = [System.IO.Path]::GetDirectoryName($file)
    $temporary = [System.IO.Path]::Combine($directory, '.' + [System.IO.Path]::GetFileName($file) + '.sim-' + $global:PID)
    [System.IO.File]::WriteAllText($temporary, $text, [System.Text.UnicodeEncoding]::new($false, $true))
    # [NullString]: PowerShell would hand $null to a string parameter as "".
    if ([System.IO.File]::Exists($file)) { [System.IO.File]::Replace($temporary, $file, [NullString]::Value) }
    else { [System.IO.File]::Move($temporary, $file) }
  }

  # DIR/NAME/.simulator.json (see the top of this file); defaults when there is none.
  static [hashtable] ReadConfig([string]$root) {
    $config = @{ windows = '10'; denied = @(); deniedTasks = @(); accounts = $null; userIds = 'as-given'; elevated = $true }
    $file = [System.IO.Path]::Combine($root, '.simulator.json')
    if (-not [System.IO.File]::Exists($file)) { return $config }
    $json = $null
    try {
      $json = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file))
    } catch {
      throw ('simulator: ' + $file + ' is not valid JSON: ' + $_.Exception.Message)
    }
    foreach ($property in $json.PSObject.Properties) {
      if ($property.Name -eq 'windows') { $config.windows = [string]$property.Value }
      elseif ($property.Name -eq 'denied') { $config.denied = @(@($property.Value) | ForEach-Object { '\' + ([string]$_).Trim([char]'\') }) }
      elseif ($property.Name -eq 'deniedTasks') { $config.deniedTasks = @(@($property.Value) | ForEach-Object { '\' + ([string]$_).Trim([char]'\') }) }
      elseif ($property.Name -eq 'accounts') { $config.accounts = @($property.Value) }
      elseif ($property.Name -eq 'userIds') { $config.userIds = [string]$property.Value }
      elseif ($property.Name -eq 'elevated') { $config.elevated = [bool]$property.Value }
      else { throw ('simulator: ' + $file + ' has an unknown setting "' + $property.Name + '" (known: windows, denied, deniedTasks, accounts, userIds, elevated)') }
    }
    if ($config.windows -ne '10' -and $config.windows -ne '11-24H2') {
      throw ('simulator: ' + $file + ': "windows" is "10" or "11-24H2", not "' + $config.windows + '"')
    }
    return $config
  }

  # A denied folder and everything below it (children inherit their folder's security
  # descriptor, I). Reading without read access is E_ACCESSDENIED (TSCH 3.2.5.4.3: D); the
  # same for changing (I).
  static [bool] IsDenied([hashtable]$config, [string]$folder) {
    foreach ($denied in $config.denied) {
      if ($folder.Equals($denied, [StringComparison]::OrdinalIgnoreCase)) { return $true }
      if ($folder.StartsWith($denied + '\', [StringComparison]::OrdinalIgnoreCase)) { return $true }
    }
    return $false
  }

  # The account a name or SID stands for: @{ sid; password; kind } (kind sid, well-known or
  # named), or $null when it does not resolve (0x80070534 at registration: beh 3, R).
  # Without an "accounts" list every name resolves: the simulator can't know the accounts of
  # a machine it invents.
  static [hashtable] Account([hashtable]$config, [string]$account) {
    $upper = $account.Trim().ToUpperInvariant()
    if ($upper.StartsWith('.\')) { $upper = $upper.Substring(2) }
    $isSid = $upper -match '^S-1(-\d+)+$'
    $sid = $script:SimWellKnown[$upper]
    if ($null -ne $sid) { return @{ sid = $sid; password = $null; kind = 'well-known' } }
    if ($null -eq $config.accounts) {
      if ($isSid) { return @{ sid = $upper; password = $null; kind = 'sid' } }
      return @{ sid = $null; password = $null; kind = 'named' }
    }
    foreach ($entry in $config.accounts) {
      $name = ([string]$entry.name).ToUpperInvariant()
      $bare = $name.Substring($name.LastIndexOf('\') + 1)
      $match = $false
      if ($isSid) { $match = ([string]$entry.sid).ToUpperInvariant() -eq $upper }
      else { $match = $name -eq $upper -or ($upper.IndexOf('\') -lt 0 -and $bare -eq $upper) }
      if ($match) {
        $password = $null
        if ($null -ne $entry.PSObject.Properties['password']) { $password = [string]$entry.password }
        $kind = 'named'
        if ($isSid) { $kind = 'sid' }
        return @{ sid = [string]$entry.sid; password = $password; kind = $kind }
      }
    }
    if ($isSid) { return @{ sid = $upper; password = $null; kind = 'sid' } }
    return $null
  }
}

$script:SimStore = ([SimStore])

# ---------------------------------------------------------------------------------------------
# The COM objects. A method Task Scheduler rejects throws what its COM binding throws.
# ---------------------------------------------------------------------------------------------

# IRegisteredTaskCollection / ITaskFolderCollection: a snapshot, 1-based Item(index) or
# Item(name); index 0 or > Count is E_INVALIDARG (beh 2.3; Wine L464-555, WN: T).
class SimCollection : System.Collections.IEnumerable {
  hidden [System.Collections.Generic.List[object]]$Items
  [int]$Count

  SimCollection([System.Collections.Generic.List[object]]$items) {
    $this.Items = $items
    $this.Count = $items.Count
  }

  [object] Item([object]$index) {
    if ($index -is [string]) {
      foreach ($item in $this.Items) { if ($item.Name.Equals($index, [StringComparison]::OrdinalIgnoreCase)) { return $item } }
      throw (New-SimError 'InvalidArg' 'Item' 1)
    }
    $number = [int]$index
    if ($number -lt 1 -or $number -gt $this.Count) { throw (New-SimError 'InvalidArg' 'Item' 1) }
    return $this.Items[$number - 1]
  }

  [System.Collections.IEnumerator] GetEnumerator() { return $this.Items.GetEnumerator() }
}

# IRegisteredTask: Name, Path (always absolute: beh 2.2, Wine L836-846: T), State and Enabled
# from Settings/Enabled (TASK_STATE_READY 3 or TASK_STATE_DISABLED 1: Wine L847-880, T), Xml.
# XML that can't be read gives TASK_STATE_UNKNOWN 0 (I).
class SimRegisteredTask {
  [string]$Name
  [string]$Path
  [int]$State
  [bool]$Enabled
  [string]$Xml
  hidden [bool]$Hidden

  SimRegisteredTask([string]$name, [string]$path, [string]$xml) {
    $this.Init($name, $path, $xml, $script:SimXml::Flags($xml))
  }

  SimRegisteredTask([string]$name, [string]$path, [hashtable]$stored) {
    $this.Init($name, $path, $stored.text, $stored)
  }

  hidden [void] Init([string]$name, [string]$path, [string]$xml, [hashtable]$flags) {
    $this.Name = $name
    $this.Path = $path
    $this.Xml = $xml
    $this.Enabled = $flags.enabled
    $this.Hidden = $flags.hidden
    $this.State = 3
    if (-not $flags.enabled) { $this.State = 1 }
    if (-not $flags.parsed) { $this.State = 0 }
  }
}

# ITaskFolder. `Path` echoes the form the caller used (Wine L238-295: T); folders listed by
# GetFolders carry the absolute path. Parameters and locals are never named like a property:
# PowerShell classes refuse to assign those.
class SimTaskFolder {
  [string]$Name
  [string]$Path
  hidden [object]$Service
  hidden [string]$Absolute
  hidden [string]$Directory

  SimTaskFolder([object]$service, [string]$absolutePath, [string]$shownPath, [string]$dir) {
    $this.Service = $service
    $this.Absolute = $absolutePath
    $this.Path = $shownPath
    $this.Directory = $dir
    $this.Name = '\'
    if ($absolutePath -ne '\') { $this.Name = $absolutePath.Substring($absolutePath.LastIndexOf('\') + 1) }
  }

  # Relative to this folder even with a leading `\` on a sub-folder; `\` itself on a
  # sub-folder is invalid, NULL is E_INVALIDARG, "" is the folder itself (Wine L298-339: T).
  [object] GetFolder([object]$relative) {
    if ($null -eq $relative) { throw (New-SimError 'InvalidArg' 'GetFolder' 1) }
    $text = [string]$relative
    if ($text.Length -eq 0) { return $this }
    if ($text -eq '\' -and $this.Absolute -ne '\') { throw (New-SimError 'InvalidName' 'GetFolder' 1) }
    return $this.Service.OpenFolder($this, $text, 'GetFolder')
  }

  [object] GetFolders([int]$flags) {
    $this.Service.AssertReadable($this.Absolute, 'GetFolders', 1)
    $items = [System.Collections.Generic.List[object]]::new()
    $listing = [SimStore]::Listing($this.Directory)
    $names = [string[]]@($listing.folders.Keys)
    [Array]::Sort($names, [StringComparer]::OrdinalIgnoreCase)
    foreach ($leaf in $names) {
      $at = [SimStore]::Join($this.Absolute, $leaf)
      $items.Add([SimTaskFolder]::new($this.Service, $at, $at, $listing.folders[$leaf]))
    }
    return [SimCollection]::new($items)
  }

  # Hidden tasks (Settings/Hidden) only with TASK_ENUM_HIDDEN (GT: D; Wine L930-949: T).
  [object] GetTasks([int]$flags) {
    $this.Service.AssertReadable($this.Absolute, 'GetTasks', 1)
    $items = [System.Collections.Generic.List[object]]::new()
    $listing = [SimStore]::Listing($this.Directory)
    $names = [string[]]@($listing.tasks.Keys)
    [Array]::Sort($names, [StringComparer]::OrdinalIgnoreCase)
    foreach ($leaf in $names) {
      $taskPath = [SimStore]::Join($this.Absolute, $leaf)
      $task = [SimRegisteredTask]::new($leaf, $taskPath, [SimStore]::Read($listing.tasks[$leaf]))
      if ($task.Hidden -and ($flags -band $script:SimFlag.EnumHidden) -eq 0) { continue }
      if ($this.Service.Config.deniedTasks -contains $taskPath) { $task = [SimStore]::Unreadable($task) }
      $items.Add($task)
    }
    return [SimCollection]::new($items)
  }

  # NULL is E_INVALIDARG (Wine L887-888); a missing folder on the way, or a folder named, is
  # ERROR_PATH_NOT_FOUND (Wine L771-796: T); a missing task ERROR_FILE_NOT_FOUND (TSCH
  # 3.2.5.4.3: D). Hidden tasks are found by name (Wine L702-717: T).
  [object] GetTask([object]$relative) {
    if ($null -eq $relative) { throw (New-SimError 'InvalidArg' 'GetTask' 1) }
    $located = $this.Service.LocateTask($this, [string]$relative, 'GetTask', 1)
    if ($null -eq $located.file) { throw (New-SimError 'FileNotFound' 'GetTask' 1) }
    return [SimRegisteredTask]::new($located.name, $located.path, [SimStore]::Read($located.file))
  }

  [object] CreateFolder([object]$relative) { return $this.CreateFolder($relative, $null) }

  # Creates the whole chain; an existing folder (any spelling) is ERROR_ALREADY_EXISTS; NULL
  # and `\` are E_INVALIDARG (Wine L192-233: T; CF: D).
  [object] CreateFolder([object]$relative, [object]$sddl) {
    if ($null -eq $relative -or [string]$relative -eq '\' -or [string]$relative -eq '') { throw (New-SimError 'InvalidArg' 'CreateFolder' 2) }
    $names = [SimStore]::Split([string]$relative)
    if ($null -eq $names) { throw (New-SimError 'InvalidName' 'CreateFolder' 2) }
    $at = $this.Absolute
    $dir = $this.Directory
    $created = $false
    foreach ($leaf in $names) {
      $this.Service.AssertReadable($at, 'CreateFolder', 2)
      $listing = [SimStore]::Listing($dir)
      $at = [SimStore]::Join($at, $leaf)
      if ($listing.folders.ContainsKey($leaf)) {
        $dir = $listing.folders[$leaf]
      } else {
        $dir = [System.IO.Path]::Combine($dir, $leaf)
        $null = [System.IO.Directory]::CreateDirectory($dir)
        $listing.folders[$leaf] = $dir
        $created = $true
      }
    }
    if (-not $created) { throw (New-SimError 'AlreadyExists' 'CreateFolder' 2) }
    return [SimTaskFolder]::new($this.Service, $at, $at, $dir)
  }

  # A folder that still holds anything is ERROR_DIR_NOT_EMPTY, a missing one
  # ERROR_FILE_NOT_FOUND, the root E_ACCESSDENIED (Wine L343-360; rpcapi L123-141: T).
  [void] DeleteFolder([object]$relative, [int]$flags) {
    if ($null -eq $relative -or [string]$relative -eq '') { throw (New-SimError 'AccessDenied' 'DeleteFolder' 2) }
    $located = $this.Service.LocateFolder($this, [string]$relative, 'DeleteFolder', 2)
    if ($null -eq $located) { throw (New-SimError 'FileNotFound' 'DeleteFolder' 2) }
    $this.Service.AssertReadable($located.absolute, 'DeleteFolder', 2)
    $listing = [SimStore]::Listing($located.directory)
    if ($listing.folders.Count -gt 0 -or $listing.tasks.Count -gt 0) { throw (New-SimError 'DirNotEmpty' 'DeleteFolder' 2) }
    [System.IO.Directory]::Delete($located.directory, $true)
    $script:SimListings.Remove($located.directory)
    $null = ([SimStore]::Listing($located.parent)).folders.Remove($located.name)
  }

  # A missing task is ERROR_FILE_NOT_FOUND (Wine L967-968: T; Win7 said S_OK); NULL is
  # ERROR_DIR_NOT_EMPTY, odd but tested (Wine L958-960: T).
  [void] DeleteTask([object]$relative, [int]$flags) {
    if ($null -eq $relative) { throw (New-SimError 'DirNotEmpty' 'DeleteTask' 2) }
    $located = $this.Service.LocateTask($this, [string]$relative, 'DeleteTask', 2)
    if ($null -eq $located.file) { throw (New-SimError 'FileNotFound' 'DeleteTask' 2) }
    [System.IO.File]::Delete($located.file)
    $null = ([SimStore]::Listing($located.directory)).tasks.Remove($located.name)
  }

  [object] RegisterTask([object]$relative, [object]$xmlText, [int]$flags, [object]$userId, [object]$password, [int]$logonType) {
    return $this.Register($relative, $xmlText, $flags, $userId, $password, $logonType, 6)
  }

  [object] RegisterTask([object]$relative, [object]$xmlText, [int]$flags, [object]$userId, [object]$password, [int]$logonType, [object]$sddl) {
    return $this.Register($relative, $xmlText, $flags, $userId, $password, $logonType, 7)
  }

  # ITaskFolder.RegisterTask (RT: D; beh 2.2 and 3).
  hidden [object] Register([object]$relative, [object]$xmlText, [int]$flags, [object]$userId, [object]$password, [int]$logonType, [int]$count) {
    $validateOnly = ($flags -band $script:SimFlag.ValidateOnly) -ne 0
    # VALIDATE_ONLY with IGNORE_REGISTRATION_TRIGGERS is "an invalid argument" (RT remarks: D).
    if ($validateOnly -and ($flags -band $script:SimFlag.IgnoreRegistrationTriggers) -ne 0) { throw (New-SimError 'InvalidArg' 'RegisterTask' $count) }
    # A NULL XML is RPC_X_NULL_REF_POINTER (Wine L810-811: T).
    if ($null -eq $xmlText) { throw (New-SimError 'NullRefPointer' 'RegisterTask' $count) }
    # A NULL path names the task with a braced GUID in the root; elsewhere it is E_INVALIDARG
    # (Wine L970-990: T).
    $pathText = [string]$relative
    if ($null -eq $relative -or $pathText -eq '') {
      if ($this.Absolute -ne '\') { throw (New-SimError 'InvalidArg' 'RegisterTask' $count) }
      $pathText = '{' + [guid]::NewGuid().ToString().ToUpperInvariant() + '}'
    }
    $names = [SimStore]::Split($pathText)
    if ($null -eq $names -or $names.Count -eq 0) { throw (New-SimError 'InvalidName' 'RegisterTask' $count) }
    # A password without a user name is E_OUTOFMEMORY (RT/RTD return values: D).
    $hasUser = $null -ne $userId -and [string]$userId -ne ''
    if ($null -ne $password -and -not $hasUser) { throw (New-SimError 'OutOfMemory' 'RegisterTask' $count) }

    # The XML and the account first; validation does not look at the task (Wine L813-814: T).
    $checked = $script:SimXml::Check([string]$xmlText, 'RegisterTask', $count)
    $this.Service.AssertPrincipal($checked, $userId, $password, $logonType, $count)
    if ($validateOnly) { return $null }

    $at = $this.Absolute
    $dir = $this.Directory
    if ($pathText.StartsWith('\')) { $at = '\'; $dir = $this.Service.Root }
    for ($i = 0; $i -lt $names.Count - 1; $i++) {
      $this.Service.AssertReadable($at, 'RegisterTask', $count)
      $listing = [SimStore]::Listing($dir)
      $folderName = $names[$i]
      if ($listing.folders.ContainsKey($folderName)) {
        $dir = $listing.folders[$folderName]
        $folderName = [System.IO.Path]::GetFileName($dir)
      } else {
        # Registering into a folder that does not exist yet creates it (I).
        $dir = [System.IO.Path]::Combine($dir, $folderName)
        $null = [System.IO.Directory]::CreateDirectory($dir)
        $listing.folders[$folderName] = $dir
      }
      $at = [SimStore]::Join($at, $folderName)
    }
    $this.Service.AssertReadable($at, 'RegisterTask', $count)
    $listing = [SimStore]::Listing($dir)
    $leaf = $names[$names.Count - 1]
    # A task named like an existing folder is E_ACCESSDENIED (Wine L775-782: T).
    if ($listing.folders.ContainsKey($leaf)) { throw (New-SimError 'AccessDenied' 'RegisterTask' $count) }
    $exists = $listing.tasks.ContainsKey($leaf)
    # An existing task without TASK_UPDATE is ERROR_ALREADY_EXISTS; a missing one with
    # TASK_UPDATE alone ERROR_FILE_NOT_FOUND (beh 2.2; Wine L718-860, rpcapi L61-222: T).
    $canUpdate = ($flags -band $script:SimFlag.Update) -ne 0
    $canCreate = ($flags -band $script:SimFlag.Create) -ne 0 -or -not $canUpdate
    if ($exists -and -not $canUpdate) { throw (New-SimError 'AlreadyExists' 'RegisterTask' $count) }
    if (-not $exists -and -not $canCreate) { throw (New-SimError 'FileNotFound' 'RegisterTask' $count) }
    $file = [System.IO.Path]::Combine($dir, $leaf)
    if ($exists) {
      $file = $listing.tasks[$leaf]
      $leaf = [SimStore]::TaskName($file)
    }
    $taskPath = [SimStore]::Join($at, $leaf)
    $disable = ($flags -band $script:SimFlag.Disable) -ne 0
    $stored = $script:SimXml::Stored($this.Service.Config, $checked.document, $taskPath, $userId, $logonType, $disable)
    [SimStore]::Write($file, $stored.text)
    $listing.tasks[$leaf] = $file
    return [SimRegisteredTask]::new($leaf, $taskPath, $stored)
  }
}

# ITaskService. GetFolder before Connect is ERROR_ONLY_IF_CONNECTED (Wine L145-146: T);
# Connect with no name (or null, "") is this machine (Wine L93-104: T); a computer whose
# folder is missing is not reachable: RPC_S_SERVER_UNAVAILABLE, the error of a machine that
# does not answer (ERR, I).
class SimTaskService {
  [bool]$Connected = $false
  [string]$TargetServer = ''
  [string]$ConnectedUser = ''
  [string]$ConnectedDomain = ''
  # TASK_COMPATIBILITY 1.6 as (major << 16) | minor.
  [int]$HighestVersion = 65542
  hidden [string]$Root
  hidden [hashtable]$Config

  [void] Connect() { $this.Open($null, $null, $null, $null, 0) }
  [void] Connect([object]$serverName) { $this.Open($serverName, $null, $null, $null, 1) }
  [void] Connect([object]$serverName, [object]$user) { $this.Open($serverName, $user, $null, $null, 2) }
  [void] Connect([object]$serverName, [object]$user, [object]$domain) { $this.Open($serverName, $user, $domain, $null, 3) }
  [void] Connect([object]$serverName, [object]$user, [object]$domain, [object]$password) { $this.Open($serverName, $user, $domain, $password, 4) }

  # A user connects as that account (ITaskService::Connect: D): on a computer whose
  # .simulator.json lists "accounts", DOMAIN\user (or the bare user) must be one of them with
  # that password, else ERROR_LOGON_FAILURE (ERR: D; the mapping I); without a list any
  # account is taken, as for task principals.
  hidden [void] Open([object]$serverName, [object]$user, [object]$domain, [object]$password, [int]$count) {
    $computer = 'localhost'
    if ($null -ne $serverName -and [string]$serverName -ne '') { $computer = [string]$serverName }
    $base = $env:TASKCTL_SCHEDULER_SIMULATOR
    $found = $null
    if (-not [string]::IsNullOrEmpty($base) -and [System.IO.Directory]::Exists($base)) {
      foreach ($entry in [System.IO.Directory]::GetDirectories($base)) {
        if ([System.IO.Path]::GetFileName($entry).Equals($computer, [StringComparison]::OrdinalIgnoreCase)) { $found = $entry }
      }
    }
    if ($null -eq $found) { throw (New-SimError 'RpcUnavailable' 'Connect' $count) }
    $settings = [SimStore]::ReadConfig($found)
    $this.TargetServer = [System.IO.Path]::GetFileName($found).ToUpperInvariant()
    $this.ConnectedUser = [Environment]::UserName
    $this.ConnectedDomain = $this.TargetServer
    if ($null -ne $user -and [string]$user -ne '') {
      $account = [string]$user
      if ($null -ne $domain -and [string]$domain -ne '') { $account = [string]$domain + '\' + $account }
      $known = [SimStore]::Account($settings, $account)
      if ($null -ne $settings.accounts -and ($null -eq $known -or $known.password -cne [string]$password)) { throw (New-SimError 'LogonFailure' 'Connect' $count) }
      $this.ConnectedUser = [string]$user
      if ($null -ne $domain -and [string]$domain -ne '') { $this.ConnectedDomain = [string]$domain }
    }
    $this.Root = $found
    $this.Config = $settings
    $this.Connected = $true
  }

  # `\`, "" and NULL are the root, Name and Path `\` (Wine L162-190); `/` or `.` is
  # ERROR_INVALID_NAME (L153-160); a missing folder ERROR_PATH_NOT_FOUND (L204-206: T).
  [object] GetFolder([object]$folderPath) {
    if (-not $this.Connected) { throw (New-SimError 'OnlyIfConnected' 'GetFolder' 1) }
    $top = [SimTaskFolder]::new($this, '\', '\', $this.Root)
    if ($null -eq $folderPath) { return $top }
    $text = [string]$folderPath
    if ($text -eq '' -or $text -eq '\') { return $top }
    return $this.OpenFolder($top, $text, 'GetFolder')
  }

  hidden [object] OpenFolder([object]$from, [string]$folderPath, [string]$method) {
    $located = $this.LocateFolder($from, $folderPath, $method, 1)
    if ($null -eq $located) { throw (New-SimError 'PathNotFound' $method 1) }
    $shown = $folderPath
    if ($from.Absolute -ne '\') { $shown = $located.absolute }
    return [SimTaskFolder]::new($this, $located.absolute, $shown, $located.directory)
  }

  # @{ absolute; directory; parent; name } of a folder below $from, $null when missing.
  hidden [object] LocateFolder([object]$from, [string]$folderPath, [string]$method, [int]$count) {
    $names = [SimStore]::Split($folderPath)
    if ($null -eq $names -or $names.Count -eq 0) { throw (New-SimError 'InvalidName' $method $count) }
    $at = $from.Absolute
    $dir = $from.Directory
    $parent = $null
    $leaf = $null
    foreach ($folderName in $names) {
      $this.AssertReadable($at, $method, $count)
      $listing = [SimStore]::Listing($dir)
      if (-not $listing.folders.ContainsKey($folderName)) { return $null }
      $parent = $dir
      $dir = $listing.folders[$folderName]
      $leaf = [System.IO.Path]::GetFileName($dir)
      $at = [SimStore]::Join($at, $leaf)
    }
    return @{ absolute = $at; directory = $dir; parent = $parent; name = $leaf }
  }

  # @{ directory; name; path; file } of a task below $from (file $null when there is none);
  # a folder on the way that is missing, or a folder where the task should be, is
  # ERROR_PATH_NOT_FOUND (Wine L771-796: T).
  hidden [object] LocateTask([object]$from, [string]$taskPath, [string]$method, [int]$count) {
    $names = [SimStore]::Split($taskPath)
    if ($null -eq $names -or $names.Count -eq 0) { throw (New-SimError 'InvalidName' $method $count) }
    $at = $from.Absolute
    $dir = $from.Directory
    if ($names.Count -gt 1) {
      $located = $this.LocateFolder($from, [string]::Join('\', $names, 0, $names.Count - 1), $method, $count)
      if ($null -eq $located) { throw (New-SimError 'PathNotFound' $method $count) }
      $at = $located.absolute
      $dir = $located.directory
    }
    $this.AssertReadable($at, $method, $count)
    $leaf = $names[$names.Count - 1]
    $listing = [SimStore]::Listing($dir)
    if ($listing.folders.ContainsKey($leaf)) { throw (New-SimError 'PathNotFound' $method $count) }
    $file = $null
    if ($listing.tasks.ContainsKey($leaf)) {
      $file = $listing.tasks[$leaf]
      $leaf = [SimStore]::TaskName($file)
    }
    return @{ directory = $dir; name = $leaf; path = [SimStore]::Join($at, $leaf); file = $file }
  }

  hidden [void] AssertReadable([string]$folderPath, [string]$method, [int]$count) {
    if ([SimStore]::IsDenied($this.Config, $folderPath)) { throw (New-SimError 'AccessDenied' $method $count) }
  }

  # Credentials and accounts at registration (beh 3). Names resolve or fail with
  # ERROR_NONE_MAPPED and "(line,col):UserId:" (keymapper#324, preludeorg#304: R).
  hidden [void] AssertPrincipal([hashtable]$checked, [object]$userId, [object]$password, [int]$logonType, [int]$count) {
    $principal = $checked.principal
    # Not elevated: only administrators may create a task with a boot trigger (RT remarks: D),
    # and registering one that runs as a service account or with the highest run level is
    # refused the same way (E_ACCESSDENIED, as for an unelevated caller in Wine L970-975: T; I).
    if (-not $this.Config.elevated) {
      $document = $checked.document
      $ns = $script:SimNamespaces
      $runsAsService = $null -ne $principal.userId -and $null -ne [SimStore]::Account($this.Config, $principal.userId) -and $script:SimServiceSids -contains [SimStore]::Account($this.Config, $principal.userId).sid
      if ($runsAsService -or $null -ne $document.SelectSingleNode('/t:Task/t:Triggers/t:BootTrigger', $ns) -or $null -ne $document.SelectSingleNode('/t:Task/t:Principals/t:Principal/t:RunLevel[normalize-space(.) = "HighestAvailable"]', $ns)) {
        throw (New-SimError 'AccessDenied' 'RegisterTask' $count)
      }
    }
    if ($null -ne $principal.groupId -and $null -eq [SimStore]::Account($this.Config, $principal.groupId)) {
      throw (New-SimComError $script:SimCode.NoneMapped ($this.Position($checked, 'groupIdAt') + ':GroupId:') 'RegisterTask' $count)
    }
    $user = $principal.userId
    if ($null -ne $userId -and [string]$userId -ne '') { $user = [string]$userId }
    if ($null -eq $user) { return }
    $account = [SimStore]::Account($this.Config, $user)
    if ($null -eq $account) { throw (New-SimComError $script:SimCode.NoneMapped ($this.Position($checked, 'userIdAt') + ':UserId:') 'RegisterTask' $count) }
    $xmlLogon = $principal.logonType
    # S4U needs a qualified name: "Nitro" instead of "HOST\Nitro" is E_INVALIDARG (deGDID#15: R).
    $s4u = $logonType -eq 2 -or ($logonType -eq 0 -and $xmlLogon -eq 'S4U')
    if ($s4u -and $account.kind -eq 'named' -and $user.IndexOf('\') -lt 0 -and $user.IndexOf('@') -lt 0) {
      throw (New-SimComError $script:SimCode.InvalidArg ($this.Position($checked, 'userIdAt') + ':UserId:') 'RegisterTask' $count)
    }
    # A service account takes no password (RST, MicrosoftDocs#451: D, R).
    if ($script:SimServiceSids -contains $account.sid -and $null -ne $password) { throw (New-SimError 'LogonFailure' 'RegisterTask' $count) }
    # Password logon (1, or 6, the same today) needs the account's password (RT: D); a wrong
    # one is ERROR_LOGON_FAILURE (dahall#190: R).
    $passwordLogon = $logonType -eq 1 -or $logonType -eq 6 -or ($logonType -eq 0 -and ($xmlLogon -eq 'Password' -or $xmlLogon -eq 'InteractiveTokenOrPassword'))
    if (-not $passwordLogon) { return }
    if ($null -eq $password) { throw (New-SimError 'LogonFailure' 'RegisterTask' $count) }
    if ($null -ne $account.password -and -not $account.password.Equals([string]$password, [StringComparison]::Ordinal)) {
      throw (New-SimError 'LogonFailure' 'RegisterTask' $count)
    }
  }

  # "(line,col)" of the principal's UserId or GroupId (else of the Principal, else (1,1)),
  # for an error that names it; the fast check does not keep positions, the walk does.
  hidden [string] Position([hashtable]$checked, [string]$key) {
    $principal = $checked.principal
    if ($null -eq $principal.at) { $principal = $script:SimXml::Walk($checked.xml, 'RegisterTask', 7).principal }
    if ($null -ne $principal[$key]) { return $principal[$key] }
    return $principal.at
  }
}

# ---------------------------------------------------------------------------------------------
# The machine facts install.ps1 asks Windows for: a simulated computer runs Windows, and the
# session is elevated unless DIR/localhost/.simulator.json says "elevated": false.
# ---------------------------------------------------------------------------------------------
function Test-WindowsHost { return $true }

function Test-Administrator {
  $root = [System.IO.Path]::Combine($env:TASKCTL_SCHEDULER_SIMULATOR, 'localhost')
  if (-not [System.IO.Directory]::Exists($root)) { return $false }
  return [bool]([SimStore]::ReadConfig($root)).elevated
}

# ---------------------------------------------------------------------------------------------
# The stand-in for New-Object: `-ComObject Schedule.Service` gets the simulated service,
# everything else goes to the real cmdlet, so the templates' own lines run unchanged.
# ---------------------------------------------------------------------------------------------
function New-Object {
  [CmdletBinding(DefaultParameterSetName = 'Net')]
  param(
    [Parameter(ParameterSetName = 'Net', Mandatory = $true, Position = 0)][string]$TypeName,
    [Parameter(ParameterSetName = 'Net', Position = 1)][Alias('Args')][object[]]$ArgumentList,
    [Parameter(ParameterSetName = 'Com', Mandatory = $true, Position = 0)][string]$ComObject,
    [Parameter(ParameterSetName = 'Com')][switch]$Strict,
    [System.Collections.IDictionary]$Property
  )
  if ($PSCmdlet.ParameterSetName -eq 'Com' -and $ComObject -eq 'Schedule.Service') { return [SimTaskService]::new() }
  Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
}
