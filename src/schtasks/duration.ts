/**
 * ISO 8601 durations as Task Scheduler uses them (`PT15M`, `PT1H30M`, `P1D`, `PT0S`).
 * Comparison is on values, never strings: `PT12M0S` ≡ `PT12M`, `PT90M` ≡ `PT1H30M`
 * (pitfall 7). Years and months have no fixed length, so they stay separate components.
 */

export interface DurationValue {
  years: number;
  months: number;
  /** Days, hours, minutes and seconds folded into seconds (fractions allowed). */
  seconds: number;
}

const ISO_DURATION =
  /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?!$)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration; returns undefined when it is not one. */
export function parseDuration(text: string): DurationValue | undefined {
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
export function formatDuration(value: DurationValue): string {
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
