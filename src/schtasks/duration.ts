/**
 * ISO 8601 durations as Task Scheduler uses them (`PT15M`, `PT1H30M`, `P1D`, `PT0S`).
 * Comparison is on values, never strings: `PT12M0S` ≡ `PT12M`, `PT90M` ≡ `PT1H30M`
 * (pitfall 7). Years and months have no fixed length, so they stay separate components.
 *
 * People may also write them friendly (`'15m'`, `'1h30m'`, `'2d'`, `'90s'`, `'1w'`), in
 * declarations and options alike; `parseDurationInput` turns those into ISO 8601. Clock
 * spellings such as `'24:00:00'` are refused on purpose: .NET's TimeSpan parser reads
 * `24:00:00` as 24 *days* (pitfall 8).
 */

interface DurationValue {
  years: number;
  months: number;
  /** Days, hours, minutes and seconds folded into seconds (fractions allowed). */
  seconds: number;
}

const ISO_DURATION =
  /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?!$)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration; returns undefined when it is not one. */
function parseDuration(text: string): DurationValue | undefined {
  const m = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!m) return undefined;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  return {
    years: n(1),
    months: n(2),
    seconds: n(3) * 604_800 + n(4) * 86_400 + n(5) * 3_600 + n(6) * 60 + n(7),
  };
}

export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** The canonical spelling: largest units first, zero parts dropped, `PT0S` for nothing. */
function formatDuration(value: DurationValue): string {
  let rest = value.seconds;
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  rest -= minutes * 60;
  const seconds = Math.round(rest * 1000) / 1000;
  const date = `${value.years ? `${value.years}Y` : ''}${value.months ? `${value.months}M` : ''}${days ? `${days}D` : ''}`;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/** Canonical spelling of a duration string; returns the input unchanged when it does not parse. */
export function canonicalDuration(text: string): string {
  const value = parseDuration(text);
  return value ? formatDuration(value) : text;
}

/**
 * Length in milliseconds, for arithmetic (run expansion, interval checks).
 * Years count 365 days and months 30, which is what Task Scheduler's TimeSpan conversion does.
 */
export function durationToMs(text: string): number | undefined {
  const value = parseDuration(text);
  if (!value) return undefined;
  return ((value.years * 365 + value.months * 30) * 86_400 + value.seconds) * 1000;
}

/** Milliseconds → canonical ISO duration. */
export function msToDuration(ms: number): string {
  return formatDuration({ years: 0, months: 0, seconds: ms / 1000 });
}

// ---- as people write them --------------------------------------------------------------

export type DurationParseResult = { ok: true; iso: string } | { ok: false; message: string };

const FRIENDLY = /^(?:(\d+)\s*w)?\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$/i;
const CLOCK = /^(?:\d+\.)?\d+(?::\d+){1,2}(?:\.\d+)?$/;
export const DURATION_EXAMPLES = 'ISO 8601 such as "PT15M", "PT1H30M", "P1D" ("PT0S" = zero/no limit), or a friendly "15m", "1h30m", "2d", "90s"';

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
