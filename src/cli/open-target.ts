/**
 * Chooses where live tasks come from and where changes go: `--live` (read-only
 * snapshot), `--store` (a folder), or on Windows the Task Scheduler itself.
 */
import type { Context } from '../core/context.js';
import type { SchedulerBackend } from '../schtasks/backends/backend.js';
import { TaskctlError } from '../core/errors.js';
import { fromCwd } from './cwd-path.js';

export const NO_TARGET_MESSAGE =
  'There is no Task Scheduler on this system. Point taskctl at live tasks with --live FILE|DIR ' +
  '(a Get-ScheduledTask | ConvertTo-Json snapshot, or a folder of exported task XML) ' +
  'or at a task folder to manage with --store DIR.';

/** The backend for `--live`/`--store`/the local scheduler, or undefined when there is none. */
export async function findTarget(args: { live?: string; store?: string }, ctx: Context): Promise<SchedulerBackend | undefined> {
  const { selectBackend } = await import('../schtasks/backends/select-backend.js');
  return selectBackend({
    live: args.live === undefined ? undefined : fromCwd(ctx, args.live),
    store: args.store === undefined ? undefined : fromCwd(ctx, args.store),
    platform: ctx.platform,
    fs: ctx.fs,
    runner: ctx.runner,
    env: ctx.env,
  });
}

/** Like findTarget, but a command that needs live tasks fails clearly without one. */
export async function requireTarget(args: { live?: string; store?: string }, ctx: Context): Promise<SchedulerBackend> {
  const target = await findTarget(args, ctx);
  if (!target) throw new TaskctlError(NO_TARGET_MESSAGE);
  return target;
}
