/**
 * `duplicate` (error): two tasks run the same command with the same arguments
 * (see command-key.ts for what "same" means). One conflict per set of tasks
 * sharing a command. Disabled tasks do not count: they run nothing.
 */
import { commandKey, commandText } from '../../schtasks/command-line.js';
import { listTasks } from '../describe.js';
import type { Conflict } from '../types.js';
import { isTaskEnabled, type ConflictRule } from './rule.js';

export const duplicateRule: ConflictRule = {
  check(context) {
    const byKey = new Map<string, { tasks: string[]; text: string }>();
    for (const subject of context.subjects) {
      if (!isTaskEnabled(subject)) continue;
      for (const action of subject.definition.actions) {
        if (action.kind !== 'Exec') continue;
        const key = commandKey(action);
        const entry = byKey.get(key) ?? { tasks: [], text: commandText(action) };
        if (!entry.tasks.includes(subject.path)) entry.tasks.push(subject.path);
        byKey.set(key, entry);
      }
    }
    const conflicts: Conflict[] = [];
    for (const { tasks, text } of byKey.values()) {
      if (tasks.length < 2) continue;
      const sorted = [...tasks].sort();
      conflicts.push({
        kind: 'duplicate',
        severity: 'error',
        source: context.source,
        tasks: sorted,
        message: `${listTasks(sorted, sorted.length)} run the same command: \`${text}\`. Keep one task per job.`,
      });
    }
    return conflicts;
  },
};
