/**
 * What apply (and apply across computers) checks before it changes anything: the declarations
 * have no error-severity conflict (unless --allow-conflicts), and someone said yes.
 */
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compile-config.js';
import { RefusedError } from '../core/errors.js';
import { defaultHorizon } from '../conflicts/horizon.js';
import { durationToMs } from '../schtasks/duration.js';

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
