/**
 * Plan changes → backend operations, and the last check before the backend
 * sees them: every operation's task is under the prefix.
 */
import { TaskctlError } from '../core/errors.js';
import type { ChangeOperation } from '../schtasks/backends/backend.js';
import { renderTaskXml } from '../schtasks/render-task-xml.js';
import { fullTaskPath, matchesPrefix, normalizeFolder } from '../schtasks/task-path.js';
import type { PlanChange } from './plan-types.js';

/**
 * One operation per change, in plan order: creates, then updates, then deletes. Deletes come
 * last so that when the batch stops at a failure, no task has been removed yet: the target
 * is left with everything it had plus some of what was declared, never with a gap.
 */
export function buildOperations(changes: readonly PlanChange[]): ChangeOperation[] {
  return changes.map((change): ChangeOperation => {
    if (change.action === 'delete') {
      return { action: 'delete', folder: normalizeFolder(change.live.taskPath), name: change.live.taskName };
    }
    const { folder, name, definition } = change.declared;
    return { action: change.action, folder: normalizeFolder(folder), name, xml: renderTaskXml(definition) };
  });
}

/** Defence in depth: a bug upstream must not reach a task outside the prefix. Throws naming the task. */
export function assertUnderPrefix(operations: readonly ChangeOperation[], prefix: string): void {
  if (prefix.trim() === '') {
    throw new TaskctlError('Refusing to change anything under an empty prefix: every task on the target would be in scope.');
  }
  for (const op of operations) {
    if (!matchesPrefix(op.name, prefix)) {
      throw new TaskctlError(
        `Refusing to ${op.action} ${fullTaskPath(op.folder, op.name)}: it is outside the prefix '${prefix}'. This is a bug in taskctl; nothing was changed.`,
      );
    }
  }
}
