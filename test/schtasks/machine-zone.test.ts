/**
 * The machine's zone is read through the process clock (`Date`), a named zone through an ICU
 * formatter (`Intl`). Both must give the same offsets, DST gaps and repeats: each case below
 * sets the process's TZ (Node re-reads it when it changes) and compares the two readings of
 * the same zone over a year, every 15 minutes, transitions included.
 *
 * Each zone gets a fresh module: `offsetAt` caches offsets per zone, and MACHINE_ZONE is one
 * zone per process in real use.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2026-01-01T00:00:00Z');
const QUARTER = 15 * 60_000;
const original = process.env.TZ;

afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

async function freshDatetime() {
  vi.resetModules();
  return import('../../src/schtasks/datetime.js');
}

describe('the machine zone read through Date', () => {
  it.each(ZONES)('gives the offsets, gaps and repeats Intl gives for %s', async (zone) => {
    process.env.TZ = zone;
    const { MACHINE_ZONE, offsetAt, wallToInstant, zoneName, isTimeZone } = await freshDatetime();
    expect(isTimeZone(MACHINE_ZONE)).toBe(true);
    expect(zoneName(MACHINE_ZONE)).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
    let transitions = 0;
    let previous: number | undefined;
    const disagreements: string[] = [];
    for (let t = FROM; t < TO; t += QUARTER) {
      const named = offsetAt(t, zone);
      if (offsetAt(t, MACHINE_ZONE) !== named) disagreements.push(`offset at ${new Date(t).toISOString()}`);
      // Reading a wall time back (gap and repeat flags included) agrees too.
      const [machine, byName] = [wallToInstant(t + named, MACHINE_ZONE), wallToInstant(t + named, zone)];
      if (machine.instant !== byName.instant || machine.dst !== byName.dst) disagreements.push(`wall time ${new Date(t + named).toISOString()}`);
      if (previous !== undefined && previous !== named) transitions++;
      previous = named;
    }
    expect(disagreements).toEqual([]);
    // Not vacuous: the DST zones change clocks twice a year.
    expect(transitions).toBe(zone === 'UTC' || zone === 'Asia/Kathmandu' ? 0 : 2);
  });

  it('is UTC offset 0, not -0, on a UTC machine', async () => {
    process.env.TZ = 'UTC';
    const { MACHINE_ZONE, offsetAt } = await freshDatetime();
    expect(Object.is(offsetAt(FROM, MACHINE_ZONE), 0)).toBe(true);
  });

  it('flags a DST gap and a repeat in the machine zone', async () => {
    process.env.TZ = 'Europe/Berlin';
    const { MACHINE_ZONE, wallToInstant } = await freshDatetime();
    // 2025-03-30 02:30 does not exist in Berlin (02:00 → 03:00).
    expect(wallToInstant(Date.parse('2025-03-30T02:30:00Z'), MACHINE_ZONE).dst).toBe('gap');
    expect(wallToInstant(Date.parse('2025-10-26T02:30:00Z'), MACHINE_ZONE).dst).toBe('repeat');
  });
});
