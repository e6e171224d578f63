/**
 * `list-conflicts --json`: `{ "formatVersion": "1", "conflicts": [ … ] }` (the contract's
 * document plus the version every --json document carries), in the stable order
 * (severity, kind, group, tasks), each entry's fields in the contract's order followed by
 * the optional extras. Written entry by entry: under --verbose a busy group's every pair
 * is made and written one at a time, never held as one big string.
 */
import type { ConflictReport } from '../conflicts/find-conflicts.js';
import { sortConflicts } from '../conflicts/describe.js';
import type { Conflict } from '../conflicts/types.js';
import { JSON_FORMAT_VERSION } from './format.js';

const FIELD_ORDER = [
  'kind', 'severity', 'source', 'tasks', 'message', 'firstAt',
  'collisions', 'runsSkippedPerDay', 'suggestion', 'suggestedTask', 'suggestedOffset', 'group', 'pairs', 'load',
] as const satisfies readonly (keyof Conflict)[];

function ordered(conflict: Conflict): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) if (conflict[field] !== undefined) out[field] = conflict[field];
  return out;
}

/** Writes the report as pretty-printed JSON (2-space indent, trailing newline), in pieces. */
export function writeConflictsJson(report: Pick<ConflictReport, 'conflicts' | 'everyPair'>, write: (text: string) => void): void {
  write(`{\n  "formatVersion": ${JSON.stringify(JSON_FORMAT_VERSION)},\n  "conflicts": [`);
  let first = true;
  const entry = (conflict: Conflict) => {
    write(`${first ? '' : ','}\n    ${JSON.stringify(ordered(conflict), null, 2).replace(/\n/g, '\n    ')}`);
    first = false;
  };
  for (const conflict of report.conflicts) {
    entry(conflict);
    const pairs = report.everyPair.get(conflict);
    if (pairs) for (const pair of pairs()) entry(pair);
  }
  write(first ? ']\n}\n' : '\n  ]\n}\n');
}

/** The whole document as one string (sorted first), for callers with a plain list. */
export function formatConflictsJson(conflicts: readonly Conflict[]): string {
  let out = '';
  writeConflictsJson({ conflicts: sortConflicts(conflicts), everyPair: new Map() }, (text) => (out += text));
  return out;
}

/** One computer's conflicts (`--computer`), or why it could not be read. */
export interface ComputerConflicts {
  computer: string;
  report?: Pick<ConflictReport, 'conflicts' | 'everyPair'>;
  error?: string;
}

/**
 * `list-conflicts --json --computer …`: `computers: [{ name, ok, error? }]`, then every
 * computer's conflicts, each with a `computer` field first; written entry by entry.
 */
export function writeComputerConflictsJson(computers: readonly ComputerConflicts[], write: (text: string) => void): void {
  const list = computers.map(({ computer, error }) => (error === undefined ? { name: computer, ok: true } : { name: computer, ok: false, error }));
  write(`{\n  "formatVersion": ${JSON.stringify(JSON_FORMAT_VERSION)},\n  "computers": ${JSON.stringify(list, null, 2).replace(/\n/g, '\n  ')},\n  "conflicts": [`);
  let first = true;
  const entry = (computer: string, conflict: Conflict) => {
    write(`${first ? '' : ','}\n    ${JSON.stringify({ computer, ...ordered(conflict) }, null, 2).replace(/\n/g, '\n    ')}`);
    first = false;
  };
  for (const { computer, report } of computers) {
    for (const conflict of report?.conflicts ?? []) {
      entry(computer, conflict);
      const pairs = report?.everyPair.get(conflict);
      if (pairs) for (const pair of pairs()) entry(computer, pair);
    }
  }
  write(first ? ']\n}\n' : '\n  ]\n}\n');
}
