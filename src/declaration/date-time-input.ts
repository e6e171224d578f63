/**
 * Date-times in declarations: local `YYYY-MM-DDTHH:MM[:SS]` (Task Scheduler's own local
 * form) or with `Z` / `±HH:MM` when the task should run at one instant across time zones.
 *
 * There is deliberately no "now" default anywhere (pitfalls 1, 5, 6): a start that moves
 * every day makes the task drift forever. The offset is kept exactly as written (pitfalls 3, 4).
 */
import { z } from 'zod';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

export type DateTimeParseResult = { ok: true; value: string } | { ok: false; message: string };

const EXAMPLE = 'a date-time like "2025-01-01T03:00:00" (local time) or "2025-01-01T03:00:00Z" / "2025-01-01T03:00:00+02:00" (one instant everywhere)';

/** Checks a date-time and adds `:00` seconds when they were left out. */
export function parseDateTimeInput(text: string): DateTimeParseResult {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not ${EXAMPLE}` };
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { ok: false, message: `"${text}": month ${mo} does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, message: `"${text}": ${y}-${mo} has no day ${d}` };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? '0') > 59) {
    return { ok: false, message: `"${text}": ${h}:${mi}${s ? `:${s}` : ''} is not a time of day (00:00:00 … 23:59:59)` };
  }
  if (zone && zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if ((zh ?? 0) > 14 || (zm ?? 0) > 59) return { ok: false, message: `"${text}": ${zone} is not a UTC offset` };
  }
  return { ok: true, value: `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${fraction ?? ''}${zone ?? ''}` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Comparable milliseconds of a checked date-time. Local times are read as UTC: good enough
 * to order two boundaries written in the same form, which is all the checks need.
 */
export function dateTimeSortKey(value: string): number {
  return Date.parse(hasZone(value) ? value : `${value}Z`);
}

/** True when the date-time names one instant (it carries `Z` or an offset). */
export function hasZone(value: string): boolean {
  return /(?:Z|[+-]\d{2}:\d{2})$/.test(value);
}

/** A date-time field whose absence is reported with `missingMessage`; output always has seconds. */
export function dateTimeField(missingMessage = `expected ${EXAMPLE}`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missingMessage : `expected ${EXAMPLE} as a string`) })
    .transform((text, ctx) => {
      const result = parseDateTimeInput(text);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.message, input: text });
      return z.NEVER;
    });
}

/** A date-time field; output always has seconds. */
export const dateTimeSchema = dateTimeField();

/** `YYYY-MM-DDTHH:MM[:SS]`, optionally followed by `Z` or `±HH:MM`. */
export type DateTimeInput = z.input<typeof dateTimeSchema>;
export type DateTime = z.infer<typeof dateTimeSchema>;
