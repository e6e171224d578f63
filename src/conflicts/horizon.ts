/**
 * The window conflicts are looked for in: how far ahead when no --horizon is given (a
 * week, unless a monthly schedule needs longer to show up at all; shared by
 * list-conflicts, apply's conflict check and stagger, so all see the same conflicts),
 * and the options resolved once to plain numbers.
 */
import { ValidationError, type Issue } from '../core/errors.js';
import { isTimeZone, MACHINE_ZONE } from '../schtasks/datetime.js';
import type { ConflictOptions, ConflictSubject } from './types.js';

export const DEFAULT_HORIZON = 'P7D';
/** Long enough that a monthly trigger (every month, any day incl. the 31st) fires at least once. */
export const MONTHLY_HORIZON = 'P35D';

export function defaultHorizon(subjects: readonly ConflictSubject[]): string {
  const monthly = subjects.some((s) =>
    s.definition.triggers.some((t) => t.kind === 'CalendarTrigger' && (t.schedule.kind === 'ByMonth' || t.schedule.kind === 'ByMonthDayOfWeek')),
  );
  return monthly ? MONTHLY_HORIZON : DEFAULT_HORIZON;
}

export interface Horizon {
  from: number;
  end: number;
  horizonMs: number;
  timeZone: string;
}

/** Checks and resolves the options; a bad horizon or time zone is a ValidationError (exit 1). */
export function resolveHorizon(options: ConflictOptions): Horizon {
  const from = options.from.getTime();
  const issues: Issue[] = [];
  if (Number.isNaN(from)) issues.push({ path: 'from', message: `not a valid date: ${String(options.from)}` });
  if (!(options.horizonMs > 0) || !Number.isFinite(options.horizonMs)) {
    issues.push({ path: 'horizon', message: `must be a positive, finite duration, got ${options.horizonMs} ms` });
  }
  const timeZone = options.timeZone ?? MACHINE_ZONE;
  if (!isTimeZone(timeZone)) issues.push({ path: 'timeZone', message: `unknown IANA time zone: ${timeZone}` });
  if (issues.length > 0) throw new ValidationError(issues, 'The conflict analysis options are not valid');
  return { from, end: from + options.horizonMs, horizonMs: options.horizonMs, timeZone };
}
