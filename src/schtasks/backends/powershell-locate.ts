/**
 * Which PowerShell runs the templates, and how. Windows PowerShell 5.1
 * (`powershell.exe`) ships with every supported Windows, so it is the default;
 * PowerShell 7 (`pwsh`) or a full path can be asked for with `TASKCTL_POWERSHELL`. Also
 * the names of the task templates it runs, which the backends and `resolveTemplatesDir` share.
 */

/** The templates that read and change scheduled tasks (templates/). */
export const READ_SCRIPT = 'read-tasks.ps1';
export const APPLY_SCRIPT = 'apply-tasks.ps1';

/** `powershell.exe`, `pwsh`, or a path to either. */
export type PowerShellCommand = 'powershell.exe' | 'pwsh' | (string & {});

export interface LocatePowerShellOptions {
  /** An explicit choice (an option), which wins over the environment. */
  requested?: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

/**
 * The command to start: the requested one, else `TASKCTL_POWERSHELL`, else Windows
 * PowerShell by its full path under `%SystemRoot%` (a PATH without System32 or a
 * planted `powershell.exe` elsewhere on PATH can't get in the way), else `powershell.exe`.
 * Off Windows the default is `pwsh`.
 */
export function locatePowerShell({ requested, env, platform }: LocatePowerShellOptions): PowerShellCommand {
  const chosen = requested?.trim() || env.TASKCTL_POWERSHELL?.trim();
  if (chosen) return normalizeChoice(chosen);
  if (platform !== 'win32') return 'pwsh';
  const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
  if (systemRoot) return `${systemRoot.replace(/[\\/]+$/, '')}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
  return 'powershell.exe';
}

/** `powershell` → `powershell.exe`; `pwsh.exe`, `PWSH` → `pwsh`; paths stay as written. */
function normalizeChoice(choice: string): PowerShellCommand {
  const lower = choice.toLowerCase();
  if (lower === 'powershell' || lower === 'powershell.exe') return 'powershell.exe';
  if (lower === 'pwsh' || lower === 'pwsh.exe') return 'pwsh';
  return choice;
}

/** The arguments every template run uses: no profile, no prompts, no policy surprises, the script by absolute path. */
export function powerShellArgs(scriptPath: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', scriptPath];
}
