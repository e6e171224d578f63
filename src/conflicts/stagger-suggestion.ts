/**
 * Turns the minimal clear offset of either task of an overlapping pair into the
 * `suggestion` / `suggestedTask` / `suggestedOffset` fields of an overlap conflict.
 *
 * What is searched: whole-minute delays of all of one task's start times, from
 * 1 minute up to (not including) its shortest repetition interval — a shift by
 * a whole interval is the same schedule — or one day when it does not repeat.
 * An offset counts only when the shifted task then collides with no other member
 * of the group, so following the suggestion never trades one overlap for another.
 */
import type { Interval } from './busy-intervals.js';
import { DAY_MS, MINUTE_MS } from './civil-time.js';
import { describeDuration } from './describe.js';
import { durationToMs, msToDuration } from '../schtasks/duration.js';
import { smallestClearOffsetMinutes, type Coverage } from './stagger.js';
import type { Conflict, ConflictSubject, Run } from './types.js';

export interface StaggerInput {
  group: string;
  busy: ReadonlyMap<string, Interval[]>;
  byPath: ReadonlyMap<string, ConflictSubject>;
  runsByTask: ReadonlyMap<string, Run[]>;
  /** Built on first use: a group whose pairs all involve unbounded tasks never needs it. */
  coverage: () => Coverage;
}

type Suggestion = Pick<Conflict, 'suggestion' | 'suggestedTask' | 'suggestedOffset'>;

/** How far a task's start may move: its shortest enabled repetition interval, or a day. */
export function maxStaggerMs(subject: ConflictSubject | undefined): number {
  let max = DAY_MS;
  for (const trigger of subject?.definition.triggers ?? []) {
    if (trigger.kind !== 'TimeTrigger' && trigger.kind !== 'CalendarTrigger') continue;
    if (trigger.enabled === false || !trigger.repetition) continue;
    const interval = durationToMs(trigger.repetition.interval);
    if (interval !== undefined && interval > 0) max = Math.min(max, interval);
  }
  return max;
}

/** Builds the suggester for one group; offsets are computed once per task and cached. */
export function staggerSuggestion(input: StaggerInput): (tasks: readonly [string, string]) => Suggestion {
  const cache = new Map<string, number | undefined>();
  const reach = new Map<string, string>();
  const limit = (path: string): string => {
    let text = reach.get(path);
    if (text === undefined) reach.set(path, (text = describeDuration(maxStaggerMs(input.byPath.get(path)))));
    return text;
  };
  const offsetFor = (path: string): number | undefined => {
    if (!cache.has(path)) {
      const unbounded = (input.runsByTask.get(path) ?? []).some((run) => run.unbounded);
      const own = input.busy.get(path) ?? [];
      cache.set(path, unbounded ? undefined : smallestClearOffsetMinutes(own, input.coverage(), maxStaggerMs(input.byPath.get(path))));
    }
    return cache.get(path);
  };
  return ([a, b]) => {
    const candidates = [
      { task: b, minutes: offsetFor(b) },
      { task: a, minutes: offsetFor(a) },
    ].filter((c): c is { task: string; minutes: number } => c.minutes !== undefined);
    const best = candidates.sort((x, y) => x.minutes - y.minutes)[0];
    if (!best) {
      return {
        suggestion:
          `No start offset clears it: delaying ${b} by up to ${limit(b)} or ${a} by up to ${limit(a)} (whole minutes) ` +
          `still collides with a task of group '${input.group}'. Shorten a time limit, lengthen an interval or move a task to another group.`,
      };
    }
    const offset = msToDuration(best.minutes * MINUTE_MS);
    return {
      suggestion: `Start ${best.task} ${describeDuration(best.minutes * MINUTE_MS)} later (offset ${offset}): it then collides with no other task of group '${input.group}'.`,
      suggestedTask: best.task,
      suggestedOffset: offset,
    };
  };
}
