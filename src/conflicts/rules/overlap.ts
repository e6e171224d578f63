/**
 * `overlap` (error): two tasks of one group can run at the same time. One
 * conflict per pair of tasks, with the first colliding instant, the number of
 * collisions over the horizon and a stagger suggestion.
 */
import { mergeRuns, type Interval } from '../busy-intervals.js';
import { describeDuration, readableAt, wallClockAt } from '../describe.js';
import { groupMembers } from '../group-members.js';
import { findPairCollisions, type PairCollision } from '../pair-collisions.js';
import { staggerSuggestion } from '../stagger-suggestion.js';
import { buildCoverage } from '../stagger.js';
import type { Conflict, ConflictSubject, Run } from '../types.js';
import type { ConflictRule, RuleContext } from './rule.js';

function overlapConflict(pair: PairCollision, group: string, context: RuleContext): Conflict {
  const [a, b] = pair.tasks;
  const { timeZone, horizonMs } = context.horizon;
  return {
    kind: 'overlap',
    severity: 'error',
    source: context.source,
    tasks: [a, b],
    message:
      `${a} and ${b} are both in group '${group}' but can run at the same time: ` +
      `${pair.count} collision${pair.count === 1 ? '' : 's'} in ${describeDuration(horizonMs)} (one starts while the other may still be running), ` +
      `first at ${readableAt(pair.firstAt, timeZone)}.`,
    firstAt: wallClockAt(pair.firstAt, timeZone),
    collisions: pair.count,
  };
}

export const overlapRule: ConflictRule = {
  kinds: ['overlap'],
  check(context) {
    const conflicts: Conflict[] = [];
    for (const [group, members] of groupMembers(context.subjects)) {
      if (members.length < 2) continue;
      const groupRuns: Run[] = [];
      const busy = new Map<string, Interval[]>();
      const byPath = new Map<string, ConflictSubject>();
      for (const member of members) {
        const runs = context.runsByTask.get(member.path) ?? [];
        groupRuns.push(...runs);
        busy.set(member.path, mergeRuns(runs));
        byPath.set(member.path, member);
      }
      const pairs = findPairCollisions(groupRuns.sort((x, y) => x.start - y.start || (x.path < y.path ? -1 : 1)));
      if (pairs.length === 0) continue;
      const suggest = staggerSuggestion({ group, busy, byPath, runsByTask: context.runsByTask, coverage: buildCoverage(busy.values(), context.horizon) });
      for (const pair of pairs) conflicts.push({ ...overlapConflict(pair, group, context), ...suggest(pair.tasks) });
    }
    return conflicts;
  },
};
