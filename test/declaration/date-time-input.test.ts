import { describe, expect, it } from 'vitest';
import { dateTimeSchema, parseDateTimeInput } from '../../src/declaration/date-time-input.js';

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
