/**
 * Every subject's time-based triggers → concrete runs over the horizon.
 */
import { expandTrigger } from './expand-trigger.js';
import { resolveHorizon, type Horizon } from './resolve-options.js';
import { effectiveTimeLimitMs } from './time-limit.js';
import type { ConflictOptions, ConflictSubject, ExpansionNote, Run, RunExpansion } from './types.js';

/** Defensive ceiling per trigger: a PT1M repetition over a year is ~525k runs. */
export const MAX_RUNS_PER_TRIGGER = 100_000;

/** Orders runs by start, then task path, then trigger: the order every sweep relies on. */
export function compareRuns(a: Run, b: Run): number {
  return a.start - b.start || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.triggerIndex - b.triggerIndex;
}

/** Expands with an already resolved horizon (used by findConflicts). */
export function expandRunsIn(subjects: readonly ConflictSubject[], horizon: Horizon): RunExpansion {
  const runs: Run[] = [];
  const notes: ExpansionNote[] = [];
  for (const subject of subjects) {
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
        runs,
        notes,
      );
    });
  }
  runs.sort(compareRuns);
  return { runs, notes };
}

/**
 * The concrete runs of every enabled time-based trigger (TimeTrigger,
 * CalendarTrigger) of every enabled task, starting inside
 * `[from, from + horizonMs)`, sorted by start. Boot, logon, idle, event,
 * registration and session triggers have no schedule and produce no runs.
 */
export function expandRuns(subjects: readonly ConflictSubject[], options: ConflictOptions): RunExpansion {
  return expandRunsIn(subjects, resolveHorizon(options));
}
