/**
 * One time-based trigger → its concrete runs inside the horizon.
 *
 * Semantics (Task Scheduler's documentation, plus the choices it leaves open):
 * - A repetition window opens when the trigger fires. Starts are at
 *   `occurrence + k·interval` while `k·interval ≤ duration` (inclusive: interval
 *   PT1M for PT4M gives five starts, as the IRepetitionPattern docs say).
 * - Without a duration the pattern repeats "indefinitely": for a TimeTrigger
 *   until EndBoundary; for a CalendarTrigger until its next occurrence, which
 *   restarts the pattern (so chains never double up).
 * - EndBoundary deactivates the trigger: no start at or after it.
 * - RandomDelay is a worst case: a run may start anywhere in
 *   `[t, t + randomDelay]`, so it occupies `[t, t + randomDelay + limit)`.
 * - StopAtDurationEnd ends every run at the repetition window's end.
 * - Only runs that start inside `[from, end)` are produced.
 */
import type { CalendarTrigger, TimeTrigger } from '../schtasks/model.js';
import { durationToMs } from '../schtasks/duration.js';
import { formatWall } from './civil-time.js';
import { parseDateTime } from './date-time.js';
import { boundaryInstant, triggerClock } from './trigger-clock.js';
import { triggerOccurrences } from './trigger-occurrences.js';
import type { ConflictSubject, ExpansionNote, Run } from './types.js';

export interface TriggerExpansionInput {
  subject: ConflictSubject;
  triggerIndex: number;
  trigger: TimeTrigger | CalendarTrigger;
  /** Run length in ms; undefined = unbounded. */
  limitMs: number | undefined;
  from: number;
  end: number;
  timeZone: string;
  /** At most this many runs; the rest are dropped with a `run-cap` note. */
  cap: number;
}

export function expandTrigger(input: TriggerExpansionInput, runs: Run[], notes: ExpansionNote[]): void {
  const { subject, triggerIndex, trigger, limitMs, from, end, timeZone, cap } = input;
  const start = trigger.startBoundary === undefined ? undefined : parseDateTime(trigger.startBoundary);
  if (!start) return;
  const endBoundaryText = trigger.endBoundary === undefined ? undefined : parseDateTime(trigger.endBoundary);
  const endBoundary = endBoundaryText ? boundaryInstant(endBoundaryText, timeZone) : Infinity;
  const stopAt = Math.min(end, endBoundary);
  const intervalMs = trigger.repetition ? durationToMs(trigger.repetition.interval) : undefined;
  const repeats = intervalMs !== undefined && intervalMs > 0;
  const durationMs = repeats && trigger.repetition?.duration ? durationToMs(trigger.repetition.duration) : undefined;
  const stopAtDurationEnd = durationMs !== undefined && trigger.repetition?.stopAtDurationEnd === true;
  const randomDelayMs = durationToMs(trigger.randomDelay ?? 'PT0S') ?? 0;
  const clock = triggerClock(start, timeZone);
  const reachMs = repeats ? (durationMs ?? Infinity) : 0;
  const occurrences = triggerOccurrences(trigger, start, clock, { from, end, reachMs });
  const { path, source, group } = subject;
  const unbounded = limitMs === undefined && !stopAtDurationEnd;
  let produced = 0;

  const push = (runStart: number, windowEnd: number): boolean => {
    if (produced >= cap) {
      notes.push({ kind: 'run-cap', path: subject.path, source: subject.source, triggerIndex, cap });
      return false;
    }
    const latestStart = runStart + randomDelayMs;
    let runEnd = limitMs === undefined ? Math.max(end, latestStart + 1) : latestStart + limitMs;
    if (stopAtDurationEnd) runEnd = Math.min(runEnd, windowEnd);
    if (runEnd <= runStart) return true; // killed the instant it starts: it never occupies anything
    // One literal shape for every run keeps this hot allocation cheap; `group` may be undefined.
    runs.push({ path, source, group, triggerIndex, start: runStart, latestStart, end: runEnd, unbounded });
    produced++;
    return true;
  };

  for (let i = 0; i < occurrences.length; i++) {
    const occurrence = occurrences[i];
    if (!occurrence || occurrence.instant >= stopAt) continue;
    if (occurrence.dst && occurrence.instant >= from) {
      notes.push({
        kind: occurrence.dst === 'gap' ? 'dst-gap' : 'dst-repeat',
        path: subject.path, source: subject.source, triggerIndex,
        wallClock: formatWall(occurrence.wallMs), usedInstant: occurrence.instant,
      });
    }
    if (!repeats || intervalMs === undefined) {
      if (occurrence.instant >= from && !push(occurrence.instant, Infinity)) return;
      continue;
    }
    const next = occurrences[i + 1]?.instant ?? Infinity;
    const windowEnd = durationMs === undefined ? Infinity : occurrence.instant + durationMs;
    // Inclusive end for a duration (k·interval ≤ duration), exclusive at the next occurrence.
    const lastK = Math.min(
      durationMs === undefined ? Infinity : Math.floor(durationMs / intervalMs),
      Math.ceil((Math.min(next, stopAt) - occurrence.instant) / intervalMs) - 1,
    );
    for (let k = Math.max(0, Math.ceil((from - occurrence.instant) / intervalMs)); k <= lastK; k++) {
      if (!push(occurrence.instant + k * intervalMs, windowEnd)) return;
    }
  }
}
