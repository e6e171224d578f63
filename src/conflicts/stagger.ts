/**
 * `taskctl stagger`: for each group, new start times for every time-based trigger so
 * that no two runs of the group overlap — or the reason none exists. Each trigger keeps
 * its interval and time limit; only its StartBoundary moves, by whole minutes, the
 * smallest moves preferred.
 *
 * The search works in the periodic model (timetable.ts); every timetable is then checked
 * by the conflict engine itself, on the real runs over the analysis horizon (DST, start
 * and end boundaries included), and only a timetable without a single overlap there is
 * called feasible.
 */
import { groupLoad, percent, whatItWouldTake, type GroupLoad } from './capacity.js';
import { describeDuration, listTasks, readableAt } from './describe.js';
import { findConflicts } from './find-conflicts.js';
import { groupMembers } from './schedule-rules.js';
import { resolveHorizon } from './horizon.js';
import type { TriggerPattern } from './periodic-model.js';
import { unpredictableStarts } from './schedule-rules.js';
import { findTimetable, impossiblePair } from './timetable.js';
import { shiftDateTime } from '../schtasks/datetime.js';
import type { ConflictOptions, ConflictSubject } from './types.js';

/** Why a group has no timetable (`unpredictable` groups still get one for their scheduled runs). */
type StaggerReason = 'over-capacity' | 'unbounded' | 'unpredictable' | 'no-timetable' | 'not-found' | 'not-verified';

export interface StaggerMove {
  task: string;
  /** Index of the trigger in the task's triggers (as declared). */
  trigger: number;
  before: string;
  after: string;
  /** The move in ms (negative: earlier). */
  shiftMs: number;
}

export interface GroupStagger {
  group: string;
  /** A timetable exists and the conflict engine finds no overlap in the group after the moves. */
  feasible: boolean;
  /** The share of time the group's runs need (1 = 100 %). */
  load: number;
  moves: StaggerMove[];
  reason?: StaggerReason;
  message: string;
  /** How the timetable was found (or shown not to exist): exhaustively, or by the heuristic. */
  search: 'exact' | 'heuristic' | 'none';
  /** Tasks that start at moments no schedule foresees (reason `unpredictable`). */
  unpredictable?: string[];
}

export interface StaggerOptions extends ConflictOptions {
  /** Only this group. @default every group */
  group?: string;
}

/** A subject with some of its start boundaries replaced. */
function withStarts(subject: ConflictSubject, moves: readonly StaggerMove[]): ConflictSubject {
  const own = moves.filter((m) => m.task === subject.path);
  if (own.length === 0) return subject;
  const triggers = subject.definition.triggers.map((trigger, index) => {
    const move = own.find((m) => m.trigger === index);
    return move && trigger.kind !== 'Raw' ? { ...trigger, startBoundary: move.after } : trigger;
  });
  return { ...subject, definition: { ...subject.definition, triggers } };
}

function describePattern(p: TriggerPattern): string {
  const period = describeDuration(p.periodMs);
  const every = !Number.isFinite(p.periodMs) ? 'at fixed times' : p.offsets.length === 1 ? `every ${period}` : `${p.offsets.length} starts every ${period}`;
  return `${p.subject.path} trigger ${p.triggerIndex} (${every}, ${describeDuration(Math.max(...p.lengths))} a run)`;
}

function staggerGroup(group: string, members: readonly ConflictSubject[], options: ConflictOptions): GroupStagger {
  const load: GroupLoad = groupLoad(group, members, resolveHorizon(options).timeZone);
  const head = `Group '${group}' (load ${percent(load.load)})`;
  const base = { group, load: Math.round(load.load * 1000) / 1000, moves: [] as StaggerMove[] };
  if (load.unbounded.length > 0) {
    return {
      ...base, feasible: false, reason: 'unbounded', search: 'none',
      message: `${head}: ${listTasks(load.unbounded)} ${load.unbounded.length === 1 ? 'has' : 'have'} no time limit: a run may keep the group busy forever, so no timetable exists. Set a finite timeLimit.`,
    };
  }
  if (load.over) {
    return {
      ...base, feasible: false, reason: 'over-capacity', search: 'none',
      message: `Group '${group}' is over capacity: its runs need ${percent(load.load)} of the time, so no timetable exists. It would take ${whatItWouldTake(load).join('; or ')}.`,
    };
  }
  const patterns = load.shares.flatMap((s) => s.patterns);
  const timetable = findTimetable(patterns);
  if (!timetable.found) {
    const pair = impossiblePair(patterns);
    const why = pair
      ? `: ${describePattern(patterns[pair[0]] as TriggerPattern)} and ${describePattern(patterns[pair[1]] as TriggerPattern)} collide at every relative start time`
      : '';
    return timetable.proven
      ? { ...base, feasible: false, reason: 'no-timetable', search: 'exact', message: `${head}: no start times on the minute grid keep its runs apart (every placement was tried)${why}. Move a task to another group, or change an interval or a time limit.` }
      : { ...base, feasible: false, reason: 'not-found', search: timetable.method, message: `${head}: the search found no timetable (which does not prove that none exists)${why}. Move a task to another group, or change an interval or a time limit.` };
  }

  const moves: StaggerMove[] = [];
  patterns.forEach((pattern, i) => {
    const shiftMs = timetable.shifts[i] as number;
    const trigger = pattern.subject.definition.triggers[pattern.triggerIndex];
    if (shiftMs === 0 || !trigger || trigger.kind === 'Raw' || trigger.startBoundary === undefined) return;
    const after = shiftDateTime(trigger.startBoundary, shiftMs);
    if (after !== undefined) moves.push({ task: pattern.subject.path, trigger: pattern.triggerIndex, before: trigger.startBoundary, after, shiftMs });
  });
  moves.sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : a.trigger - b.trigger));

  // The conflict engine has the last word, on the real runs.
  const remaining = findConflicts(members.map((m) => withStarts(m, moves)), options).filter((c) => c.kind === 'overlap');
  if (remaining.length > 0) {
    const first = remaining.map((c) => c.firstAt ?? '').sort()[0] ?? '';
    return {
      ...base, feasible: false, reason: 'not-verified', search: timetable.method,
      message: `${head}: the timetable found still collides on the real runs (first at ${first.replace('T', ' ')}): start or end boundaries, or a daylight-saving change, differ from the repeating pattern. Not proposed.`,
    };
  }
  const how = timetable.method === 'exact' ? 'exact search' : 'heuristic search';
  const checked = `checked by the conflict engine from ${readableAt(options.from.getTime(), resolveHorizon(options).timeZone)} over ${describeDuration(options.horizonMs)}`;
  const runs = (which: string) =>
    moves.length === 0
      ? `${which} already apart: nothing to move (${checked})`
      : `${moves.length} move${moves.length === 1 ? '' : 's'} keep ${which.replace(/ are$/, '')} apart (${how}; ${checked})`;
  const unpredictable = members.filter((m) => unpredictableStarts(m).length > 0).map((m) => m.path);
  if (unpredictable.length === 0) return { ...base, moves, feasible: true, search: timetable.method, message: `${head}: ${runs('its runs are')}.` };
  const starts = unpredictableStarts(members.find((m) => m.path === unpredictable[0]) as ConflictSubject).join(', ');
  return {
    ...base, moves, feasible: false, reason: 'unpredictable', search: timetable.method, unpredictable,
    message:
      `${head}: ${listTasks(unpredictable)} ${unpredictable.length === 1 ? 'starts' : 'start'} at moments no timetable can foresee ` +
      `(${unpredictable.length === 1 ? '' : 'e.g. '}${starts}) and may collide with the rest. ${runs('The scheduled runs are')}.`,
  };
}

/** One answer per group (of the declared subjects), in group-name order. */
export function staggerGroups(subjects: readonly ConflictSubject[], options: StaggerOptions): GroupStagger[] {
  const groups = groupMembers(subjects.filter((s) => s.source === 'declared'));
  const names = [...groups.keys()].filter((name) => options.group === undefined || name === options.group).sort();
  return names.map((name) => staggerGroup(name, groups.get(name) ?? [], options));
}
