<#
  check-ps51.ps1 - checks that PowerShell files run on Windows PowerShell 5.1, with
  PowerShell's own parser: each file must parse without errors, and its syntax tree must use
  nothing that came with PowerShell 6 or 7 (operators, statements, automatic variables,
  cmdlets and cmdlet parameters 5.1 does not have, and .NET members that .NET Framework
  lacks). What it can't see: the behaviour of the same line on the two versions.

  Input (stdin, JSON): { "files": [ "C:\\path\\file.ps1", ... ] }
  Output: the protocol of taskctl-common.ps1:
    { "ok": true, "files": [ { "file": "...", "problems": [ { "line": 3, "column": 9,
      "kind": "syntax|ps7", "what": "..." } ] } ] }
#>
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../templates/taskctl-common.ps1')

# Cmdlets as Windows PowerShell 5.1 has them: their parameters (besides the common ones),
# from the 5.1 documentation. A parameter is matched as PowerShell matches it, by prefix.
$Parameters51 = @{
  'ConvertFrom-Json' = @('InputObject')
  'ConvertTo-Json'   = @('InputObject', 'Depth', 'Compress')
  'Get-Content'      = @('Path', 'LiteralPath', 'ReadCount', 'TotalCount', 'First', 'Head', 'Tail', 'Last', 'Filter', 'Include', 'Exclude', 'Force', 'Credential', 'Delimiter', 'Wait', 'Raw', 'Encoding', 'Stream', 'UseTransaction')
  'Set-Content'      = @('Path', 'LiteralPath', 'Value', 'PassThru', 'Filter', 'Include', 'Exclude', 'Force', 'Credential', 'UseTransaction', 'NoNewline', 'Encoding', 'Stream')
  'Add-Content'      = @('Path', 'LiteralPath', 'Value', 'PassThru', 'Filter', 'Include', 'Exclude', 'Force', 'Credential', 'UseTransaction', 'NoNewline', 'Encoding', 'Stream')
  'Out-File'         = @('FilePath', 'LiteralPath', 'Encoding', 'Append', 'Force', 'NoClobber', 'Width', 'NoNewline', 'InputObject')
  'Join-Path'        = @('Path', 'ChildPath', 'Resolve', 'Credential')
  'Split-Path'       = @('Path', 'LiteralPath', 'Parent', 'Leaf', 'Qualifier', 'NoQualifier', 'IsAbsolute', 'Resolve', 'Credential')
  'ForEach-Object'   = @('InputObject', 'Begin', 'Process', 'End', 'RemainingScripts', 'MemberName', 'ArgumentList')
  'Where-Object'     = @('InputObject', 'FilterScript', 'Property', 'Value', 'EQ', 'CEQ', 'NE', 'CNE', 'GT', 'CGT', 'LT', 'CLT', 'GE', 'CGE', 'LE', 'CLE', 'Like', 'CLike', 'NotLike', 'CNotLike', 'Match', 'CMatch', 'NotMatch', 'CNotMatch', 'Contains', 'CContains', 'NotContains', 'CNotContains', 'In', 'CIn', 'NotIn', 'CNotIn', 'Is', 'IsNot')
  'Start-Process'    = @('FilePath', 'ArgumentList', 'Credential', 'WorkingDirectory', 'LoadUserProfile', 'NoNewWindow', 'PassThru', 'RedirectStandardError', 'RedirectStandardInput', 'RedirectStandardOutput', 'WindowStyle', 'Wait', 'UseNewEnvironment', 'Verb')
  'Get-ChildItem'    = @('Path', 'LiteralPath', 'Filter', 'Include', 'Exclude', 'Recurse', 'Depth', 'Force', 'Name', 'UseTransaction', 'Attributes', 'Directory', 'File', 'Hidden', 'ReadOnly', 'System')
  'Test-Path'        = @('Path', 'LiteralPath', 'Filter', 'Include', 'Exclude', 'PathType', 'IsValid', 'Credential', 'UseTransaction', 'OlderThan', 'NewerThan')
  'Select-Object'    = @('InputObject', 'Property', 'ExcludeProperty', 'ExpandProperty', 'Unique', 'Last', 'First', 'Skip', 'SkipLast', 'Wait', 'Index')
}
$Aliases = @{ '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; '?' = 'Where-Object'; 'where' = 'Where-Object'; 'gc' = 'Get-Content'; 'cat' = 'Get-Content'; 'type' = 'Get-Content'; 'ac' = 'Add-Content'; 'gci' = 'Get-ChildItem'; 'ls' = 'Get-ChildItem'; 'dir' = 'Get-ChildItem'; 'select' = 'Select-Object' }
$CommonParameters = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm')
$Cmdlets7 = @('Test-Json', 'Get-Error', 'Join-String', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-MarkdownOption', 'Set-MarkdownOption', 'Remove-Alias', 'Get-Uptime', 'Get-SecureRandom', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Get-ExperimentalFeature', 'Enable-ExperimentalFeature', 'Disable-ExperimentalFeature', 'Get-PSSubsystem')
$Encodings7 = @('utf8BOM', 'utf8NoBOM', 'ansi')
$Variables7 = @('PSStyle', 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSNativeCommandArgumentPassing', 'PSNativeCommandUseErrorActionPreference')
# .NET members of .NET (Core) only, as Type.Member by the type's last name.
$Members7 = @('Path.GetRelativePath', 'Path.Join', 'Path.TrimEndingDirectorySeparator', 'Path.EndsInDirectorySeparator', 'Convert.ToHexString', 'Convert.FromHexString', 'Math.Clamp', 'File.ReadAllTextAsync', 'File.WriteAllTextAsync', 'Environment.ProcessPath', 'OperatingSystem.IsWindows')

function Test-Parameter {
  param([string]$Given, [string[]]$Allowed)
  foreach ($name in $Allowed) { if ($name.StartsWith($Given, [StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}

function Get-Problems {
  param([string]$File)
  $problems = New-Object 'System.Collections.Generic.List[object]'
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($File, [ref]$tokens, [ref]$errors)
  foreach ($parseError in $errors) {
    $problems.Add([ordered]@{ line = $parseError.Extent.StartLineNumber; column = $parseError.Extent.StartColumnNumber; kind = 'syntax'; what = $parseError.Message })
  }
  foreach ($node in $ast.FindAll({ $true }, $true)) {
    $what = $null
    $type = $node.GetType().Name
    if ($type -eq 'TernaryExpressionAst') { $what = 'the ternary operator a ? b : c' }
    elseif ($type -eq 'PipelineChainAst') { $what = 'a pipeline chain (&& or ||)' }
    elseif ($type -eq 'BinaryExpressionAst' -and [string]$node.Operator -eq 'QuestionQuestion') { $what = 'the null-coalescing operator ??' }
    elseif ($type -eq 'AssignmentStatementAst' -and [string]$node.Operator -eq 'QuestionQuestionEquals') { $what = 'the null-coalescing assignment ??=' }
    elseif (($type -eq 'MemberExpressionAst' -or $type -eq 'InvokeMemberExpressionAst' -or $type -eq 'IndexExpressionAst') -and $null -ne $node.PSObject.Properties['NullConditional'] -and $node.NullConditional) {
      $what = 'a null-conditional access ?. or ?[]'
    }
    elseif ($type -eq 'ScriptBlockAst' -and $null -ne $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) { $what = 'a clean {} block' }
    elseif ($type -eq 'VariableExpressionAst' -and $Variables7 -contains $node.VariablePath.UserPath) { $what = 'the automatic variable $' + $node.VariablePath.UserPath }
    elseif (($type -eq 'ExpandableStringExpressionAst' -or ($type -eq 'StringConstantExpressionAst' -and [string]$node.StringConstantType -eq 'DoubleQuoted')) -and $node.Extent.Text -match '`u\{') {
      $what = 'the escape `u{...}'
    }
    elseif ($type -eq 'InvokeMemberExpressionAst' -and $node.Static -and $node.Expression -is [System.Management.Automation.Language.TypeExpressionAst]) {
      $member = $node.Expression.TypeName.Name.Split('.')[-1] + '.' + $node.Member.Extent.Text
      if ($Members7 -contains $member) { $what = 'the .NET member [' + $node.Expression.TypeName.Name + ']::' + $node.Member.Extent.Text + ', missing from .NET Framework' }
    }
    elseif ($type -eq 'CommandAst') { $what = Get-CommandProblem $node }
    if ($null -ne $what) { $problems.Add([ordered]@{ line = $node.Extent.StartLineNumber; column = $node.Extent.StartColumnNumber; kind = 'ps7'; what = $what }) }
  }
  return , $problems.ToArray()
}

function Get-CommandProblem {
  param($Command)
  $name = $Command.GetCommandName()
  if ($null -eq $name) { return $null }
  if ($Aliases.ContainsKey($name)) { $name = $Aliases[$name] }
  if ($Cmdlets7 -contains $name) { return 'the cmdlet ' + $name + ', which Windows PowerShell 5.1 does not have' }
  $elements = $Command.CommandElements
  for ($i = 1; $i -lt $elements.Count; $i++) {
    $element = $elements[$i]
    if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
    $parameter = $element.ParameterName
    if ($parameter -eq 'Encoding') {
      $argument = $element.Argument
      if ($null -eq $argument -and $i + 1 -lt $elements.Count) { $argument = $elements[$i + 1] }
      if ($null -ne $argument -and $Encodings7 -contains $argument.Extent.Text.Trim([char[]]@("'", '"'))) { return '-Encoding ' + $argument.Extent.Text + ', which 5.1 does not know' }
    }
    if (-not $Parameters51.ContainsKey($name)) {
      if ($parameter -eq 'ProgressAction') { return 'the common parameter -ProgressAction (PowerShell 7.4)' }
      continue
    }
    if (-not (Test-Parameter $parameter ($Parameters51[$name] + $CommonParameters))) { return $name + ' -' + $parameter + ', which Windows PowerShell 5.1 does not have' }
  }
  # Join-Path takes a third path only as PowerShell 7's -AdditionalChildPath.
  if ($name -eq 'Join-Path') {
    $positional = 0
    for ($i = 1; $i -lt $elements.Count; $i++) {
      if ($elements[$i] -is [System.Management.Automation.Language.CommandParameterAst]) {
        if ($null -eq $elements[$i].Argument -and $elements[$i].ParameterName -ne 'Resolve') { $i++ }
        continue
      }
      $positional++
    }
    if ($positional -gt 2) { return 'Join-Path with more than two paths (PowerShell 7''s -AdditionalChildPath)' }
  }
  return $null
}

$request = Read-Request
$results = New-Object 'System.Collections.Generic.List[object]'
foreach ($file in @($request.files)) {
  $results.Add([ordered]@{ file = [string]$file; problems = (Get-Problems ([string]$file)) })
}
Write-Result ([ordered]@{ ok = $true; files = $results.ToArray() }) 0
