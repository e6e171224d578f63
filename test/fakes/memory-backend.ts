/**
 * An in-memory SchedulerBackend for tests of what sits above the backends (plan,
 * apply, backups). It keeps tasks in a map, honours the prefix, and can be told
 * to fail: the Nth operation overall, an operation a predicate picks (as a
 * validation rejection), or every read.
 */
import type { ApplyOptions, ChangeOperation, ChangeResult, SchedulerBackend } from '../../src/schtasks/backend.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { BackendError } from '../../src/core/errors.js';
import { fullTaskPath, matchesPrefix, normalizeFolder, taskPathKey } from '../../src/schtasks/task-path.js';

export interface MemoryBackendOptions {
  tasks?: LiveTaskRecord[];
  /** Operation number (1-based, counted over every applyChanges call) that fails. */
  failOperation?: number;
  /** The message of that failure. @default 'simulated failure' */
  failMessage?: string;
  /** Rejects a batch up front, as Task Scheduler's validation would: return a reason to reject. */
  reject?: (op: ChangeOperation) => string | undefined;
  /** Every readTasks throws this. */
  readError?: Error;
  readOnly?: boolean;
  description?: string;
}

export interface MemoryBackend extends SchedulerBackend {
  /** The current tasks, by full path key. */
  readonly tasks: Map<string, LiveTaskRecord>;
  /** Every readTasks prefix, in order. */
  readonly reads: string[];
  /** Every applyChanges batch with its options, in order. */
  readonly applies: { operations: ChangeOperation[]; options: ApplyOptions }[];
}

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const tasks = new Map<string, LiveTaskRecord>();
  for (const t of options.tasks ?? []) tasks.set(taskPathKey(fullTaskPath(t.taskPath, t.taskName)), { ...t });
  const reads: string[] = [];
  const applies: MemoryBackend['applies'] = [];
  let operationCount = 0;
  return {
    description: options.description ?? 'memory backend',
    readOnly: options.readOnly ?? false,
    lockKey: 'memory',
    tasks,
    reads,
    applies,
    async readTasks(prefix) {
      reads.push(prefix);
      if (options.readError) throw options.readError;
      return [...tasks.values()].filter((t) => matchesPrefix(t.taskName, prefix)).map((t) => ({ ...t }));
    },
    async applyChanges(operations, applyOptions = {}) {
      applies.push({ operations, options: applyOptions });
      if (options.readOnly) throw new BackendError('memory backend is read-only');
      const paths = operations.map((op) => fullTaskPath(op.folder, op.name));
      const rejections = operations.map((op) => options.reject?.(op));
      if (rejections.some((r) => r !== undefined)) {
        return operations.map((op, i): ChangeResult => ({
          task: paths[i] ?? '',
          action: op.action,
          status: 'not-attempted',
          ...(rejections[i] !== undefined ? { error: `rejected: ${rejections[i]}` } : {}),
        }));
      }
      let failed = false;
      return operations.map((op, i): ChangeResult => {
        const task = paths[i] ?? '';
        if (failed) return { task, action: op.action, status: 'not-attempted' };
        operationCount += 1;
        if (operationCount === options.failOperation) {
          failed = true;
          return { task, action: op.action, status: 'failed', error: `${task}: ${options.failMessage ?? 'simulated failure'}` };
        }
        const key = taskPathKey(task);
        if (op.action === 'delete') {
          if (!tasks.delete(key)) {
            failed = true;
            return { task, action: op.action, status: 'failed', error: `${task}: no such task` };
          }
        } else {
          tasks.set(key, { taskPath: normalizeFolder(op.folder), taskName: op.name, state: 'Ready', xml: op.xml });
        }
        return { task, action: op.action, status: 'done' };
      });
    },
  };
}
