/**
 * How long one run of a task may last. Settings' ExecutionTimeLimit applies to
 * every run; a trigger's own ExecutionTimeLimit applies to the runs it starts,
 * and wins when it is shorter. `PT0S` (either place) means "no limit there".
 *
 * Normalization fills every trigger's limit with the schema default PT72H, so a
 * written PT72H (or P3D) can't be told from an absent one; a trigger limit of exactly
 * PT72H is therefore read as "not set" (otherwise every unbounded task would
 * look capped at three days).
 */
import type { Settings, Trigger } from '../schtasks/model.js';
import { durationToMs } from '../schtasks/duration.js';

/** The schema default for Settings/ExecutionTimeLimit. */
const DEFAULT_TIME_LIMIT = 'PT72H';
const DEFAULT_TIME_LIMIT_MS = 72 * 3_600_000;

const positiveMs = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const ms = durationToMs(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
};

/** True when the task itself has no time limit (`Settings/ExecutionTimeLimit` is `PT0S`). */
export function isUnboundedTask(settings: Settings): boolean {
  return positiveMs(settings.executionTimeLimit ?? DEFAULT_TIME_LIMIT) === undefined;
}

/** The limit (ms) for runs started by `trigger`; undefined = unbounded. */
export function effectiveTimeLimitMs(settings: Settings, trigger: Trigger): number | undefined {
  const task = positiveMs(settings.executionTimeLimit ?? DEFAULT_TIME_LIMIT);
  const written = positiveMs(trigger.kind === 'Raw' ? undefined : trigger.executionTimeLimit);
  const own = written === DEFAULT_TIME_LIMIT_MS ? undefined : written;
  if (task === undefined) return own;
  if (own === undefined) return task;
  return Math.min(task, own);
}
