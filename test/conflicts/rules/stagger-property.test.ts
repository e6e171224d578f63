/**
 * Following a stagger suggestion really works: delaying the suggested task's
 * triggers by the suggested offset leaves it with no overlap in its group.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msToDuration } from '../../../src/schtasks/duration.js';
import type { ConflictSubject } from '../../../src/conflicts/types.js';
import { at, subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

const INTERVALS = [5, 10, 15, 20, 30, 60];
const LIMITS = [1, 2, 3, 5, 8];

const task = (i: number, startMinute: number, interval: number, limit: number): ConflictSubject =>
  subject(`\\AGI_T${i}`, {
    group: 'g',
    timeLimit: msToDuration(limit * 60_000),
    triggers: [at(`2024-12-31T00:${String(startMinute).padStart(2, '0')}:00`, { repeat: { interval: `PT${interval}M` } })],
  });

describe('stagger suggestion property', () => {
  it('the suggested offset clears every collision of the suggested task', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.constantFrom(...INTERVALS), fc.constantFrom(...LIMITS)), { minLength: 2, maxLength: 5 }),
        (specs) => {
          const fleet = specs.map(([m, interval, limit], i) => task(i, m, interval, limit));
          for (const conflict of conflictsOf(fleet, 'overlap')) {
            if (!conflict.suggestedTask || !conflict.suggestedOffset) continue;
            const minutes = Number(/^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(conflict.suggestedOffset)?.slice(1).reduce((sum, v, k) => sum + Number(v ?? 0) * (k === 0 ? 60 : 1), 0));
            const index = fleet.findIndex((s) => s.path === conflict.suggestedTask);
            const [m, interval, limit] = specs[index] as [number, number, number];
            const moved = fleet.map((s, i) => (i === index ? task(i, (m + minutes) % 60, interval, limit) : s));
            const after = conflictsOf(moved, 'overlap').filter((c) => c.tasks.includes(conflict.suggestedTask as string));
            expect(after).toEqual([]);
            checked++;
          }
        },
      ),
      { numRuns: 60, seed: 20250101 },
    );
    // The property must actually have been exercised.
    expect(checked).toBeGreaterThan(20);
  });
});
