/**
 * The conflict analysis: expand runs once, then run every rule over each source
 * (declared and live are analysed separately: a declared task never "overlaps"
 * its own live copy).
 */
import { expandRunsIn } from './expand-runs.js';
import { resolveHorizon } from './resolve-options.js';
import { CONFLICT_RULES, type ConflictRule } from './rules/index.js';
import { sortConflicts } from './sort-conflicts.js';
import type { Conflict, ConflictOptions, ConflictSource, ConflictSubject, RunExpansion } from './types.js';

export interface ConflictAnalysis extends RunExpansion {
  /** Sorted by severity, kind, tasks. */
  conflicts: Conflict[];
}

const SOURCES: readonly ConflictSource[] = ['declared', 'live'];

/**
 * Finds conflicts and returns the runs it expanded too (for `--timeline`).
 * Throws ValidationError for a bad horizon or time zone.
 */
export function analyzeConflicts(
  subjects: readonly ConflictSubject[],
  options: ConflictOptions,
  rules: readonly ConflictRule[] = CONFLICT_RULES,
): ConflictAnalysis {
  const horizon = resolveHorizon(options);
  const sorted = [...subjects].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const expansion = expandRunsIn(sorted, horizon);
  const conflicts: Conflict[] = [];
  for (const source of SOURCES) {
    const ofSource = sorted.filter((s) => s.source === source);
    if (ofSource.length === 0) continue;
    const runsByTask = new Map(ofSource.map((s) => [s.path, expansion.bySubject.get(s) ?? []]));
    const context = {
      source,
      subjects: ofSource,
      runs: expansion.runs.filter((r) => r.source === source),
      runsByTask,
      notes: expansion.notes.filter((n) => n.source === source),
      horizon,
    };
    for (const rule of rules) conflicts.push(...rule.check(context));
  }
  return { runs: expansion.runs, notes: expansion.notes, conflicts: sortConflicts(conflicts) };
}

/** Every conflict among `subjects` over `[from, from + horizonMs)`, sorted (errors first). */
export function findConflicts(subjects: ConflictSubject[], options: ConflictOptions): Conflict[] {
  return analyzeConflicts(subjects, options).conflicts;
}
