/**
 * Wall clock ↔ instant in an IANA time zone, with `Intl.DateTimeFormat` only.
 * A wall-clock time inside a DST gap (02:30 on a spring-forward night) or a
 * repeat (01:30 on a fall-back night) is flagged rather than silently shifted,
 * so the caller can report it.
 */
import { DAY_MS, MINUTE_MS } from './civil-time.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets change at most at quarter hours (every real zone's transitions do), so a cache per quarter hour is exact. */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_MS = 15 * MINUTE_MS;

/** The machine's time zone, used when the caller names none. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function computeOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The zone's UTC offset (ms, east positive) at an instant. */
export function offsetAt(instant: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(instant / QUARTER_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(bucket * QUARTER_MS, timeZone);
    cache.set(bucket, offset);
  }
  return offset;
}

/** Instant → wall ms (see civil-time.ts). */
export function instantToWall(instant: number, timeZone: string): number {
  return instant + offsetAt(instant, timeZone);
}

export interface WallResolution {
  /** The instant used: the only one, the earlier of two (repeat), or the one after the gap. */
  instant: number;
  /** `gap`: this wall time does not exist that day; `repeat`: it happens twice. */
  dst?: 'gap' | 'repeat';
}

/** Wall ms → instant, saying when the wall time falls in a DST gap or repeat. */
export function wallToInstant(wallMs: number, timeZone: string): WallResolution {
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => wallMs - offset)
    .filter((instant) => instantToWall(instant, timeZone) === wallMs)
    .sort((a, b) => a - b);
  const [first] = valid;
  if (first === undefined) {
    // Reading it with the offset in force before the jump lands after the gap
    // (02:30 CET = 03:30 CEST): the closest the clock comes to the written time.
    return { instant: wallMs - before, dst: 'gap' };
  }
  return valid.length > 1 ? { instant: first, dst: 'repeat' } : { instant: first };
}
