/**
 * The target a command reads and changes, and what stands guard around it.
 *
 * - Where live tasks come from and where changes go: `--live` (read-only snapshot),
 *   `--store` (a folder), on Windows the Task Scheduler itself, and with
 *   TASKCTL_SCHEDULER_SIMULATOR the simulated one on any system. What the target warns about
 *   while reading (folders it may not list, links it skips) goes to the log, so an
 *   incomplete read never looks complete.
 * - Where backups and apply locks live: per-user state folders, `%LOCALAPPDATA%\taskctl` on
 *   Windows, the XDG state folder (`$XDG_STATE_HOME/taskctl`, else
 *   `~/.local/state/taskctl`) elsewhere; which base is the target platform's choice, the
 *   parts joined with the running system's separator (the same on Windows, and a usable
 *   path wherever else a Windows run is rehearsed).
 * - What apply (on one machine or across computers) checks before it changes anything: the
 *   declarations have no error-severity conflict (unless --allow-conflicts), and someone
 *   said yes.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import type { SchedulerBackend } from '../schtasks/backends/backend.js';
import { RefusedError, TaskctlError } from '../core/errors.js';
import { defaultHorizon } from '../conflicts/horizon.js';
import { durationToMs } from '../schtasks/duration.js';
import { fromCwd } from './command.js';

// ---- Choosing the target ----

const NO_TARGET_MESSAGE =
  'There is no Task Scheduler on this system. Point taskctl at live tasks with --live FILE|DIR ' +
  "(a snapshot made on Windows with Get-ScheduledTask … Export-ScheduledTask … ConvertTo-Json -Depth 3, see README, or a folder of exported task XML), " +
  'at a task folder to manage with --store DIR, or try the Windows path against a simulated Task Scheduler with TASKCTL_SCHEDULER_SIMULATOR=DIR.';

/** The backend for `--live`/`--store`/the local scheduler, or undefined when there is none. */
export async function findTarget(args: { live?: string; store?: string }, ctx: Context): Promise<SchedulerBackend | undefined> {
  const { selectBackend, SIMULATOR_VARIABLE } = await import('../schtasks/backends/select-backend.js');
  const simulator = ctx.env[SIMULATOR_VARIABLE]?.trim();
  return selectBackend({
    live: args.live === undefined ? undefined : fromCwd(ctx, args.live),
    store: args.store === undefined ? undefined : fromCwd(ctx, args.store),
    platform: ctx.platform,
    fs: ctx.fs,
    runner: ctx.runner,
    env: ctx.env,
    ...(simulator ? { simulator: fromCwd(ctx, simulator) } : {}),
    // Read when warned, not now: the command replaces the logger once its options are known.
    onWarning: (message) => ctx.logger.warn(message),
  });
}

/** Like findTarget, but a command that needs live tasks fails clearly without one. */
export async function requireTarget(args: { live?: string; store?: string }, ctx: Context): Promise<SchedulerBackend> {
  const target = await findTarget(args, ctx);
  if (!target) throw new TaskctlError(NO_TARGET_MESSAGE);
  return target;
}

// ---- Backups and locks ----

type Env = Readonly<Record<string, string | undefined>>;

function stateRoot(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA ?? join(env.USERPROFILE ?? homedir(), 'AppData', 'Local');
    return join(base, 'taskctl');
  }
  return join(env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), '.local', 'state'), 'taskctl');
}

export function defaultBackupRoot(env: Env, platform: NodeJS.Platform): string {
  return join(stateRoot(env, platform), 'backups');
}

/**
 * Apply locks. On Windows the Task Scheduler is shared by every user of the
 * machine, so the lock lives in the machine-wide `%ProgramData%\taskctl\locks`
 * where any user's apply sees it.
 */
export function defaultLockDir(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'taskctl', 'locks');
  return join(stateRoot(env, platform), 'locks');
}

// ---- Before a change ----

export async function refuseOnConflicts(config: CompiledConfig, ctx: Context, color: boolean): Promise<void> {
  const [{ declaredSubjects }, { findConflicts }, { formatConflictsText }] = await Promise.all([
    import('../conflicts/subjects.js'),
    import('../conflicts/find-conflicts.js'),
    import('../output/conflicts-text.js'),
  ]);
  const subjects = declaredSubjects(config);
  const horizonMs = durationToMs(defaultHorizon(subjects)) ?? 0;
  const conflicts = findConflicts(subjects, { from: ctx.now(), horizonMs, timeZone: ctx.env.TZ || undefined });
  const errors = conflicts.filter((c) => c.severity === 'error');
  if (errors.length === 0) return;
  ctx.stderr.write(formatConflictsText(errors, { color }));
  throw new RefusedError(
    `Not applying: the declarations have ${errors.length} error-severity conflict(s) (shown above; see 'taskctl list-conflicts'). ` +
      'Fix them, or pass --allow-conflicts to apply anyway.',
  );
}

export async function confirm(yes: boolean, pending: number, target: string, ctx: Context): Promise<void> {
  if (yes) return;
  if (!ctx.stdinIsTTY) {
    throw new RefusedError('Not applying: stdin is not a terminal, so nobody can confirm. Pass --yes to apply unattended.');
  }
  const ok = await ctx.prompt(`Apply ${pending} change(s) to ${target}? [y/N] `);
  if (!ok) throw new RefusedError('Not applying: not confirmed. Nothing was changed.');
}
