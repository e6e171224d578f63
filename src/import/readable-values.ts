/** Small readers shared by the decompiler: "is this the schema default?", canonical spellings. */
import { canonicalDuration, durationToMs, isDuration } from '../schtasks/duration.js';

/** A duration in its shortest ISO spelling (`PT12M0S` → `PT12M`); kept as written when it does not parse. */
export function readableDuration(text: string): string {
  return isDuration(text.trim()) ? canonicalDuration(text.trim()) : text;
}

/** The duration unless it equals (by value) the schema default it would be filled with. */
export function durationUnlessDefault(text: string | undefined, fallback: string): string | undefined {
  if (text === undefined) return undefined;
  const ms = durationToMs(text.trim());
  return ms !== undefined && ms === durationToMs(fallback) ? undefined : readableDuration(text);
}

/** The value unless it equals the schema default. */
export function unlessDefault<T>(value: T | undefined, fallback: T): T | undefined {
  return value === fallback ? undefined : value;
}

/** Text that is absent when empty (Windows writes empty elements for "nothing"). */
export function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

export function isZeroDuration(text: string | undefined): boolean {
  return text !== undefined && durationToMs(text.trim()) === 0;
}
