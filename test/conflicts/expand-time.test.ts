import { describe, expect, it } from 'vitest';
import { MAX_RUNS_PER_TRIGGER } from '../../src/conflicts/expand-runs.js';
import { at, calendar, daily, subject } from './helpers/subjects.js';
import { DAY, expandIn, HOUR, MIN, startTimes } from './helpers/expand.js';

const FROM = '2025-01-01T00:00:00Z';

describe('TimeTrigger', () => {
  it('fires once at its start boundary when it is inside the horizon', () => {
    const subjects = [subject('\\AGI_T', { triggers: [at('2025-01-01T06:30:00')] })];
    expect(startTimes(subjects, FROM, DAY)).toEqual(['2025-01-01T06:30:00']);
    expect(startTimes(subjects, '2025-01-01T07:00:00Z', DAY)).toEqual([]);
  });
  it('repeats from a past start boundary, aligned to it, until the horizon ends', () => {
    const subjects = [subject('\\AGI_T', { timeLimit: 'PT1M', triggers: [at('2024-06-01T00:12:00', { repeat: { interval: 'PT15M' } })] })];
    const starts = startTimes(subjects, FROM, 2 * HOUR);
    expect(starts).toEqual([
      '2025-01-01T00:12:00', '2025-01-01T00:27:00', '2025-01-01T00:42:00', '2025-01-01T00:57:00',
      '2025-01-01T01:12:00', '2025-01-01T01:27:00', '2025-01-01T01:42:00', '2025-01-01T01:57:00',
    ]);
  });
  it('includes the end of a repetition duration (interval PT1M for PT4M starts five times)', () => {
    const subjects = [subject('\\AGI_T', { timeLimit: 'PT1M', triggers: [at('2025-01-01T10:00:00', { repeat: { interval: 'PT1M', duration: 'PT4M' } })] })];
    expect(startTimes(subjects, FROM, DAY).map((t) => t.slice(11))).toEqual(['10:00:00', '10:01:00', '10:02:00', '10:03:00', '10:04:00']);
  });
  it('starts twice when the interval equals the duration', () => {
    const subjects = [subject('\\AGI_T', { timeLimit: 'PT1M', triggers: [at('2025-01-01T10:00:00', { repeat: { interval: 'PT30M', duration: 'PT30M' } })] })];
    expect(startTimes(subjects, FROM, DAY).map((t) => t.slice(11))).toEqual(['10:00:00', '10:30:00']);
  });
  it('stops repeating at the end boundary (exclusive)', () => {
    const trigger = at('2025-01-01T00:00:00', { end: '2025-01-01T01:00:00', repeat: { interval: 'PT20M' } });
    expect(startTimes([subject('\\AGI_T', { triggers: [trigger] })], FROM, DAY).map((t) => t.slice(11))).toEqual(['00:00:00', '00:20:00', '00:40:00']);
  });
  it('reads a boundary with an offset as an instant, whatever the analysis time zone', () => {
    const subjects = [subject('\\AGI_T', { triggers: [at('2025-01-01T12:00:00-08:00')] })];
    expect(startTimes(subjects, FROM, DAY, 'Europe/Berlin')).toEqual(['2025-01-01T21:00:00']);
    expect(startTimes(subjects, FROM, DAY, 'UTC')).toEqual(['2025-01-01T20:00:00']);
  });
  it('reads a boundary without an offset as wall-clock time in the analysis time zone', () => {
    const subjects = [subject('\\AGI_T', { triggers: [at('2025-01-01T12:00:00')] })];
    const [run] = expandIn(subjects, FROM, DAY, 'America/New_York').runs;
    expect(new Date(run?.start ?? 0).toISOString()).toBe('2025-01-01T17:00:00.000Z');
  });
});

describe('calendar repetition', () => {
  it('a daily trigger with repetition for a duration repeats only inside that window each day', () => {
    const trigger = daily('2025-01-01T08:00:00', 1, { repeat: { interval: 'PT1H', duration: 'PT2H' } });
    expect(startTimes([subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [trigger] })], FROM, 2 * DAY)).toEqual([
      '2025-01-01T08:00:00', '2025-01-01T09:00:00', '2025-01-01T10:00:00',
      '2025-01-02T08:00:00', '2025-01-02T09:00:00', '2025-01-02T10:00:00',
    ]);
  });
  it('without a duration repeats until the next occurrence restarts the pattern (no doubled starts)', () => {
    const trigger = daily('2025-01-01T00:00:00', 1, { repeat: { interval: 'PT7H' } });
    expect(startTimes([subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [trigger] })], FROM, 2 * DAY).map((t) => t.slice(8, 16))).toEqual([
      '01T00:00', '01T07:00', '01T14:00', '01T21:00', '02T00:00', '02T07:00', '02T14:00', '02T21:00',
    ]);
  });
  it('a weekly trigger repeating indefinitely reaches into a horizon that starts days later', () => {
    const trigger = calendar('2024-12-29T00:00:00', { kind: 'ByWeek', weeksInterval: 1, daysOfWeek: ['Sunday'] }, { repeat: { interval: 'PT12H' } });
    expect(startTimes([subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [trigger] })], FROM, DAY)).toEqual([
      '2025-01-01T00:00:00', '2025-01-01T12:00:00',
    ]);
  });
  it('a daily repetition with a duration longer than a day does not double up at the next day', () => {
    const trigger = daily('2025-01-01T00:00:00', 1, { repeat: { interval: 'PT6H', duration: 'P1D' } });
    expect(startTimes([subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [trigger] })], FROM, DAY + HOUR)).toHaveLength(5);
  });
});

describe('run length', () => {
  const one = (spec: Parameters<typeof subject>[1]) => expandIn([subject('\\AGI_T', spec)], FROM, DAY).runs;

  it('lasts the task time limit', () => {
    const [run] = one({ timeLimit: 'PT44M', triggers: [at('2025-01-01T00:00:00')] });
    expect(run && run.end - run.start).toBe(44 * MIN);
  });
  it('uses a trigger time limit when it is shorter, not when it is longer', () => {
    expect(one({ timeLimit: 'PT44M', triggers: [at('2025-01-01T00:00:00', { executionTimeLimit: 'PT10M' })] })[0]?.end).toBe(Date.parse(FROM) + 10 * MIN);
    expect(one({ timeLimit: 'PT44M', triggers: [at('2025-01-01T00:00:00', { executionTimeLimit: 'PT2H' })] })[0]?.end).toBe(Date.parse(FROM) + 44 * MIN);
  });
  it('runs until the horizon end when the task has no time limit (PT0S)', () => {
    const [run] = one({ timeLimit: 'PT0S', triggers: [at('2025-01-01T06:00:00')] });
    expect(run).toMatchObject({ end: Date.parse(FROM) + DAY, unbounded: true });
  });
  it('widens by the random delay: the run may start anywhere in [t, t + delay]', () => {
    const [run] = one({ timeLimit: 'PT10M', triggers: [at('2025-01-01T06:00:00', { randomDelay: 'PT30M' })] });
    expect(run && [run.latestStart - run.start, run.end - run.start]).toEqual([30 * MIN, 40 * MIN]);
  });
  it('ends at the repetition window end with StopAtDurationEnd', () => {
    const trigger = at('2025-01-01T06:00:00', { repeat: { interval: 'PT10M', duration: 'PT30M', stopAtDurationEnd: true } });
    const runs = one({ timeLimit: 'PT20M', triggers: [trigger] });
    expect(runs.map((r) => (r.end - Date.parse('2025-01-01T06:00:00Z')) / MIN)).toEqual([20, 30, 30]);
  });
});

describe('enabled flags', () => {
  it('a disabled trigger produces no runs', () => {
    expect(expandIn([subject('\\AGI_T', { triggers: [at('2025-01-01T06:00:00', { enabled: false })] })], FROM, DAY).runs).toEqual([]);
  });
  it('a disabled task produces no runs', () => {
    expect(expandIn([subject('\\AGI_T', { settings: { enabled: false }, triggers: [at('2025-01-01T06:00:00')] })], FROM, DAY).runs).toEqual([]);
  });
  it('non-time triggers produce no runs', () => {
    expect(expandIn([subject('\\AGI_T', { triggers: [{ kind: 'BootTrigger', enabled: true }] })], FROM, DAY).runs).toEqual([]);
  });
});

describe('DST', () => {
  it('notes a daily 02:30 that does not exist on the Berlin spring-forward night and runs it after the jump', () => {
    const subjects = [subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [daily('2025-03-28T02:30:00')] })];
    const { runs, notes } = expandIn(subjects, '2025-03-28T00:00:00Z', 3 * DAY, 'Europe/Berlin');
    expect(runs.map((r) => new Date(r.start).toISOString().slice(0, 16))).toEqual(['2025-03-28T01:30', '2025-03-29T01:30', '2025-03-30T01:30']);
    expect(notes).toEqual([expect.objectContaining({ kind: 'dst-gap', wallClock: '2025-03-30T02:30:00', triggerIndex: 0 })]);
  });
  it('notes a daily 01:30 that happens twice on the New York fall-back night', () => {
    const subjects = [subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [daily('2025-11-01T01:30:00')] })];
    const { notes } = expandIn(subjects, '2025-11-01T00:00:00Z', 3 * DAY, 'America/New_York');
    expect(notes).toEqual([expect.objectContaining({ kind: 'dst-repeat', wallClock: '2025-11-02T01:30:00' })]);
  });
  it('keeps local time of day across the change: 03:00 Berlin is 02:00Z in winter and 01:00Z in summer', () => {
    const subjects = [subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [daily('2025-03-29T03:00:00')] })];
    const { runs, notes } = expandIn(subjects, '2025-03-29T00:00:00Z', 2 * DAY, 'Europe/Berlin');
    expect(runs.map((r) => new Date(r.start).toISOString().slice(11, 16))).toEqual(['02:00', '01:00']);
    expect(notes).toEqual([]);
  });
  it('repetition intervals are elapsed time: PT1H across the spring-forward night stays one hour apart', () => {
    const trigger = at('2025-03-30T00:00:00', { repeat: { interval: 'PT1H', duration: 'PT4H' } });
    const starts = startTimes([subject('\\AGI_T', { timeLimit: 'PT5M', triggers: [trigger] })], '2025-03-29T12:00:00Z', DAY, 'Europe/Berlin');
    expect(starts.map((t) => t.slice(11, 16))).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00']);
  });
});

describe('run cap', () => {
  it('stops a trigger at the cap and says so', () => {
    const trigger = at('2025-01-01T00:00:00', { repeat: { interval: 'PT1M' } });
    const { runs, notes } = expandIn([subject('\\AGI_T', { timeLimit: 'PT1M', triggers: [trigger] })], FROM, 100 * DAY);
    expect(runs).toHaveLength(MAX_RUNS_PER_TRIGGER);
    expect(notes).toEqual([{ kind: 'run-cap', path: '\\AGI_T', source: 'declared', triggerIndex: 0, cap: MAX_RUNS_PER_TRIGGER }]);
  });
});
