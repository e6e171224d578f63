/**
 * A conflict rule: one small check over one source's subjects and runs.
 * Rules are listed in `rules/index.ts`; adding one is adding a file and a line.
 */
import type { Run } from '../types.js';
import type { Conflict, ConflictKind, ConflictSource, ConflictSubject, ExpansionNote } from '../types.js';
import type { Horizon } from '../resolve-options.js';

export interface RuleContext {
  source: ConflictSource;
  /** This source's subjects, sorted by path. */
  subjects: readonly ConflictSubject[];
  /** This source's runs, sorted by start. */
  runs: readonly Run[];
  /** This source's runs per task path, each sorted by start. */
  runsByTask: ReadonlyMap<string, Run[]>;
  /** Expansion notes for this source. */
  notes: readonly ExpansionNote[];
  horizon: Horizon;
}

export interface ConflictRule {
  /** The kinds this rule can report. */
  kinds: readonly ConflictKind[];
  check(context: RuleContext): Conflict[];
}

/** Whether the task itself is enabled (`Settings/Enabled`, default true). */
export const isTaskEnabled = (subject: ConflictSubject): boolean => subject.definition.settings.enabled !== false;
