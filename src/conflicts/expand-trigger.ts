/**
 * One time-based trigger → when it fires and the runs it starts inside the horizon.
 *
 * Semantics (Task Scheduler's documentation, plus the choices it leaves open):
 * - A TimeTrigger fires once, at StartBoundary; a CalendarTrigger on every matching day
 *   at StartBoundary's time of day.
 * - Boundaries without an offset are wall-clock time in the analysis time zone; with one
 *   they are read in that fixed offset (synchronized across time zones: no DST, every
 *   day 24 hours). A wall time in a DST gap or repeat is noted, not silently shifted.
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
import type { ConflictSubject, ExpansionNote } from './types.js';
import { civilDate, civilDay, DAY_MS, daysInMonth, formatWall, instantOf, instantToWall, offsetMsOf, parseXsDateTime, readDateTime, wallMsOf, type WallResolution, wallToInstant, type XsDateTime } from '../schtasks/datetime.js';
import { durationToMs } from '../schtasks/duration.js';
import { type CalendarSchedule, type CalendarTrigger, type Month, MONTHS, type TimeTrigger, WEEKDAYS, type WeekOfMonth } from '../schtasks/model.js';

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

/** Receives each run `[start, end)` in start order. */
export interface RunSink {
  push(start: number, end: number): void;
}

/** A boundary as written; live XML sometimes leaves the seconds out, which a person's form accepts. */
export function readBoundary(text: string | undefined): XsDateTime | undefined {
  if (text === undefined) return undefined;
  const strict = parseXsDateTime(text);
  if (strict) return strict;
  const reading = readDateTime(text, 'declaration');
  return reading.ok ? reading.value : undefined;
}

/** The clock a trigger's boundaries are read in. */
interface TriggerClock {
  toInstant(wallMs: number): WallResolution;
  toWall(instant: number): number;
}

function triggerClock(start: XsDateTime, timeZone: string): TriggerClock {
  const offset = offsetMsOf(start);
  if (offset !== undefined) return { toInstant: (wallMs) => ({ instant: wallMs - offset }), toWall: (instant) => instant + offset };
  return { toInstant: (wallMs) => wallToInstant(wallMs, timeZone), toWall: (instant) => instantToWall(instant, timeZone) };
}

interface Occurrence extends WallResolution {
  /** The wall-clock time it was computed from. */
  wallMs: number;
}

/**
 * How far back to look for the occurrence whose repetition reaches into the
 * horizon. A year and a month covers every schedule except a Feb-29-only one.
 */
const MAX_LOOKBACK_DAYS = 400;

/**
 * Occurrences that can start runs inside [from, end), sorted, including the last one
 * before the window when its repetition (reaching `reachMs` after it) may reach into it.
 */
function occurrences(trigger: TimeTrigger | CalendarTrigger, start: XsDateTime, clock: TriggerClock, from: number, end: number, reachMs: number): Occurrence[] {
  const startWall = wallMsOf(start);
  if (trigger.kind === 'TimeTrigger') return [{ ...clock.toInstant(startWall), wallMs: startWall }];
  const startDay = civilDay(startWall);
  const timeOfDay = startWall - startDay * DAY_MS;
  const fromDay = civilDay(clock.toWall(from));
  const lastDay = civilDay(clock.toWall(end)) + 1;
  const lookback = Math.min(MAX_LOOKBACK_DAYS, Math.ceil(reachMs / DAY_MS) + 1);
  const matches = dayMatcher(trigger.schedule, startDay);
  const days: number[] = [];
  for (let day = Math.max(startDay, fromDay - lookback); day <= lastDay; day++) if (matches(day)) days.push(day);
  // Only the last occurrence before the window can still repeat into it (the next one restarts the pattern).
  let first = 0;
  for (let i = 0; i < days.length; i++) if ((days[i] ?? 0) < fromDay - 1) first = i;
  return days.slice(first).map((day) => {
    const wallMs = day * DAY_MS + timeOfDay;
    return { ...clock.toInstant(wallMs), wallMs };
  });
}

/** Expands one trigger, handing every run to `sink` in start order; notes DST and the run cap. */
export function expandTrigger(input: TriggerExpansionInput, sink: RunSink, notes: ExpansionNote[]): void {
  const { subject, triggerIndex, trigger, limitMs, from, end, timeZone, cap } = input;
  const start = readBoundary(trigger.startBoundary);
  if (!start) return;
  const clock = triggerClock(start, timeZone);
  const endBoundary = readBoundary(trigger.endBoundary);
  const stopAt = Math.min(end, endBoundary ? instantOf(endBoundary, timeZone).instant : Infinity);
  const intervalMs = trigger.repetition ? durationToMs(trigger.repetition.interval) : undefined;
  const repeats = intervalMs !== undefined && intervalMs > 0;
  const durationMs = repeats && trigger.repetition?.duration ? durationToMs(trigger.repetition.duration) : undefined;
  const stopAtDurationEnd = durationMs !== undefined && trigger.repetition?.stopAtDurationEnd === true;
  const randomDelayMs = durationToMs(trigger.randomDelay ?? 'PT0S') ?? 0;
  const fired = occurrences(trigger, start, clock, from, end, repeats ? (durationMs ?? Infinity) : 0);
  let produced = 0;

  const emit = (runStart: number, windowEnd: number): boolean => {
    if (produced >= cap) {
      notes.push({ kind: 'run-cap', path: subject.path, source: subject.source, triggerIndex, cap });
      return false;
    }
    const latestStart = runStart + randomDelayMs;
    let runEnd = limitMs === undefined ? Math.max(end, latestStart + 1) : latestStart + limitMs;
    if (stopAtDurationEnd) runEnd = Math.min(runEnd, windowEnd);
    if (runEnd <= runStart) return true; // killed the instant it starts: it never occupies anything
    sink.push(runStart, runEnd);
    produced++;
    return true;
  };

  for (let i = 0; i < fired.length; i++) {
    const occurrence = fired[i] as Occurrence;
    if (occurrence.instant >= stopAt) continue;
    if (occurrence.dst && occurrence.instant >= from) {
      notes.push({
        kind: occurrence.dst === 'gap' ? 'dst-gap' : 'dst-repeat',
        path: subject.path, source: subject.source, triggerIndex,
        wallClock: formatWall(occurrence.wallMs), usedInstant: occurrence.instant,
      });
    }
    if (!repeats || intervalMs === undefined) {
      if (occurrence.instant >= from && !emit(occurrence.instant, Infinity)) return;
      continue;
    }
    const next = fired[i + 1]?.instant ?? Infinity;
    const windowEnd = durationMs === undefined ? Infinity : occurrence.instant + durationMs;
    // Inclusive end for a duration (k·interval ≤ duration), exclusive at the next occurrence.
    const lastK = Math.min(
      durationMs === undefined ? Infinity : Math.floor(durationMs / intervalMs),
      Math.ceil((Math.min(next, stopAt) - occurrence.instant) / intervalMs) - 1,
    );
    for (let k = Math.max(0, Math.ceil((from - occurrence.instant) / intervalMs)); k <= lastK; k++) {
      if (!emit(occurrence.instant + k * intervalMs, windowEnd)) return;
    }
  }
}

/** A predicate over civil days, built once per trigger. */
export type DayMatcher = (day: number) => boolean;

const monthMask = (months: Month[] | undefined): Set<number> | undefined =>
  months && months.length > 0 ? new Set(months.map((m) => MONTHS.indexOf(m) + 1)) : undefined;

/**
 * Builds the day predicate for a schedule.
 * `startDay` is the civil day of the trigger's StartBoundary: ByDay counts
 * `daysInterval` from it and ByWeek counts `weeksInterval` from the week that
 * contains it. Weeks start on Sunday (the schema's weekday order; Task Scheduler
 * documents no other rule). Days before `startDay` never match.
 */
export function dayMatcher(schedule: CalendarSchedule, startDay: number): DayMatcher {
  switch (schedule.kind) {
    case 'ByDay': {
      const interval = Math.max(1, schedule.daysInterval ?? 1);
      return (day) => day >= startDay && (day - startDay) % interval === 0;
    }
    case 'ByWeek': {
      const interval = Math.max(1, schedule.weeksInterval ?? 1);
      const weekdays = new Set(schedule.daysOfWeek.map((d) => WEEKDAYS.indexOf(d)));
      const firstSunday = startDay - civilDate(startDay).weekday;
      return (day) =>
        day >= startDay &&
        weekdays.has(civilDate(day).weekday) &&
        Math.floor((day - firstSunday) / 7) % interval === 0;
    }
    case 'ByMonth': {
      const months = monthMask(schedule.months);
      const numbered = new Set(schedule.daysOfMonth.filter((d): d is number => d !== 'Last'));
      const last = schedule.daysOfMonth.includes('Last');
      return (day) => {
        if (day < startDay) return false;
        const date = civilDate(day);
        if (months && !months.has(date.month)) return false;
        // A numbered day that the month lacks (Feb 30) simply does not happen.
        return numbered.has(date.day) || (last && date.day === daysInMonth(date.year, date.month));
      };
    }
    case 'ByMonthDayOfWeek': {
      const months = monthMask(schedule.months);
      const weekdays = new Set(schedule.daysOfWeek.map((d) => WEEKDAYS.indexOf(d)));
      const weeks = new Set<WeekOfMonth>(schedule.weeks);
      return (day) => {
        if (day < startDay) return false;
        const date = civilDate(day);
        if ((months && !months.has(date.month)) || !weekdays.has(date.weekday)) return false;
        const week = Math.ceil(date.day / 7);
        if (week <= 4 && weeks.has(String(week) as WeekOfMonth)) return true;
        return weeks.has('Last') && date.day + 7 > daysInMonth(date.year, date.month);
      };
    }
  }
}
