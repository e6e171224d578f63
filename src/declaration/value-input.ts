/**
 * How people write one value in a declaration, and the zod field for each value type of
 * the schema tables (`zodFor`): the schema's range and spelling rules come from the value
 * type, the friendly spellings from here.
 *
 * Durations: ISO 8601 (`PT15M`, `P1D`, `PT0S`) or friendly (`'15m'`, `'1h30m'`, `'2d'`,
 * `'90s'`, `'1w'`), always turned into ISO 8601. Clock spellings such as `'24:00:00'` are
 * refused on purpose: .NET's TimeSpan parser reads `24:00:00` as 24 *days* (pitfall 8).
 *
 * Date-times: local `YYYY-MM-DDTHH:MM[:SS]` (Task Scheduler's own local form) or with `Z` /
 * `±HH:MM` to run at one instant across time zones; read by the one date-time module. There
 * is deliberately no "now" default anywhere (pitfalls 1, 5, 6), and the offset is kept
 * exactly as written (pitfalls 3, 4).
 */
import { z } from 'zod';
import { DATE_TIME_EXAMPLES, readDateTime } from '../schtasks/datetime.js';
import { isDuration } from '../schtasks/duration.js';
import type { ValueType } from '../schtasks/values.js';

// ---- durations ---------------------------------------------------------------------------

export type DurationParseResult = { ok: true; iso: string } | { ok: false; message: string };

const FRIENDLY = /^(?:(\d+)\s*w)?\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$/i;
const CLOCK = /^(?:\d+\.)?\d+(?::\d+){1,2}(?:\.\d+)?$/;
const DURATION_EXAMPLES = 'ISO 8601 such as "PT15M", "PT1H30M", "P1D" ("PT0S" = zero/no limit), or a friendly "15m", "1h30m", "2d", "90s"';

/** Turns a friendly or ISO duration into ISO 8601; explains what is wrong otherwise. */
export function parseDurationInput(text: string): DurationParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `a duration must not be empty; write ${DURATION_EXAMPLES}` };
  if (/^p/i.test(trimmed)) {
    if (isDuration(trimmed)) return { ok: true, iso: trimmed.toUpperCase() };
    return { ok: false, message: `"${text}" is not an ISO 8601 duration; write ${DURATION_EXAMPLES}` };
  }
  if (CLOCK.test(trimmed)) {
    return {
      ok: false,
      message: `"${text}" is ambiguous: .NET's TimeSpan reads "24:00:00" as 24 days, other tools as 24 hours. Write ${clockSuggestion(trimmed)}`,
    };
  }
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    return { ok: false, message: `"${text}" has no unit; write "${trimmed}m", "${trimmed}h", "PT${trimmed}M" … (${DURATION_EXAMPLES})` };
  }
  const m = FRIENDLY.exec(trimmed);
  if (m && m.slice(1).some((part) => part !== undefined)) {
    const [weeks, days, hours, minutes, seconds] = m.slice(1, 6).map((part) => (part === undefined ? 0 : Number(part)));
    return { ok: true, iso: isoOf((weeks ?? 0) * 7 + (days ?? 0), hours ?? 0, minutes ?? 0, seconds ?? 0) };
  }
  return { ok: false, message: `"${text}" is not a duration; write ${DURATION_EXAMPLES}` };
}

function isoOf(days: number, hours: number, minutes: number, seconds: number): string {
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  const date = days ? `${days}D` : '';
  return date || time ? `P${date}${time ? `T${time}` : ''}` : 'PT0S';
}

/** The clock spelling read as [days.]hours:minutes[:seconds], to suggest an unambiguous form. */
function clockSuggestion(clock: string): string {
  const days = Number(/^(\d+)\./.exec(clock)?.[1] ?? 0);
  const [h = '0', m = '0', s = '0'] = clock.replace(/^\d+\./, '').split(':');
  const parts = { d: days, h: Number(h), m: Number(m), s: Math.trunc(Number(s)) };
  const friendly = Object.entries(parts).filter(([, n]) => n > 0).map(([unit, n]) => `${n}${unit}`).join('') || '0s';
  return `"${isoOf(parts.d, parts.h, parts.m, parts.s)}" (or "${friendly}") if you mean ${clock} as [days.]hours:minutes:seconds; durations are ${DURATION_EXAMPLES}`;
}

/** A duration field whose absence is reported with `missingMessage`; output is ISO 8601. */
export function durationField(missingMessage = `expected a duration string: ${DURATION_EXAMPLES}`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missingMessage : `expected a duration string: ${DURATION_EXAMPLES}`) })
    .transform((text, ctx) => {
      const result = parseDurationInput(text);
      if (result.ok) return result.iso;
      ctx.issues.push({ code: 'custom', message: result.message, input: text });
      return z.NEVER;
    });
}

/**
 * A duration field: ISO 8601 or a friendly spelling, output as ISO 8601. Values are kept as
 * written (`PT90M` stays `PT90M`); normalization makes them canonical later.
 */
export const durationSchema = durationField();
/** ISO 8601 (`'PT15M'`, `'P1D'`) or friendly (`'15m'`, `'1h30m'`, `'2d'`, `'90s'`). */
export type DurationInput = z.input<typeof durationSchema>;
export type Duration = z.infer<typeof durationSchema>;

// ---- date-times --------------------------------------------------------------------------

/** A date-time field whose absence is reported with `missingMessage`; output always has seconds. */
export function dateTimeField(missingMessage = `expected ${DATE_TIME_EXAMPLES.declaration}`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missingMessage : `expected ${DATE_TIME_EXAMPLES.declaration} as a string`) })
    .transform((text, ctx) => {
      const reading = readDateTime(text, 'declaration');
      if (reading.ok) return reading.text;
      ctx.issues.push({ code: 'custom', message: reading.reason, input: text });
      return z.NEVER;
    });
}

/** A date-time field; output always has seconds. */
export const dateTimeSchema = dateTimeField();
/** `YYYY-MM-DDTHH:MM[:SS]`, optionally followed by `Z` or `±HH:MM`. */
export type DateTimeInput = z.input<typeof dateTimeSchema>;
export type DateTime = z.infer<typeof dateTimeSchema>;

// ---- one field per value type ------------------------------------------------------------

/** The zod field for a schema value type: its spelling, its range, its message. */
export function zodFor<V>(type: ValueType<V>): z.ZodType<V, V> {
  const checked = (schema: z.ZodType) =>
    schema.superRefine((value, ctx) => {
      const problem = type.problem(value as V);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    });
  const spec = type.spec;
  let schema: z.ZodType;
  switch (spec.type) {
    case 'boolean':
      schema = z.boolean();
      break;
    case 'int':
      schema = z.int().min(spec.min).max(spec.max);
      break;
    case 'dayOfMonth':
      schema = z.union([z.int().min(1).max(31), z.literal('Last')], { error: `expected ${type.expected}` });
      break;
    case 'duration':
      schema = checked(durationSchema);
      break;
    case 'dateTime':
      schema = dateTimeSchema;
      break;
    case 'enum':
      schema = z.enum(spec.values as [string, ...string[]], { error: `expected ${type.expected}` });
      break;
    case 'account':
    case 'guid':
    case 'text':
      schema = checked(z.string());
      break;
  }
  // The switch follows the value type's own spec, so the field yields the type's values.
  return schema as z.ZodType<V, V>;
}
