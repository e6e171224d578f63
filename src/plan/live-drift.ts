/**
 * The target may change between `plan` and `apply` (a person in the Task
 * Scheduler UI, another machine's apply). Under the lock, apply reads the
 * target again and refuses when what it would change no longer looks as planned.
 */
import { RefusedError } from '../core/errors.js';
import type { SchedulerBackend } from '../schtasks/backends/backend.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { fullTaskPath, matchesPrefix, taskPathKey } from '../schtasks/task-path.js';
import type { Plan } from './plan-types.js';

/**
 * Reads the target again; returns its tasks under the prefix by path key. Throws `RefusedError`
 * listing every task that appeared, disappeared or changed since the plan was computed.
 */
export async function checkTargetUnchanged(plan: Plan, backend: SchedulerBackend): Promise<Map<string, LiveTaskRecord>> {
  const current = new Map<string, LiveTaskRecord>();
  const paths = new Map<string, string>();
  for (const record of await backend.readTasks(plan.prefix)) {
    if (!matchesPrefix(record.taskName, plan.prefix)) continue;
    const path = fullTaskPath(record.taskPath, record.taskName);
    current.set(taskPathKey(path), record);
    paths.set(taskPathKey(path), path);
  }
  const planned = new Map(Object.entries(plan.liveFingerprint).map(([path, xml]) => [taskPathKey(path), { path, xml }]));
  const drift: string[] = [];
  for (const [key, record] of current) {
    const before = planned.get(key);
    if (before === undefined) drift.push(`${paths.get(key)} appeared`);
    else if (before.xml !== record.xml) drift.push(`${paths.get(key)} changed`);
  }
  for (const [key, { path }] of planned) {
    if (!current.has(key)) drift.push(`${path} disappeared`);
  }
  if (drift.length > 0) {
    throw new RefusedError(
      `Not applying: ${backend.description} changed since the plan was made (${drift.sort().join('; ')}). Run plan again. Nothing was changed.`,
    );
  }
  return current;
}
