/**
 * Turns declarations and live records into what the conflict analysis reads:
 * normalized definitions with their path, source and group. A live task takes
 * the group of the declaration with the same path (Task Scheduler has no field
 * for groups); undeclared live tasks have none and are reported as unmanaged.
 */
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import type { ConflictSubject } from './types.js';
import { fullTaskPath, matchesPrefix, taskPathKey } from '../schtasks/task-path.js';
import { normalizeTask } from '../schtasks/normalize-task.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';

export function declaredSubjects(config: CompiledConfig): ConflictSubject[] {
  return config.tasks.map((task) => ({
    path: task.path,
    source: 'declared' as const,
    group: task.group,
    definition: normalizeTask(task.definition),
    hasDeclaration: true,
  }));
}

export interface LiveSubjects {
  subjects: ConflictSubject[];
  /** Live tasks whose XML could not be read, with the reason. */
  unreadable: { task: string; reason: string }[];
}

export function liveSubjects(records: LiveTaskRecord[], config: CompiledConfig): LiveSubjects {
  const declared = new Map(config.tasks.map((task) => [taskPathKey(task.path), task]));
  const subjects: ConflictSubject[] = [];
  const unreadable: LiveSubjects['unreadable'] = [];
  for (const record of records) {
    if (!matchesPrefix(record.taskName, config.prefix)) continue;
    const path = fullTaskPath(record.taskPath, record.taskName);
    if (record.unreadable !== undefined) {
      unreadable.push({ task: path, reason: `it can't be read, so it is left out: ${record.unreadable}` });
      continue;
    }
    try {
      const { definition } = parseTaskXml(record.xml, record.source ?? 'its XML');
      const match = declared.get(taskPathKey(path));
      subjects.push({ path, source: 'live', group: match?.group, definition: normalizeTask(definition), hasDeclaration: match !== undefined });
    } catch (error) {
      unreadable.push({ task: path, reason: (error as Error).message });
    }
  }
  return { subjects, unreadable };
}
