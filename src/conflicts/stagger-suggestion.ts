/**
 * Stagger suggestions for one overlapping pair: the smallest whole-minute delay of
 * either task's start times after which it collides with no other task of its group,
 * turned into the `suggestion` / `suggestedTask` / `suggestedOffset` fields.
 *
 * What is searched: whole-minute delays of all of one task's start times, from
 * 1 minute up to (not including) its shortest repetition interval — a shift by
 * a whole interval is the same schedule — or one day when it does not repeat.
 * An offset counts only when the shifted task then collides with no other member
 * of the group, so following the suggestion never trades one overlap for another.
 * (`taskctl stagger` moves the whole group at once; see timetable.ts.)
 *
 * The group's busy time is kept as a coverage step function (how many tasks may
 * be running in each elementary segment), built once per group; a candidate
 * offset is checked against it segment by segment and rejected at the first
 * collision, so crowded groups fail fast and sparse ones succeed fast.
 *
 * A run pushed past the horizon's end is checked against the horizon's start
 * (the schedule is taken to repeat with the horizon, as daily and weekly ones do
 * over a day or week): otherwise any offset that pushes a run out of sight would
 * look "clear", and the runs before the horizon that a shift would pull in would be missed.
 */
import { intervalIndexAt, type Interval } from './expand-runs.js';
import { describeDuration } from './describe.js';
import type { TaskRuns } from './expand-runs.js';
import type { Horizon } from './horizon.js';
import { DAY_MS, MINUTE_MS } from '../schtasks/datetime.js';
import { durationToMs, msToDuration } from '../schtasks/duration.js';
import type { Conflict, ConflictSubject } from './types.js';

type Suggestion = Pick<Conflict, 'suggestion' | 'suggestedTask' | 'suggestedOffset'>;

/** How far a task's start may move: its shortest enabled repetition interval, or a day. */
function maxStaggerMs(subject: ConflictSubject | undefined): number {
  let max = DAY_MS;
  for (const trigger of subject?.definition.triggers ?? []) {
    if (trigger.kind !== 'TimeTrigger' && trigger.kind !== 'CalendarTrigger') continue;
    if (trigger.enabled === false || !trigger.repetition) continue;
    const interval = durationToMs(trigger.repetition.interval);
    if (interval !== undefined && interval > 0) max = Math.min(max, interval);
  }
  return max;
}

/**
 * The smallest clear offset (minutes) of member `i`, searched on first use and kept in
 * `cache`; undefined when none exists or the task has no time limit.
 */
export function clearOffsets(
  members: readonly TaskRuns[],
  busyOf: (i: number) => Interval[],
  horizon: Horizon,
  cache: Map<number, number | undefined>,
): (i: number) => number | undefined {
  let coverage: Coverage | undefined;
  return (i) => {
    if (!cache.has(i)) {
      const runs = members[i] as TaskRuns;
      const unbounded = runs.unbounded.some((u, t) => u && runs.triggers.includes(t));
      coverage ??= buildCoverage(members.map((_, k) => busyOf(k)), horizon);
      cache.set(i, unbounded ? undefined : smallestClearOffsetMinutes(busyOf(i), coverage, maxStaggerMs(runs.subject)));
    }
    return cache.get(i);
  };
}

/** The suggestion fields for the pair (a, b) of member indexes. */
export function suggestionFor(
  group: string,
  members: readonly TaskRuns[],
  [a, b]: readonly [number, number],
  offsetOf: (i: number) => number | undefined,
): Suggestion {
  const path = (i: number) => (members[i] as TaskRuns).subject.path;
  const limit = (i: number) => describeDuration(maxStaggerMs((members[i] as TaskRuns).subject));
  const candidates = [
    { task: b, minutes: offsetOf(b) },
    { task: a, minutes: offsetOf(a) },
  ].filter((c): c is { task: number; minutes: number } => c.minutes !== undefined);
  const best = candidates.sort((x, y) => x.minutes - y.minutes)[0];
  if (!best) {
    return {
      suggestion:
        `No start offset clears it: delaying ${path(b)} by up to ${limit(b)} or ${path(a)} by up to ${limit(a)} (whole minutes) ` +
        `still collides with a task of group '${group}'. Shorten a time limit, lengthen an interval or move a task to another group.`,
    };
  }
  const offset = msToDuration(best.minutes * MINUTE_MS);
  return {
    suggestion: `Start ${path(best.task)} ${describeDuration(best.minutes * MINUTE_MS)} later (offset ${offset}): it then collides with no other task of group '${group}'.`,
    suggestedTask: path(best.task),
    suggestedOffset: offset,
  };
}

interface Coverage {
  /** The horizon the runs were expanded over. */
  from: number;
  end: number;
  /** Sorted distinct boundaries. */
  bounds: number[];
  /** counts[i] = tasks busy in [bounds[i], bounds[i+1]). */
  counts: number[];
}

/** Builds the coverage of a group from each member's merged busy intervals. */
function buildCoverage(busyByTask: Iterable<readonly Interval[]>, horizon: { from: number; end: number }): Coverage {
  const startList: number[] = [];
  const endList: number[] = [];
  for (const intervals of busyByTask) {
    for (const { start, end } of intervals) {
      startList.push(start);
      endList.push(end);
    }
  }
  const starts = Float64Array.from(startList).sort();
  const ends = Float64Array.from(endList).sort();
  const bounds: number[] = [];
  const counts: number[] = [];
  let level = 0;
  let i = 0;
  let j = 0;
  // Walk both sorted lists at once; every distinct time is one boundary.
  while (i < starts.length || j < ends.length) {
    const t = Math.min(i < starts.length ? (starts[i] as number) : Infinity, j < ends.length ? (ends[j] as number) : Infinity);
    while (i < starts.length && starts[i] === t) {
      level++;
      i++;
    }
    while (j < ends.length && ends[j] === t) {
      level--;
      j++;
    }
    bounds.push(t);
    counts.push(level);
  }
  return { from: horizon.from, end: horizon.end, bounds, counts };
}

/** Index of the segment containing t (the last bound ≤ t), or -1 before the first. */
function segmentAt(bounds: readonly number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((bounds[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** True when another task is busy somewhere in [from, to) (own = the task's unshifted intervals). */
function othersBusy(own: readonly Interval[], coverage: Coverage, from: number, to: number): boolean {
  const { bounds, counts } = coverage;
  for (let i = Math.max(0, segmentAt(bounds, from)); i < bounds.length - 1 && (bounds[i] as number) < to; i++) {
    const level = counts[i] as number;
    if (level === 0 || (bounds[i + 1] as number) <= from) continue;
    // Segment boundaries include the task's own, so it is busy on all of a segment or none.
    const others = level - (intervalIndexAt(own, bounds[i] as number) >= 0 ? 1 : 0);
    if (others > 0) return true;
  }
  return false;
}

/** True when `own` shifted by `offsetMs` would overlap another task's busy time. */
function collidesWhenShifted(own: readonly Interval[], coverage: Coverage, offsetMs: number): boolean {
  const span = coverage.end - coverage.from;
  for (const { start, end } of own) {
    const from = start + offsetMs;
    const to = end + offsetMs;
    if (from < coverage.end && othersBusy(own, coverage, from, Math.min(to, coverage.end))) return true;
    // The part pushed past the end wraps to the start (see the module comment).
    if (to > coverage.end) {
      const wrappedFrom = Math.max(from, coverage.end) - span;
      if (othersBusy(own, coverage, wrappedFrom, to - span)) return true;
    }
  }
  return false;
}

/**
 * The smallest offset in whole minutes, 1 ≤ m < maxOffsetMs/1min, after which
 * `own` (one task's busy intervals) overlaps nobody else in `coverage`; undefined when none.
 */
function smallestClearOffsetMinutes(own: readonly Interval[], coverage: Coverage, maxOffsetMs: number): number | undefined {
  if (own.length === 0) return undefined;
  for (let minutes = 1; minutes * MINUTE_MS < maxOffsetMs; minutes++) {
    if (!collidesWhenShifted(own, coverage, minutes * MINUTE_MS)) return minutes;
  }
  return undefined;
}
