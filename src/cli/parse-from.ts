import { TaskctlError } from '../core/errors.js';

/**
 * `--from`: `YYYY-MM-DD[THH:MM[:SS]]` is local wall-clock time (as task start
 * boundaries are); with `Z` or an offset it is that instant.
 */
export function parseFromOption(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) {
    throw new TaskctlError(`--from: '${text}' is not a date-time; write e.g. 2025-01-06T00:00:00 (local) or 2025-01-06T00:00:00Z.`);
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? ''}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() === undefined) {
    throw new TaskctlError(`--from: '${text}' is not a valid date-time.`);
  }
  return date;
}
