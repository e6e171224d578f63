/**
 * applyPlan: carries out a plan on a backend. In order, under the target's
 * lock: check the target still looks as planned, back up every task to be
 * updated or deleted (no backup, no change), then one `applyChanges` batch.
 * Side effects go only through the `fs` and `backend` passed in.
 */
import { join } from 'node:path';
import type { FileSystem } from '../core/context.js';
import { BackendError, RefusedError, TaskctlError, describeError } from '../core/errors.js';
import type { ProcessIdentity } from '../core/process-identity.js';
import type { ChangeOperation, ChangeResult, SchedulerBackend } from '../schtasks/backends/backend.js';
import { declareEncoding } from '../schtasks/encoding.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { renderTaskXml } from '../schtasks/render-task-xml.js';
import { fullTaskPath, matchesPrefix, normalizeFolder, taskPathKey } from '../schtasks/task-path.js';
import { acquireApplyLock } from './apply-lock.js';
import { type BackupItem, writeBackup } from './backup.js';
import type { Plan, PlanChange } from './plan.js';

export interface ApplyPlanOptions {
  plan: Plan;
  backend: SchedulerBackend;
  fs: FileSystem;
  /** Backups go to `backupRoot/<UTC timestamp>/` (with `computer`: `backupRoot/<computer>/<UTC timestamp>/`). */
  backupRoot: string;
  /** The computer the backend reaches (`--computer`, restore of a computer's backup): recorded in the backup. */
  computer?: string;
  /** Where the per-target lock file is created. */
  lockDir: string;
  /** The clock: backup folder name, manifest time, lock time and staleness. */
  now: Date;
  /** Passwords by full task path (case-insensitive), for tasks whose principal needs one. */
  passwords?: Readonly<Record<string, string>>;
  /** One line per task (what, result), a note when a stale lock is taken over, then a summary. */
  onProgress?: (line: string) => void;
  /** How the summary line names what ran. @default 'Apply' */
  operation?: 'Apply' | 'Restore';
  /** Who takes the lock; defaults to this process on this host. */
  identity?: ProcessIdentity;
  /** @default 6 hours */
  staleLockAfterMs?: number;
  /**
   * Read the target again under the lock and refuse if a task under the prefix appeared,
   * disappeared or changed since the plan (one more `readTasks`). @default true
   */
  recheckTarget?: boolean;
}

export interface ApplyResult {
  /** One per operation, in the order performed. Empty when there was nothing to do. */
  results: ChangeResult[];
  /** The backup folder; undefined when nothing needed saving (no update, no delete). */
  backupDir?: string;
  /** True when every operation is `done`. */
  ok: boolean;
}

/**
 * Applies `plan`. Throws `RefusedError` (plan errors, read-only target, missing password,
 * lock held, target changed since the plan), `TaskctlError` (backup failed: nothing changed)
 * or `BackendError` (the backend itself broke mid-batch); a change that fails returns `ok: false`.
 */
export async function applyPlan(options: ApplyPlanOptions): Promise<ApplyResult> {
  const { plan, backend, onProgress = () => {} } = options;
  if (plan.errors.length > 0) {
    throw new RefusedError(
      `Not applying: ${plan.errors.length} live task(s) could not be read, so changing the target is not safe: ${plan.errors.map((e) => e.task).join(', ')}`,
    );
  }
  if (backend.readOnly) throw new RefusedError(`Not applying: ${backend.description} is read-only.`);
  if (plan.changes.length === 0) return { results: [], ok: true };

  const operations = buildOperations(plan.changes);
  assertUnderPrefix(operations, plan.prefix);
  const passwords = passwordsFor(plan, options.passwords ?? {});

  const lock = await acquireApplyLock({
    fs: options.fs, lockDir: options.lockDir, key: await lockKeyOf(backend), target: backend.description, now: options.now,
    identity: options.identity, staleAfterMs: options.staleLockAfterMs, onStale: onProgress,
  });
  try {
    const current = options.recheckTarget === false ? new Map<string, LiveTaskRecord>() : await checkTargetUnchanged(plan, backend);
    const items = backupItemsFor(plan, current);
    const backupDir = items.length === 0 ? undefined : await writeBackup({
      fs: options.fs, root: options.computer === undefined ? options.backupRoot : join(options.backupRoot, options.computer),
      now: options.now, target: backend.description, lockKey: backend.lockKey, prefix: plan.prefix, items,
      ...(options.computer !== undefined ? { computer: options.computer } : {}),
      changes: plan.changes.map(({ action, task }) => ({ action, task })),
    });
    if (backupDir !== undefined) onProgress(`Saved ${items.length} task(s) to ${backupDir}`);

    assertUnderPrefix(operations, plan.prefix);
    // One write for the whole batch: say so before the wait, the per-task lines follow it.
    onProgress(`Applying ${operations.length} change(s) to ${backend.description}…`);
    const results = await runBatch(backend, operations, { passwords, prefix: plan.prefix }, backupDir);
    const kept = await dropBackupIfNothingChanged(options.fs, backupDir, results, onProgress);
    const ok = reportResults(results, kept, onProgress, options.operation);
    return kept === undefined ? { results, ok } : { results, backupDir: kept, ok };
  } finally {
    await lock.release().catch((error: unknown) =>
      onProgress(`Could not remove the lock ${lock.path}: ${describeError(error)}. Delete it by hand.`),
    );
  }
}

/**
 * A batch that changed nothing (rejected by the target's validation, a read-only folder)
 * leaves no backup behind: a backup folder invites `restore`, and there is nothing to undo.
 */
export async function dropBackupIfNothingChanged(
  fs: FileSystem, backupDir: string | undefined, results: readonly ChangeResult[], onProgress: (line: string) => void,
): Promise<string | undefined> {
  if (backupDir === undefined || results.some((r) => r.status === 'done')) return backupDir;
  await fs.rm(backupDir, { recursive: true, force: true });
  onProgress(`Nothing was changed, so the backup ${backupDir} was removed.`);
  return undefined;
}

/** The key the apply lock is taken on: the target's real identity, whatever its spelling. */
async function lockKeyOf(backend: SchedulerBackend): Promise<string> {
  return (await backend.canonicalLockKey?.()) ?? backend.lockKey;
}

async function runBatch(
  backend: SchedulerBackend, operations: ChangeOperation[], options: { passwords: Record<string, string>; prefix: string }, backupDir: string | undefined,
): Promise<ChangeResult[]> {
  let results: ChangeResult[];
  try {
    results = await backend.applyChanges(operations, options);
  } catch (error) {
    const saved = backupDir === undefined ? '' : ` Every task it was to update or delete is saved in ${backupDir} ('taskctl restore ${backupDir}').`;
    throw new BackendError(`${backend.description} failed part-way, so some changes may have been made: ${describeError(error)}.${saved}`, { cause: error });
  }
  // A backend that returned fewer results than operations did not reach the rest.
  return operations.map((op, i): ChangeResult => results[i] ?? { task: `${op.folder}${op.name}`, action: op.action, status: 'not-attempted' });
}

/** The passwords the batch needs, keyed by declared path; refuses before anything happens when one is missing. */
export function passwordsFor(plan: Plan, given: Readonly<Record<string, string>>): Record<string, string> {
  const byKey = new Map(Object.entries(given).map(([task, password]) => [taskPathKey(task), password]));
  const needed: Record<string, string> = {};
  for (const change of plan.changes) {
    if (change.action === 'delete' || !change.declared.needsPassword) continue;
    const password = byKey.get(taskPathKey(change.task));
    if (password === undefined) {
      throw new RefusedError(`Not applying: ${change.task} runs with a stored password and none was given. Nothing was changed.`);
    }
    needed[change.task] = password;
  }
  return needed;
}

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
    const { folder, name, definition, xml } = change.declared;
    // A task declared as XML is registered as given; a string handed to the scheduler must not claim UTF-8 (pitfall 33).
    return { action: change.action, folder: normalizeFolder(folder), name, xml: xml === undefined ? renderTaskXml(definition) : declareEncoding(xml, 'UTF-16') };
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

/**
 * Reads the target again; returns its tasks under the prefix by path key. Throws `RefusedError`
 * listing every task that appeared, disappeared or changed since the plan was computed.
 */
async function checkTargetUnchanged(plan: Plan, backend: SchedulerBackend): Promise<Map<string, LiveTaskRecord>> {
  const { current, drift } = driftSincePlan(plan, await backend.readTasks(plan.prefix));
  if (drift.length > 0) {
    throw new RefusedError(`Not applying: ${backend.description} changed since the plan was made (${drift.join('; ')}). Run plan again. Nothing was changed.`);
  }
  return current;
}

/** The target's tasks under the prefix by path key, and what appeared, disappeared or changed since the plan (sorted). */
export function driftSincePlan(plan: Plan, records: readonly LiveTaskRecord[]): { current: Map<string, LiveTaskRecord>; drift: string[] } {
  const current = new Map<string, LiveTaskRecord>();
  const paths = new Map<string, string>();
  for (const record of records) {
    if (!matchesPrefix(record.taskName, plan.prefix)) continue;
    const path = fullTaskPath(record.taskPath, record.taskName);
    current.set(taskPathKey(path), record);
    paths.set(taskPathKey(path), path);
  }
  const planned = new Map(Object.entries(plan.liveXmlByPath).map(([path, xml]) => [taskPathKey(path), { path, xml }]));
  const drift: string[] = [];
  for (const [key, record] of current) {
    const before = planned.get(key);
    if (before === undefined) drift.push(`${paths.get(key)} appeared`);
    else if (before.xml !== record.xml) drift.push(`${paths.get(key)} changed`);
  }
  for (const [key, { path }] of planned) {
    if (!current.has(key)) drift.push(`${path} disappeared`);
  }
  return { current, drift: drift.sort() };
}

/** What a backup holds for a plan: every task it updates or deletes, as the target has it now. */
export function backupItemsFor(plan: Plan, current: ReadonlyMap<string, LiveTaskRecord>): BackupItem[] {
  return plan.changes.flatMap((change) =>
    change.action === 'create' ? [] : [{ action: change.action, record: current.get(taskPathKey(change.task)) ?? change.live }],
  );
}

const SYMBOL = { create: '+', update: '~', delete: '-' } as const;
const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

/** Reports `results` through `onProgress`; returns true when every change is done. */
export function reportResults(
  results: readonly ChangeResult[],
  backupDir: string | undefined,
  onProgress: (line: string) => void,
  /** `Apply` or `Restore`, for the summary line. */
  operation: 'Apply' | 'Restore' = 'Apply',
): boolean {
  for (const result of results) {
    const outcome =
      result.status === 'done'
        ? DONE[result.action]
        : result.status === 'failed'
          ? `FAILED: ${result.error ?? 'no reason given'}`
          : `not attempted${result.error ? ` (${result.error})` : ''}`;
    onProgress(`${SYMBOL[result.action]} ${result.task}: ${outcome}`);
  }
  const count = (status: ChangeResult['status'], action?: ChangeResult['action']) =>
    results.filter((r) => r.status === status && (action === undefined || r.action === action)).length;
  const ok = results.every((r) => r.status === 'done');
  if (ok) {
    onProgress(`${operation} complete: ${count('done', 'create')} created, ${count('done', 'update')} updated, ${count('done', 'delete')} deleted.`);
    return true;
  }
  const restore = backupDir === undefined ? '' : ` Saved copies of the tasks it was to replace or delete: ${backupDir} ('taskctl restore ${backupDir}').`;
  onProgress(
    `${operation} stopped: ${count('done')} done, ${count('failed')} failed, ${count('not-attempted')} not attempted.${restore}`,
  );
  return false;
}
