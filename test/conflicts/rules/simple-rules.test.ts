import { describe, expect, it } from 'vitest';
import { at, daily, subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

describe('unbounded', () => {
  it('is an error for ExecutionTimeLimit PT0S', () => {
    const [conflict] = conflictsOf([subject('\\AGI_A', { timeLimit: 'PT0S' })], 'unbounded');
    expect(conflict).toMatchObject({ severity: 'error', tasks: ['\\AGI_A'] });
    expect(conflict?.message).toContain('PT0S');
    expect(conflict?.firstAt).toBeUndefined();
  });
  it('is quiet for a finite limit, and only a warning while the task is disabled', () => {
    expect(conflictsOf([subject('\\AGI_A', { timeLimit: 'PT2M' })], 'unbounded')).toEqual([]);
    expect(conflictsOf([subject('\\AGI_A', { timeLimit: 'PT0S', settings: { enabled: false } })], 'unbounded')).toMatchObject([{ severity: 'warning' }]);
  });
});

describe('unmanaged', () => {
  it('warns about a live task no declaration names, and only about live ones', () => {
    const subjects = [
      subject('\\AGI_Old', { source: 'live', declared: false }),
      subject('\\AGI_Kept', { source: 'live', declared: true }),
      subject('\\AGI_Kept', { source: 'declared' }),
    ];
    expect(conflictsOf(subjects, 'unmanaged')).toMatchObject([{ severity: 'warning', source: 'live', tasks: ['\\AGI_Old'] }]);
  });
});

describe('unpredictable', () => {
  it('warns about a grouped task started at boot or logon, naming the tasks it may collide with', () => {
    const subjects = [
      subject('\\AGI_Boot', { group: 'g', triggers: [{ kind: 'BootTrigger', enabled: true, delay: 'PT5M' }] }),
      subject('\\AGI_Timed', { group: 'g', triggers: [daily('2025-01-01T01:00:00')] }),
      subject('\\AGI_Other', { group: 'h', triggers: [{ kind: 'LogonTrigger', enabled: true }] }),
    ];
    const conflicts = conflictsOf(subjects, 'unpredictable');
    expect(conflicts).toMatchObject([{ severity: 'warning', tasks: ['\\AGI_Boot', '\\AGI_Timed'] }]);
    expect(conflicts[0]?.message).toContain('at boot (after 5 min)');
    expect(conflicts[0]?.message).toContain('\\AGI_Timed');
  });
  it('warns about an on-demand task (no enabled trigger) in a group', () => {
    const subjects = [
      subject('\\AGI_Manual', { group: 'g', triggers: [daily('2025-01-01T01:00:00', 1, { enabled: false })] }),
      subject('\\AGI_Timed', { group: 'g', triggers: [daily('2025-01-01T01:00:00')] }),
    ];
    expect(conflictsOf(subjects, 'unpredictable')).toMatchObject([{ tasks: ['\\AGI_Manual', '\\AGI_Timed'], message: expect.stringContaining('on demand only') }]);
  });
  it('is quiet for time-only tasks and for a group of one', () => {
    expect(conflictsOf([subject('\\AGI_Boot', { group: 'g', triggers: [{ kind: 'BootTrigger', enabled: true }] })], 'unpredictable')).toEqual([]);
    expect(conflictsOf([
      subject('\\AGI_A', { group: 'g', triggers: [daily('2025-01-01T01:00:00')] }),
      subject('\\AGI_B', { group: 'g', triggers: [daily('2025-01-01T02:00:00')] }),
    ], 'unpredictable')).toEqual([]);
  });
});

describe('catch-up-storm', () => {
  const swa = (path: string, group?: string) =>
    subject(path, { ...(group ? { group } : {}), settings: { startWhenAvailable: true }, triggers: [daily('2025-01-01T01:00:00')] });
  it('warns when several tasks of one group catch up after downtime', () => {
    expect(conflictsOf([swa('\\AGI_A', 'g'), swa('\\AGI_B', 'g'), swa('\\AGI_C', 'h')], 'catch-up-storm')).toMatchObject([
      { severity: 'warning', tasks: ['\\AGI_A', '\\AGI_B'] },
      { severity: 'info', tasks: ['\\AGI_A', '\\AGI_B', '\\AGI_C'] },
    ]);
  });
  it('is quiet for a single catching-up task', () => {
    expect(conflictsOf([swa('\\AGI_A', 'g'), subject('\\AGI_B', { group: 'g', triggers: [daily('2025-01-01T01:00:00')] })], 'catch-up-storm')).toEqual([]);
  });
});

describe('disabled', () => {
  it('notes a disabled task as info', () => {
    expect(conflictsOf([subject('\\AGI_A', { settings: { enabled: false } })], 'disabled')).toMatchObject([{ severity: 'info', tasks: ['\\AGI_A'] }]);
  });
});

describe('dst', () => {
  it('warns once per task about a time in the spring-forward gap, with its wall-clock time', () => {
    const subjects = [subject('\\AGI_A', { timeLimit: 'PT5M', triggers: [daily('2025-03-01T02:30:00')] })];
    const conflicts = conflictsOf(subjects, 'dst', { from: '2025-03-25T00:00:00Z', horizonMs: 10 * 86_400_000, timeZone: 'Europe/Berlin' });
    expect(conflicts).toMatchObject([{ severity: 'warning', firstAt: '2025-03-30T02:30:00', tasks: ['\\AGI_A'] }]);
    expect(conflicts[0]?.message).toContain('does not exist in Europe/Berlin');
    expect(conflicts[0]?.message).toContain('analysed as 2025-03-30 03:30');
  });
  it('notes a time that happens twice as info', () => {
    const subjects = [subject('\\AGI_A', { timeLimit: 'PT5M', triggers: [daily('2025-10-01T01:30:00')] })];
    const conflicts = conflictsOf(subjects, 'dst', { from: '2025-11-01T00:00:00Z', horizonMs: 3 * 86_400_000, timeZone: 'America/New_York' });
    expect(conflicts).toMatchObject([{ severity: 'info', firstAt: '2025-11-02T01:30:00' }]);
  });
});

describe('run-cap', () => {
  it('says when a trigger had more runs than were analysed', () => {
    const trigger = at('2025-01-01T00:00:00', { repeat: { interval: 'PT1M' } });
    const conflicts = conflictsOf([subject('\\AGI_A', { timeLimit: 'PT1M', triggers: [trigger] })], 'run-cap', { horizonMs: 70 * 86_400_000 });
    expect(conflicts).toMatchObject([{ severity: 'info', tasks: ['\\AGI_A'], message: expect.stringContaining('100000') }]);
  });
});
