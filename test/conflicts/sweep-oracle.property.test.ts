/**
 * The sweep-line engine against the pairwise definition it replaces: on random fleets,
 * every pair of tasks of a group is replayed on its own (the oracle below, written from
 * the definition: a start collides when the other task may still be running, equal
 * starts in path order) and must give the same pairs, counts and first collisions as
 * the engine's report — and, past the pair budget, as its group totals and pair merges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandRuns, expandTaskRuns } from '../../src/conflicts/expand-runs.js';
import { findConflicts } from '../../src/conflicts/find-conflicts.js';
import { pairCollisions, sweepGroup } from '../../src/conflicts/group-sweep.js';
import { resolveHorizon } from '../../src/conflicts/horizon.js';
import { wallClockAt } from '../../src/conflicts/describe.js';
import type { ConflictSubject, Run } from '../../src/conflicts/types.js';
import { msToDuration } from '../../src/schtasks/duration.js';
import { at, daily, subject } from './helpers/subjects.js';

const OPTIONS = { from: new Date('2025-01-01T00:00:00Z'), horizonMs: 86_400_000, timeZone: 'UTC' };
const pad = (n: number) => String(n).padStart(2, '0');

/** The oracle: one pair of tasks replayed alone over the runs in (start, path, trigger) order. */
function oraclePair(runs: readonly Run[], a: string, b: string): { count: number; firstAt: number } {
  const busy = new Map<string, number>([[a, -Infinity], [b, -Infinity]]);
  let count = 0;
  let firstAt = Infinity;
  for (const run of runs) {
    if (run.path !== a && run.path !== b) continue;
    const other = run.path === a ? b : a;
    if ((busy.get(other) as number) > run.start) {
      count++;
      firstAt = Math.min(firstAt, run.start);
    }
    busy.set(run.path, Math.max(busy.get(run.path) as number, run.end));
  }
  return { count, firstAt };
}

const triggerArb = fc.oneof(
  fc.record({ kind: fc.constant('every' as const), minute: fc.integer({ min: 0, max: 59 }), interval: fc.constantFrom(5, 7, 10, 15, 20, 30, 60), delay: fc.constantFrom(0, 0, 3) }),
  fc.record({ kind: fc.constant('daily' as const), minute: fc.integer({ min: 0, max: 1439 }), interval: fc.constant(0), delay: fc.constant(0) }),
);
const taskArb = fc.record({
  group: fc.constantFrom('g1', 'g2'),
  limit: fc.integer({ min: 1, max: 25 }),
  triggers: fc.array(triggerArb, { minLength: 1, maxLength: 2 }),
});

type TaskSpec = typeof taskArb extends fc.Arbitrary<infer T> ? T : never;

function fleetOf(specs: TaskSpec[]): ConflictSubject[] {
  return specs.map((spec, i) =>
    subject(`\\AGI_T${i}`, {
      group: spec.group,
      timeLimit: msToDuration(spec.limit * 60_000),
      triggers: spec.triggers.map((t) => {
        const start = `2024-12-31T${pad(Math.floor(t.minute / 60) % 24)}:${pad(t.minute % 60)}:00`;
        const extras = t.delay > 0 ? { randomDelay: `PT${t.delay}M` } : {};
        return t.kind === 'every' ? at(start, { repeat: { interval: `PT${t.interval}M` }, ...extras }) : daily(start, 1, extras);
      }),
    }),
  );
}

describe('sweep-line engine vs the pairwise oracle', () => {
  it('reports the same pairs, counts and first collisions on random fleets', () => {
    let pairsChecked = 0;
    fc.assert(
      fc.property(fc.array(taskArb, { minLength: 2, maxLength: 10 }), (specs) => {
        const fleet = fleetOf(specs);
        const { runs } = expandRuns(fleet, OPTIONS);
        const expected: string[] = [];
        for (let x = 0; x < fleet.length; x++) {
          for (let y = x + 1; y < fleet.length; y++) {
            const [a, b] = [fleet[x] as ConflictSubject, fleet[y] as ConflictSubject];
            if (a.group !== b.group) continue;
            const pair = oraclePair(runs, a.path, b.path);
            if (pair.count > 0) expected.push(`${a.path} ${b.path} ${pair.count} ${wallClockAt(pair.firstAt, 'UTC')}`);
          }
        }
        // At most 5 tasks a group here would keep every group under the listing limit; allow more and compare
        // only groups the report lists pair by pair.
        const reported = findConflicts(fleet, OPTIONS).filter((c) => c.kind === 'overlap');
        const summarized = new Set(reported.filter((c) => c.pairs !== undefined).map((c) => c.group));
        const listed = reported.filter((c) => c.pairs === undefined && !summarized.has(c.group));
        const groupOf = new Map(fleet.map((s) => [s.path, s.group]));
        const wanted = expected.filter((line) => !summarized.has(groupOf.get(line.split(' ')[0] as string)));
        expect(listed.map((c) => `${c.tasks.join(' ')} ${c.collisions} ${c.firstAt}`).sort()).toEqual(wanted.sort());
        pairsChecked += wanted.length;
      }),
      { numRuns: 150, seed: 15_01 },
    );
    expect(pairsChecked).toBeGreaterThan(200);
  });

  it('past the pair budget, the group totals and every pair merged alone still match the oracle', () => {
    const horizon = resolveHorizon(OPTIONS);
    fc.assert(
      fc.property(fc.array(taskArb.map((t) => ({ ...t, group: 'g1' as const })), { minLength: 2, maxLength: 8 }), (specs) => {
        const fleet = fleetOf(specs);
        const members = fleet.map((s) => expandTaskRuns(s, horizon, []));
        const exact = sweepGroup(members);
        const budgeted = sweepGroup(members, 'none');
        expect(budgeted.pairs).toBeUndefined();
        expect([budgeted.collisions, budgeted.firstAt, budgeted.peak]).toEqual([exact.collisions, exact.firstAt, exact.peak]);
        const { runs } = expandRuns(fleet, OPTIONS);
        // Group total: starts that land while any other member may still be running.
        let starts = 0;
        const busy = new Map<string, number>();
        for (const run of runs) {
          if ([...busy].some(([path, until]) => path !== run.path && until > run.start)) starts++;
          busy.set(run.path, Math.max(busy.get(run.path) ?? -Infinity, run.end));
        }
        expect(exact.collisions).toBe(starts);
        for (const pair of exact.pairs ?? []) {
          const oracle = oraclePair(runs, (fleet[pair.a] as ConflictSubject).path, (fleet[pair.b] as ConflictSubject).path);
          expect({ count: pair.count, firstAt: pair.firstAt }).toEqual(oracle);
          expect(pairCollisions(members[pair.a]!, members[pair.b]!)).toEqual(oracle);
        }
      }),
      { numRuns: 100, seed: 15_02 },
    );
  });

  it('handles a fleet whose pairs once overflowed the call stack (5,000 tasks in 10 groups)', () => {
    const fleet = Array.from({ length: 5000 }, (_, i) =>
      subject(`\\AGI_${String(i).padStart(4, '0')}`, {
        group: `g${i % 10}`,
        timeLimit: 'PT1M',
        triggers: [at(`2025-01-01T00:${pad(i % 60)}:00`, { repeat: { interval: `PT${5 + ((i * 7) % 56)}M` } })],
      }),
    );
    const conflicts = findConflicts(fleet, { ...OPTIONS, horizonMs: 3_600_000 });
    const overlaps = conflicts.filter((c) => c.kind === 'overlap');
    // One group finding and at most the ten worst pairs per group: proportionate, whatever the pair count.
    expect(overlaps.filter((c) => c.pairs !== undefined)).toHaveLength(10);
    expect(overlaps.length).toBeLessThanOrEqual(110);
    expect(conflicts.filter((c) => c.kind === 'over-capacity')).toHaveLength(10);
  });
});
