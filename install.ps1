<#
.SYNOPSIS
    Sets up taskctl and the AGI fleet on this Windows machine in one step.

.DESCRIPTION
    1. Checks the prerequisites: Windows, Windows PowerShell 5.1 or PowerShell 7, Node.js 20 or newer.
    2. Installs and builds taskctl in this script's folder (npm ci, npm run build).
    3. Checks for administrator rights when the fleet needs them (tasks that run as SYSTEM).
    4. Shows the schedule conflicts of the live machine and of the declared fleet
       (taskctl list-conflicts). Conflicts of the live tasks are what apply fixes;
       conflicts in the declarations stop the script.
    5. Shows the plan (taskctl plan) and applies it after confirmation (taskctl apply).
       Every task apply changes or deletes is backed up first (see taskctl apply --help).
    6. Verifies: the plan is empty afterwards, and shows the figures the diagnosis report
       judged the fix by: CPU load < 15 %, memory in use < 35 %, fewer than 20 Python processes.

    Safe to run twice: a second run finds nothing to change.
    The fleet's paths follow the environment variables AGI_ROOT (default C:\AGI) and
    AGI_PYTHON (default <AGI_ROOT>\.venv\Scripts\python.exe); set them before running this.

    With -WhatIf nothing at all is changed: no npm ci, no build, no task. The conflicts and
    the plan are shown when taskctl is already built.

.PARAMETER Prefix
    The task name prefix taskctl manages (default: the config's own, AGI for the built-in fleet). Tasks whose names do not start with it
    are never read, changed or deleted.

.PARAMETER Config
    A declarations file (.ts, .mts, .js, .mjs or .json). Default: the built-in AGI fleet (src/tasks).

.PARAMETER Yes
    Apply without asking (for unattended runs).

.PARAMETER SkipInstall
    Use the node_modules and dist folders already here: no npm ci, no npm run build.

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1 -WhatIf
    Shows the conflicts and the plan; changes nothing.

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File .\install.ps1
    From an elevated PowerShell: installs, shows the plan, asks, applies, verifies.

.EXAMPLE
    .\install.ps1 -Yes -SkipInstall
    A second, unattended run with taskctl already built.
#>
#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateNotNullOrEmpty()]
    [string] $Prefix = 'AGI',

    [string] $Config,

    [switch] $Yes,

    [switch] $SkipInstall
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Read here: inside a function $PSBoundParameters holds that function's parameters, not the script's.
$PrefixGiven = $PSBoundParameters.ContainsKey('Prefix')

$MinimumNodeMajor = 20
# The report's success criteria (diagnosis report, phase 3 "final verification").
$CpuThresholdPercent = 15
$MemoryThresholdPercent = 35
$PythonProcessThreshold = 20

function Write-Step {
    param([Parameter(Mandatory = $true)][string] $Text)
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Assert-Windows {
    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
        throw 'install.ps1 sets up Windows Task Scheduler and runs on Windows only. Elsewhere, use taskctl with --live or --store (see README.md).'
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
    return "Install Node.js $MinimumNodeMajor or newer: 'winget install OpenJS.NodeJS.LTS', or the LTS installer from https://nodejs.org. Then open a new PowerShell window (so PATH is fresh) and run install.ps1 again."
}

function Find-Node {
    $command = Get-Command -Name 'node.exe' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $command) {
        throw "Node.js was not found on PATH. $(Get-NodeInstallHint)"
    }
    $versionText = & $command.Path '--version'
    if ($LASTEXITCODE -ne 0) {
        throw "'$($command.Path) --version' failed with exit code $LASTEXITCODE. $(Get-NodeInstallHint)"
    }
    $versionText = "$versionText".Trim()
    if ($versionText -notmatch '^v(\d+)\.(\d+)\.(\d+)') {
        throw "Could not read the Node.js version from '$versionText' ($($command.Path)). $(Get-NodeInstallHint)"
    }
    if ([int] $Matches[1] -lt $MinimumNodeMajor) {
        throw "Node.js $versionText is too old ($($command.Path)); taskctl needs $MinimumNodeMajor or newer. $(Get-NodeInstallHint)"
    }
    Write-Host "Node.js $versionText ($($command.Path))"
    return $command.Path
}

function Find-Npm {
    # npm.cmd, not npm.ps1: the .ps1 shim is blocked wherever the execution policy is Restricted.
    $command = Get-Command -Name 'npm.cmd' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $command) {
        throw "npm was not found on PATH (it comes with Node.js). $(Get-NodeInstallHint)"
    }
    return $command.Path
}

function Test-Administrator {
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object -TypeName System.Security.Principal.WindowsPrincipal -ArgumentList $identity
    return $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
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

# True when registering the declared tasks needs an elevated shell: a principal that is not the
# user running this script (SYSTEM and the other service accounts, a group, a stored password or
# S4U) or the highest run level. Read from the rendered XML, the form Task Scheduler receives.
function Test-FleetNeedsElevation {
    param(
        [Parameter(Mandatory = $true)][string] $Node,
        [Parameter(Mandatory = $true)][string] $Bin,
        [Parameter(Mandatory = $true)][string[]] $Common
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

function Get-SystemFigures {
    # Three readings a second apart: one LoadPercentage sample right after node exits is noisy.
    $cpuReadings = @()
    for ($i = 0; $i -lt 3; $i++) {
        if ($i -gt 0) { Start-Sleep -Seconds 1 }
        $cpuReadings += @(Get-CimInstance -ClassName Win32_Processor | ForEach-Object { $_.LoadPercentage } | Where-Object { $null -ne $_ })
    }
    $cpu = $null
    if ($cpuReadings.Count -gt 0) {
        $cpu = [math]::Round(($cpuReadings | Measure-Object -Average).Average, 1)
    }
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $memory = [math]::Round(100 * ($os.TotalVisibleMemorySize - $os.FreePhysicalMemory) / $os.TotalVisibleMemorySize, 1)
    $python = @(Get-Process -Name 'python*' -ErrorAction SilentlyContinue).Count
    return @(
        (New-Figure -Name 'CPU load (%)' -Value $cpu -Threshold $CpuThresholdPercent),
        (New-Figure -Name 'Memory in use (%)' -Value $memory -Threshold $MemoryThresholdPercent),
        (New-Figure -Name 'Python processes' -Value $python -Threshold $PythonProcessThreshold)
    )
}

function New-Figure {
    param([string] $Name, $Value, [double] $Threshold)
    $status = 'n/a'
    if ($null -ne $Value) {
        if ($Value -lt $Threshold) { $status = 'OK' } else { $status = 'HIGH' }
    }
    return [pscustomobject]@{ Figure = $Name; Value = $Value; Target = "< $Threshold"; Status = $status }
}

function Show-SystemFigures {
    param([string] $Heading)
    Write-Step $Heading
    $figures = Get-SystemFigures
    $figures | Format-Table -AutoSize | Out-Host
    $high = @($figures | Where-Object { $_.Status -eq 'HIGH' })
    if ($high.Count -gt 0) {
        Write-Warning ('Above target: ' + (($high | ForEach-Object { $_.Figure }) -join ', ') + '. ' +
            'Deleting or changing a task does not stop a process it already started: loops started by the old tasks may still run. ' +
            "Find them with: Get-CimInstance Win32_Process -Filter `"Name LIKE 'python%' OR Name LIKE 'powershell%'`" | Select-Object ProcessId, Name, CommandLine")
    }
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
    if ($Config) {
        $resolved = Resolve-Path -LiteralPath $Config -ErrorAction SilentlyContinue
        if ($null -eq $resolved) {
            throw "The declarations file '$Config' does not exist (looked in $((Get-Location).Path))."
        }
        $common += @('--config', $resolved.ProviderPath)
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
        } elseif ($PSCmdlet.ShouldProcess("Task Scheduler tasks named $Prefix*", 'taskctl apply (create, update and delete as planned above)')) {
            Write-Step 'Applying (taskctl apply)'
            $applyArguments = @($bin, 'apply') + $common
            if ($Yes) { $applyArguments += '--yes' }
            & $node @applyArguments
            if ($LASTEXITCODE -ne 0) {
                throw "taskctl apply did not complete (exit code $LASTEXITCODE). If it was declined or refused, nothing was changed; otherwise the messages above name the task that failed, and every task changed before it was backed up first."
            }
            # Pitfall 63: Task Scheduler may start a repeating task right after registering it.
            Write-Host 'Windows may start each repeating task once right after registering it; the figures below can include those first runs.'
            Write-Host 'To look again later without changing anything: .\install.ps1 -SkipInstall -WhatIf'
            $applied = $true
        }

        if ($whatIf -or ($changesPending -and -not $applied)) {
            Show-SystemFigures -Heading 'Current figures (the report''s targets; nothing was changed)'
            return
        }

        Write-Step 'Verifying (taskctl plan --detailed-exitcode)'
        Invoke-Native -FilePath $node -Arguments (@($bin, 'plan', '--detailed-exitcode') + $common) -AllowedExitCodes @(0, 2) -Description 'taskctl plan'
        if ($LASTEXITCODE -ne 0) {
            throw 'After apply the plan still has changes: the live tasks do not match the declarations. The plan above shows which.'
        }
        Write-Host 'The live tasks match the declarations.' -ForegroundColor Green

        Show-SystemFigures -Heading 'System figures against the report''s targets'
    } finally {
        Pop-Location
    }
}

try {
    Invoke-Install
    exit 0
} catch {
    $Host.UI.WriteErrorLine("install.ps1: $($_.Exception.Message)")
    exit 1
}
