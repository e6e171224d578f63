/**
 * A SchedulerBackend over a Map, for plan/apply/restore tests: strict like the
 * real ones (create on an existing task, update or delete of a missing one
 * fail), validate-first (a register op whose XML does not parse, or an op
 * outside `options.prefix`, rejects the whole batch), and able to fail the Nth
 * operation or crash after N. Every call is recorded.
 */
import type { ApplyOptions, ChangeOperation, ChangeResult, SchedulerBackend } from '../../src/schtasks/backends/backend.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { fullTaskPath, matchesPrefix, normalizeFolder, taskPathKey } from '../../src/schtasks/task-path.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';

export interface InMemoryBackendOptions {
  tasks?: LiveTaskRecord[];
  description?: string;
  lockKey?: string;
  readOnly?: boolean;
  /** 1-based index, within a batch, of the operation that fails with `failMessage`. */
  failAt?: number;
  failMessage?: string;
  /** Performs this many operations of a batch, then throws (a process killed part-way). */
  throwAfter?: number;
  /** Registered tasks get `bytes` (UTF-16LE with BOM), as a store folder would. @default true */
  storeBytes?: boolean;
  /** Return every task from readTasks, ignoring the prefix (a careless reader). @default false */
  readIgnoresPrefix?: boolean;
}

export interface RecordedBatch {
  operations: ChangeOperation[];
  options?: ApplyOptions;
}

export class InMemoryBackend implements SchedulerBackend {
  readonly description: string;
  readonly readOnly: boolean;
  readonly lockKey: string;
  readonly tasks = new Map<string, LiveTaskRecord>();
  readonly reads: string[] = [];
  readonly batches: RecordedBatch[] = [];

  constructor(private readonly options: InMemoryBackendOptions = {}) {
    this.description = options.description ?? 'in-memory scheduler';
    this.readOnly = options.readOnly ?? false;
    this.lockKey = options.lockKey ?? 'in-memory';
    for (const record of options.tasks ?? []) this.tasks.set(keyOf(record.taskPath, record.taskName), record);
  }

  async readTasks(prefix: string): Promise<LiveTaskRecord[]> {
    this.reads.push(prefix);
    return [...this.tasks.values()]
      .filter((r) => this.options.readIgnoresPrefix || matchesPrefix(r.taskName, prefix))
      .map((r) => ({ ...r }));
  }

  async applyChanges(operations: ChangeOperation[], options?: ApplyOptions): Promise<ChangeResult[]> {
    this.batches.push({ operations: structuredClone(operations), options: options && structuredClone(options) });
    const results: ChangeResult[] = operations.map((op) => ({ task: fullTaskPath(op.folder, op.name), action: op.action, status: 'not-attempted' }));
    const rejected = operations.findIndex((op) => rejection(op, options) !== undefined);
    if (rejected >= 0) {
      const op = operations[rejected]!;
      results[rejected] = { ...results[rejected]!, error: rejection(op, options) };
      return results;
    }
    for (const [i, op] of operations.entries()) {
      if (this.options.throwAfter !== undefined && i >= this.options.throwAfter) throw new Error('simulated crash');
      const failure = i + 1 === this.options.failAt ? (this.options.failMessage ?? 'access denied') : this.perform(op);
      if (failure !== undefined) {
        results[i] = { ...results[i]!, status: 'failed', error: failure };
        return results;
      }
      results[i] = { ...results[i]!, status: 'done' };
    }
    return results;
  }

  /** Every task, sorted by path: what a test compares before and after. */
  snapshot(): LiveTaskRecord[] {
    return [...this.tasks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
  }

  private perform(op: ChangeOperation): string | undefined {
    const key = keyOf(op.folder, op.name);
    const exists = this.tasks.has(key);
    if (op.action === 'delete') {
      if (!exists) return 'the task does not exist';
      this.tasks.delete(key);
      return undefined;
    }
    if (op.action === 'create' && exists) return 'the task already exists';
    if (op.action === 'update' && !exists) return 'the task does not exist';
    const record: LiveTaskRecord = { taskPath: normalizeFolder(op.folder), taskName: op.name, state: 'Ready', xml: op.xml };
    if (this.options.storeBytes ?? true) record.bytes = encodeTaskFile(op.xml);
    this.tasks.set(key, record);
    return undefined;
  }
}

function rejection(op: ChangeOperation, options: ApplyOptions | undefined): string | undefined {
  if (options?.prefix !== undefined && !matchesPrefix(op.name, options.prefix)) return `outside the prefix '${options.prefix}'`;
  if (op.action === 'delete') return undefined;
  try {
    parseTaskXml(op.xml, fullTaskPath(op.folder, op.name));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function keyOf(folder: string, name: string): string {
  return taskPathKey(fullTaskPath(folder, name));
}
