/**
 * The horizon as plain numbers, resolved once from `ConflictOptions`.
 */
import { localTimeZone } from './time-zone.js';
import type { ConflictOptions } from './types.js';
import { ValidationError } from '../core/errors.js';

export interface Horizon {
  from: number;
  end: number;
  horizonMs: number;
  timeZone: string;
}

/** Checks and resolves the options; a bad horizon or time zone is a ValidationError (exit 1). */
export function resolveHorizon(options: ConflictOptions): Horizon {
  const from = options.from.getTime();
  const issues = [];
  if (Number.isNaN(from)) issues.push({ path: 'from', message: `not a valid date: ${String(options.from)}` });
  if (!(options.horizonMs > 0) || !Number.isFinite(options.horizonMs)) {
    issues.push({ path: 'horizon', message: `must be a positive, finite duration, got ${options.horizonMs} ms` });
  }
  const timeZone = options.timeZone ?? localTimeZone();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    issues.push({ path: 'timeZone', message: `unknown IANA time zone: ${timeZone}` });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'The conflict analysis options are not valid');
  return { from, end: from + options.horizonMs, horizonMs: options.horizonMs, timeZone };
}
