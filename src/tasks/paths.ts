/**
 * Where the AGI stack lives on the machine: the one place the fleet's paths come from.
 *
 * - `AGI_ROOT`: the stack's folder (default `C:\AGI`). Scripts are in `<AGI_ROOT>\scripts\`,
 *   every job runs with `<AGI_ROOT>` as its working directory.
 * - `AGI_PYTHON`: the Python interpreter (default `<AGI_ROOT>\.venv\Scripts\python.exe`).
 *
 * Both are read from the environment when the config is loaded (`taskctl plan`, `apply`, …),
 * so `set AGI_ROOT=D:\AI Stack` before running taskctl moves the whole fleet. The values end
 * up in the registered tasks, so a task never depends on the environment it runs in.
 *
 * Full paths on purpose: the jobs run as SYSTEM (see `pipeline.ts`), whose PATH does not
 * contain a per-user Python install, and Task Scheduler resolves a bare `python.exe` against
 * the machine PATH only.
 */
import { win32 } from 'node:path';
import { ValidationError } from '../core/errors.js';

/** Windows PowerShell 5.1, present on every supported Windows; spelled out so PATH never matters. */
const WINDOWS_POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

const DEFAULT_AGI_ROOT = 'C:\\AGI';

export interface AgiPaths {
  /** The stack's folder, e.g. `C:\AGI`; the working directory of every job. */
  root: string;
  /** `<root>\scripts`. */
  scripts: string;
  /** The Python interpreter every Python job runs with. */
  python: string;
  /** The PowerShell every PowerShell job runs with. */
  powershell: string;
}

/** The environment variables the fleet reads; nothing else in src/tasks touches `process.env`. */
export interface AgiEnvironment {
  AGI_ROOT?: string | undefined;
  AGI_PYTHON?: string | undefined;
}

/**
 * Resolves the fleet's paths from the environment.
 * @throws ValidationError when `AGI_ROOT` or `AGI_PYTHON` is set to something that is not an absolute Windows path.
 */
export function resolveAgiPaths(env: AgiEnvironment): AgiPaths {
  const root = trimTrailingSeparators(readAbsolute(env, 'AGI_ROOT') ?? DEFAULT_AGI_ROOT);
  const python = readAbsolute(env, 'AGI_PYTHON') ?? win32.join(root, '.venv', 'Scripts', 'python.exe');
  return { root, scripts: win32.join(root, 'scripts'), python, powershell: WINDOWS_POWERSHELL };
}

/** `<scripts>\<file>`: the full path of one of the stack's scripts. */
export function scriptPath(paths: AgiPaths, file: string): string {
  return win32.join(paths.scripts, file);
}

function readAbsolute(env: AgiEnvironment, name: keyof AgiEnvironment): string | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  // `C:\x` or `\\server\share\x`; a relative path would depend on Task Scheduler's own working folder.
  if (!/^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+)/.test(value)) {
    throw new ValidationError(
      [{ path: name, message: `"${value}" is not an absolute Windows path; write it like "C:\\AGI" or "D:\\AI Stack"` }],
      `The environment variable ${name} is not usable`,
    );
  }
  return win32.normalize(value);
}

function trimTrailingSeparators(path: string): string {
  // Keep `C:\` whole: `C:` alone means "the current folder on drive C".
  return /^[A-Za-z]:\\$/.test(path) ? path : path.replace(/[\\/]+$/, '');
}

/** The paths the fleet is declared with, read once when the config is loaded. */
export const agiPaths: AgiPaths = resolveAgiPaths(process.env);
