/**
 * Conflict analysis: run expansion over a horizon, conflict rules, stagger suggestions.
 */
export { analyzeConflicts, findConflictReport, findConflicts, type ConflictAnalysis, type ConflictReport } from './find-conflicts.js';
export { expandRuns, MAX_RUNS_PER_TRIGGER } from './expand-runs.js';
export { CONFLICT_RULES, type ConflictRule, type RuleContext } from './rules/index.js';
export { LOOP_PATTERNS, loopReasons, type LoopPattern } from '../schtasks/command-line.js';
export { compareConflicts, sortConflicts } from './sort-conflicts.js';
export type {
  Conflict, ConflictKind, ConflictOptions, ConflictSource, ConflictSubject, ExpansionNote, Run, RunExpansion, Severity,
} from './types.js';
