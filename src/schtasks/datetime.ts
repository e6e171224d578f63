/**
 * Civil time, instants and time zones: the one place taskctl reads, checks, spells
 * and converts date-times.
 *
 * - An xs:dateTime as Task Scheduler uses it (`2024-05-22T10:42:19`, optionally a
 *   fraction and an offset `Z` / `+02:00`). Without an offset it is local wall-clock
 *   time; with one it is "synchronized across time zones". The two are different
 *   settings, so spelling never converts between them (pitfalls 2–4).
 * - A wall-clock time is kept as the epoch milliseconds it would have if it were UTC
 *   ("wall ms"), so dates, weekdays and month lengths are integer arithmetic.
 * - Wall clock ↔ instant in an IANA zone uses `Intl.DateTimeFormat` only (a Temporal
 *   polyfill or Luxon would add 17–34 ms to every cold start for the same answers). A
 *   wall time inside a DST gap or repeat is flagged, never silently shifted.
 * - The zone of an analysis is taken from one place: `TZ` in the Context's
 *   environment, else the machine's (`timeZoneOf`). The machine's zone is held as
 *   `MACHINE_ZONE` and read through the process clock (`Date`), which asks the same ICU
 *   zone as `Intl` without building a formatter (the first costs ~25 ms of a cold start);
 *   its IANA name is looked up only when a message shows it (`zoneName`).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface XsDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction digits after the point, without trailing zeros ('' for none). */
  fraction: string;
  /** `Z`, `+HH:MM`, `-HH:MM`, or undefined for local time. */
  offset?: string;
}

/**
 * Which spellings a reader accepts:
 * - `xs`: exactly xs:dateTime (seconds required; `24:00:00` as the end of a day).
 * - `declaration`: what a person writes in a declaration: seconds may be left out, 00:00–23:59.
 * - `option`: a command-line option: also a bare date (midnight), a space for `T`, `+0200`.
 */
export type DateTimeForm = 'xs' | 'declaration' | 'option';

export type DateTimeReading =
  | { ok: true; value: XsDateTime; /** As written, with `:00` seconds added when left out. */ text: string }
  | { ok: false; reason: string };

const PATTERN = /^(-?\d{4,})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** What each form looks like, for error messages. */
export const DATE_TIME_EXAMPLES: Record<DateTimeForm, string> = {
  xs: 'an xs:dateTime like 2025-01-01T03:00:00',
  declaration:
    'a date-time like "2025-01-01T03:00:00" (local time) or "2025-01-01T03:00:00Z" / "2025-01-01T03:00:00+02:00" (one instant everywhere)',
  option: 'a date-time; write e.g. 2025-01-06T00:00:00 (local) or 2025-01-06T00:00:00Z',
};

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads and range-checks a date-time in one of the accepted forms, saying what is wrong when it is not one. */
export function readDateTime(input: string, form: DateTimeForm = 'xs'): DateTimeReading {
  const text = input.trim();
  const m = PATTERN.exec(text);
  const [, y = '', mo = '', d = '', sep, h, mi, s, digits, zone] = m ?? [];
  const shapeOk =
    m !== null &&
    (form === 'option' || sep === 'T') &&
    (form !== 'xs' || s !== undefined) &&
    (form === 'xs' || /^\d{4}$/.test(y)) &&
    (form === 'option' || zone === undefined || zone.length !== 5);
  if (!shapeOk) return { ok: false, reason: `"${input}" is not ${DATE_TIME_EXAMPLES[form]}` };
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  const fraction = (digits ?? '').replace(/0+$/, '');
  if (month < 1 || month > 12) return { ok: false, reason: `"${input}": month ${mo} does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `"${input}": ${y}-${mo} has no day ${d}` };
  // xs:dateTime allows 24:00:00 only as the very end of a day; a person means 00:00 of the next.
  const endOfDay = form === 'xs' && hour === 24 && minute === 0 && second === 0 && fraction === '';
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) {
    return { ok: false, reason: `"${input}": ${h}:${mi}${s ? `:${s}` : ''} is not a time of day (00:00:00 … 23:59:59)` };
  }
  let offset: string | undefined;
  if (zone !== undefined) {
    const z = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const [oh, om] = [Number(z.slice(1, 3)), Number(z.slice(4, 6))];
    if (z !== 'Z' && (oh > 14 || om > 59 || (oh === 14 && om !== 0))) return { ok: false, reason: `"${input}": ${zone} is not a UTC offset` };
    offset = z;
  }
  const value: XsDateTime = { year, month, day, hour, minute, second, fraction, ...(offset !== undefined ? { offset } : {}) };
  const written = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${digits !== undefined ? `.${digits}` : ''}${offset ?? ''}`;
  return { ok: true, value, text: written };
}

/** Parses and range-checks an xs:dateTime; undefined when it is not one. */
export function parseXsDateTime(text: string): XsDateTime | undefined {
  const reading = readDateTime(text, 'xs');
  return reading.ok ? reading.value : undefined;
}

export function isXsDateTime(text: string): boolean {
  return parseXsDateTime(text) !== undefined;
}

/** Whether the value carries an offset (`Z` or `±HH:MM`): "synchronize across time zones". */
export function hasOffset(text: string): boolean {
  return parseXsDateTime(text)?.offset !== undefined;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * One spelling per value: zero fractions dropped (`.0000000`), `+00:00`/`-00:00`
 * written `Z`, every other offset kept exactly as declared. Returns the input
 * unchanged when it is not an xs:dateTime (validation reports it).
 */
export function canonicalDateTime(text: string): string {
  const v = parseXsDateTime(text);
  return v ? formatXsDateTime(v) : text;
}

function formatXsDateTime(v: XsDateTime): string {
  const year = `${v.year < 0 ? '-' : ''}${pad(v.year, 4)}`;
  const offset = v.offset === '+00:00' || v.offset === '-00:00' ? 'Z' : (v.offset ?? '');
  return `${year}-${pad(v.month)}-${pad(v.day)}T${pad(v.hour)}:${pad(v.minute)}:${pad(v.second)}${v.fraction ? `.${v.fraction}` : ''}${offset}`;
}

/** The written offset in ms (east positive); undefined for local time. */
export function offsetMsOf(v: XsDateTime): number | undefined {
  if (v.offset === undefined) return undefined;
  if (v.offset === 'Z') return 0;
  const sign = v.offset.startsWith('-') ? -1 : 1;
  return sign * (Number(v.offset.slice(1, 3)) * 60 + Number(v.offset.slice(4, 6))) * MINUTE_MS;
}

/** The written date and time as wall ms (offset ignored). */
export function wallMsOf(v: XsDateTime): number {
  const date = new Date(0);
  date.setUTCFullYear(v.year, v.month - 1, v.day);
  date.setUTCHours(v.hour, v.minute, v.second, 0);
  return date.getTime() + Math.round(Number(`0.${v.fraction || '0'}`) * 1000);
}

/**
 * Milliseconds since the epoch, for ordering boundaries. A local value (no offset) is
 * read as if it were UTC: right for comparing two boundaries of one form; a caller
 * that needs the real instant of a local value uses `instantOf` with a zone.
 */
export function dateTimeToEpochMs(text: string): number | undefined {
  const v = parseXsDateTime(text);
  return v ? wallMsOf(v) - (offsetMsOf(v) ?? 0) : undefined;
}

/**
 * The same date-time moved by `ms` on its own clock (a whole-minute move of a start
 * boundary): its offset, if any, and its fraction stay as written. Undefined when it is
 * not an xs:dateTime.
 */
export function shiftDateTime(text: string, ms: number): string | undefined {
  const v = parseXsDateTime(text);
  if (!v) return undefined;
  const fractionMs = Math.round(Number(`0.${v.fraction || '0'}`) * 1000);
  const moved = new Date(wallMsOf(v) - fractionMs + ms);
  return formatXsDateTime({
    year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate(),
    hour: moved.getUTCHours(), minute: moved.getUTCMinutes(), second: moved.getUTCSeconds(),
    fraction: v.fraction, ...(v.offset !== undefined ? { offset: v.offset } : {}),
  });
}

// ── Calendar arithmetic on wall ms ────────────────────────────────────────────

/** Days since 1970-01-01 of a wall-clock time. */
export function civilDay(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}

export interface CivilDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function civilDate(day: number): CivilDate {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

/** `YYYY-MM-DDTHH:MM:SS` of a wall-clock time. */
export function formatWall(wallMs: number): string {
  const d = new Date(wallMs);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

// ── Time zones ────────────────────────────────────────────────────────────────

/**
 * The machine's own zone as an analysis holds it until a person reads its name. Not an IANA
 * name (none has parentheses), so no `TZ` can be mistaken for it.
 */
export const MACHINE_ZONE = '(machine)';

/** The machine's IANA time zone name (Node reads `TZ` from the process environment at start). */
function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone every analysis and every local date-time a person types is read in: `TZ`, else the machine's. */
export function timeZoneOf(env: Readonly<Record<string, string | undefined>>): string {
  return env.TZ || MACHINE_ZONE;
}

/** The IANA name of an analysis zone, for messages: `MACHINE_ZONE` becomes the machine's name. */
export function zoneName(timeZone: string): string {
  return timeZone === MACHINE_ZONE ? machineTimeZone() : timeZone;
}

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (UTC_ZONES.has(timeZone) || timeZone === MACHINE_ZONE) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(instant: number, timeZone: string): number {
  // The process clock's local time is the machine zone's (minutes, fractional for old local mean times).
  // (`+ 0`: UTC's offset is 0, not the -0 a negated zero would give.)
  if (timeZone === MACHINE_ZONE) return Math.round(new Date(instant).getTimezoneOffset() * -MINUTE_MS) + 0;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * Offsets are cached per quarter hour, and only for quarter hours that begin and end
 * with the same offset: every modern transition falls on a quarter hour, and a
 * historical one at an odd second is computed exactly instead of cached.
 */
const QUARTER_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's UTC offset (ms, east positive) at an instant. */
export function offsetAt(instant: number, timeZone: string): number {
  if (UTC_ZONES.has(timeZone)) return 0;
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(instant / QUARTER_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = computeOffset(bucket * QUARTER_MS, timeZone);
    offset = start === computeOffset((bucket + 1) * QUARTER_MS - 1000, timeZone) ? start : Number.NaN;
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? computeOffset(instant, timeZone) : offset;
}

/** Instant → wall ms. */
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
  const candidates = before === after ? [wallMs - before] : [wallMs - before, wallMs - after].sort((a, b) => a - b);
  const valid = candidates.filter((instant) => instantToWall(instant, timeZone) === wallMs);
  const [first] = valid;
  // In a gap, reading it with the offset in force before the jump lands after the gap
  // (02:30 CET = 03:30 CEST): the closest the clock comes to the written time.
  if (first === undefined) return { instant: wallMs - before, dst: 'gap' };
  return valid.length > 1 ? { instant: first, dst: 'repeat' } : { instant: first };
}

/** The instant a date-time names: its own offset when it has one, else wall-clock time in `timeZone`. */
export function instantOf(v: XsDateTime, timeZone: string): WallResolution {
  const offset = offsetMsOf(v);
  return offset === undefined ? wallToInstant(wallMsOf(v), timeZone) : { instant: wallMsOf(v) - offset };
}
