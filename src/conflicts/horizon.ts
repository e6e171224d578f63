/**
 * How far ahead conflicts are looked for when no --horizon is given: a week,
 * unless a monthly schedule needs longer to show up at all. Shared by
 * list-conflicts and apply's conflict check, so both see the same conflicts.
 */
import type { ConflictSubject } from './types.js';

export const DEFAULT_HORIZON = 'P7D';
/** Long enough that a monthly trigger (every month, any day incl. the 31st) fires at least once. */
export const MONTHLY_HORIZON = 'P35D';

export function defaultHorizon(subjects: readonly ConflictSubject[]): string {
  const monthly = subjects.some((s) =>
    s.definition.triggers.some((t) => t.kind === 'CalendarTrigger' && (t.schedule.kind === 'ByMonth' || t.schedule.kind === 'ByMonthDayOfWeek')),
  );
  return monthly ? MONTHLY_HORIZON : DEFAULT_HORIZON;
}
