/**
 * A time-based trigger as a periodic pattern on the wall clock: a period, the start
 * offsets inside one period and how long each start occupies. This is the steady state
 * of the schedule (boundaries and DST left aside), the model both the group's load
 * (capacity.ts) and the whole-group timetable (timetable.ts) reason in; anything they
 * conclude is checked again on the real runs by the conflict engine.
 *
 * - TimeTrigger repeating indefinitely: period = interval, one offset.
 * - Daily (every d days) and weekly (every w weeks): period d days or 7·w days, one offset
 *   per fire day, each with its repetition window's starts.
 * - Monthly and monthly-day-of-week: modelled as daily at their time (a superset of their
 *   runs), marked inexact; their share of time is counted exactly over the 400-year
 *   Gregorian cycle, the calendar's own period.
 * - A TimeTrigger that fires once, or repeats for a limited duration, has no period: its
 *   starts are listed (period Infinity) and it is not moved.
 */
import type { CalendarTrigger, TimeTrigger } from '../schtasks/model.js';
import { WEEKDAYS } from '../schtasks/model.js';
import { civilDate, civilDay, DAY_MS, instantOf, offsetAt, offsetMsOf, wallMsOf } from '../schtasks/datetime.js';
import { durationToMs } from '../schtasks/duration.js';
import { readBoundary } from './expand-trigger.js';
import { dayMatcher } from './expand-trigger.js';
import { effectiveTimeLimitMs } from './expand-runs.js';
import type { ConflictSubject } from './types.js';

/** The Gregorian calendar repeats every 400 years, weekdays included (146097 = 7 × 20871). */
const GREGORIAN_CYCLE_DAYS = 146_097;

export interface TriggerPattern {
  subject: ConflictSubject;
  triggerIndex: number;
  /** Period in ms; Infinity for a trigger that starts a finite number of runs. */
  periodMs: number;
  /** Start offsets in [0, period), sorted (wall ms when the period is Infinity). */
  offsets: number[];
  /** How long each start may occupy: random delay + time limit, cut at the repetition's end. */
  lengths: number[];
  /** TimeTrigger and daily starts move freely; weekly and monthly ones only within their day. */
  movable: 'anywhere' | 'within-day' | 'fixed';
  /** False for monthly schedules, which the pattern over-approximates. */
  exact: boolean;
  /** StartBoundary on the analysis zone's wall clock. */
  startWall: number;
  /** Its share of time in the long run, as busy ms per `shareOfMs` (exact integers). */
  busyMs: number;
  shareOfMs: number;
}

export type PatternResult = { pattern: TriggerPattern } | { unbounded: true } | { none: true };

/** A trigger's pattern; `unbounded` when its runs have no time limit; `none` when it never fires. */
export function triggerPattern(subject: ConflictSubject, triggerIndex: number, timeZone: string): PatternResult {
  const trigger = subject.definition.triggers[triggerIndex];
  if (!trigger || (trigger.kind !== 'TimeTrigger' && trigger.kind !== 'CalendarTrigger') || trigger.enabled === false) return { none: true };
  const start = readBoundary(trigger.startBoundary);
  if (!start) return { none: true };
  const limitMs = effectiveTimeLimitMs(subject.definition.settings, trigger);
  const repetition = repetitionOf(trigger);
  if (limitMs === undefined && !(repetition?.durationMs !== undefined && repetition.stopAtEnd)) return { unbounded: true };
  const runMs = (durationToMs(trigger.randomDelay ?? 'PT0S') ?? 0) + (limitMs ?? Infinity);
  const own = offsetMsOf(start);
  // A boundary with an offset names an instant: place it on the analysis zone's clock.
  const instant = instantOf(start, timeZone).instant;
  const startWall = own === undefined ? wallMsOf(start) : instant + offsetAt(instant, timeZone);
  const base = { subject, triggerIndex, startWall };

  if (trigger.kind === 'TimeTrigger') {
    if (repetition && repetition.durationMs === undefined) {
      const length = Math.min(runMs, repetition.intervalMs);
      return { pattern: { ...base, periodMs: repetition.intervalMs, offsets: [mod(startWall, repetition.intervalMs)], lengths: [Math.min(runMs, 1e15)], movable: 'anywhere', exact: true, busyMs: length, shareOfMs: repetition.intervalMs } };
    }
    const { offsets, lengths } = windowStarts(startWall, runMs, repetition, Infinity);
    return { pattern: { ...base, periodMs: Infinity, offsets, lengths, movable: 'fixed', exact: true, busyMs: 0, shareOfMs: 1 } };
  }

  const startDay = civilDay(startWall);
  const timeOfDay = startWall - startDay * DAY_MS;
  const schedule = trigger.schedule;
  let periodDays: number;
  let fireDays: number[];
  if (schedule.kind === 'ByDay') {
    periodDays = Math.max(1, schedule.daysInterval ?? 1);
    fireDays = [startDay];
  } else if (schedule.kind === 'ByWeek') {
    periodDays = 7 * Math.max(1, schedule.weeksInterval ?? 1);
    const firstSunday = startDay - civilDate(startDay).weekday;
    fireDays = schedule.daysOfWeek.map((d) => firstSunday + WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  } else {
    periodDays = 1;
    fireDays = [startDay];
  }
  const periodMs = periodDays * DAY_MS;
  const offsets: number[] = [];
  const lengths: number[] = [];
  fireDays.forEach((day, k) => {
    const next = k + 1 < fireDays.length ? (fireDays[k + 1] as number) : (fireDays[0] as number) + periodDays;
    const window = windowStarts(day * DAY_MS + timeOfDay, runMs, repetition, (next - day) * DAY_MS);
    window.offsets.forEach((o, i) => {
      offsets.push(mod(o, periodMs));
      lengths.push(Math.min(window.lengths[i] as number, 1e15));
    });
  });
  const order = offsets.map((_, i) => i).sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
  const sortedOffsets = order.map((i) => offsets[i] as number);
  const sortedLengths = order.map((i) => lengths[i] as number);
  const exact = schedule.kind === 'ByDay' || schedule.kind === 'ByWeek';
  const busy = circularUnion(sortedOffsets, sortedLengths, periodMs);
  const share = exact ? { busyMs: busy, shareOfMs: periodMs } : monthlyShare(trigger, startDay, busy);
  return {
    pattern: {
      ...base, periodMs, offsets: sortedOffsets, lengths: sortedLengths,
      movable: schedule.kind === 'ByDay' ? 'anywhere' : 'within-day', exact, ...share,
    },
  };
}

interface RepetitionMs {
  intervalMs: number;
  durationMs?: number;
  stopAtEnd: boolean;
}

function repetitionOf(trigger: TimeTrigger | CalendarTrigger): RepetitionMs | undefined {
  const interval = trigger.repetition ? durationToMs(trigger.repetition.interval) : undefined;
  if (interval === undefined || interval <= 0 || !trigger.repetition) return undefined;
  const duration = trigger.repetition.duration ? durationToMs(trigger.repetition.duration) : undefined;
  return { intervalMs: interval, ...(duration !== undefined ? { durationMs: duration } : {}), stopAtEnd: trigger.repetition.stopAtDurationEnd === true };
}

/** The starts of one repetition window opened at `at` (the next occurrence `gapMs` later restarts it). */
function windowStarts(at: number, runMs: number, repetition: RepetitionMs | undefined, gapMs: number): { offsets: number[]; lengths: number[] } {
  if (!repetition) return { offsets: [at], lengths: [runMs] };
  const { intervalMs, durationMs, stopAtEnd } = repetition;
  const last = Math.min(durationMs === undefined ? Infinity : Math.floor(durationMs / intervalMs), Math.ceil(gapMs / intervalMs) - 1);
  const windowEnd = durationMs === undefined ? Infinity : at + durationMs;
  const offsets: number[] = [];
  const lengths: number[] = [];
  for (let k = 0; k <= last; k++) {
    const start = at + k * intervalMs;
    const length = stopAtEnd ? Math.min(runMs, windowEnd - start) : runMs;
    if (length <= 0) continue;
    offsets.push(start);
    lengths.push(length);
  }
  return { offsets, lengths };
}

const mod = (x: number, m: number) => ((x % m) + m) % m;

/** Length of the union of [o, o + len) on a circle of `period`, at most the period. */
function circularUnion(offsets: readonly number[], lengths: readonly number[], period: number): number {
  const pieces: Array<[number, number]> = [];
  for (let i = 0; i < offsets.length; i++) {
    const length = lengths[i] as number;
    if (length >= period) return period;
    const start = mod(offsets[i] as number, period);
    if (start + length <= period) pieces.push([start, start + length]);
    else pieces.push([start, period], [0, start + length - period]);
  }
  pieces.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredTo = -Infinity;
  for (const [start, end] of pieces) {
    if (end <= coveredTo) continue;
    total += end - Math.max(start, coveredTo);
    coveredTo = end;
  }
  return total;
}

/** A monthly schedule's exact share: fire days in the 400-year cycle × busy time per fire day. */
function monthlyShare(trigger: CalendarTrigger, startDay: number, busyPerDay: number): { busyMs: number; shareOfMs: number } {
  const matches = dayMatcher(trigger.schedule, startDay);
  let days = 0;
  for (let day = startDay; day < startDay + GREGORIAN_CYCLE_DAYS; day++) if (matches(day)) days++;
  return { busyMs: days * busyPerDay, shareOfMs: GREGORIAN_CYCLE_DAYS * DAY_MS };
}
