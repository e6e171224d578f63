import { describe, expect, it } from 'vitest';
import { at, daily, subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

const every = (start: string, interval: string) => at(start, { repeat: { interval } });

describe('stagger suggestions', () => {
  it('finds the smallest whole-minute offset that clears the pair without another collision', () => {
    // A: every 15 min at :00, 5 min long. B: every 15 min at :02, 3 min long. B clear at +3 (starts :05).
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT5M', triggers: [every('2025-01-01T00:00:00', 'PT15M')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT3M', triggers: [every('2025-01-01T00:02:00', 'PT15M')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap');
    expect(conflict).toMatchObject({ suggestedTask: '\\AGI_B', suggestedOffset: 'PT3M' });
    expect(conflict?.suggestion).toContain('3 min later');
  });

  it('does not suggest an offset that moves the task onto a third member', () => {
    // A at :00 (5 min), B at :01 (3 min), C at :05 (5 min), all every 15 min.
    // B +3 → :04 collides with C; B +9 → :10 is the first clear slot; A would need +10.
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT5M', triggers: [every('2025-01-01T00:00:00', 'PT15M')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT3M', triggers: [every('2025-01-01T00:01:00', 'PT15M')] }),
      subject('\\AGI_C', { group: 'g', timeLimit: 'PT5M', triggers: [every('2025-01-01T00:05:00', 'PT15M')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap');
    expect(conflict?.tasks).toEqual(['\\AGI_A', '\\AGI_B']);
    expect(conflict).toMatchObject({ suggestedTask: '\\AGI_B', suggestedOffset: 'PT9M' });
  });

  it('says plainly when no offset within the interval works', () => {
    // Every 10 and every 15 minutes, 4 minutes each: load 67%, but gcd(10, 15) = 5 minutes
    // leaves no gap of 4 + 4 minutes between them, whatever the start times.
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT4M', triggers: [every('2025-01-01T00:00:00', 'PT10M')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT4M', triggers: [every('2025-01-01T00:02:00', 'PT15M')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap');
    expect(conflict?.suggestedOffset).toBeUndefined();
    expect(conflict?.suggestedTask).toBeUndefined();
    expect(conflict?.suggestion).toMatch(/^No start offset clears it/);
  });

  it('says the group is over capacity instead of searching offsets when its load is over 100%', () => {
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT10M', triggers: [every('2025-01-01T00:00:00', 'PT15M')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT10M', triggers: [every('2025-01-01T00:05:00', 'PT15M')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap');
    expect(conflict?.suggestedOffset).toBeUndefined();
    expect(conflict?.suggestion).toContain("Group 'g' is over capacity");
    expect(conflictsOf(subjects, 'over-capacity')).toMatchObject([{ load: 1.333, group: 'g', severity: 'error' }]);
  });

  it('searches up to a day for tasks that do not repeat, and takes the smaller of the two tasks\' offsets', () => {
    // A is busy 00:00–23:00 daily, B 01:00–02:00. B would need +22 h (to 23:00); A needs only +2 h (02:00–01:00).
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT23H', triggers: [daily('2025-01-01T00:00:00')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT1H', triggers: [daily('2025-01-01T01:00:00')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap', { horizonMs: 3 * 86_400_000 });
    expect(conflict).toMatchObject({ suggestedTask: '\\AGI_A', suggestedOffset: 'PT2H' });
  });

  it('does not call an offset clear just because it pushes the run past the horizon end', () => {
    // A runs all the time; shifting daily B from 03:00 by 21 h 05 min would leave a one-day horizon.
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT10M', triggers: [every('2025-01-01T00:00:00', 'PT5M')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT5M', triggers: [daily('2025-01-01T03:00:00')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap');
    expect(conflict?.suggestedOffset).toBeUndefined();
  });

  it('never suggests moving an unbounded task', () => {
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT0S', triggers: [daily('2025-01-01T00:00:00')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT5M', triggers: [every('2025-01-01T00:00:00', 'PT1H')] }),
    ];
    const [conflict] = conflictsOf(subjects, 'overlap');
    expect(conflict?.suggestedTask).toBeUndefined();
  });
});
