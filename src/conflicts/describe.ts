/**
 * How conflicts read: the wording helpers every rule shares (so every message spells
 * durations and times the same way), and the one stable order of conflicts — severity
 * (errors first), kind, group (a group's whole-group finding before its pairs), tasks,
 * then source, first time and message as tie-breakers.
 */
import type { Conflict, Severity } from './types.js';
import { DAY_MS, formatWall, HOUR_MS, instantToWall, MINUTE_MS } from '../schtasks/datetime.js';

/** `15 min`, `1 h 30 min`, `2 days`, `45 s`. */
export function describeDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'forever';
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = rest / 1000;
  if (days) parts.push(days === 1 ? '1 day' : `${days} days`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds) parts.push(`${seconds} s`);
  return parts.length > 0 ? parts.join(' ') : '0 s';
}

/** Local wall-clock `YYYY-MM-DDTHH:MM:SS` of an instant in a time zone (the contract's `firstAt`). */
export function wallClockAt(instant: number, timeZone: string): string {
  return formatWall(instantToWall(instant, timeZone));
}

/** `2025-01-01 00:05` for messages. */
export function readableAt(instant: number, timeZone: string): string {
  return wallClockAt(instant, timeZone).replace('T', ' ').slice(0, 16);
}

/** `\A`, `\A and \B`, `\A, \B and \C`; long lists end with `and N more`. */
export function listTasks(paths: readonly string[], max = 6): string {
  const shown = paths.length > max ? [...paths.slice(0, max - 1), `${paths.length - max + 1} more`] : [...paths];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `1 per day`, `2.5 per day`, rounded to one decimal. */
export function perDay(count: number, horizonMs: number): number {
  return Math.round((count / (horizonMs / DAY_MS)) * 10) / 10;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareConflicts(a: Conflict, b: Conflict): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    text(a.kind, b.kind) ||
    text(a.group ?? '', b.group ?? '') ||
    (a.pairs === undefined ? 1 : 0) - (b.pairs === undefined ? 1 : 0) ||
    text(a.tasks.join('\n'), b.tasks.join('\n')) ||
    text(a.source, b.source) ||
    text(a.firstAt ?? '', b.firstAt ?? '') ||
    text(a.message, b.message)
  );
}

/** A sorted copy. */
export function sortConflicts(conflicts: readonly Conflict[]): Conflict[] {
  return [...conflicts].sort(compareConflicts);
}
