/**
 * When a time-based trigger fires (before repetition): the one StartBoundary of a
 * TimeTrigger, or every matching day of a CalendarTrigger at StartBoundary's time of day.
 */
import type { CalendarTrigger, TimeTrigger } from '../schtasks/model.js';
import { civilDay, DAY_MS } from './civil-time.js';
import type { ParsedDateTime } from './date-time.js';
import { dayMatcher } from './schedule-days.js';
import type { TriggerClock } from './trigger-clock.js';

export interface Occurrence {
  instant: number;
  /** The wall-clock time it was computed from. */
  wallMs: number;
  dst?: 'gap' | 'repeat';
}

/**
 * How far back to look for the occurrence whose repetition reaches into the
 * horizon. A year and a month covers every schedule except a Feb-29-only one.
 */
const MAX_LOOKBACK_DAYS = 400;

export interface OccurrenceWindow {
  /** Horizon start and end as instants. */
  from: number;
  end: number;
  /** How long after an occurrence its repetition can still start runs (ms); 0 without repetition. */
  reachMs: number;
}

/**
 * Occurrences that can start runs inside the window, sorted, including the last one
 * before the window when its repetition may reach into it.
 */
export function triggerOccurrences(
  trigger: TimeTrigger | CalendarTrigger,
  start: ParsedDateTime,
  clock: TriggerClock,
  window: OccurrenceWindow,
): Occurrence[] {
  if (trigger.kind === 'TimeTrigger') {
    const resolved = clock.toInstant(start.wallMs);
    return [{ instant: resolved.instant, wallMs: start.wallMs, ...(resolved.dst ? { dst: resolved.dst } : {}) }];
  }
  const startDay = civilDay(start.wallMs);
  const timeOfDay = start.wallMs - startDay * DAY_MS;
  const fromDay = civilDay(clock.toWall(window.from));
  const lastDay = civilDay(clock.toWall(window.end)) + 1;
  const lookback = Math.min(MAX_LOOKBACK_DAYS, Math.ceil(window.reachMs / DAY_MS) + 1);
  const matches = dayMatcher(trigger.schedule, startDay);
  const days: number[] = [];
  for (let day = Math.max(startDay, fromDay - lookback); day <= lastDay; day++) {
    if (matches(day)) days.push(day);
  }
  // Only the last occurrence before the window can still repeat into it (the next one restarts the pattern).
  let first = 0;
  for (let i = 0; i < days.length; i++) if ((days[i] ?? 0) < fromDay - 1) first = i;
  return days.slice(first).map((day) => {
    const wallMs = day * DAY_MS + timeOfDay;
    const resolved = clock.toInstant(wallMs);
    return { instant: resolved.instant, wallMs, ...(resolved.dst ? { dst: resolved.dst } : {}) };
  });
}
