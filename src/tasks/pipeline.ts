/**
 * What every job of the AGI pipeline shares, in one place: where the stack lives (paths), how
 * a job starts its script (actions), the timetable that keeps the group's runs apart, and the
 * group, account and settings every job spreads in with `pipelineJob`.
 *
 * - `AGI_ROOT`: the stack's folder (default `C:\AGI`). Scripts are in `<AGI_ROOT>\scripts\`,
 *   every job runs with `<AGI_ROOT>` as its working directory.
 * - `AGI_PYTHON`: the Python interpreter (default `<AGI_ROOT>\.venv\Scripts\python.exe`).
 *
 * Both are read from the environment when the config is loaded (`taskctl plan`, `apply`, …),
 * so `set AGI_ROOT=D:\AI Stack` before running taskctl moves the whole fleet. The values end
 * up in the registered tasks, so a task never depends on the environment it runs in.
 *
 * Full paths on purpose: the jobs run as SYSTEM (`RUN_AS_SYSTEM` below), whose PATH does not
 * contain a per-user Python install, and Task Scheduler resolves a bare `python.exe` against
 * the machine PATH only.
 */
import { win32 } from 'node:path';
import { ValidationError } from '../core/errors.js';
import { joinWindowsArguments } from '../declaration/define.js';
import type { ActionDeclarationInput, PrincipalDeclarationInput, SettingsDeclarationInput } from '../declaration/task-schema.js';

// ---- Paths ----
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

// ---- Actions ----

/*
 * How the fleet starts its scripts: the interpreter's full path, the script's full path and
 * the arguments joined by Windows' quoting rules (CommandLineToArgvW), so an `AGI_ROOT` with
 * spaces (`D:\AI Stack`) still reaches the script as one argument.
 */
/**
 * Switches every PowerShell job gets: no profile (a user's profile is not SYSTEM's and slows
 * every start), no prompts (nobody is there to answer), and a policy that lets the unsigned
 * scripts in `<AGI_ROOT>\scripts` run without changing the machine's policy.
 */
const POWERSHELL_SWITCHES = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] as const;

/** Runs `<scripts>\<script>` once with Windows PowerShell: `powershell.exe … -File "<script>" <args>`. */
export function powershellScript(script: string, args: readonly string[] = [], paths: AgiPaths = agiPaths): ActionDeclarationInput {
  return {
    command: paths.powershell,
    arguments: joinWindowsArguments([...POWERSHELL_SWITCHES, '-File', scriptPath(paths, script), ...args]),
    workingDirectory: paths.root,
  };
}

/** Runs `<scripts>\<script>` once with the stack's Python: `python.exe "<script>" <args>`. */
export function pythonScript(script: string, args: readonly string[] = [], paths: AgiPaths = agiPaths): ActionDeclarationInput {
  return {
    command: paths.python,
    arguments: joinWindowsArguments([scriptPath(paths, script), ...args]),
    workingDirectory: paths.root,
  };
}

// ---- Timetable ----

/*
 * The pipeline's timetable. Task Scheduler has no "one at a time" across tasks (IgnoreNew only
 * stops a task from overlapping itself), so the report's "run sequentially" is kept by the
 * clock: every job of the group gets its own minutes of the hour, and its time limit ends the
 * run before the next job's minute comes round.
 *
 * ```
 * minute  :00 :05 :10 :15 :20        :30 :35 :40 :45 :50
 *         HHHH LLLL PPPP HHHH EEEEEEEEE HHHH LLLL PPPP HHHH (free: nightly jobs)
 * H = AGI_Health_Check           every 15 min at :00/:15/:30/:45, 4 min
 * L = AGI_LLM_Monitor            every 30 min at :05/:35, 4 min
 * P = AGI_Performance_Monitor    every 30 min at :10/:40, 4 min
 * E = AGI_Event_Collector        hourly at :20, 9 min
 * AGI_Daily_Diagnosis            daily at 03:50, 9 min (the :50–:59 gap is free every hour)
 * ```
 *
 * Every window ends a minute before the next one starts: Task Scheduler may start a run a few
 * seconds late, and a limit that ended exactly on the next start would then overlap it.
 * To add a job, give it a start in a free gap and a limit that ends before the gap does;
 * `npx vitest run test/tasks` checks the arithmetic and `taskctl list-conflicts` checks the result.
 */

/**
 * The day every trigger starts counting from. Fixed, never "today": a start that moves would
 * make every task differ from its declaration the next day.
 */
export const ANCHOR_DAY = '2025-01-01';

/** A trigger start at `hh:mm` local time on the anchor day, e.g. `startAt('03:50')`. */
export function startAt(hhmm: string): string {
  if (!/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) {
    throw new Error(`startAt("${hhmm}"): expected a time of day as "HH:MM", e.g. "03:50"`);
  }
  return `${ANCHOR_DAY}T${hhmm}:00`;
}

// ---- Group, account and settings ----

/**
 * What every job of the AGI pipeline shares: one group, one instance at a time, one account.
 * A job file spreads `pipelineJob` into its declaration and adds what is its own.
 */
/** The tasks of this group must never run at the same time (the report's "run sequentially"). */
export const PIPELINE_GROUP = 'agi-pipeline';

/**
 * LocalSystem, as a service account (no password stored, nothing to expire).
 *
 * Why not the interactive user: the monitors must keep watching when nobody is logged on
 * (after a reboot or Windows Update is exactly when the local LLM needs restarting), a user
 * principal would flash a console window on the desktop every few minutes, and a stored
 * password would break at the next password change. The price: registering needs an
 * elevated shell (install.ps1 checks), and the scripts must not rely on the user's profile
 * (HKCU, %USERPROFILE%, user-level PATH); the paths above are spelled out in full for that reason.
 * To run the fleet as the logged-on user instead, replace this with
 * `{ groupId: 'S-1-5-32-545', runLevel: 'LeastPrivilege' }` (the Users group).
 */
const RUN_AS_SYSTEM: PrincipalDeclarationInput = {
  userId: 'S-1-5-18',
  logonType: 'ServiceAccount',
  runLevel: 'LeastPrivilege',
};

/**
 * Settings every job shares.
 * - Batteries: a desktop's power state says nothing about whether the stack needs watching,
 *   and a run stopped halfway by a power change leaves the job's own state half-written.
 * - `startWhenAvailable` stays false: after the machine was off, every missed job would start
 *   at once, which is the burst the report describes. A missed run simply waits for its next
 *   slot (at most 30 minutes for the monitors; the nightly diagnosis skips a night).
 */
const PIPELINE_SETTINGS: SettingsDeclarationInput = {
  disallowStartIfOnBatteries: false,
  stopIfGoingOnBatteries: false,
  startWhenAvailable: false,
};

/** Spread into every job of the pipeline. */
export const pipelineJob = {
  group: PIPELINE_GROUP,
  multipleInstances: 'IgnoreNew',
  principal: RUN_AS_SYSTEM,
  settings: PIPELINE_SETTINGS,
} as const;
