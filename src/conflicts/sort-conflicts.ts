/**
 * The one stable order of conflicts: severity (errors first), kind, group (a group's
 * whole-group finding before its pairs), tasks, then source, first time and message as
 * tie-breakers.
 */
import type { Conflict, Severity } from './types.js';

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
