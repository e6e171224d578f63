/**
 * `list-conflicts --json`: exactly `{ "conflicts": [ … ] }` as the contract
 * shows, in the stable order (severity, kind, tasks), each entry's fields in the
 * contract's order followed by the optional extras.
 */
import { sortConflicts } from '../conflicts/sort-conflicts.js';
import type { Conflict } from '../conflicts/types.js';

const FIELD_ORDER = [
  'kind', 'severity', 'source', 'tasks', 'message', 'firstAt',
  'collisions', 'runsSkippedPerDay', 'suggestion', 'suggestedTask', 'suggestedOffset',
] as const satisfies readonly (keyof Conflict)[];

function ordered(conflict: Conflict): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) if (conflict[field] !== undefined) out[field] = conflict[field];
  return out;
}

/** Pretty-printed JSON with a trailing newline. */
export function formatConflictsJson(conflicts: readonly Conflict[]): string {
  return `${JSON.stringify({ conflicts: sortConflicts(conflicts).map(ordered) }, null, 2)}\n`;
}
