import { describe, expect, it } from 'vitest';
import { at, daily, subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

const every = (start: string, interval: string) => at(start, { repeat: { interval } });

describe('overlap', () => {
  it('reports two tasks of one group that can run at once, once per pair, with first time and count', () => {
    const subjects = [
      subject('\\AGI_Health_Check', { group: 'agi', timeLimit: 'PT10M', triggers: [every('2025-01-01T00:00:00', 'PT30M')] }),
      subject('\\AGI_Perf_Monitor', { group: 'agi', timeLimit: 'PT10M', triggers: [every('2025-01-01T00:05:00', 'PT30M')] }),
    ];
    const [conflict, ...rest] = conflictsOf(subjects, 'overlap');
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({
      kind: 'overlap', severity: 'error', source: 'declared',
      tasks: ['\\AGI_Health_Check', '\\AGI_Perf_Monitor'],
      firstAt: '2025-01-01T00:05:00',
      collisions: 48,
    });
    expect(conflict?.message).toContain('48 collisions');
    expect(conflict?.message).toContain("group 'agi'");
  });

  it('treats runs as half-open: a run ending 00:44 does not collide with one starting 00:44', () => {
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT44M', triggers: [daily('2025-01-01T00:00:00')] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T00:44:00')] }),
    ];
    expect(conflictsOf(subjects, 'overlap')).toEqual([]);
    subjects[1] = subject('\\AGI_B', { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T00:43:00')] });
    expect(conflictsOf(subjects, 'overlap')).toHaveLength(1);
  });

  it('ignores tasks in different groups or without a group', () => {
    const trigger = daily('2025-01-01T01:00:00');
    const subjects = [
      subject('\\AGI_A', { group: 'g1', timeLimit: 'PT10M', triggers: [trigger] }),
      subject('\\AGI_B', { group: 'g2', timeLimit: 'PT10M', triggers: [trigger] }),
      subject('\\AGI_C', { timeLimit: 'PT10M', triggers: [trigger] }),
    ];
    expect(conflictsOf(subjects, 'overlap')).toEqual([]);
  });

  it('counts the random delay as part of the window a run may occupy', () => {
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT10M', triggers: [at('2025-01-01T01:00:00', { randomDelay: 'PT30M' })] }),
      subject('\\AGI_B', { group: 'g', timeLimit: 'PT10M', triggers: [at('2025-01-01T01:35:00')] }),
    ];
    expect(conflictsOf(subjects, 'overlap')).toMatchObject([{ firstAt: '2025-01-01T01:35:00' }]);
  });

  it('does not count a disabled task or a disabled trigger', () => {
    const base = subject('\\AGI_A', { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T01:00:00')] });
    expect(conflictsOf([base, subject('\\AGI_B', { group: 'g', settings: { enabled: false }, timeLimit: 'PT10M', triggers: [daily('2025-01-01T01:00:00')] })], 'overlap')).toEqual([]);
    expect(conflictsOf([base, subject('\\AGI_B', { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T01:00:00', 1, { enabled: false })] })], 'overlap')).toEqual([]);
  });

  it('analyses declared and live tasks separately', () => {
    const trigger = daily('2025-01-01T01:00:00');
    const subjects = [
      subject('\\AGI_A', { group: 'g', timeLimit: 'PT10M', triggers: [trigger] }),
      subject('\\AGI_B', { group: 'g', source: 'live', timeLimit: 'PT10M', triggers: [trigger] }),
    ];
    expect(conflictsOf(subjects, 'overlap')).toEqual([]);
  });

  it('reports a live overlap with source live', () => {
    const trigger = daily('2025-01-01T01:00:00');
    const subjects = ['\\AGI_A', '\\AGI_B'].map((p) => subject(p, { group: 'g', source: 'live', timeLimit: 'PT10M', triggers: [trigger] }));
    expect(conflictsOf(subjects, 'overlap')).toMatchObject([{ source: 'live', tasks: ['\\AGI_A', '\\AGI_B'] }]);
  });

  it('finds pairs among many tasks with one collision each', () => {
    const subjects = ['\\AGI_A', '\\AGI_B', '\\AGI_C'].map((p) => subject(p, { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T01:00:00')] }));
    expect(conflictsOf(subjects, 'overlap').map((c) => [c.tasks, c.collisions])).toEqual([
      [['\\AGI_A', '\\AGI_B'], 1], [['\\AGI_A', '\\AGI_C'], 1], [['\\AGI_B', '\\AGI_C'], 1],
    ]);
  });
});
