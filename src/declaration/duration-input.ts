/**
 * Durations as people write them in declarations: ISO 8601 (`PT15M`, `P1D`, `PT0S`)
 * or a friendly spelling (`'15m'`, `'1h30m'`, `'2d'`, `'90s'`, `'1w'`), always turned
 * into ISO 8601 before anything else sees them.
 *
 * Clock spellings such as `'24:00:00'` are refused on purpose: .NET's TimeSpan parser
 * reads `24:00:00` as 24 *days* (pitfall 8), so there is no reading everyone agrees on.
 */
import { z } from 'zod';
import { isDuration } from '../schtasks/duration.js';

export type DurationParseResult = { ok: true; iso: string } | { ok: false; message: string };

const FRIENDLY =
  /^(?:(\d+)\s*w)?\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$/i;
const CLOCK = /^(?:\d+\.)?\d+(?::\d+){1,2}(?:\.\d+)?$/;

const EXAMPLES = 'ISO 8601 such as "PT15M", "PT1H30M", "P1D" ("PT0S" = zero/no limit), or a friendly "15m", "1h30m", "2d", "90s"';

/** Turns a friendly or ISO duration into ISO 8601; explains what is wrong otherwise. */
export function parseDurationInput(text: string): DurationParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `a duration must not be empty; write ${EXAMPLES}` };
  if (/^p/i.test(trimmed)) {
    if (isDuration(trimmed)) return { ok: true, iso: trimmed.toUpperCase() };
    return { ok: false, message: `"${text}" is not an ISO 8601 duration; write ${EXAMPLES}` };
  }
  if (CLOCK.test(trimmed)) {
    return {
      ok: false,
      message:
        `"${text}" is ambiguous: .NET's TimeSpan reads "24:00:00" as 24 days, other tools as 24 hours. ` +
        `Write ${clockSuggestion(trimmed)}`,
    };
  }
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    return { ok: false, message: `"${text}" has no unit; write "${trimmed}m", "${trimmed}h", "PT${trimmed}M" … (${EXAMPLES})` };
  }
  const m = FRIENDLY.exec(trimmed);
  if (m && m.slice(1).some((part) => part !== undefined)) {
    return { ok: true, iso: friendlyToIso(m) };
  }
  return { ok: false, message: `"${text}" is not a duration; write ${EXAMPLES}` };
}

function friendlyToIso(m: RegExpExecArray): string {
  const [weeks, days, hours, minutes, seconds] = m.slice(1, 6).map((part) => (part === undefined ? 0 : Number(part)));
  const totalDays = (weeks ?? 0) * 7 + (days ?? 0);
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  const date = totalDays ? `${totalDays}D` : '';
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/** The clock spelling read as [days.]hours:minutes[:seconds], to suggest an unambiguous form. */
function clockSuggestion(clock: string): string {
  const days = /^(\d+)\./.exec(clock)?.[1];
  const [h = '0', m = '0', s = '0'] = clock.replace(/^\d+\./, '').split(':');
  const parts = { d: Number(days ?? 0), h: Number(h), m: Number(m), s: Math.trunc(Number(s)) };
  const time = `${parts.h ? `${parts.h}H` : ''}${parts.m ? `${parts.m}M` : ''}${parts.s ? `${parts.s}S` : ''}`;
  const iso = parts.d || time ? `P${parts.d ? `${parts.d}D` : ''}${time ? `T${time}` : ''}` : 'PT0S';
  const friendly = Object.entries(parts).filter(([, n]) => n > 0).map(([unit, n]) => `${n}${unit}`).join('') || '0s';
  return `"${iso}" (or "${friendly}") if you mean ${clock} as [days.]hours:minutes:seconds; durations are ${EXAMPLES}`;
}

/** A duration field whose absence is reported with `missingMessage`; output is ISO 8601. */
export function durationField(missingMessage = `expected a duration string: ${EXAMPLES}`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missingMessage : `expected a duration string: ${EXAMPLES}`) })
    .transform((text, ctx) => {
      const result = parseDurationInput(text);
      if (result.ok) return result.iso;
      ctx.issues.push({ code: 'custom', message: result.message, input: text });
      return z.NEVER;
    });
}

/**
 * A duration field: ISO 8601 or a friendly spelling, output as ISO 8601.
 * Values are kept as written (`PT90M` stays `PT90M`); normalization makes them canonical later.
 */
export const durationSchema = durationField();

/** ISO 8601 (`'PT15M'`, `'P1D'`) or friendly (`'15m'`, `'1h30m'`, `'2d'`, `'90s'`). */
export type DurationInput = z.input<typeof durationSchema>;
/** Always ISO 8601 after validation. */
export type Duration = z.infer<typeof durationSchema>;
