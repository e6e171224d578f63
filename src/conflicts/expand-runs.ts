/**
 * Every subject's time-based triggers → concrete runs over the horizon.
 */
import { expandTrigger } from './expand-trigger.js';
import { resolveHorizon, type Horizon } from './resolve-options.js';
import { effectiveTimeLimitMs } from './time-limit.js';
import type { ConflictOptions, ConflictSubject, ExpansionNote, Run, RunExpansion } from './types.js';

/** Defensive ceiling per trigger: a PT1M repetition over a year is ~525k runs. */
export const MAX_RUNS_PER_TRIGGER = 100_000;

/** An expansion that also keeps each subject's own runs (sorted by start). */
export interface SubjectExpansion extends RunExpansion {
  bySubject: Map<ConflictSubject, Run[]>;
}

/** Expands with an already resolved horizon (used by analyzeConflicts). */
export function expandRunsIn(subjects: readonly ConflictSubject[], horizon: Horizon): SubjectExpansion {
  const runs: Run[] = [];
  const notes: ExpansionNote[] = [];
  const bySubject = new Map<ConflictSubject, Run[]>();
  // Runs are collected in path order; a stable sort by start then orders them
  // by (start, path, trigger) without comparing strings half a million times.
  const ordered = [...subjects].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const subject of ordered) {
    const own: Run[] = [];
    bySubject.set(subject, own);
    const { definition } = subject;
    if (definition.settings.enabled === false) continue;
    definition.triggers.forEach((trigger, triggerIndex) => {
      if (trigger.kind !== 'TimeTrigger' && trigger.kind !== 'CalendarTrigger') return;
      if (trigger.enabled === false) return;
      expandTrigger(
        {
          subject, triggerIndex, trigger,
          limitMs: effectiveTimeLimitMs(definition.settings, trigger),
          from: horizon.from, end: horizon.end, timeZone: horizon.timeZone,
          cap: MAX_RUNS_PER_TRIGGER,
        },
        own,
        notes,
      );
    });
    if (definition.triggers.length > 1) own.sort(byStart);
    for (const run of own) runs.push(run);
  }
  runs.sort(byStart);
  return { runs, notes, bySubject };
}

const byStart = (a: Run, b: Run) => a.start - b.start;

/**
 * The concrete runs of every enabled time-based trigger (TimeTrigger,
 * CalendarTrigger) of every enabled task, starting inside
 * `[from, from + horizonMs)`, sorted by start. Boot, logon, idle, event,
 * registration and session triggers have no schedule and produce no runs.
 */
export function expandRuns(subjects: readonly ConflictSubject[], options: ConflictOptions): RunExpansion {
  const { runs, notes } = expandRunsIn(subjects, resolveHorizon(options));
  return { runs, notes };
}
