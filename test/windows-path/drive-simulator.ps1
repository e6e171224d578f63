<#
  drive-simulator.ps1 - calls the simulated Task Scheduler the way a script calls the real
  one, one step after another, for test/windows-path/simulator.test.ts.

  Input (stdin, JSON): { "steps": [ { "on": "service", "call": "GetFolder", "args": ["\\"], "as": "root" },
                                     { "on": "root", "get": "Path" } ] }
    `on` names an object: "service" (New-Object -ComObject Schedule.Service) or one saved
    with `as`; `call` a method with `args`, or `get` a property.
  Output: the protocol of taskctl-common.ps1: { "ok": true, "results": [ step result... ] },
    a step result being { "ok": true, "value": ... } or { "ok": false, "hresult": "0x...",
    "message": "...", "outer": "exception type: message" }.
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../templates/taskctl-common.ps1')

function ConvertTo-Summary {
  param($Value)
  if ($null -eq $Value) { return $null }
  $type = $Value.GetType().Name
  if ($type -eq 'SimTaskFolder') { return [ordered]@{ kind = 'folder'; Name = $Value.Name; Path = $Value.Path } }
  if ($type -eq 'SimRegisteredTask') {
    return [ordered]@{ kind = 'task'; Name = $Value.Name; Path = $Value.Path; State = $Value.State; Enabled = $Value.Enabled; Xml = $Value.Xml }
  }
  if ($type -eq 'SimCollection') {
    $items = @()
    foreach ($item in $Value) { $items += , (ConvertTo-Summary $item) }
    return [ordered]@{ kind = 'collection'; Count = $Value.Count; items = $items }
  }
  return $Value
}

$request = Read-Request
$objects = @{ service = (New-Object -ComObject Schedule.Service) }
$results = New-Object 'System.Collections.Generic.List[object]'
foreach ($step in @($request.steps)) {
  $target = $objects[[string]$step.on]
  $value = $null
  try {
    $property = $step.PSObject.Properties['get']
    if ($null -ne $property) {
      $value = $target.($property.Value)
    } else {
      $method = [string]$step.call
      $arguments = @()
      if ($null -ne $step.PSObject.Properties['args']) { $arguments = @($step.args) }
      switch ($arguments.Count) {
        0 { $value = $target.$method() }
        1 { $value = $target.$method($arguments[0]) }
        2 { $value = $target.$method($arguments[0], $arguments[1]) }
        3 { $value = $target.$method($arguments[0], $arguments[1], $arguments[2]) }
        4 { $value = $target.$method($arguments[0], $arguments[1], $arguments[2], $arguments[3]) }
        6 { $value = $target.$method($arguments[0], $arguments[1], $arguments[2], $arguments[3], $arguments[4], $arguments[5]) }
        7 { $value = $target.$method($arguments[0], $arguments[1], $arguments[2], $arguments[3], $arguments[4], $arguments[5], $arguments[6]) }
      }
    }
    if ($null -ne $step.PSObject.Properties['as']) { $objects[[string]$step.as] = $value }
    $results.Add([ordered]@{ ok = $true; value = (ConvertTo-Summary $value) })
  } catch {
    $info = Get-ErrorInfo $_ ''
    $outer = $_.Exception.GetType().Name + ': ' + $_.Exception.Message
    $results.Add([ordered]@{ ok = $false; hresult = $info.hresult; message = $info.message; outer = $outer })
  }
}
Write-Result ([ordered]@{ ok = $true; results = $results.ToArray() }) 0
