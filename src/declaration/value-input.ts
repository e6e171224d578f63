/**
 * How people write one value in a declaration, and the zod field for each value type of
 * the schema tables (`zodFor`): the schema's range and spelling rules come from the value
 * type, the friendly spellings from here.
 *
 * Durations: ISO 8601 or friendly (`'15m'`, `'1h30m'`), read by `schtasks/duration.ts`
 * (which also serves command-line options), always turned into ISO 8601.
 *
 * Date-times: local `YYYY-MM-DDTHH:MM[:SS]` (Task Scheduler's own local form) or with `Z` /
 * `±HH:MM` to run at one instant across time zones; read by the one date-time module. There
 * is deliberately no "now" default anywhere (pitfalls 1, 5, 6), and the offset is kept
 * exactly as written (pitfalls 3, 4).
 */
import { z } from 'zod';
import { DATE_TIME_EXAMPLES, readDateTime } from '../schtasks/datetime.js';
import { DURATION_EXAMPLES, parseDurationInput } from '../schtasks/duration.js';
import type { ValueType } from '../schtasks/values.js';

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
