/**
 * Expansion in tests: runs as wall-clock strings in the test's time zone, so
 * expectations read like a calendar.
 */
import { expandRuns } from '../../../src/conflicts/expand-runs.js';
import { wallClockAt } from '../../../src/conflicts/describe.js';
import type { ConflictSubject, RunExpansion } from '../../../src/conflicts/types.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MIN = 60_000;

export function expandIn(subjects: ConflictSubject[], from: string, horizonMs: number, timeZone = 'UTC'): RunExpansion {
  return expandRuns(subjects, { from: new Date(from), horizonMs, timeZone });
}

/** Start times of every run as `YYYY-MM-DDTHH:MM:SS` in `timeZone`. */
export function startTimes(subjects: ConflictSubject[], from: string, horizonMs: number, timeZone = 'UTC'): string[] {
  return expandIn(subjects, from, horizonMs, timeZone).runs.map((r) => wallClockAt(r.start, timeZone));
}

/** Just the dates of the starts. */
export const startDates = (...args: Parameters<typeof startTimes>) => startTimes(...args).map((s) => s.slice(0, 10));
