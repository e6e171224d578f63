/**
 * xs:dateTime as Task Scheduler uses it: `2024-05-22T10:42:19`, optionally with
 * a fraction and an offset (`Z`, `+02:00`). A value without an offset is local
 * time; one with an offset is "synchronized across time zones". The two are
 * different settings, so nothing here converts between them (pitfalls 2–4).
 */

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

const PATTERN = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses and range-checks an xs:dateTime; undefined when it is not one. */
export function parseXsDateTime(text: string): XsDateTime | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  const offset = m[8];
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return undefined;
  if (minute! > 59 || second! > 59) return undefined;
  // 24:00:00 is allowed by XSD only as the very end of a day.
  if (hour! > 24 || (hour === 24 && (minute !== 0 || second !== 0 || fraction !== ''))) return undefined;
  if (offset && offset !== 'Z') {
    const [oh, om] = offset.slice(1).split(':').map(Number);
    if (oh! > 14 || om! > 59 || (oh === 14 && om !== 0)) return undefined;
  }
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second!, fraction, offset };
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
  if (!v) return text;
  return formatXsDateTime(v);
}

export function formatXsDateTime(v: XsDateTime): string {
  const year = `${v.year < 0 ? '-' : ''}${pad(v.year, 4)}`;
  const offset = v.offset === '+00:00' || v.offset === '-00:00' ? 'Z' : (v.offset ?? '');
  return `${year}-${pad(v.month)}-${pad(v.day)}T${pad(v.hour)}:${pad(v.minute)}:${pad(v.second)}${v.fraction ? `.${v.fraction}` : ''}${offset}`;
}

/**
 * Milliseconds since the epoch. A local value (no offset) is read as if it were
 * UTC — callers that need wall-clock arithmetic want exactly that; callers that
 * need the real instant must apply the machine's zone themselves.
 */
export function dateTimeToEpochMs(text: string): number | undefined {
  const v = parseXsDateTime(text);
  if (!v) return undefined;
  const ms = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second, Number(`0.${v.fraction || '0'}`) * 1000);
  if (!v.offset || v.offset === 'Z') return ms;
  const sign = v.offset.startsWith('-') ? -1 : 1;
  const [oh, om] = v.offset.slice(1).split(':').map(Number);
  return ms - sign * (oh! * 60 + om!) * 60_000;
}
