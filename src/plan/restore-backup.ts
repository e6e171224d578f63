/**
 * Restore: register again the tasks a backup holds, exactly as they were saved, and as safely
 * as apply — because it *is* an apply. The saved tasks become declarations kept whole as XML;
 * the plan against the live target says what restore will change (create what is gone,
 * update what differs, leave alone what already matches, never delete anything); and
 * `applyPlan` carries it out under the target's lock, reading the target again, backing up
 * every task it replaces, and asking for passwords the way apply does.
 */
import type { FileSystem } from '../core/context.js';
import { RefusedError } from '../core/errors.js';
import type { ProcessIdentity } from '../core/process-identity.js';
import type { DeclaredTask } from '../declaration/compile-tasks.js';
import type { SchedulerBackend } from '../schtasks/backends/backend.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { PASSWORD_LOGON_TYPES } from '../schtasks/model.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';
import { matchesPrefix } from '../schtasks/task-path.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import { readBackup, type BackupContents } from './backup.js';
import { computePlan, type Plan } from './plan.js';

export { readBackup, type BackupContents } from './backup.js';

/** The saved tasks as declarations kept whole as XML: registered exactly as saved. */
export function backupDeclarations(backup: BackupContents): DeclaredTask[] {
  return backup.tasks.map((saved) => {
    const definition = parseTaskXml(saved.xml, saved.entry.file).definition;
    const logonType = definition.principal?.logonType;
    return {
      folder: saved.folder, name: saved.name, path: saved.path, definition, xml: saved.xml,
      needsPassword: logonType !== undefined && PASSWORD_LOGON_TYPES.includes(logonType),
    };
  });
}

/**
 * The prefix a restore works under: the one the backup was made under, which every saved
 * task must be in — or the caller's, when it covers them all. A saved task outside both
 * refuses the whole restore: a backup can't be used to reach tasks outside the prefix.
 */
export function restorePrefix(backup: BackupContents, callerPrefix?: string): string {
  const inScope = (name: string, prefix: string | undefined) => prefix !== undefined && prefix.trim() !== '' && matchesPrefix(name, prefix);
  const outside = backup.tasks.filter((t) => !inScope(t.name, backup.manifest.prefix) && !inScope(t.name, callerPrefix));
  if (outside.length > 0) {
    throw new RefusedError(
      `Not restoring from ${backup.dir}: ${outside.map((t) => t.path).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the prefix '${callerPrefix ?? backup.manifest.prefix}'. Nothing was changed.`,
    );
  }
  return backup.tasks.every((t) => inScope(t.name, backup.manifest.prefix)) ? backup.manifest.prefix : (callerPrefix ?? backup.manifest.prefix);
}

/** What restoring `backup` onto the live tasks changes: creates and updates only. */
export function planRestore(backup: BackupContents, live: readonly LiveTaskRecord[], prefix: string, now?: Date): Plan {
  const plan = computePlan({ declared: backupDeclarations(backup), live, prefix, prune: false, ...(now ? { now } : {}) });
  // Live tasks the backup does not hold are none of restore's business.
  return { ...plan, unmanaged: [] };
}

export interface RestoreBackupOptions {
  /** A folder `BACKUP-ROOT/<timestamp>` written by apply; or pass `backup`, already read. */
  backupDir?: string;
  backup?: BackupContents;
  backend: SchedulerBackend;
  fs: FileSystem;
  lockDir: string;
  now: Date;
  /** The prefix the caller works under (see `restorePrefix`). */
  prefix?: string;
  /** Where the live tasks restore replaces are saved first. */
  backupRoot: string;
  passwords?: Readonly<Record<string, string>>;
  onProgress?: (line: string) => void;
  identity?: ProcessIdentity;
  staleLockAfterMs?: number;
}

export interface RestoreResult extends ApplyResult {
  /** Manifest entries whose file is missing (a partial restore): not restored. */
  skipped: string[];
}

/** Reads (when needed), plans and applies a restore in one call. */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const { backend, onProgress = () => {} } = options;
  if (backend.readOnly) throw new RefusedError(`Not restoring: ${backend.description} is read-only.`);
  const backup = options.backup ?? (options.backupDir !== undefined ? await readBackup({ fs: options.fs, backupDir: options.backupDir }) : undefined);
  if (!backup) throw new TypeError('restoreBackup needs backupDir or backup');
  for (const task of backup.missing) onProgress(`${task}: its file was removed from the backup, not restored`);
  const prefix = restorePrefix(backup, options.prefix);
  const plan = planRestore(backup, await backend.readTasks(prefix), prefix, options.now);
  const result = await applyPlan({
    plan, backend, fs: options.fs, backupRoot: options.backupRoot, lockDir: options.lockDir, now: options.now,
    operation: 'Restore', onProgress,
    ...(options.passwords ? { passwords: options.passwords } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.staleLockAfterMs !== undefined ? { staleLockAfterMs: options.staleLockAfterMs } : {}),
  });
  return { ...result, skipped: backup.missing };
}
