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
      "accounts": [ { "name": "PC\\user", "sid": "S-1-5-21-...", "password": "...",
                      "batchLogon": true } ],   when present, the only names that resolve
      "userIds": "as-given" | "sid" }     "sid": names read back as SIDs (some machines do)

  Every behaviour below names its evidence: a row of taskctl's Task Scheduler behaviour
  reference (section numbers, "beh 2.2") and its source, with the reference's confidence tag:
  D documented by Microsoft, T Wine conformance tests run on real Windows, O output captured on
  Windows, R user reports, I inferred. XML checks and rewriting are in task-xml.ps1.
  Windows PowerShell 5.1 and PowerShell 7: no 7-only syntax. Plain ASCII.
#>

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

# The exception a script sees when a COM method fails: `Exception calling "M" with "n"
# argument(s): "text"` around a COMException with the HRESULT (beh 2.1, I). `Name` picks
# the code and text above; `Message` replaces the text (XML errors carry "(line,col):Node:").
function New-SimError {
  param([string]$Name, [string]$Method, [int]$ArgumentCount, [string]$Message)
  $code = $script:SimCode[$Name]
  if ([string]::IsNullOrEmpty($Message)) { $Message = $script:SimText[$Name] }
  return New-SimComError $code $Message $Method $ArgumentCount
}

function New-SimComError {
  param([int]$Code, [string]$Message, [string]$Method, [int]$ArgumentCount)
  $com = New-Object System.Runtime.InteropServices.COMException -ArgumentList $Message, $Code
  $text = 'Exception calling "' + $Method + '" with "' + $ArgumentCount + '" argument(s): "' + $Message + '"'
  return New-Object System.Management.Automation.MethodInvocationException -ArgumentList $text, $com
}

# ---------------------------------------------------------------------------------------------
# Names and paths (beh 4): `\` separates names; "" and `\` are the root; `/`, `.` and `..`,
# a leading or trailing space, `:` and the other characters file names can't hold are
# ERROR_INVALID_NAME (TSCH 2.3.11, RT: D; Wine L153-160, L200-202: T; `* ? " < > |` I).
# ---------------------------------------------------------------------------------------------
$script:SimBadNameCharacters = [char[]]@(':', '/', '*', '?', '"', '<', '>', '|')

function Test-SimName {
  param([string]$Name)
  if ($Name.Length -eq 0 -or $Name -eq '.' -or $Name -eq '..') { return $false }
  if ($Name.StartsWith(' ') -or $Name.EndsWith(' ')) { return $false }
  if ($Name.IndexOfAny($script:SimBadNameCharacters) -ge 0) { return $false }
  foreach ($character in $Name.ToCharArray()) { if ([int]$character -lt 32) { return $false } }
  return $true
}

# The names of a path relative to a folder; $null when a name is invalid. A trailing `\`
# after a name is invalid (GF; Wine L219-220: D, T); so is `//` or `\\` inside.
function Split-SimPath {
  param([string]$Path)
  $trimmed = $Path
  if ($trimmed.StartsWith('\')) { $trimmed = $trimmed.Substring(1) }
  if ($trimmed.Length -eq 0) { return ,@() }
  $names = $trimmed.Split([char]'\')
  foreach ($name in $names) { if (-not (Test-SimName $name)) { return $null } }
  return ,$names
}

function Join-SimPath {
  param([string]$Folder, [string]$Name)
  if ($Folder -eq '\') { return '\' + $Name }
  return $Folder + '\' + $Name
}

# ---------------------------------------------------------------------------------------------
# The store: one folder per computer, a folder per task folder, a file per task. Task Scheduler
# compares names case-insensitively and keeps the case given (beh 4, I), so entries are found
# whatever their case; listings are cached per process and kept in step with its own writes.
# ---------------------------------------------------------------------------------------------
$script:SimListings = @{}

function Get-SimListing {
  param([string]$Directory)
  $listing = $script:SimListings[$Directory]
  if ($null -ne $listing) { return $listing }
  $listing = @{
    folders = New-Object 'System.Collections.Generic.Dictionary[string,string]' -ArgumentList ([StringComparer]::OrdinalIgnoreCase)
    tasks   = New-Object 'System.Collections.Generic.Dictionary[string,string]' -ArgumentList ([StringComparer]::OrdinalIgnoreCase)
  }
  foreach ($entry in [System.IO.Directory]::GetDirectories($Directory)) {
    $name = [System.IO.Path]::GetFileName($entry)
    if (-not $name.StartsWith('.')) { $listing.folders[$name] = $entry }
  }
  foreach ($entry in [System.IO.Directory]::GetFiles($Directory)) {
    $file = [System.IO.Path]::GetFileName($entry)
    if ($file.StartsWith('.')) { continue }
    # The --store layout: one trailing .xml is not part of the task name.
    $name = $file
    if ($name.EndsWith('.xml', [StringComparison]::OrdinalIgnoreCase)) { $name = $name.Substring(0, $name.Length - 4) }
    $listing.tasks[$name] = $entry
  }
  $script:SimListings[$Directory] = $listing
  return $listing
}

# Reads a task file as Windows does: the BOM decides (UTF-16LE with BOM is what it writes).
function Read-SimTaskFile {
  param([string]$File)
  return [System.IO.File]::ReadAllText($File)
}

# Writes UTF-16LE with a BOM through a temporary file, so a reader never sees half a task.
function Write-SimTaskFile {
  param([string]$File, [string]$Text)
  $directory = [System.IO.Path]::GetDirectoryName($File)
  $temporary = [System.IO.Path]::Combine($directory, '.' + [System.IO.Path]::GetFileName($File) + '.sim-' + $PID)
  $encoding = New-Object System.Text.UnicodeEncoding -ArgumentList $false, $true
  [System.IO.File]::WriteAllText($temporary, $Text, $encoding)
  if ([System.IO.File]::Exists($File)) { [System.IO.File]::Replace($temporary, $File, $null) }
  else { [System.IO.File]::Move($temporary, $File) }
}

# ---------------------------------------------------------------------------------------------
# Per-computer settings (.simulator.json) and accounts.
# ---------------------------------------------------------------------------------------------
function Read-SimConfig {
  param([string]$Root)
  $config = @{ windows = '10'; denied = @(); accounts = $null; userIds = 'as-given' }
  $file = [System.IO.Path]::Combine($Root, '.simulator.json')
  if (-not [System.IO.File]::Exists($file)) { return $config }
  try {
    $json = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file))
  } catch {
    throw ('simulator: ' + $file + ' is not valid JSON: ' + $_.Exception.Message)
  }
  foreach ($property in $json.PSObject.Properties) {
    switch ($property.Name) {
      'windows' { $config.windows = [string]$property.Value }
      'denied' { $config.denied = @($property.Value | ForEach-Object { '\' + ([string]$_).Trim('\') }) }
      'accounts' { $config.accounts = @($property.Value) }
      'userIds' { $config.userIds = [string]$property.Value }
      default { throw ('simulator: ' + $file + ' has an unknown setting "' + $property.Name + '" (known: windows, denied, accounts, userIds)') }
    }
  }
  if ($config.windows -ne '10' -and $config.windows -ne '11-24H2') {
    throw ('simulator: ' + $file + ': "windows" is "10" or "11-24H2", not "' + $config.windows + '"')
  }
  return $config
}

# A folder is denied when it or a folder above it is listed: children inherit the security
# descriptor of their folder (I). Reading a folder without read access is E_ACCESSDENIED
# (TSCH 3.2.5.4.3, D); the same for changing it (I).
function Test-SimDenied {
  param($Config, [string]$FolderPath)
  foreach ($denied in $Config.denied) {
    if ($FolderPath.Equals($denied, [StringComparison]::OrdinalIgnoreCase)) { return $true }
    if ($FolderPath.StartsWith($denied + '\', [StringComparison]::OrdinalIgnoreCase)) { return $true }
  }
  return $false
}

# Well-known accounts of the Register-ScheduledTask documentation (RST: D) and the built-in
# groups (their SIDs are the same on every Windows; names are English, as localized names
# fail on other languages: beh 1.2, R).
$script:SimWellKnown = @{
  'SYSTEM' = 'S-1-5-18'; 'NT AUTHORITY\SYSTEM' = 'S-1-5-18'; 'LOCALSYSTEM' = 'S-1-5-18'
  'LOCAL SERVICE' = 'S-1-5-19'; 'NT AUTHORITY\LOCAL SERVICE' = 'S-1-5-19'; 'NT AUTHORITY\LOCALSERVICE' = 'S-1-5-19'
  'NETWORK SERVICE' = 'S-1-5-20'; 'NT AUTHORITY\NETWORK SERVICE' = 'S-1-5-20'; 'NT AUTHORITY\NETWORKSERVICE' = 'S-1-5-20'
  'BUILTIN\ADMINISTRATORS' = 'S-1-5-32-544'; 'BUILTIN\USERS' = 'S-1-5-32-545'; 'EVERYONE' = 'S-1-1-0'
  'NT AUTHORITY\INTERACTIVE' = 'S-1-5-4'; 'NT AUTHORITY\AUTHENTICATED USERS' = 'S-1-5-11'
}
$script:SimServiceSids = @('S-1-5-18', 'S-1-5-19', 'S-1-5-20')

# The account a name or SID stands for: @{ sid; name; password; batchLogon; known } or $null
# when it does not resolve (0x80070534 at registration: beh 3, R). Without an "accounts"
# list every name resolves: the simulator can't know the accounts of a machine it invents.
function Resolve-SimAccount {
  param($Config, [string]$Account)
  $text = $Account.Trim()
  $upper = $text.ToUpperInvariant()
  if ($upper.StartsWith('.\')) { $upper = $upper.Substring(2) }
  if ($text -match '^[Ss]-1(-\d+)+$') {
    foreach ($entry in @($Config.accounts)) {
      if ($null -ne $entry -and [string]$entry.sid -eq $upper) { return New-SimAccount $entry }
    }
    return @{ sid = $upper; name = $null; password = $null; batchLogon = $true; known = $true }
  }
  $sid = $script:SimWellKnown[$upper]
  if ($null -ne $sid) { return @{ sid = $sid; name = $text; password = $null; batchLogon = $true; known = $true } }
  if ($null -eq $Config.accounts) { return @{ sid = $null; name = $text; password = $null; batchLogon = $true; known = $false } }
  foreach ($entry in $Config.accounts) {
    $name = ([string]$entry.name).ToUpperInvariant()
    $bare = $name.Substring($name.LastIndexOf('\') + 1)
    if ($name -eq $upper -or ($upper.IndexOf('\') -lt 0 -and $bare -eq $upper)) { return New-SimAccount $entry }
  }
  return $null
}

function New-SimAccount {
  param($Entry)
  $account = @{ sid = [string]$Entry.sid; name = [string]$Entry.name; password = $null; batchLogon = $true; known = $true }
  foreach ($property in $Entry.PSObject.Properties) {
    if ($property.Name -eq 'password') { $account.password = [string]$property.Value }
    if ($property.Name -eq 'batchLogon') { $account.batchLogon = [bool]$property.Value }
  }
  return $account
}

# ---------------------------------------------------------------------------------------------
# The COM objects. Methods that Task Scheduler rejects throw what its COM binding throws.
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
class SimRegisteredTask {
  [string]$Name
  [string]$Path
  [int]$State
  [bool]$Enabled
  [string]$Xml
  hidden [bool]$Hidden

  SimRegisteredTask([string]$name, [string]$path, [string]$xml) {
    $this.Name = $name
    $this.Path = $path
    $this.Xml = $xml
    $flags = Get-SimTaskFlags $xml
    $this.Enabled = $flags.enabled
    $this.Hidden = $flags.hidden
    $this.State = 3
    if (-not $flags.enabled) { $this.State = 1 }
    if (-not $flags.parsed) { $this.State = 0 }
  }
}

# ITaskFolder. `Path` echoes the form the caller used (Wine L238-295: T); sub-folders listed
# by GetFolders carry the absolute path.
class SimTaskFolder {
  [string]$Name
  [string]$Path
  hidden [object]$Service
  hidden [string]$Absolute
  hidden [string]$Directory

  SimTaskFolder([object]$service, [string]$atPath, [string]$shownPath, [string]$dir) {
    $this.Service = $service
    $this.Absolute = $atPath
    $this.Path = $shownPath
    $this.Directory = $dir
    $this.Name = '\'
    if ($atPath -ne '\') { $this.Name = $atPath.Substring($atPath.LastIndexOf('\') + 1) }
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
    $items = New-Object 'System.Collections.Generic.List[object]'
    $listing = Get-SimListing $this.Directory
    foreach ($leaf in ($listing.folders.Keys | Sort-Object)) {
      $atPath = Join-SimPath $this.Absolute $leaf
      $items.Add([SimTaskFolder]::new($this.Service, $atPath, $atPath, $listing.folders[$leaf]))
    }
    return [SimCollection]::new($items)
  }

  # Hidden tasks (Settings/Hidden) only with TASK_ENUM_HIDDEN (GT: D; Wine L930-949: T).
  [object] GetTasks([int]$flags) {
    $this.Service.AssertReadable($this.Absolute, 'GetTasks', 1)
    $items = New-Object 'System.Collections.Generic.List[object]'
    $listing = Get-SimListing $this.Directory
    foreach ($leaf in ($listing.tasks.Keys | Sort-Object)) {
      $task = [SimRegisteredTask]::new($leaf, (Join-SimPath $this.Absolute $leaf), (Read-SimTaskFile $listing.tasks[$leaf]))
      if ($task.Hidden -and ($flags -band $script:SimFlag.EnumHidden) -eq 0) { continue }
      $items.Add($task)
    }
    return [SimCollection]::new($items)
  }

  # NULL is E_INVALIDARG (Wine L887-888); a missing folder on the way, or a folder named,
  # is ERROR_PATH_NOT_FOUND (Wine L771-796); a missing task ERROR_FILE_NOT_FOUND (TSCH
  # 3.2.5.4.3: D). Hidden tasks are found by name (Wine L702-717: T).
  [object] GetTask([object]$relative) {
    if ($null -eq $relative) { throw (New-SimError 'InvalidArg' 'GetTask' 1) }
    $located = $this.Service.LocateTask($this, [string]$relative, 'GetTask', 1)
    if ($null -eq $located.file) { throw (New-SimError 'FileNotFound' 'GetTask' 1) }
    return [SimRegisteredTask]::new($located.name, $located.path, (Read-SimTaskFile $located.file))
  }

  [object] CreateFolder([object]$relative) { return $this.CreateFolder($relative, $null) }

  # Creates the whole chain; an existing folder (any spelling) is ERROR_ALREADY_EXISTS; NULL
  # and `\` are E_INVALIDARG (Wine L192-233: T; CF: D).
  [object] CreateFolder([object]$relative, [object]$sddl) {
    if ($null -eq $relative -or [string]$relative -eq '\' -or [string]$relative -eq '') { throw (New-SimError 'InvalidArg' 'CreateFolder' 2) }
    $names = Split-SimPath ([string]$relative)
    if ($null -eq $names) { throw (New-SimError 'InvalidName' 'CreateFolder' 2) }
    $atPath = $this.Absolute
    $dir = $this.Directory
    $created = $false
    foreach ($leaf in $names) {
      $this.Service.AssertReadable($atPath, 'CreateFolder', 2)
      $listing = Get-SimListing $dir
      $atPath = Join-SimPath $atPath $leaf
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
    return [SimTaskFolder]::new($this.Service, $atPath, $atPath, $dir)
  }

  # A folder that still holds anything is ERROR_DIR_NOT_EMPTY, a missing one
  # ERROR_FILE_NOT_FOUND, the root E_ACCESSDENIED (Wine L343-360; rpcapi L123-141: T).
  [void] DeleteFolder([object]$leaf, [int]$flags) {
    if ($null -eq $leaf -or [string]$leaf -eq '') { throw (New-SimError 'AccessDenied' 'DeleteFolder' 2) }
    $located = $this.Service.LocateFolder($this, [string]$leaf, 'DeleteFolder', 2)
    if ($null -eq $located) { throw (New-SimError 'FileNotFound' 'DeleteFolder' 2) }
    $this.Service.AssertReadable($located.absolute, 'DeleteFolder', 2)
    $listing = Get-SimListing $located.directory
    if ($listing.folders.Count -gt 0 -or $listing.tasks.Count -gt 0) { throw (New-SimError 'DirNotEmpty' 'DeleteFolder' 2) }
    [System.IO.Directory]::Delete($located.directory, $true)
    $script:SimListings.Remove($located.directory)
    $null = (Get-SimListing $located.parent).folders.Remove($located.name)
  }

  # A missing task is ERROR_FILE_NOT_FOUND (Wine L967-968: T; Win7 said S_OK); NULL is
  # ERROR_DIR_NOT_EMPTY, odd but tested (Wine L958-960: T).
  [void] DeleteTask([object]$leaf, [int]$flags) {
    if ($null -eq $leaf) { throw (New-SimError 'DirNotEmpty' 'DeleteTask' 2) }
    $located = $this.Service.LocateTask($this, [string]$leaf, 'DeleteTask', 2)
    if ($null -eq $located.file) { throw (New-SimError 'FileNotFound' 'DeleteTask' 2) }
    [System.IO.File]::Delete($located.file)
    $null = (Get-SimListing $located.directory).tasks.Remove($located.name)
  }

  [object] RegisterTask([object]$relative, [object]$xml, [int]$flags, [object]$userId, [object]$password, [int]$logonType) {
    return Register-SimTask $this $relative $xml $flags $userId $password $logonType $null 6
  }

  [object] RegisterTask([object]$relative, [object]$xml, [int]$flags, [object]$userId, [object]$password, [int]$logonType, [object]$sddl) {
    return Register-SimTask $this $relative $xml $flags $userId $password $logonType $sddl 7
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
  hidden [object]$Config

  [void] Connect() { $this.Open($null, 0) }
  [void] Connect([object]$serverName) { $this.Open($serverName, 1) }
  [void] Connect([object]$serverName, [object]$user) { $this.Open($serverName, 2) }
  [void] Connect([object]$serverName, [object]$user, [object]$domain) { $this.Open($serverName, 3) }
  [void] Connect([object]$serverName, [object]$user, [object]$domain, [object]$password) { $this.Open($serverName, 4) }

  hidden [void] Open([object]$serverName, [int]$argumentCount) {
    $name = 'localhost'
    if ($null -ne $serverName -and [string]$serverName -ne '') { $name = [string]$serverName }
    $base = $env:TASKCTL_SCHEDULER_SIMULATOR
    $rootDir = $null
    if (-not [string]::IsNullOrEmpty($base) -and [System.IO.Directory]::Exists($base)) {
      foreach ($entry in [System.IO.Directory]::GetDirectories($base)) {
        if ([System.IO.Path]::GetFileName($entry).Equals($name, [StringComparison]::OrdinalIgnoreCase)) { $rootDir = $entry }
      }
    }
    if ($null -eq $rootDir) { throw (New-SimError 'RpcUnavailable' 'Connect' $argumentCount) }
    $this.Root = $rootDir
    $this.Config = Read-SimConfig $rootDir
    $this.TargetServer = [System.IO.Path]::GetFileName($rootDir).ToUpperInvariant()
    $this.ConnectedUser = [Environment]::UserName
    $this.ConnectedDomain = $this.TargetServer
    $this.Connected = $true
  }

  # `\`, "" and NULL are the root, Name and Path `\` (Wine L162-190); `/` or `.` is
  # ERROR_INVALID_NAME (L153-160); a missing folder ERROR_PATH_NOT_FOUND (L204-206: T).
  [object] GetFolder([object]$path) {
    if (-not $this.Connected) { throw (New-SimError 'OnlyIfConnected' 'GetFolder' 1) }
    $rootDir = [SimTaskFolder]::new($this, '\', '\', $this.Root)
    if ($null -eq $path) { return $rootDir }
    $text = [string]$path
    if ($text -eq '' -or $text -eq '\') { return $rootDir }
    return $this.OpenFolder($rootDir, $text, 'GetFolder')
  }

  hidden [object] OpenFolder([object]$from, [string]$path, [string]$method) {
    $located = $this.LocateFolder($from, $path, $method, 1)
    if ($null -eq $located) { throw (New-SimError 'PathNotFound' $method 1) }
    $shown = $path
    if ($from.Absolute -ne '\') { $shown = $located.absolute }
    return [SimTaskFolder]::new($this, $located.absolute, $shown, $located.directory)
  }

  # @{ absolute; directory; parent; name } of a folder below $from, $null when missing.
  hidden [object] LocateFolder([object]$from, [string]$path, [string]$method, [int]$argumentCount) {
    $names = Split-SimPath $path
    if ($null -eq $names -or $names.Count -eq 0) { throw (New-SimError 'InvalidName' $method $argumentCount) }
    $absolute = $from.Absolute
    $directory = $from.Directory
    $parent = $null
    $last = $null
    foreach ($name in $names) {
      $this.AssertReadable($absolute, $method, $argumentCount)
      $listing = Get-SimListing $directory
      if (-not $listing.folders.ContainsKey($name)) { return $null }
      $parent = $directory
      $directory = $listing.folders[$name]
      $last = [System.IO.Path]::GetFileName($directory)
      $absolute = Join-SimPath $absolute $last
    }
    return @{ absolute = $absolute; directory = $directory; parent = $parent; name = $last }
  }

  # @{ folder; directory; name; path; file } of a task below $from ($null file when there is
  # none); a folder on the way that is missing, or a folder where the task should be, is
  # ERROR_PATH_NOT_FOUND (Wine L771-796: T).
  hidden [object] LocateTask([object]$from, [string]$path, [string]$method, [int]$argumentCount) {
    $names = Split-SimPath $path
    if ($null -eq $names -or $names.Count -eq 0) { throw (New-SimError 'InvalidName' $method $argumentCount) }
    $folder = $from
    if ($names.Count -gt 1) {
      $located = $this.LocateFolder($from, [string]::Join('\', $names, 0, $names.Count - 1), $method, $argumentCount)
      if ($null -eq $located) { throw (New-SimError 'PathNotFound' $method $argumentCount) }
      $folder = [SimTaskFolder]::new($this, $located.absolute, $located.absolute, $located.directory)
    }
    $this.AssertReadable($folder.Absolute, $method, $argumentCount)
    $name = $names[$names.Count - 1]
    $listing = Get-SimListing $folder.Directory
    if ($listing.folders.ContainsKey($name)) { throw (New-SimError 'PathNotFound' $method $argumentCount) }
    $file = $null
    if ($listing.tasks.ContainsKey($name)) {
      $file = $listing.tasks[$name]
      $name = [System.IO.Path]::GetFileName($file)
      if ($name.EndsWith('.xml', [StringComparison]::OrdinalIgnoreCase)) { $name = $name.Substring(0, $name.Length - 4) }
    }
    return @{ folder = $folder; directory = $folder.Directory; name = $name; path = (Join-SimPath $folder.Absolute $name); file = $file }
  }

  hidden [void] AssertReadable([string]$absolute, [string]$method, [int]$argumentCount) {
    if (Test-SimDenied $this.Config $absolute) { throw (New-SimError 'AccessDenied' $method $argumentCount) }
  }
}

# ---------------------------------------------------------------------------------------------
# ITaskFolder.RegisterTask (RT: D; beh 2.2 and 3).
# ---------------------------------------------------------------------------------------------
function Register-SimTask {
  param($Folder, $Path, $Xml, [int]$Flags, $UserId, $Password, [int]$LogonType, $Sddl, [int]$ArgumentCount)
  $service = $Folder.Service
  $validateOnly = ($Flags -band $script:SimFlag.ValidateOnly) -ne 0
  # VALIDATE_ONLY with IGNORE_REGISTRATION_TRIGGERS is "an invalid argument" (RT remarks: D).
  if ($validateOnly -and ($Flags -band $script:SimFlag.IgnoreRegistrationTriggers) -ne 0) { throw (New-SimError 'InvalidArg' 'RegisterTask' $ArgumentCount) }
  # A NULL XML is RPC_X_NULL_REF_POINTER (Wine L810-811: T).
  if ($null -eq $Xml) { throw (New-SimError 'NullRefPointer' 'RegisterTask' $ArgumentCount) }
  # A NULL path names the task with a braced GUID in the root; elsewhere it is E_INVALIDARG
  # (Wine L970-990: T).
  $pathText = [string]$Path
  if ($null -eq $Path -or $pathText -eq '') {
    if ($Folder.Absolute -ne '\') { throw (New-SimError 'InvalidArg' 'RegisterTask' $ArgumentCount) }
    $pathText = '{' + [guid]::NewGuid().ToString().ToUpperInvariant() + '}'
  }
  $from = $Folder
  if ($pathText.StartsWith('\')) { $from = $service.GetFolder('\') }
  $names = Split-SimPath $pathText
  if ($null -eq $names -or $names.Count -eq 0) { throw (New-SimError 'InvalidName' 'RegisterTask' $ArgumentCount) }

  # A user without a password or the reverse is E_OUTOFMEMORY (RT/RTD return values: D).
  $hasUser = $null -ne $UserId -and [string]$UserId -ne ''
  $hasPassword = $null -ne $Password
  if ($hasUser -ne $hasPassword -and $hasPassword) { throw (New-SimError 'OutOfMemory' 'RegisterTask' $ArgumentCount) }

  # The XML first: validation does not look at the existing task (Wine L813-814: T).
  $checked = Test-SimTaskXml ([string]$Xml) 'RegisterTask' $ArgumentCount
  Assert-SimPrincipal $service.Config $checked $UserId $Password $LogonType $ArgumentCount
  if ($validateOnly) { return $null }

  $folderNames = @()
  if ($names.Count -gt 1) { $folderNames = $names[0..($names.Count - 2)] }
  $name = $names[$names.Count - 1]
  $absolute = $from.Absolute
  $directory = $from.Directory
  foreach ($folderName in $folderNames) {
    $service.AssertReadable($absolute, 'RegisterTask', $ArgumentCount)
    $listing = Get-SimListing $directory
    if ($listing.folders.ContainsKey($folderName)) {
      $directory = $listing.folders[$folderName]
      $folderName = [System.IO.Path]::GetFileName($directory)
    } else {
      # Registering into a folder that does not exist yet creates it (I).
      $directory = [System.IO.Path]::Combine($directory, $folderName)
      $null = [System.IO.Directory]::CreateDirectory($directory)
      $listing.folders[$folderName] = $directory
    }
    $absolute = Join-SimPath $absolute $folderName
  }
  $service.AssertReadable($absolute, 'RegisterTask', $ArgumentCount)
  $listing = Get-SimListing $directory
  # A task named like an existing folder is E_ACCESSDENIED (Wine L775-782: T).
  if ($listing.folders.ContainsKey($name)) { throw (New-SimError 'AccessDenied' 'RegisterTask' $ArgumentCount) }
  $exists = $listing.tasks.ContainsKey($name)
  # Existing task without TASK_UPDATE: ERROR_ALREADY_EXISTS; missing task with only
  # TASK_UPDATE: ERROR_FILE_NOT_FOUND (beh 2.2; Wine L718-860, rpcapi L61-222: T).
  $canCreate = ($Flags -band $script:SimFlag.Create) -ne 0 -or ($Flags -band $script:SimFlag.Update) -eq 0
  $canUpdate = ($Flags -band $script:SimFlag.Update) -ne 0
  if ($exists -and -not $canUpdate) { throw (New-SimError 'AlreadyExists' 'RegisterTask' $ArgumentCount) }
  if (-not $exists -and -not $canCreate) { throw (New-SimError 'FileNotFound' 'RegisterTask' $ArgumentCount) }

  $file = [System.IO.Path]::Combine($directory, $name)
  if ($exists) {
    $file = $listing.tasks[$name]
    $name = [System.IO.Path]::GetFileName($file)
    if ($name.EndsWith('.xml', [StringComparison]::OrdinalIgnoreCase)) { $name = $name.Substring(0, $name.Length - 4) }
  }
  $taskPath = Join-SimPath $absolute $name
  $disable = ($Flags -band $script:SimFlag.Disable) -ne 0
  $stored = ConvertTo-SimStoredXml $service.Config $checked.document $taskPath $UserId $LogonType $disable
  Write-SimTaskFile $file $stored
  $listing.tasks[$name] = $file
  return [SimRegisteredTask]::new($name, $taskPath, $stored)
}

# Credentials and accounts at registration (beh 3). Names resolve or fail with
# ERROR_NONE_MAPPED and "(line,col):UserId:" (keymapper#324, preludeorg#304: R).
function Assert-SimPrincipal {
  param($Config, $Checked, $UserId, $Password, [int]$LogonType, [int]$ArgumentCount)
  $principal = $Checked.principal
  $user = $null
  if ($null -ne $UserId -and [string]$UserId -ne '') { $user = [string]$UserId }
  elseif ($null -ne $principal.userId) { $user = $principal.userId }
  $xmlLogon = $principal.logonType
  $position = $principal.userIdAt
  if ($null -eq $position) { $position = $principal.at }
  if ($null -ne $principal.groupId -and $null -eq (Resolve-SimAccount $Config $principal.groupId)) {
    throw (New-SimComError $script:SimCode.NoneMapped ($principal.groupIdAt + ':GroupId:') 'RegisterTask' $ArgumentCount)
  }
  if ($null -eq $user) { return }
  $account = Resolve-SimAccount $Config $user
  if ($null -eq $account) { throw (New-SimComError $script:SimCode.NoneMapped ($position + ':UserId:') 'RegisterTask' $ArgumentCount) }
  $isService = $script:SimServiceSids -contains $account.sid
  # S4U needs a qualified name: "Nitro" instead of "HOST\Nitro" is E_INVALIDARG (deGDID#15: R).
  if (($LogonType -eq 2 -or ($LogonType -eq 0 -and $xmlLogon -eq 'S4U')) -and -not $account.known -and $user.IndexOf('\') -lt 0 -and $user.IndexOf('@') -lt 0) {
    throw (New-SimComError $script:SimCode.InvalidArg ($position + ':UserId:') 'RegisterTask' $ArgumentCount)
  }
  # A service account takes no password (RST, MicrosoftDocs#451: D, R).
  if ($isService -and $null -ne $Password) { throw (New-SimError 'LogonFailure' 'RegisterTask' $ArgumentCount) }
  # Password logon (1, or 6 which is the same today) needs the account's password (RT: D);
  # a wrong one is ERROR_LOGON_FAILURE (dahall#190: R).
  $passwordLogon = $LogonType -eq 1 -or $LogonType -eq 6 -or ($LogonType -eq 0 -and ($xmlLogon -eq 'Password' -or $xmlLogon -eq 'InteractiveTokenOrPassword'))
  if ($passwordLogon) {
    if ($null -eq $Password) { throw (New-SimError 'LogonFailure' 'RegisterTask' $ArgumentCount) }
    if ($null -ne $account.password -and -not $account.password.Equals([string]$Password, [StringComparison]::Ordinal)) {
      throw (New-SimError 'LogonFailure' 'RegisterTask' $ArgumentCount)
    }
  }
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
