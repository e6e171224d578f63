/** The one date-time module: reading, spelling, calendar and time zones (DST gaps and repeats). */
import { describe, expect, it } from 'vitest';
import {
  canonicalDateTime, daysInMonth, formatWall, instantOf, instantToWall, offsetAt, parseXsDateTime, readDateTime, timeZoneOf, wallMsOf, MACHINE_ZONE, zoneName,
  wallToInstant,
} from '../../src/schtasks/datetime.js';

const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (instant: number) => new Date(instant).toISOString().slice(0, 19);
const HOUR = 3_600_000;

describe('reading date-times', () => {
  it('one reader, three forms: xs:dateTime, a declaration, a command-line option', () => {
    expect(readDateTime('2025-01-01T03:00', 'xs')).toMatchObject({ ok: false });
    expect(readDateTime('2025-01-01T03:00', 'declaration')).toMatchObject({ ok: true, text: '2025-01-01T03:00:00' });
    expect(readDateTime('2025-01-06', 'option')).toMatchObject({ ok: true, text: '2025-01-06T00:00:00' });
    expect(readDateTime('2025-01-06 08:30', 'option')).toMatchObject({ ok: true, text: '2025-01-06T08:30:00' });
    expect(readDateTime('2025-01-06T08:30:00+0900', 'option')).toMatchObject({ ok: true, value: { offset: '+09:00' } });
    expect(readDateTime('2025-01-06T08:30:00+0900', 'declaration')).toMatchObject({ ok: false });
    expect(readDateTime('2025-01-06', 'declaration')).toMatchObject({ ok: false });
  });

  it('refuses days a month does not have, in every form (2025-02-30 is not 2 March)', () => {
    for (const form of ['xs', 'declaration', 'option'] as const) {
      const reading = readDateTime('2025-02-30T00:00:00', form);
      expect(reading).toEqual({ ok: false, reason: '"2025-02-30T00:00:00": 2025-02 has no day 30' });
    }
    expect(readDateTime('2024-02-29T00:00:00')).toMatchObject({ ok: true });
    expect(readDateTime('2100-02-29T00:00:00')).toMatchObject({ ok: false });
    expect([1, 2, 4, 12].map((m) => daysInMonth(2024, m))).toEqual([31, 29, 30, 31]);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it('keeps what a declaration wrote (fraction and offset as written), canonical spelling elsewhere', () => {
    expect(readDateTime('2022-05-10T13:45:00.500+00:00', 'declaration')).toMatchObject({ ok: true, text: '2022-05-10T13:45:00.500+00:00' });
    expect(canonicalDateTime('2022-05-10T13:45:00.500+00:00')).toBe('2022-05-10T13:45:00.5Z');
  });

  it('reads 24:00:00 in xs:dateTime as the end of the day, and years below 100 as written', () => {
    expect(formatWall(wallMsOf(parseXsDateTime('2025-01-01T24:00:00')!))).toBe('2025-01-02T00:00:00');
    expect(formatWall(wallMsOf(parseXsDateTime('0099-03-01T00:00:00')!))).toBe('0099-03-01T00:00:00');
  });
});

describe('the analysis time zone', () => {
  it('comes from TZ in the environment, else the machine', () => {
    expect(timeZoneOf({ TZ: 'Asia/Seoul' })).toBe('Asia/Seoul');
    expect(timeZoneOf({})).toBe(MACHINE_ZONE);
    expect(timeZoneOf({ TZ: '' })).toBe(MACHINE_ZONE);
    expect(zoneName(MACHINE_ZONE)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(zoneName('Asia/Seoul')).toBe('Asia/Seoul');
  });
});

describe('offsetAt', () => {
  it('knows summer and winter time in Berlin and New York', () => {
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(HOUR);
    expect(offsetAt(Date.parse('2025-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetAt(Date.parse('2025-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
  });
  it('handles half-hour offsets, and Lord Howe, whose DST moves the clock by half an hour', () => {
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'Australia/Lord_Howe')).toBe(11 * HOUR);
    expect(offsetAt(Date.parse('2025-07-15T12:00:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * HOUR);
  });
  it('is exact on both sides of a transition (the cache never spans one)', () => {
    const change = Date.parse('2025-03-30T01:00:00Z'); // 02:00 CET → 03:00 CEST
    expect(offsetAt(change - 1000, 'Europe/Berlin')).toBe(HOUR);
    expect(offsetAt(change, 'Europe/Berlin')).toBe(2 * HOUR);
  });
});

describe('wallToInstant', () => {
  it('converts an ordinary wall time', () => {
    expect(wallToInstant(wall('2025-07-01T03:00:00'), 'Europe/Berlin')).toEqual({ instant: Date.parse('2025-07-01T01:00:00Z') });
  });
  it('flags 02:30 on the Berlin spring-forward night as a gap and uses the time after the jump', () => {
    const r = wallToInstant(wall('2025-03-30T02:30:00'), 'Europe/Berlin');
    expect(r.dst).toBe('gap');
    expect(iso(r.instant)).toBe('2025-03-30T01:30:00'); // = 03:30 CEST
    expect(formatWall(instantToWall(r.instant, 'Europe/Berlin'))).toBe('2025-03-30T03:30:00');
  });
  it('flags 02:30 on the Berlin fall-back night as a repeat and uses the first', () => {
    expect(wallToInstant(wall('2025-10-26T02:30:00'), 'Europe/Berlin')).toEqual({ instant: Date.parse('2025-10-26T00:30:00Z'), dst: 'repeat' });
  });
  it('flags New York 02:30 in March as a gap and 01:30 in November as a repeat', () => {
    expect(wallToInstant(wall('2025-03-09T02:30:00'), 'America/New_York').dst).toBe('gap');
    expect(wallToInstant(wall('2025-11-02T01:30:00'), 'America/New_York')).toEqual({ instant: Date.parse('2025-11-02T05:30:00Z'), dst: 'repeat' });
  });
  it('Lord Howe: 02:15 on 2025-10-05 does not exist (02:00 → 02:30), 01:45 on 2025-04-06 happens twice', () => {
    const gap = wallToInstant(wall('2025-10-05T02:15:00'), 'Australia/Lord_Howe');
    expect(gap.dst).toBe('gap');
    expect(formatWall(instantToWall(gap.instant, 'Australia/Lord_Howe'))).toBe('2025-10-05T02:45:00');
    const repeat = wallToInstant(wall('2025-04-06T01:45:00'), 'Australia/Lord_Howe');
    expect(repeat).toEqual({ instant: Date.parse('2025-04-05T14:45:00Z'), dst: 'repeat' });
    expect(wallToInstant(wall('2025-04-06T02:15:00'), 'Australia/Lord_Howe')).toEqual({ instant: Date.parse('2025-04-05T15:45:00Z') });
  });
  it('round-trips the hours around a transition', () => {
    for (const text of ['2025-03-30T01:59:00', '2025-03-30T03:00:00', '2025-10-26T01:59:00', '2025-10-26T03:00:00']) {
      const r = wallToInstant(wall(text), 'Europe/Berlin');
      expect(r.dst).toBeUndefined();
      expect(formatWall(instantToWall(r.instant, 'Europe/Berlin'))).toBe(text);
    }
  });
});

describe('instantOf', () => {
  it('reads its own offset when written, else the wall clock in the zone', () => {
    expect(iso(instantOf(parseXsDateTime('2025-01-01T00:12:00-08:00')!, 'Asia/Seoul').instant)).toBe('2025-01-01T08:12:00');
    expect(iso(instantOf(parseXsDateTime('2025-01-01T09:00:00')!, 'Asia/Seoul').instant)).toBe('2025-01-01T00:00:00');
    expect(instantOf(parseXsDateTime('2025-01-01T00:12:00.500+05:30')!, 'UTC').instant).toBe(Date.parse('2024-12-31T18:42:00.500Z'));
  });
});
