/**
 * `overlap` (error): two tasks of one group can run at the same time. One
 * conflict per pair of tasks, with the first colliding instant, the number of
 * collisions over the horizon and a stagger suggestion.
 */
import { mergeRuns, type Interval } from '../busy-intervals.js';
import { describeDuration, wallClockAt } from '../describe.js';
import { groupMembers } from '../group-members.js';
import { findPairCollisions, type PairCollision } from '../pair-collisions.js';
import { staggerSuggestion } from '../stagger-suggestion.js';
import { buildCoverage } from '../stagger.js';
import type { Conflict, ConflictSubject } from '../types.js';
import type { ConflictRule, RuleContext } from './rule.js';

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

function overlapConflict(pair: PairCollision, group: string, context: RuleContext, horizonText: string): Conflict {
  const [a, b] = pair.tasks;
  const { timeZone } = context.horizon;
  const firstAt = wallClockAt(pair.firstAt, timeZone);
  return {
    kind: 'overlap',
    severity: 'error',
    source: context.source,
    tasks: [a, b],
    message:
      `${a} and ${b} are both in group '${group}' but can run at the same time: ` +
      `${pair.count} collision${pair.count === 1 ? '' : 's'} in ${horizonText} (one starts while the other may still be running), ` +
      `first at ${firstAt.replace('T', ' ').slice(0, 16)}.`,
    firstAt,
    collisions: pair.count,
  };
}

export const overlapRule: ConflictRule = {
  kinds: ['overlap'],
  check(context) {
    const conflicts: Conflict[] = [];
    const horizonText = describeDuration(context.horizon.horizonMs);
    const groups = [...groupMembers(context.subjects)].filter(([, members]) => members.length >= 2);
    // One sweep over the source's runs (already in (start, path) order) serves every group.
    const collisions = findPairCollisions(context.runs, groups.map(([, members]) => members.map((m) => m.path)));
    for (const [g, [group, members]] of groups.entries()) {
      const paths = members.map((m) => m.path);
      const pairs = collisions[g] ?? [];
      if (pairs.length === 0) continue;
      const busy = new Map<string, Interval[]>();
      for (const path of paths) busy.set(path, mergeRuns(context.runsByTask.get(path) ?? []));
      const byPath = new Map<string, ConflictSubject>(members.map((m) => [m.path, m]));
      const suggest = staggerSuggestion({ group, busy, byPath, runsByTask: context.runsByTask, coverage: once(() => buildCoverage(busy.values(), context.horizon)) });
      for (const pair of pairs) conflicts.push({ ...overlapConflict(pair, group, context, horizonText), ...suggest(pair.tasks) });
    }
    return conflicts;
  },
};
