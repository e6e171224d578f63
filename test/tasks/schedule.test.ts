import { describe, expect, it } from 'vitest';
import { ANCHOR_DAY, startAt } from '../../src/tasks/pipeline.js';

describe('startAt', () => {
  it('places a time of day on the fixed anchor day', () => {
    expect(startAt('03:50')).toBe(`${ANCHOR_DAY}T03:50:00`);
    expect(ANCHOR_DAY).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses what is not HH:MM', () => {
    expect(() => startAt('3:50')).toThrow(/HH:MM/);
    expect(() => startAt('24:00')).toThrow(/"24:00"/);
  });
});
