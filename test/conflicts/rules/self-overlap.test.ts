import { describe, expect, it } from 'vitest';
import { at, daily, subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

const every5 = at('2025-01-01T00:00:00', { repeat: { interval: 'PT5M' } });

describe('self-overlap', () => {
  it('is a warning under IgnoreNew and counts the skipped starts per day', () => {
    const [conflict, ...rest] = conflictsOf([subject('\\AGI_A', { timeLimit: 'PT10M', triggers: [every5] })], 'self-overlap');
    expect(rest).toEqual([]);
    // Starts every 5 min, each run may take 10: every other start is skipped.
    expect(conflict).toMatchObject({ severity: 'warning', tasks: ['\\AGI_A'], firstAt: '2025-01-01T00:05:00', runsSkippedPerDay: 144 });
    expect(conflict?.message).toContain('repeats every 5 min, but a run may last 10 min');
    expect(conflict?.message).toContain('silently skipped');
  });

  it('is a warning under StopExisting, where every colliding start kills the running one', () => {
    const [conflict] = conflictsOf([subject('\\AGI_A', { timeLimit: 'PT10M', settings: { multipleInstancesPolicy: 'StopExisting' }, triggers: [every5] })], 'self-overlap');
    expect(conflict).toMatchObject({ severity: 'warning', runsSkippedPerDay: 287 });
    expect(conflict?.message).toContain('killed');
  });

  it.each(['Parallel', 'Queue'] as const)('is an error under %s', (policy) => {
    const [conflict] = conflictsOf([subject('\\AGI_A', { timeLimit: 'PT10M', settings: { multipleInstancesPolicy: policy }, triggers: [every5] })], 'self-overlap');
    expect(conflict).toMatchObject({ severity: 'error', runsSkippedPerDay: 287 });
  });

  it('finds two triggers of one task colliding', () => {
    const subjects = [subject('\\AGI_A', { timeLimit: 'PT30M', triggers: [daily('2025-01-01T06:00:00'), daily('2025-01-01T06:15:00')] })];
    const [conflict] = conflictsOf(subjects, 'self-overlap');
    expect(conflict?.message).toContain('triggers 0 and 1 start it 15 min apart');
    expect(conflict?.firstAt).toBe('2025-01-01T06:15:00');
  });

  it('is quiet when the interval equals the run length (half-open runs)', () => {
    expect(conflictsOf([subject('\\AGI_A', { timeLimit: 'PT5M', triggers: [every5] })], 'self-overlap')).toEqual([]);
  });

  it('counts the random delay', () => {
    const trigger = at('2025-01-01T00:00:00', { repeat: { interval: 'PT10M' }, randomDelay: 'PT6M' });
    expect(conflictsOf([subject('\\AGI_A', { timeLimit: 'PT5M', triggers: [trigger] })], 'self-overlap')).toHaveLength(1);
  });
});
