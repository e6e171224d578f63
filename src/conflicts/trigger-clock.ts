/**
 * The clock a trigger's boundaries are read in: the analysis time zone for
 * boundaries without an offset, or the fixed offset a boundary carries
 * (synchronized across time zones: no DST applies, every day is 24 hours).
 */
import type { ParsedDateTime } from './date-time.js';
import { instantToWall, wallToInstant, type WallResolution } from './time-zone.js';

export interface TriggerClock {
  toInstant(wallMs: number): WallResolution;
  toWall(instant: number): number;
}

export function triggerClock(start: ParsedDateTime, timeZone: string): TriggerClock {
  const offset = start.offsetMs;
  if (offset !== undefined) {
    return { toInstant: (wallMs) => ({ instant: wallMs - offset }), toWall: (instant) => instant + offset };
  }
  return { toInstant: (wallMs) => wallToInstant(wallMs, timeZone), toWall: (instant) => instantToWall(instant, timeZone) };
}

/** A boundary as an instant: its own offset when written, otherwise wall-clock time in `timeZone`. */
export function boundaryInstant(parsed: ParsedDateTime, timeZone: string): number {
  if (parsed.offsetMs !== undefined) return parsed.wallMs - parsed.offsetMs;
  return wallToInstant(parsed.wallMs, timeZone).instant;
}
