/**
 * restoreBackup: registers again every task saved in a backup folder apply
 * wrote — created if it is gone, replaced if it exists — in one batch, under
 * the same per-target lock as apply.
 */
import type { FileSystem } from '../core/context.js';
import { BackendError, RefusedError, describeError } from '../core/errors.js';
import type { ChangeOperation, ChangeResult, SchedulerBackend } from '../schtasks/backends/backend.js';
import { declareEncoding } from '../schtasks/encoding.js';
import { fullTaskPath, matchesPrefix, taskPathKey } from '../schtasks/task-path.js';
import { acquireApplyLock } from './apply-lock.js';
import { lockKeyOf } from './apply-plan.js';

import { type BackupContents, type BackupItem, readBackup, writeBackup } from './backup.js';
export { readBackup, type BackupContents, type SavedTask } from './backup.js';
import { assertUnderPrefix } from './apply-plan.js';
import type { ProcessIdentity } from '../core/process-identity.js';
import { reportResults } from './apply-plan.js';

export interface RestoreBackupOptions {
  /** A folder `BACKUP-ROOT/<timestamp>` written by apply (it holds `manifest.json`); or pass `backup`. */
  backupDir?: string;
  /** The folder already read with `readBackup` (e.g. to show it and ask first). */
  backup?: BackupContents;
  backend: SchedulerBackend;
  fs: FileSystem;
  lockDir: string;
  now: Date;
  /**
   * The prefix the caller works under. A saved task must be under it, or under the prefix
   * the manifest says it was backed up under; anything else refuses the whole restore.
   */
  prefix?: string;
  /** When given, tasks restore is about to replace are saved here first, as apply does. */
  backupRoot?: string;
  onProgress?: (line: string) => void;
  identity?: ProcessIdentity;
  staleLockAfterMs?: number;
}

export interface RestoreResult {
  results: ChangeResult[];
  /** True when every saved task was registered again. */
  ok: boolean;
  /** Manifest entries whose file was removed from the folder, so not restored. */
  skipped: string[];
  /** Where the tasks restore replaced were saved (only with `backupRoot` and something replaced). */
  backupDir?: string;
}

/** Restores a backup. Throws `RefusedError` for a folder apply did not write or that reaches outside the prefix. */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const { backend, onProgress = () => {} } = options;
  if (backend.readOnly) throw new RefusedError(`Not restoring: ${backend.description} is read-only.`);
  const backup = options.backup ?? (options.backupDir !== undefined ? await readBackup({ fs: options.fs, backupDir: options.backupDir }) : undefined);
  if (!backup) throw new TypeError('restoreBackup needs backupDir or backup');
  const { manifest, tasks, missing } = backup;
  for (const task of missing) onProgress(`${task}: its file was removed from the backup, not restored`);

  const outside = tasks.filter((t) => !inScope(t.name, manifest.prefix) && !inScope(t.name, options.prefix));
  if (outside.length > 0) {
    throw new RefusedError(
      `Not restoring from ${backup.dir}: ${outside.map((t) => t.path).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the prefix '${options.prefix ?? manifest.prefix}'. Nothing was changed.`,
    );
  }
  if (tasks.length === 0) return { results: [], ok: true, skipped: missing };
  // One prefix scopes the whole batch: the manifest's when it covers every task (it always does for apply's backups).
  const prefix = tasks.every((t) => inScope(t.name, manifest.prefix)) ? manifest.prefix : (options.prefix ?? manifest.prefix);

  const lock = await acquireApplyLock({
    fs: options.fs, lockDir: options.lockDir, key: await lockKeyOf(backend), target: backend.description, now: options.now,
    identity: options.identity, staleAfterMs: options.staleLockAfterMs, onStale: onProgress,
  });
  try {
    const live = new Map((await backend.readTasks(prefix)).map((r) => [taskPathKey(fullTaskPath(r.taskPath, r.taskName)), r]));
    const operations: ChangeOperation[] = tasks.map((t) => ({
      action: live.has(taskPathKey(t.path)) ? 'update' : 'create',
      folder: t.folder,
      name: t.name,
      // A string handed to the scheduler must not claim UTF-8 (pitfall 33); the file's own bytes may.
      xml: declareEncoding(t.xml, 'UTF-16'),
    }));
    const replaced: BackupItem[] = tasks.flatMap((t) => {
      const record = live.get(taskPathKey(t.path));
      return record ? [{ action: 'update' as const, record }] : [];
    });
    const backupDir = options.backupRoot === undefined || replaced.length === 0 ? undefined : await writeBackup({
      fs: options.fs, root: options.backupRoot, now: options.now, target: backend.description, lockKey: backend.lockKey,
      prefix, items: replaced, changes: operations.map((op) => ({ action: op.action, task: fullTaskPath(op.folder, op.name) })),
    });
    if (backupDir !== undefined) onProgress(`Saved the ${replaced.length} task(s) being replaced to ${backupDir}`);

    assertUnderPrefix(operations, prefix);
    let results: ChangeResult[];
    try {
      results = await backend.applyChanges(operations, { prefix });
    } catch (error) {
      throw new BackendError(`${backend.description} failed part-way through the restore: ${describeError(error)}. Run the restore again.`, { cause: error });
    }
    results = operations.map((op, i) => results[i] ?? { task: fullTaskPath(op.folder, op.name), action: op.action, status: 'not-attempted' });
    const ok = reportResults(results, backupDir, onProgress, 'Restore');
    return backupDir === undefined ? { results, ok, skipped: missing } : { results, ok, skipped: missing, backupDir };
  } finally {
    await lock.release().catch((error: unknown) =>
      onProgress(`Could not remove the lock ${lock.path}: ${describeError(error)}. Delete it by hand.`),
    );
  }
}

function inScope(name: string, prefix: string | undefined): boolean {
  return prefix !== undefined && prefix.trim() !== '' && matchesPrefix(name, prefix);
}
