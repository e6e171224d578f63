/**
 * `unbounded`: ExecutionTimeLimit PT0S. A hung run never ends: it blocks its
 * own next runs (IgnoreNew) and keeps its group busy forever. A warning only
 * while the task is disabled.
 */
import { isUnboundedTask } from '../time-limit.js';
import type { Conflict } from '../types.js';
import { isTaskEnabled, type ConflictRule } from './rule.js';

export const unboundedRule: ConflictRule = {
  check(context) {
    const conflicts: Conflict[] = [];
    for (const subject of context.subjects) {
      if (!isUnboundedTask(subject.definition.settings)) continue;
      const enabled = isTaskEnabled(subject);
      conflicts.push({
        kind: 'unbounded',
        severity: enabled ? 'error' : 'warning',
        source: context.source,
        tasks: [subject.path],
        message:
          `${subject.path} has no time limit (ExecutionTimeLimit ${subject.definition.settings.executionTimeLimit ?? 'PT0S'}): ` +
          `a run that hangs never ends${subject.group !== undefined ? ` and keeps group '${subject.group}' busy` : ''}. ` +
          `Set a finite timeLimit${enabled ? '' : ' (the task is disabled now, but would be enabled as is)'}.`,
      });
    }
    return conflicts;
  },
};
