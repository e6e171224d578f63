/**
 * The plan's "runs as soon as it is registered" warning reads a local StartBoundary on the
 * clock of the zone it is given (TZ, else the machine's) — the same rule as list-conflicts —
 * so the answer does not depend on the zone the test or the CI machine happens to run in.
 */
import { describe, expect, test } from 'vitest';
import { computePlan } from '../../src/plan/plan.js';
import { declared } from './fixtures.js';

const now = new Date('2026-11-25T12:00:00Z');
const warnings = (start: string, timeZone: string) =>
  computePlan({ declared: [declared('\\AGI_X', { start })], live: [], prefix: 'AGI', prune: true, now, timeZone }).warnings;

describe('plan warnings and the time zone', () => {
  test('a local start of 12:30 is already past in Seoul (03:30 UTC) but still ahead in New York (17:30 UTC)', () => {
    expect(warnings('2026-11-25T12:30:00', 'Asia/Seoul')).toHaveLength(1);
    expect(warnings('2026-11-25T12:30:00', 'America/New_York')).toEqual([]);
  });

  test('the zones furthest from UTC still decide: 13½ hours ahead of UTC in Kiribati, 11½ behind at UTC−12', () => {
    // 01:30 on the 26th at +14:00 is 11:30 UTC on the 25th: past. 00:30 at −12:00 is 12:30 UTC: ahead.
    expect(warnings('2026-11-26T01:30:00', 'Pacific/Kiritimati')).toHaveLength(1);
    expect(warnings('2026-11-26T01:30:00', 'UTC')).toEqual([]);
    expect(warnings('2026-11-25T00:30:00', 'Etc/GMT+12')).toEqual([]);
    expect(warnings('2026-11-25T00:30:00', 'UTC')).toHaveLength(1);
  });

  test('a start with an offset names one instant whatever the zone', () => {
    for (const zone of ['Asia/Seoul', 'America/New_York', 'Australia/Lord_Howe']) {
      expect(warnings('2026-11-25T12:30:00Z', zone)).toEqual([]);
      expect(warnings('2026-11-25T11:30:00Z', zone)).toHaveLength(1);
    }
  });
});
