/**
 * A conflict rule: one small check over one source's subjects and what expansion found.
 * Rules are listed in `rules/index.ts`; adding one is adding a file and a line.
 *
 * The checks that need every run (overlap, over-capacity) run inside the analysis's
 * pass over each group (`group-findings.ts`), while the group's runs are in memory;
 * what a rule needs of a task's runs is handed over already summed up.
 */
import type { Horizon } from '../horizon.js';
import type { Conflict, ConflictSource, ConflictSubject, ExpansionNote, Run } from '../types.js';

/** A task's starts replayed under its MultipleInstancesPolicy (see self-overlap.ts). */
export interface SelfOverlapReplay {
  /** Starts that land on a still-running run. */
  count: number;
  first?: { running: Run; next: Run };
}

export interface RuleContext {
  source: ConflictSource;
  /** This source's subjects, sorted by path. */
  subjects: readonly ConflictSubject[];
  /** Expansion notes for this source. */
  notes: readonly ExpansionNote[];
  /** Per task path: its starts replayed, for tasks with at least one start on a running run. */
  selfOverlaps: ReadonlyMap<string, SelfOverlapReplay>;
  horizon: Horizon;
}

export interface ConflictRule {
  check(context: RuleContext): Conflict[];
}

/** Whether the task itself is enabled (`Settings/Enabled`, default true). */
export const isTaskEnabled = (subject: ConflictSubject): boolean => subject.definition.settings.enabled !== false;
