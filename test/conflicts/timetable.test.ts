/**
 * The timetable search beyond its exact budget: largest-first placement with repair. What
 * it calls found is checked by an occupancy count of its own over the hyperperiod, and
 * through `stagger`, by the conflict engine on the real runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupLoad } from '../../src/conflicts/capacity.js';
import { findConflicts } from '../../src/conflicts/find-conflicts.js';
import { staggerGroups } from '../../src/conflicts/stagger.js';
import { findTimetable } from '../../src/conflicts/timetable.js';
import { msToDuration } from '../../src/schtasks/duration.js';
import { at, subject } from './helpers/subjects.js';

const pad = (n: number) => String(n).padStart(2, '0');
const every = (i: number, minute: number, interval: number, limit: number) =>
  subject(`\\AGI_T${pad(i)}`, {
    group: 'g',
    timeLimit: msToDuration(limit * 60_000),
    triggers: [at(`2025-01-01T00:${pad(minute)}:00`, { repeat: { interval: `PT${interval}M` } })],
  });

/** Minutes of the hour each task occupies after its shift must never be shared (intervals divide 60). */
function occupiedTwice(specs: ReadonlyArray<{ minute: number; interval: number; limit: number }>, shifts: readonly number[]): boolean {
  const used = new Uint8Array(60);
  return specs.some((spec, i) => {
    const first = (((spec.minute + (shifts[i] as number) / 60_000) % spec.interval) + spec.interval) % spec.interval;
    for (let start = first; start < 60; start += spec.interval) {
      for (let m = start; m < start + spec.limit; m++) {
        if (used[m % 60]) return true;
        used[m % 60] = 1;
      }
    }
    return false;
  });
}

describe('timetable heuristic', () => {
  it('what placement with repair calls found keeps every run apart', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 59 }), interval: fc.constantFrom(10, 15, 20, 30, 60), limit: fc.integer({ min: 1, max: 4 }) }), { minLength: 3, maxLength: 12 }),
        (specs) => {
          const subjects = specs.map((s, i) => every(i, s.minute, s.interval, s.limit));
          const load = groupLoad('g', subjects, 'UTC');
          fc.pre(!load.over);
          const patterns = load.shares.flatMap((s) => s.patterns);
          const result = findTimetable(patterns, 0); // no exact search: the heuristic alone
          if (!result.found) return;
          found++;
          expect(result.method).toBe('heuristic');
          const bySubject = subjects.map((s) => result.shifts[patterns.findIndex((p) => p.subject === s)] as number);
          expect(occupiedTwice(specs, bySubject)).toBe(false);
        },
      ),
      { numRuns: 150, seed: 15_04 },
    );
    expect(found).toBeGreaterThan(50);
  });

  it('places a large group (48 hourly tasks all at :00, 80% load), and the conflict engine agrees', () => {
    // 48 tasks, hourly, 1 minute each, all at :00 (80% load): a timetable gives each its own minute.
    const subjects = Array.from({ length: 48 }, (_, i) => every(i, 0, 60, 1));
    const options = { from: new Date('2025-01-06T00:00:00Z'), horizonMs: 86_400_000, timeZone: 'UTC' };
    const [answer] = staggerGroups(subjects, options);
    expect(answer).toMatchObject({ feasible: true, load: 0.8 });
    expect(answer?.moves).toHaveLength(47);
    const moved = subjects.map((s) => {
      const move = answer?.moves.find((m) => m.task === s.path);
      return move ? { ...s, definition: { ...s.definition, triggers: [{ ...(s.definition.triggers[0] as object), startBoundary: move.after }] } } : s;
    }) as typeof subjects;
    expect(findConflicts(moved, options).filter((c) => c.kind === 'overlap')).toEqual([]);
  });
});
