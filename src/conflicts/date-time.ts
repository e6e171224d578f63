/**
 * Reading xs:dateTime boundaries. Without an offset a boundary is wall-clock
 * time in the analysis time zone (what Task Scheduler does); with `Z` or
 * `±HH:MM` it is an instant ("synchronize across time zones").
 */

export interface ParsedDateTime {
  /** The written date and time as wall ms (see civil-time.ts). */
  wallMs: number;
  /** The written offset in ms (east positive); absent = local wall-clock time. */
  offsetMs?: number;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Parses an xs:dateTime; undefined when it is not one (e.g. a `{{{Date}}}` placeholder). */
export function parseDateTime(text: string): ParsedDateTime | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const wallMs =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) +
    Math.round(Number(fraction ?? 0) * 1000);
  if (Number.isNaN(wallMs)) return undefined;
  if (zone === undefined) return { wallMs };
  if (zone.toUpperCase() === 'Z') return { wallMs, offsetMs: 0 };
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  return { wallMs, offsetMs };
}
