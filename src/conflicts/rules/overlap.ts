/**
 * `overlap` (error): two tasks of one group can run at the same time. Reported per
 * pair of tasks, with the first colliding instant, the number of collisions over the
 * horizon and a stagger suggestion — while that stays readable. A group with more
 * than PAIR_LIST_LIMIT colliding pairs gets one group-level finding (its tasks, how
 * many pairs, how many collisions, how many tasks at once) plus the WORST_PAIRS pairs
 * with the most collisions; `--verbose` streams every pair after it.
 *
 * Runs inside the analysis's pass over each group (see group-sweep.ts for the counting).
 */
import { mergeTaskRuns, type Interval } from '../busy-intervals.js';
import { describeDuration, listTasks, readableAt, wallClockAt } from '../describe.js';
import type { TaskRuns } from '../expand-runs.js';
import { pairCollisions, sweepGroup, type PairCount } from '../group-sweep.js';
import type { Horizon } from '../horizon.js';
import { suggestionFor, clearOffsets } from '../stagger-suggestion.js';
import type { Conflict, ConflictSource } from '../types.js';

/** Up to this many colliding pairs a group's pairs are listed one by one. */
const PAIR_LIST_LIMIT = 20;
/** A summarized group shows this many pairs (the most collisions first). */
const WORST_PAIRS = 10;
/** Past the pair budget, the worst pairs are looked for among this many busiest tasks. */
const BUSIEST_TASKS = 8;

export interface GroupOverlapInput {
  group: string;
  source: ConflictSource;
  horizon: Horizon;
  /** The group's enabled members' runs, in path order. */
  members: readonly TaskRuns[];
  /** The group's load is over 100 %: no offset can clear its pairs, so none is searched. */
  overCapacity: boolean;
  /** Count and report every pair, whatever it costs. */
  verbose: boolean;
}

export interface GroupOverlaps {
  /** What the report shows: every pair, or the group finding and its worst pairs. */
  conflicts: Conflict[];
  /** For a summarized group under --verbose: every pair, made one at a time. */
  everyPair?: () => Iterable<Conflict>;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function groupOverlaps(input: GroupOverlapInput): GroupOverlaps {
  const { members, horizon, group, source } = input;
  const sweep = sweepGroup(members, input.verbose ? 'all' : 'budget');
  if (sweep.collisions === 0) return { conflicts: [] };
  const horizonText = describeDuration(horizon.horizonMs);
  const paths = members.map((m) => m.subject.path);

  // Offsets are searched per task, once, and only for the tasks whose pairs are shown.
  const offsets = new Map<number, number | undefined>();
  const busy = new Map<number, Interval[]>();
  const busyOf = (i: number) => busy.get(i) ?? (busy.set(i, mergeTaskRuns(members[i] as TaskRuns)), busy.get(i) as Interval[]);
  const offsetOf = clearOffsets(members, busyOf, horizon, offsets);
  const pairConflict = (pair: PairCount): Conflict => {
    const [a, b] = [paths[pair.a] as string, paths[pair.b] as string];
    const firstAt = wallClockAt(pair.firstAt, horizon.timeZone);
    return {
      kind: 'overlap', severity: 'error', source, tasks: [a, b],
      message:
        `${a} and ${b} are both in group '${group}' but can run at the same time: ` +
        `${plural(pair.count, 'collision')} in ${horizonText} (one starts while the other may still be running), ` +
        `first at ${firstAt.replace('T', ' ').slice(0, 16)}.`,
      firstAt, collisions: pair.count, group,
      ...(input.overCapacity
        ? { suggestion: `Group '${group}' is over capacity (see over-capacity): no start offset can keep its tasks apart.` }
        : suggestionFor(group, members, [pair.a, pair.b], offsetOf)),
    };
  };

  if (sweep.pairs && sweep.pairs.length <= PAIR_LIST_LIMIT) return { conflicts: sweep.pairs.map(pairConflict) };

  const worst = (sweep.pairs ?? busiestPairs(members, sweep.perMember))
    .slice()
    .sort((x, y) => y.count - x.count || x.firstAt - y.firstAt || x.a - y.a || x.b - y.b)
    .slice(0, WORST_PAIRS);
  const involved = new Set<number>();
  for (const pair of sweep.pairs ?? []) involved.add(pair.a).add(pair.b);
  sweep.perMember.forEach((events, i) => events > 0 && involved.add(i));
  const tasks = [...involved].sort((x, y) => x - y).map((i) => paths[i] as string);
  const pairsText = sweep.pairs ? plural(sweep.pairs.length, 'pair') : `more than ${plural(sweep.pairsSeen, 'pair')}`;
  const firstAt = wallClockAt(sweep.firstAt, horizon.timeZone);
  const summary: Conflict = {
    kind: 'overlap', severity: 'error', source, tasks,
    message:
      `${tasks.length} of the ${members.length} tasks of group '${group}' can run at the same time: ${pairsText} of them collide, ` +
      `${plural(sweep.collisions, 'start')} in ${horizonText} land while another task of the group may still be running ` +
      `(up to ${sweep.peak} at once), first at ${readableAt(sweep.firstAt, horizon.timeZone)}. ` +
      `The ${worst.length} pairs with the most collisions${sweep.pairs ? '' : ' among its busiest tasks'} follow` +
      `${input.verbose ? '' : '; --verbose lists every pair'}: ${listTasks(worst.map((p) => `${paths[p.a]} + ${paths[p.b]}`), 3)}.`,
    firstAt, collisions: sweep.collisions, group, pairs: sweep.pairs?.length ?? sweep.pairsSeen,
    suggestion: input.overCapacity
      ? `Group '${group}' is over capacity (see over-capacity): no timetable can keep its tasks apart.`
      : `\`taskctl stagger --group ${group}\` proposes start times for the whole group.`,
  };
  if (!input.verbose || !sweep.pairs) return { conflicts: [summary, ...worst.map(pairConflict)] };
  const all = sweep.pairs;
  return { conflicts: [summary], everyPair: function* () { for (const pair of all) yield pairConflict(pair); } };
}

/** Past the budget: the pairs among the members that collided most, each counted exactly. */
function busiestPairs(members: readonly TaskRuns[], perMember: Float64Array): PairCount[] {
  const busiest = [...perMember.keys()]
    .filter((i) => (perMember[i] as number) > 0 || members.length <= BUSIEST_TASKS)
    .sort((x, y) => (perMember[y] as number) - (perMember[x] as number) || x - y)
    .slice(0, BUSIEST_TASKS)
    .sort((x, y) => x - y);
  const pairs: PairCount[] = [];
  for (let x = 0; x < busiest.length; x++) {
    for (let y = x + 1; y < busiest.length; y++) {
      const [a, b] = [busiest[x] as number, busiest[y] as number];
      const { count, firstAt } = pairCollisions(members[a] as TaskRuns, members[b] as TaskRuns);
      if (count > 0) pairs.push({ a, b, count, firstAt });
    }
  }
  return pairs;
}
