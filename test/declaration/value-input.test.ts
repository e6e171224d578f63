import { describe, expect, it } from 'vitest';
import { dateTimeSchema, durationSchema } from '../../src/declaration/value-input.js';
import { parseDurationInput } from '../../src/schtasks/duration.js';

/** A declaration's date-time as compile reads it: the value with seconds, or the refusal. */
function parseDateTimeInput(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const result = dateTimeSchema.safeParse(text);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: result.error.issues[0]?.message ?? '' };
}

describe('parseDurationInput', () => {
  it.each([
    ['15m', 'PT15M'],
    ['1h30m', 'PT1H30M'],
    ['1h 30m', 'PT1H30M'],
    ['2d', 'P2D'],
    ['90s', 'PT90S'],
    ['1w', 'P7D'],
    ['1d12h', 'P1DT12H'],
    ['0s', 'PT0S'],
    ['45min', 'PT45M'],
    ['PT15M', 'PT15M'],
    ['pt1h', 'PT1H'],
    ['P1D', 'P1D'],
    ['PT0S', 'PT0S'],
    ['PT12M0S', 'PT12M0S'],
  ])('%s → %s', (input, iso) => {
    expect(parseDurationInput(input)).toEqual({ ok: true, iso });
  });

  it.each(['24:00:00', '00:00:00', '1.02:30', '12:00'])('refuses the ambiguous clock spelling %s, naming the TimeSpan trap', (input) => {
    const result = parseDurationInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(`"${input}" is ambiguous`);
      expect(result.message).toContain('24 days');
    }
  });

  it('suggests the unambiguous spellings for 24:00:00', () => {
    const result = parseDurationInput('24:00:00');
    expect(!result.ok && result.message).toContain('"PT24H" (or "24h")');
  });

  it.each([
    ['', 'must not be empty'],
    ['P', 'is not an ISO 8601 duration'],
    ['PT', 'is not an ISO 8601 duration'],
    ['P1H', 'is not an ISO 8601 duration'],
    ['soon', 'is not a duration'],
    ['15', 'has no unit'],
    ['-5m', 'is not a duration'],
    ['15ms', 'is not a duration'],
  ])('refuses %j (%s)', (input, reason) => {
    const result = parseDurationInput(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });
});

describe('durationSchema', () => {
  it('outputs ISO 8601', () => {
    expect(durationSchema.parse('1h30m')).toBe('PT1H30M');
  });

  it('refuses a number with a message that shows both accepted spellings', () => {
    const result = durationSchema.safeParse(120);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/ISO 8601 .*friendly "15m"/);
  });
});

describe('parseDateTimeInput', () => {
  it.each([
    ['2025-01-01T03:00:00', '2025-01-01T03:00:00'],
    ['2025-01-01T03:00', '2025-01-01T03:00:00'],
    ['2025-01-01T03:00Z', '2025-01-01T03:00:00Z'],
    ['2025-01-01T03:00:00+02:00', '2025-01-01T03:00:00+02:00'],
    ['2016-12-31T16:00:00-08:00', '2016-12-31T16:00:00-08:00'],
    ['2022-05-10T13:45:00.0000000Z', '2022-05-10T13:45:00.0000000Z'],
    ['2024-02-29T00:00:00', '2024-02-29T00:00:00'],
  ])('%s → %s (offset kept exactly as written)', (input, value) => {
    expect(parseDateTimeInput(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['2025-02-29T00:00:00', 'has no day 29'],
    ['2025-13-01T00:00:00', 'month 13 does not exist'],
    ['2025-01-01T24:00:00', 'is not a time of day'],
    ['2025-01-01T23:60', 'is not a time of day'],
    ['2025-01-01 03:00:00', 'is not a date-time'],
    ['2025-01-01', 'is not a date-time'],
    ['now', 'is not a date-time'],
    ['2025-01-01T03:00:00+15:00', 'is not a UTC offset'],
  ])('refuses %s (%s)', (input, reason) => {
    const result = parseDateTimeInput(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });

  it('refuses a Date object: its time zone would be chosen by the machine', () => {
    const result = dateTimeSchema.safeParse(new Date('2025-01-01T00:00:00Z'));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('as a string');
  });
});
