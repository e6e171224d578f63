/**
 * Whole-group timetables (`taskctl stagger`). Every answer is judged by the conflict
 * engine after the moves; every "impossible" by the load or by trying every placement
 * on the minute grid with an occupancy count of its own (not the search's arithmetic).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../src/conflicts/find-conflicts.js';
import { staggerGroups, type GroupStagger } from '../../src/conflicts/stagger.js';
import type { ConflictSubject } from '../../src/conflicts/types.js';
import { msToDuration } from '../../src/schtasks/duration.js';
import { at, daily, subject } from './helpers/subjects.js';

const OPTIONS = { from: new Date('2025-01-06T00:00:00Z'), horizonMs: 2 * 86_400_000, timeZone: 'UTC' };
const pad = (n: number) => String(n).padStart(2, '0');

const every = (path: string, minute: number, interval: number, limit: number, group = 'g'): ConflictSubject =>
  subject(path, {
    group,
    timeLimit: msToDuration(limit * 60_000),
    triggers: [at(`2025-01-01T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`, { repeat: { interval: `PT${interval}M` } })],
  });

/** The subjects with the moves applied, as `--write` would. */
function moved(subjects: readonly ConflictSubject[], answer: GroupStagger): ConflictSubject[] {
  return subjects.map((s) => {
    const triggers = s.definition.triggers.map((t, i) => {
      const move = answer.moves.find((m) => m.task === s.path && m.trigger === i);
      return move && t.kind !== 'Raw' ? { ...t, startBoundary: move.after } : t;
    });
    return { ...s, definition: { ...s.definition, triggers } };
  });
}

const overlapsAfter = (subjects: readonly ConflictSubject[], answer: GroupStagger) =>
  findConflicts(moved(subjects, answer), OPTIONS).filter((c) => c.kind === 'overlap');

describe('stagger', () => {
  it('finds a timetable for a group at 60% load whose tasks all start at :00', () => {
    const subjects = [every('\\AGI_A', 0, 15, 3), every('\\AGI_B', 0, 15, 3), every('\\AGI_C', 0, 30, 6), every('\\AGI_D', 0, 60, 6)];
    expect(findConflicts(subjects, OPTIONS).filter((c) => c.kind === 'overlap').length).toBeGreaterThan(0);
    const [answer] = staggerGroups(subjects, OPTIONS);
    expect(answer).toMatchObject({ group: 'g', feasible: true, load: 0.7, search: 'exact' });
    expect(answer?.moves.map((m) => m.task)).toEqual(['\\AGI_B', '\\AGI_C', '\\AGI_D']);
    expect(overlapsAfter(subjects, answer!)).toEqual([]);
  });

  it('says over-capacity with the figure for a group at 120%', () => {
    const subjects = [every('\\AGI_A', 0, 10, 4), every('\\AGI_B', 3, 10, 4), every('\\AGI_C', 6, 10, 4)];
    const [answer] = staggerGroups(subjects, OPTIONS);
    expect(answer).toMatchObject({ feasible: false, reason: 'over-capacity', load: 1.2, moves: [] });
    expect(answer?.message).toContain('120%');
  });

  it('proves a group impossible below 100% and names the pair that can never be apart', () => {
    // Every 10 and every 15 minutes, 4 minutes each: 67%, but gcd 5 minutes leaves no room for 8.
    const subjects = [every('\\AGI_A', 0, 10, 4), every('\\AGI_B', 2, 15, 4)];
    const [answer] = staggerGroups(subjects, OPTIONS);
    expect(answer).toMatchObject({ feasible: false, reason: 'no-timetable', search: 'exact' });
    expect(answer?.message).toContain('\\AGI_A trigger 0 (every 10 min, 4 min a run) and \\AGI_B trigger 0 (every 15 min, 4 min a run) collide at every relative start time');
  });

  it('moves the smallest distance: nothing when already apart, one minute when one minute is enough', () => {
    expect(staggerGroups([every('\\AGI_A', 0, 15, 3), every('\\AGI_B', 5, 15, 3)], OPTIONS)[0]).toMatchObject({ feasible: true, moves: [] });
    const [answer] = staggerGroups([every('\\AGI_A', 0, 15, 3), every('\\AGI_B', 2, 15, 3)], OPTIONS);
    expect(answer?.moves).toEqual([{ task: '\\AGI_B', trigger: 0, before: '2025-01-01T00:02:00', after: '2025-01-01T00:03:00', shiftMs: 60_000 }]);
  });

  it('keeps daily jobs inside the timetable and moves weekly ones only within their day', () => {
    const weekly = subject('\\AGI_W', {
      group: 'g', timeLimit: 'PT10M',
      triggers: [{ ...daily('2025-01-05T00:00:00'), schedule: { kind: 'ByWeek', weeksInterval: 1, daysOfWeek: ['Sunday'] } }],
    });
    const subjects = [every('\\AGI_A', 0, 30, 20), subject('\\AGI_D', { group: 'g', timeLimit: 'PT5M', triggers: [daily('2025-01-01T00:10:00')] }), weekly];
    const [answer] = staggerGroups(subjects, { ...OPTIONS, horizonMs: 7 * 86_400_000 });
    expect(answer?.feasible).toBe(true);
    const weeklyMove = answer?.moves.find((m) => m.task === '\\AGI_W');
    expect(weeklyMove?.after.slice(0, 10)).toBe('2025-01-05');
    expect(overlapsAfter(subjects, answer!)).toEqual([]);
  });

  it('gives the scheduled runs a timetable but no promise when a member starts on demand or at boot', () => {
    const subjects = [every('\\AGI_A', 0, 15, 3), every('\\AGI_B', 0, 15, 3), subject('\\AGI_Boot', { group: 'g', timeLimit: 'PT5M', triggers: [{ kind: 'BootTrigger' }] })];
    const [answer] = staggerGroups(subjects, OPTIONS);
    expect(answer).toMatchObject({ feasible: false, reason: 'unpredictable', unpredictable: ['\\AGI_Boot'] });
    expect(answer?.moves).toHaveLength(1);
    expect(overlapsAfter(subjects, answer!)).toEqual([]);
  });

  it('refuses a group with a task that has no time limit', () => {
    const [answer] = staggerGroups([every('\\AGI_A', 0, 15, 3), every('\\AGI_B', 5, 15, 0)], OPTIONS);
    expect(answer).toMatchObject({ feasible: false, reason: 'unbounded' });
  });

  it('answers only the group asked for', () => {
    const subjects = [every('\\AGI_A', 0, 15, 3, 'x'), every('\\AGI_B', 0, 15, 3, 'y'), every('\\AGI_C', 0, 15, 3, 'y')];
    expect(staggerGroups(subjects, { ...OPTIONS, group: 'y' }).map((g) => g.group)).toEqual(['y']);
  });
});

/** Every placement on the minute grid, checked by counting occupied minutes over the hyperperiod. */
function bruteForceFeasible(specs: ReadonlyArray<{ interval: number; limit: number }>): boolean {
  const lcm = (a: number, b: number): number => {
    const g = (x: number, y: number): number => (y === 0 ? x : g(y, x % y));
    return (a / g(a, b)) * b;
  };
  const h = specs.reduce((acc, s) => lcm(acc, s.interval), 1);
  const shifts = specs.map(() => 0);
  for (;;) {
    const used = new Uint8Array(h);
    let clear = true;
    specs.forEach((spec, i) => {
      for (let start = shifts[i] as number; start < h && clear; start += spec.interval) {
        for (let m = start; m < start + spec.limit && clear; m++) {
          if (used[m % h]) clear = false;
          used[m % h] = 1;
        }
      }
    });
    if (clear) return true;
    let k = 0;
    while (k < specs.length && (shifts[k] = (shifts[k] as number) + 1) >= (specs[k] as { interval: number }).interval) shifts[k++] = 0;
    if (k === specs.length) return false;
  }
}

describe('stagger property', () => {
  const specArb = fc.array(
    fc.record({ minute: fc.integer({ min: 0, max: 59 }), interval: fc.constantFrom(5, 6, 10, 12, 15, 20, 30), limit: fc.integer({ min: 1, max: 9 }) }),
    { minLength: 2, maxLength: 4 },
  );

  it('feasible answers have no overlap by the conflict engine; infeasible ones are over 100% or have no placement at all', () => {
    const seen = { feasible: 0, over: 0, proven: 0 };
    fc.assert(
      fc.property(specArb, (specs) => {
        const subjects = specs.map((s, i) => every(`\\AGI_T${i}`, s.minute, s.interval, Math.min(s.limit, s.interval)));
        const [answer] = staggerGroups(subjects, OPTIONS);
        if (!answer) throw new Error('no answer');
        const possible = bruteForceFeasible(specs.map((s) => ({ interval: s.interval, limit: Math.min(s.limit, s.interval) })));
        if (answer.feasible) {
          seen.feasible++;
          expect(overlapsAfter(subjects, answer)).toEqual([]);
          expect(answer.moves.every((m) => m.shiftMs % 60_000 === 0)).toBe(true);
        } else if (answer.reason === 'over-capacity') {
          seen.over++;
          expect(answer.load).toBeGreaterThan(1);
        } else {
          seen.proven++;
          expect(answer).toMatchObject({ reason: 'no-timetable', search: 'exact' });
        }
        // Exact on small groups: a timetable whenever one exists on the minute grid.
        expect(answer.feasible).toBe(possible);
      }),
      { numRuns: 200, seed: 15_03 },
    );
    expect(seen.feasible).toBeGreaterThan(20);
    expect(seen.over).toBeGreaterThan(5);
    expect(seen.proven).toBeGreaterThan(5);
  });
});
