/**
 * Chooses where live tasks come from and where changes go: `--live` (read-only
 * snapshot), `--store` (a folder), on Windows the Task Scheduler itself, and with
 * TASKCTL_SCHEDULER_SIMULATOR the simulated one on any system. What the target
 * warns about while reading (folders it may not list, links it skips) goes to the
 * log, so an incomplete read never looks complete.
 */
import type { Context } from '../core/context.js';
import type { SchedulerBackend } from '../schtasks/backends/backend.js';
import { TaskctlError } from '../core/errors.js';
import { fromCwd } from './cwd-path.js';

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
