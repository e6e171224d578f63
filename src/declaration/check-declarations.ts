/**
 * Checks that need more than one field or more than one task: the prefix, unique paths,
 * path length, boundaries in order, unique ids. zod has already checked each field alone.
 */
import type { Issue } from '../core/errors.js';
import { fullTaskPath, matchesPrefix, taskPathKey } from '../schtasks/task-path.js';
import { dateTimeToEpochMs, hasOffset } from '../schtasks/datetime.js';
import { formatIssuePath } from './format-issues.js';
import type { TaskDeclaration } from './task-schema.js';
import { MAX_TASK_PATH_LENGTH } from '../schtasks/task-path.js';

/** Where a task lives, as far as the checks need it. */
export interface TaskPlacement {
  name: string;
  /** Normalized: `\` or `\Sub\`. */
  folder: string;
}

/** The prefix and the path length: checked even when the rest of the task is malformed. */
export function checkPlacement({ name, folder }: TaskPlacement, index: number, prefix: string): Issue[] {
  const issues: Issue[] = [];
  const at = formatIssuePath(['tasks', index, 'name']);
  if (!matchesPrefix(name, prefix)) {
    issues.push({
      path: at,
      message: `"${name}" does not start with the prefix "${prefix}" (compared case-insensitively, as Windows compares names); taskctl only manages tasks under its prefix`,
    });
  }
  const path = fullTaskPath(folder, name);
  if (path.length > MAX_TASK_PATH_LENGTH) {
    issues.push({
      path: at,
      message: `the full task path "${path}" is ${path.length} UTF-16 code units long; keep it within ${MAX_TASK_PATH_LENGTH} (a safe bound: Windows stores each task as a file under C:\\Windows\\System32\\Tasks, where path length is limited)`,
    });
  }
  return issues;
}

/** Problems of one valid-shaped task declared at `tasks[index]`, placement included. */
export function checkTask(task: TaskDeclaration, index: number, prefix: string): Issue[] {
  const at = (...path: PropertyKey[]) => formatIssuePath(['tasks', index, ...path]);
  const issues = checkPlacement(task, index, prefix);
  (task.triggers ?? []).forEach((trigger, t) => {
    if (trigger.type === 'raw' || trigger.start === undefined || trigger.end === undefined) return;
    if (hasOffset(trigger.start) === hasOffset(trigger.end) && (dateTimeToEpochMs(trigger.end) ?? 0) < (dateTimeToEpochMs(trigger.start) ?? 0)) {
      issues.push({ path: at('triggers', t, 'end'), message: `"${trigger.end}" is before the start "${trigger.start}"` });
    }
  });
  issues.push(...duplicateIds(task, at));
  return issues;
}

function duplicateIds(task: TaskDeclaration, at: (...path: PropertyKey[]) => string): Issue[] {
  const seen = new Map<string, string>();
  const issues: Issue[] = [];
  const visit = (id: string | undefined, where: string) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) issues.push({ path: where, message: `the id "${id}" is already used by ${first}; ids must be unique within a task` });
    else seen.set(id, where);
  };
  visit(task.principal?.id, at('principal', 'id'));
  (task.triggers ?? []).forEach((trigger, t) => visit(trigger.type === 'raw' ? undefined : trigger.id, at('triggers', t, 'id')));
  task.actions.forEach((action, a) => visit(action.type === 'raw' ? undefined : action.id, at('actions', a, 'id')));
  return issues;
}

/** Tasks that would land on the same path (Windows compares paths case-insensitively). */
export function checkUniquePaths(tasks: ReadonlyArray<{ index: number; task: TaskPlacement }>): Issue[] {
  const firstAt = new Map<string, number>();
  const issues: Issue[] = [];
  for (const { index, task } of tasks) {
    const path = fullTaskPath(task.folder, task.name);
    const key = taskPathKey(path);
    const first = firstAt.get(key);
    if (first === undefined) {
      firstAt.set(key, index);
      continue;
    }
    issues.push({
      path: formatIssuePath(['tasks', index, 'name']),
      message: `"${path}" is already declared by tasks[${first}]; a task path must be unique in its folder (Windows compares names case-insensitively)`,
    });
  }
  return issues;
}
