import { describe, expect, it } from 'vitest';
import { instantToWall, offsetAt, wallToInstant } from '../../src/conflicts/time-zone.js';
import { formatWall } from '../../src/conflicts/civil-time.js';
import { parseDateTime } from '../../src/conflicts/date-time.js';

const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (instant: number) => new Date(instant).toISOString().slice(0, 19);

describe('offsetAt', () => {
  it('knows summer and winter time in Berlin and New York', () => {
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(Date.parse('2025-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(offsetAt(Date.parse('2025-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });
  it('handles a zone with a half-hour offset', () => {
    expect(offsetAt(Date.parse('2025-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
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
    const r = wallToInstant(wall('2025-10-26T02:30:00'), 'Europe/Berlin');
    expect(r).toEqual({ instant: Date.parse('2025-10-26T00:30:00Z'), dst: 'repeat' });
  });
  it('flags New York 02:30 in March as a gap and 01:30 in November as a repeat', () => {
    expect(wallToInstant(wall('2025-03-09T02:30:00'), 'America/New_York').dst).toBe('gap');
    const repeat = wallToInstant(wall('2025-11-02T01:30:00'), 'America/New_York');
    expect(repeat).toEqual({ instant: Date.parse('2025-11-02T05:30:00Z'), dst: 'repeat' });
  });
  it('round-trips the hours around a transition', () => {
    for (const text of ['2025-03-30T01:59:00', '2025-03-30T03:00:00', '2025-10-26T01:59:00', '2025-10-26T03:00:00']) {
      const r = wallToInstant(wall(text), 'Europe/Berlin');
      expect(r.dst).toBeUndefined();
      expect(formatWall(instantToWall(r.instant, 'Europe/Berlin'))).toBe(text);
    }
  });
});

describe('parseDateTime', () => {
  it('reads local, Z and offset forms', () => {
    expect(parseDateTime('2025-01-01T00:12:00')).toEqual({ wallMs: wall('2025-01-01T00:12:00') });
    expect(parseDateTime('2025-01-01T00:12:00Z')).toEqual({ wallMs: wall('2025-01-01T00:12:00'), offsetMs: 0 });
    expect(parseDateTime('2025-01-01T00:12:00-08:00')).toEqual({ wallMs: wall('2025-01-01T00:12:00'), offsetMs: -8 * 3_600_000 });
    expect(parseDateTime('2025-01-01T00:12:00.500+05:30')).toEqual({ wallMs: wall('2025-01-01T00:12:00') + 500, offsetMs: 5.5 * 3_600_000 });
  });
  it('rejects what is not a date-time', () => {
    expect(parseDateTime('{{{Date}}}')).toBeUndefined();
    expect(parseDateTime('2025-01-01')).toBeUndefined();
  });
});
