<#
.SYNOPSIS
    Sets up taskctl and the AGI fleet on this Windows machine in one step.

.DESCRIPTION
    1. Checks the prerequisites: Windows, Windows PowerShell 5.1 or PowerShell 7, Node.js 20.5 or newer.
    2. Installs and builds taskctl in this script's folder (npm ci, npm run build).
    3. Checks for administrator rights when the fleet needs them (tasks that run as SYSTEM).
    4. Shows the schedule conflicts of the live machine and of the declared fleet
       (taskctl list-conflicts). Conflicts of the live tasks are what apply fixes;
       conflicts in the declarations stop the script.
    5. Shows the plan (taskctl plan) and applies it after confirmation (taskctl apply).
       Every task apply changes or deletes is backed up first (see taskctl apply --help).
    6. Verifies: the plan is empty afterwards; then, after a pause that lets the new schedule
       settle, checks the machine with taskctl doctor (loops and strays still running,
       duplicates, overruns, CPU sampled over 30 seconds, memory, Python processes).

    Safe to run twice: a second run finds nothing to change.
    The fleet's paths follow the environment variables AGI_ROOT (default C:\AGI) and
    AGI_PYTHON (default <AGI_ROOT>\.venv\Scripts\python.exe); set them before running this.

    With -WhatIf nothing at all is changed: no npm ci, no build, no task. The conflicts, the
    plan and the doctor's findings are shown when taskctl is already built.

    Run it as:  powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1
    (a plain .\install.ps1 is refused under the default execution policy of Windows 10 and 11).

    With $env:TASKCTL_SCHEDULER_SIMULATOR set, it runs against the simulated Windows of
    templates/simulator (see README), which answers the Windows-only questions below.

.PARAMETER Prefix
    The task name prefix taskctl manages (default: the config's own, AGI for the built-in fleet). Tasks whose names do not start with it
    are never read, changed or deleted.

.PARAMETER Config
    A declarations file (.ts, .mts, .js, .mjs or .json). Default: the built-in AGI fleet (src/tasks).

.PARAMETER Yes
    Apply without asking (for unattended runs).

.PARAMETER SkipInstall
    Use the node_modules and dist folders already here: no npm ci, no npm run build.

.PARAMETER SettleSeconds
    How long to wait after apply before the machine is checked, so that the new schedule has
    started and the old loops had the chance to end (default 60).

.PARAMETER SampleSeconds
    How long taskctl doctor samples CPU load, one reading a second (default 30; 0 skips it).

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1 -WhatIf
    Shows the conflicts, the plan and the doctor's findings; changes nothing.

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1
    From an elevated PowerShell: installs, shows the plan, asks, applies, verifies.

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1 -Yes -SkipInstall
    A second, unattended run with taskctl already built.
#>
#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateNotNullOrEmpty()]
    [string] $Prefix = 'AGI',

    [string] $Config,

    [switch] $Yes,

    [switch] $SkipInstall,

    [ValidateRange(0, 3600)]
    [int] $SettleSeconds = 60,

    [ValidateRange(0, 3600)]
    [int] $SampleSeconds = 30
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Read here: inside a function $PSBoundParameters holds that function's parameters, not the script's.
$PrefixGiven = $PSBoundParameters.ContainsKey('Prefix')

# execa, which taskctl starts PowerShell with, needs Node.js 20.5 or newer.
$MinimumNode = [version]'20.5.0'

function Write-Step {
    param([Parameter(Mandatory = $true)][string] $Text)
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}

# The Windows-only facts this script depends on, each behind a function. The simulated
# Windows (templates/simulator, loaded below with TASKCTL_SCHEDULER_SIMULATOR) defines its own.
function Test-WindowsHost {
    return [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
}

function Test-Administrator {
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object -TypeName System.Security.Principal.WindowsPrincipal -ArgumentList $identity
    return $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
}

# UTF-8 between this script and node (Korean task names read back right), and with
# TASKCTL_SCHEDULER_SIMULATOR the simulated Windows: the templates' common script does both.
# The console's own encoding is put back at the end: the console outlives this script.
$ConsoleEncoding = $null
try { $ConsoleEncoding = [Console]::OutputEncoding } catch { }
. (Join-Path -Path $PSScriptRoot -ChildPath 'templates\taskctl-common.ps1')

function Assert-Windows {
    if (-not (Test-WindowsHost)) {
        throw 'install.ps1 sets up Windows Task Scheduler and runs on Windows only. Elsewhere, use taskctl with --live or --store, or try it against the simulator (TASKCTL_SCHEDULER_SIMULATOR; see README.md).'
    }
}

function Assert-PowerShellVersion {
    # Major/Minor rather than a [version] comparison: PowerShell 7 reports a SemanticVersion.
    $version = $PSVersionTable.PSVersion
    if ($version.Major -lt 5 -or ($version.Major -eq 5 -and $version.Minor -lt 1)) {
        throw "This is PowerShell $version; install.ps1 needs Windows PowerShell 5.1 or PowerShell 7. Windows 10 and 11 ship 5.1 as powershell.exe."
    }
    Write-Host "PowerShell $version"
}

function Get-NodeInstallHint {
    return "Install Node.js $MinimumNode or newer: 'winget install OpenJS.NodeJS.LTS', or the LTS installer from https://nodejs.org. Then open a new PowerShell window (so PATH is fresh) and run install.ps1 again."
}

# The first of the names found on PATH as a program; $null when none is.
function Find-Program {
    param([Parameter(Mandatory = $true)][string[]] $Names)
    foreach ($name in $Names) {
        $command = Get-Command -Name $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($null -ne $command) { return $command.Path }
    }
    return $null
}

function Find-Node {
    $path = Find-Program -Names @('node.exe', 'node')
    if ($null -eq $path) {
        throw "Node.js was not found on PATH. $(Get-NodeInstallHint)"
    }
    $versionText = & $path '--version'
    if ($LASTEXITCODE -ne 0) {
        throw "'$path --version' failed with exit code $LASTEXITCODE. $(Get-NodeInstallHint)"
    }
    $versionText = "$versionText".Trim()
    if ($versionText -notmatch '^v(\d+)\.(\d+)\.(\d+)') {
        throw "Could not read the Node.js version from '$versionText' ($path). $(Get-NodeInstallHint)"
    }
    $version = New-Object -TypeName System.Version -ArgumentList ([int]$Matches[1]), ([int]$Matches[2]), ([int]$Matches[3])
    if ($version -lt $MinimumNode) {
        throw "Node.js $versionText is too old ($path); taskctl needs $MinimumNode or newer. $(Get-NodeInstallHint)"
    }
    Write-Host "Node.js $versionText ($path)"
    return $path
}

function Find-Npm {
    # npm.cmd or npm.exe, not npm.ps1: the .ps1 shim is blocked wherever the execution policy is
    # Restricted. Plain npm is the name elsewhere than Windows (the simulator).
    $path = Find-Program -Names @('npm.cmd', 'npm.exe', 'npm')
    if ($null -eq $path) {
        throw "npm was not found on PATH (it comes with Node.js). $(Get-NodeInstallHint)"
    }
    return $path
}

# Runs a native program with its output going straight to the console (so prompts, colours and
# Unicode survive), and fails unless its exit code is one of $AllowedExitCodes. The caller reads
# $LASTEXITCODE afterwards. Stderr is never redirected: under Windows PowerShell 5.1 with
# $ErrorActionPreference = 'Stop', a redirected stderr line would abort the script.
function Invoke-Native {
    param(
        [Parameter(Mandatory = $true)][string] $FilePath,
        [string[]] $Arguments = @(),
        [int[]] $AllowedExitCodes = @(0),
        [Parameter(Mandatory = $true)][string] $Description
    )
    & $FilePath @Arguments
    $code = $LASTEXITCODE
    if ($AllowedExitCodes -notcontains $code) {
        throw "$Description failed (exit code $code): $FilePath $($Arguments -join ' ')"
    }
}

function Install-Taskctl {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true)][string] $Root)
    $npm = Find-Npm
    # npm ci: exactly the locked versions, every time (safe to repeat); dev dependencies are
    # needed for the build even when NODE_ENV=production is set.
    if ($PSCmdlet.ShouldProcess($Root, 'npm ci (install the locked dependencies)')) {
        Invoke-Native -FilePath $npm -Arguments @('ci', '--include=dev', '--no-audit', '--no-fund') -Description 'npm ci'
    }
    if ($PSCmdlet.ShouldProcess($Root, 'npm run build (compile taskctl to dist)')) {
        Invoke-Native -FilePath $npm -Arguments @('run', 'build') -Description 'npm run build'
    }
}

# The prefix apply works under, for the confirmation: -Prefix, else the config's own. A JSON
# config is read here; the built-in fleet and code configs are named by their file.
function Get-DeclaredPrefix {
    param([string] $ConfigPath)
    if ($PrefixGiven) { return "'$Prefix'" }
    if ([string]::IsNullOrEmpty($ConfigPath)) { return "'AGI' (the built-in fleet's)" }
    if ($ConfigPath -notmatch '\.json$') { return "declared in $ConfigPath" }
    $text = [System.IO.File]::ReadAllText($ConfigPath)
    $declared = ConvertFrom-Json -InputObject $text
    $property = $declared.PSObject.Properties['prefix']
    if ($null -eq $property) { return "'AGI' (the default; $ConfigPath names none)" }
    return "'$($property.Value)'"
}

# True when registering the declared tasks needs an elevated shell: a principal that is not the
# user running this script (SYSTEM and the other service accounts, a group, a stored password or
# S4U) or the highest run level. Read from the rendered XML, the form Task Scheduler receives.
function Test-FleetNeedsElevation {
    param(
        [Parameter(Mandatory = $true)][string] $Node,
        [Parameter(Mandatory = $true)][string] $Bin,
        [string[]] $Common = @()
    )
    $xml = & $Node $Bin 'render' @Common
    if ($LASTEXITCODE -ne 0) {
        throw "taskctl render failed (exit code $LASTEXITCODE): the declarations could not be compiled; the messages above say why."
    }
    $text = @($xml) -join "`n"
    $patterns = @(
        '<UserId>\s*(S-1-5-18|S-1-5-19|S-1-5-20|SYSTEM|LocalSystem|NT AUTHORITY\\[^<]+|LOCAL SERVICE|NETWORK SERVICE)\s*</UserId>',
        '<LogonType>\s*(ServiceAccount|S4U|Password|InteractiveTokenOrPassword)\s*</LogonType>',
        '<GroupId>',
        '<RunLevel>\s*HighestAvailable\s*</RunLevel>'
    )
    foreach ($pattern in $patterns) {
        if ($text -match $pattern) { return $true }
    }
    return $false
}

# The script's exit code: 0 done and healthy, 1 failed, 2 done but the machine needs attention.
# (A function here can't return it: the output of the programs it runs goes to the console
# through the function's own output.)
$script:InstallExitCode = 0

# taskctl doctor, read-only: what runs and what ran against the declarations, with the report's
# targets (CPU < 15 %, memory < 35 %, fewer than 20 Python processes). Exit 2 means findings of
# severity error: the machine still needs attention.
function Invoke-Doctor {
    param(
        [Parameter(Mandatory = $true)][string] $Node,
        [Parameter(Mandatory = $true)][string] $Bin,
        [string[]] $Common = @()
    )
    Invoke-Native -FilePath $Node -Arguments (@($Bin, 'doctor', '--sample', "$($SampleSeconds)s") + $Common) -AllowedExitCodes @(0, 2) -Description 'taskctl doctor'
    if ($LASTEXITCODE -eq 2) {
        Write-Warning ('taskctl doctor found problems (above) that the schedule alone does not fix: deleting or changing a task does not stop a process it already started. ' +
            "'taskctl doctor --stop' shows the loop, stray and duplicate processes, asks, and ends them.")
        $script:InstallExitCode = 2
        return
    }
    Write-Host 'The machine is healthy.' -ForegroundColor Green
}

function Invoke-Install {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    $root = $PSScriptRoot
    $whatIf = [bool] $WhatIfPreference

    Write-Step 'Checking prerequisites'
    Assert-Windows
    Assert-PowerShellVersion
    $node = Find-Node

    # --prefix only when given: a -Config file's own prefix must not be overridden by the default.
    $common = @()
    if ($PrefixGiven) { $common += @('--prefix', $Prefix) }
    $configPath = $null
    if ($Config) {
        $resolved = Resolve-Path -LiteralPath $Config -ErrorAction SilentlyContinue
        if ($null -eq $resolved) {
            throw "The declarations file '$Config' does not exist (looked in $((Get-Location).Path))."
        }
        $configPath = $resolved.ProviderPath
        $common += @('--config', $configPath)
    }

    Push-Location -LiteralPath $root
    try {
        if ($SkipInstall) {
            Write-Step 'Skipping npm ci and the build (-SkipInstall)'
        } else {
            Write-Step "Installing and building taskctl in $root"
            Install-Taskctl -Root $root
        }

        $bin = Join-Path -Path $root -ChildPath 'dist\bin.js'
        if (-not (Test-Path -LiteralPath $bin -PathType Leaf)) {
            if ($whatIf) {
                Write-Host "taskctl is not built yet ($bin is missing), so there is no plan to show. Without -WhatIf this script builds it first."
                return
            }
            throw "taskctl is not built: $bin is missing. Run install.ps1 without -SkipInstall, or 'npm ci' and 'npm run build' in $root."
        }

        Write-Step 'Checking administrator rights'
        $needsElevation = Test-FleetNeedsElevation -Node $node -Bin $bin -Common $common
        $isAdministrator = Test-Administrator
        if ($needsElevation -and -not $isAdministrator) {
            $message = 'The declared tasks run as SYSTEM (or another account than yours), and only an administrator can register them.'
            if (-not $whatIf) {
                throw "$message Run install.ps1 from an elevated PowerShell (right-click Windows PowerShell, 'Run as administrator')."
            }
            Write-Warning "$message Not elevated: fine for -WhatIf, but some live tasks may be hidden from this view."
        } elseif ($needsElevation) {
            Write-Host 'Elevated: the SYSTEM tasks can be registered.'
        } else {
            Write-Host 'The declared tasks run as you: no elevation needed.'
        }

        Write-Step 'Schedule conflicts (taskctl list-conflicts)'
        Invoke-Native -FilePath $node -Arguments (@($bin, 'list-conflicts') + $common) -AllowedExitCodes @(0, 2) -Description 'taskctl list-conflicts'
        if ($LASTEXITCODE -eq 2) {
            # Conflicts of the live tasks are what apply fixes; the declared set itself must be clean.
            $null = & $node $bin 'list-conflicts' '--declared-only' '--json' @common
            $declaredCode = $LASTEXITCODE
            if ($declaredCode -eq 2) {
                throw "The declarations themselves have error-severity conflicts (the 'declared' rows above); apply would refuse them. Fix the declarations (src/tasks or -Config) and run install.ps1 again."
            }
            if ($declaredCode -ne 0) {
                throw "taskctl list-conflicts --declared-only failed (exit code $declaredCode)."
            }
            Write-Host 'The conflicts above are in the live tasks; applying the plan removes them.' -ForegroundColor Yellow
        }

        Write-Step 'Plan (taskctl plan)'
        Invoke-Native -FilePath $node -Arguments (@($bin, 'plan', '--detailed-exitcode') + $common) -AllowedExitCodes @(0, 2) -Description 'taskctl plan'
        $changesPending = ($LASTEXITCODE -eq 2)

        $applied = $false
        if (-not $changesPending) {
            Write-Host 'Nothing to change: the live tasks already match the declarations.' -ForegroundColor Green
        } elseif ($PSCmdlet.ShouldProcess("the Task Scheduler tasks under the prefix $(Get-DeclaredPrefix -ConfigPath $configPath)", 'taskctl apply (create, update and delete as planned above)')) {
            Write-Step 'Applying (taskctl apply)'
            $applyArguments = @($bin, 'apply') + $common
            if ($Yes) { $applyArguments += '--yes' }
            & $node @applyArguments
            if ($LASTEXITCODE -ne 0) {
                throw "taskctl apply did not complete (exit code $LASTEXITCODE). If it was declined or refused, nothing was changed; otherwise the messages above name the task that failed, and every task changed before it was backed up first."
            }
            # Pitfall 63: Task Scheduler may start a repeating task right after registering it.
            Write-Host 'Windows may start each repeating task once right after registering it; the check below can include those first runs.'
            $applied = $true
        }

        if ($whatIf -or ($changesPending -and -not $applied)) {
            Write-Step 'The machine as it is now (taskctl doctor; nothing was changed)'
            Invoke-Doctor -Node $node -Bin $bin -Common $common
            return
        }

        Write-Step 'Verifying (taskctl plan --detailed-exitcode)'
        Invoke-Native -FilePath $node -Arguments (@($bin, 'plan', '--detailed-exitcode') + $common) -AllowedExitCodes @(0, 2) -Description 'taskctl plan'
        if ($LASTEXITCODE -ne 0) {
            throw 'After apply the plan still has changes: the live tasks do not match the declarations. The plan above shows which.'
        }
        Write-Host 'The live tasks match the declarations.' -ForegroundColor Green

        if ($applied -and $SettleSeconds -gt 0) {
            Write-Step "Letting the new schedule settle ($SettleSeconds s)"
            Start-Sleep -Seconds $SettleSeconds
        }
        Write-Step 'Checking the machine (taskctl doctor)'
        Invoke-Doctor -Node $node -Bin $bin -Common $common
        Write-Host 'To look again later without changing anything: powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1 -SkipInstall -WhatIf'
    } finally {
        Pop-Location
    }
}

try {
    Invoke-Install
} catch {
    $Host.UI.WriteErrorLine("install.ps1: $($_.Exception.Message)")
    $script:InstallExitCode = 1
}
if ($null -ne $ConsoleEncoding) {
    try { [Console]::OutputEncoding = $ConsoleEncoding } catch { }
}
exit $script:InstallExitCode
