/**
 * `continuous-loop` (error): an action starts something that never ends on its
 * own (see loop-patterns.ts). Scheduling a never-ending process on a timer is how
 * the incident piled up 58 Python processes. A warning only while the task is disabled.
 */
import { loopReasons } from '../../schtasks/command-line.js';
import type { Conflict } from '../types.js';
import { isTaskEnabled, type ConflictRule } from './rule.js';

export const continuousLoopRule: ConflictRule = {
  check(context) {
    const conflicts: Conflict[] = [];
    for (const subject of context.subjects) {
      subject.definition.actions.forEach((action, index) => {
        if (action.kind !== 'Exec') return;
        const commandLine = `${action.command} ${action.arguments ?? ''}`.trim();
        const reasons = loopReasons(commandLine);
        if (reasons.length === 0) return;
        const enabled = isTaskEnabled(subject);
        conflicts.push({
          kind: 'continuous-loop',
          severity: enabled ? 'error' : 'warning',
          source: context.source,
          tasks: [subject.path],
          message:
            `${subject.path} action ${index} starts something that never ends on its own: \`${commandLine}\`: ${reasons.join('; ')}. ` +
            `Run one pass per start and let the schedule repeat it${enabled ? '' : ' (the task is disabled now)'}.`,
        });
      });
    }
    return conflicts;
  },
};
