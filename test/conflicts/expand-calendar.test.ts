import { describe, expect, it } from 'vitest';
import { calendar, daily, subject } from './helpers/subjects.js';
import { DAY, startDates, startTimes } from './helpers/expand.js';

const task = (trigger: ReturnType<typeof calendar>) => [subject('\\AGI_T', { timeLimit: 'PT1M', triggers: [trigger] })];

describe('ByDay', () => {
  it('fires every day at the start boundary time', () => {
    expect(startTimes(task(daily('2025-01-01T03:45:00')), '2025-01-01T00:00:00Z', 3 * DAY)).toEqual([
      '2025-01-01T03:45:00', '2025-01-02T03:45:00', '2025-01-03T03:45:00',
    ]);
  });
  it('counts daysInterval 3 from the start boundary, even far before the horizon', () => {
    expect(startDates(task(daily('2024-12-30T10:00:00', 3)), '2025-01-01T00:00:00Z', 10 * DAY)).toEqual([
      '2025-01-02', '2025-01-05', '2025-01-08',
    ]);
  });
  it('does not fire before its start boundary or from its end boundary on', () => {
    const trigger = daily('2025-01-03T08:00:00', 1, { end: '2025-01-05T08:00:00' });
    expect(startDates(task(trigger), '2025-01-01T00:00:00Z', 10 * DAY)).toEqual(['2025-01-03', '2025-01-04']);
  });
});

describe('ByWeek', () => {
  it('fires on the listed weekdays', () => {
    const trigger = calendar('2025-01-05T02:15:00', { kind: 'ByWeek', weeksInterval: 1, daysOfWeek: ['Sunday', 'Wednesday'] });
    expect(startDates(task(trigger), '2025-01-01T00:00:00Z', 14 * DAY)).toEqual([
      '2025-01-05', '2025-01-08', '2025-01-12', // 01-15 02:15 is past the 14-day horizon
    ]);
  });
  it('with weeksInterval 2 fires every other week, counted from the start boundary\'s week (weeks start on Sunday)', () => {
    // 2025-01-07 is a Tuesday; its week starts Sunday 2025-01-05.
    const trigger = calendar('2025-01-07T09:00:00', { kind: 'ByWeek', weeksInterval: 2, daysOfWeek: ['Monday', 'Friday'] });
    expect(startDates(task(trigger), '2025-01-01T00:00:00Z', 35 * DAY)).toEqual([
      // Monday 01-06 is before the start boundary.
      '2025-01-10', '2025-01-20', '2025-01-24', '2025-02-03',
    ]);
  });
});

describe('ByMonth', () => {
  it('skips the 31st in short months and the 30th in February', () => {
    const trigger = calendar('2025-01-01T06:00:00', { kind: 'ByMonth', daysOfMonth: [30, 31] });
    expect(startDates(task(trigger), '2025-01-01T00:00:00Z', 120 * DAY)).toEqual([
      '2025-01-30', '2025-01-31', '2025-03-30', '2025-03-31', '2025-04-30',
    ]);
  });
  it("'Last' is the last day of each month, leap day included, and not doubled with a numbered day", () => {
    const trigger = calendar('2028-01-01T06:00:00', { kind: 'ByMonth', daysOfMonth: ['Last', 31] });
    expect(startDates(task(trigger), '2028-01-01T00:00:00Z', 100 * DAY)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });
  it('fires on 29 February only in a leap year and honours the months mask', () => {
    const trigger = calendar('2027-01-01T06:00:00', { kind: 'ByMonth', daysOfMonth: [29], months: ['February', 'April'] });
    expect(startDates(task(trigger), '2027-01-01T00:00:00Z', 500 * DAY)).toEqual(['2027-04-29', '2028-02-29', '2028-04-29']);
  });
});

describe('ByMonthDayOfWeek', () => {
  it('fires on the first and the last Monday', () => {
    const trigger = calendar('2025-01-01T07:00:00', { kind: 'ByMonthDayOfWeek', weeks: ['1', 'Last'], daysOfWeek: ['Monday'] });
    expect(startDates(task(trigger), '2025-01-01T00:00:00Z', 62 * DAY)).toEqual([
      '2025-01-06', '2025-01-27', '2025-02-03', '2025-02-24', '2025-03-03',
    ]);
  });
  it("counts a fifth weekday only as 'Last', never as week 4", () => {
    // March 2025 has five Mondays: 3, 10, 17, 24, 31.
    const trigger = calendar('2025-03-01T07:00:00', { kind: 'ByMonthDayOfWeek', weeks: ['4'], daysOfWeek: ['Monday'], months: ['March'] });
    expect(startDates(task(trigger), '2025-03-01T00:00:00Z', 31 * DAY)).toEqual(['2025-03-24']);
    const last = calendar('2025-03-01T07:00:00', { kind: 'ByMonthDayOfWeek', weeks: ['Last'], daysOfWeek: ['Monday'], months: ['March'] });
    expect(startDates(task(last), '2025-03-01T00:00:00Z', 31 * DAY)).toEqual(['2025-03-31']);
  });
  it('second Tuesday of February in a leap year', () => {
    const trigger = calendar('2028-01-01T07:00:00', { kind: 'ByMonthDayOfWeek', weeks: ['2'], daysOfWeek: ['Tuesday'], months: ['February'] });
    expect(startDates(task(trigger), '2028-01-01T00:00:00Z', 60 * DAY)).toEqual(['2028-02-08']);
  });
});
