<#
  taskctl-common.ps1 - what every taskctl template shares: UTF-8 on stdin and stdout, the
  request read as one JSON document from stdin, the result written as one JSON document
  between sentinel lines, errors reduced to { kind, message, hresult }, and the connection to
  the Task Scheduler. Dot-sourced by the templates. Windows PowerShell 5.1 and PowerShell 7.

  With $env:TASKCTL_SCHEDULER_SIMULATOR set, every script in templates/simulator/ is
  dot-sourced here: they stand in for what only Windows has (the Schedule.Service COM object
  through a New-Object of their own, ...), so the templates' own lines run unchanged anywhere.
#>

# UTF-8 both ways, without a BOM, whatever the console code page is. Setting the console
# encodings throws when there is no console at all; the raw stream reads and writes below
# don't depend on them.
$script:Utf8NoBom = New-Object System.Text.UTF8Encoding -ArgumentList $false
try { [Console]::OutputEncoding = $script:Utf8NoBom } catch { }
try { [Console]::InputEncoding = $script:Utf8NoBom } catch { }
$OutputEncoding = $script:Utf8NoBom

if (-not [string]::IsNullOrEmpty($env:TASKCTL_SCHEDULER_SIMULATOR)) {
  # .NET rather than Get-ChildItem: a process should not load a module for a directory listing.
  $simulatorScripts = [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($PSScriptRoot, 'simulator'), '*.ps1')
  [Array]::Sort($simulatorScripts, [StringComparer]::Ordinal)
  foreach ($simulatorScript in $simulatorScripts) { . $simulatorScript }
}

function Read-Request {
  $reader = New-Object System.IO.StreamReader -ArgumentList ([Console]::OpenStandardInput()), $script:Utf8NoBom
  $text = $reader.ReadToEnd()
  return ConvertFrom-Json -InputObject $text
}

function Write-Result {
  param($Document, [int]$ExitCode)
  # '@' only occurs inside JSON strings, where \u0040 means the same: a task name or XML
  # holding the sentinel text can't end the document early.
  $json = (ConvertTo-Json -InputObject $Document -Depth 8 -Compress).Replace('@', '\u0040')
  $text = "`n@@TASKCTL-JSON@@`n" + $json + "`n@@TASKCTL-END@@`n"
  # Raw bytes on the standard output stream: no host formatting, no line wrapping, no code page.
  $bytes = $script:Utf8NoBom.GetBytes($text)
  $stdout = [Console]::OpenStandardOutput()
  $stdout.Write($bytes, 0, $bytes.Length)
  $stdout.Flush()
  exit $ExitCode
}

function Get-ErrorInfo {
  param($ErrorRecord, [string]$Kind)
  # COM failures arrive wrapped (MethodInvocationException around COMException); the
  # innermost exception carries Task Scheduler's HRESULT and its "(35,23):Command:" text.
  # $Error may hold the exception itself rather than an ErrorRecord.
  $exception = $ErrorRecord
  if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $exception = $ErrorRecord.Exception }
  while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
  $hresult = '0x' + ([int]$exception.HResult).ToString('X8')
  if ([string]::IsNullOrEmpty($Kind)) {
    $Kind = 'other'
    if ($hresult -eq '0x80070005') { $Kind = 'access-denied' }
    elseif ($hresult -eq '0x80040154') { $Kind = 'module-missing' }
    elseif ($hresult -eq '0x80070422' -or $hresult -eq '0x800706BA' -or $hresult -eq '0x80041315') { $Kind = 'service-unavailable' }
  }
  return [ordered]@{ kind = $Kind; message = [string]$exception.Message; hresult = $hresult }
}

function Get-OptionalField {
  param($Object, [string]$Name)
  $property = $Object.PSObject.Properties[$Name]
  if ($null -eq $property) { return $null }
  return $property.Value
}

# The Task Scheduler of this computer, or of the computer named (its own remote connection,
# as --computer uses it): `Computer` when given, else the request's `computer`. With a
# `credential` in the request ({ user, domain, password: base64 of its UTF-8 }, never
# printed) the connection is made as that account; without it, as the caller.
function Connect-TaskService {
  param($Request, [string]$Computer)
  try {
    $service = New-Object -ComObject Schedule.Service
  } catch {
    Write-Result ([ordered]@{ ok = $false; error = (Get-ErrorInfo $_ 'module-missing') }) 1
  }
  if (-not $PSBoundParameters.ContainsKey('Computer')) { $Computer = [string](Get-OptionalField $Request 'computer') }
  $credential = Get-OptionalField $Request 'credential'
  if ($null -ne $credential) {
    $password = $script:Utf8NoBom.GetString([Convert]::FromBase64String([string]$credential.password))
    $service.Connect($Computer, [string]$credential.user, (Get-OptionalField $credential 'domain'), $password)
  } elseif ([string]::IsNullOrEmpty($Computer)) { $service.Connect() } else { $service.Connect($Computer) }
  return $service
}
