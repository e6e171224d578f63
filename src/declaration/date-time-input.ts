/**
 * Date-time fields of declarations: local `YYYY-MM-DDTHH:MM[:SS]` (Task Scheduler's own local
 * form) or with `Z` / `±HH:MM` when the task should run at one instant across time zones.
 * Reading and checking is the one date-time module's (`schtasks/datetime.ts`); this file only
 * makes a zod field of it.
 *
 * There is deliberately no "now" default anywhere (pitfalls 1, 5, 6): a start that moves
 * every day makes the task drift forever. The offset is kept exactly as written (pitfalls 3, 4).
 */
import { z } from 'zod';
import { DATE_TIME_EXAMPLES, readDateTime } from '../schtasks/datetime.js';

export type DateTimeParseResult = { ok: true; value: string } | { ok: false; message: string };

const EXAMPLE = DATE_TIME_EXAMPLES.declaration;

/** Checks a date-time and adds `:00` seconds when they were left out. */
export function parseDateTimeInput(text: string): DateTimeParseResult {
  const reading = readDateTime(text, 'declaration');
  return reading.ok ? { ok: true, value: reading.text } : { ok: false, message: reading.reason };
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
