/**
 * Saves live tasks before apply changes them: `ROOT/<UTC timestamp>/<folder>/<name>.xml`
 * plus `manifest.json`, written last so a folder with a manifest is a complete backup.
 * Every file is created exclusively and read back; any failure throws, and apply
 * then changes nothing.
 *
 * "Exactly as it was": a record read from a file (store folder) is saved with its
 * original bytes. PowerShell's Export-ScheduledTask gives text, not bytes; such a
 * task is saved as that text in UTF-16LE with BOM (the manifest says which).
 */
import * as path from 'node:path';
import type { FileSystem } from '../core/context.js';
import { TaskctlError, describeError } from '../core/errors.js';
import { encodeTaskFile } from '../schtasks/encoding.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { fullTaskPath, normalizeFolder } from '../schtasks/task-path.js';
import { BACKUP_MANIFEST_FILE, type BackupEntry, type BackupManifest } from './backup-manifest.js';

export interface BackupItem {
  action: 'update' | 'delete';
  record: LiveTaskRecord;
}

export interface WriteBackupOptions {
  fs: FileSystem;
  root: string;
  now: Date;
  target: string;
  lockKey: string;
  prefix: string;
  items: readonly BackupItem[];
  changes: BackupManifest['changes'];
}

/** `2026-11-25T15-04-05Z`: ISO 8601 UTC with `-` for `:`, which Windows file names can't hold. */
export function backupTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** Writes the backup and returns its folder. Throws `TaskctlError` naming the file that failed. */
export async function writeBackup(options: WriteBackupOptions): Promise<string> {
  const { fs } = options;
  const dir = await createBackupFolder(fs, options.root, backupTimestamp(options.now));
  const tasks: BackupEntry[] = [];
  for (const { action, record } of options.items) {
    const folder = normalizeFolder(record.taskPath);
    const parts = [...folderParts(folder), `${record.taskName}.xml`];
    parts.forEach((part) => checkFileNamePart(part, fullTaskPath(folder, record.taskName)));
    const bytes = record.bytes ?? encodeTaskFile(record.xml);
    const file = path.join(dir, ...parts);
    await guarded(file, async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { flag: 'wx' });
      const back = new Uint8Array(await fs.readFile(file));
      if (!sameBytes(back, bytes)) throw new Error('the file read back differs from what was written');
    });
    tasks.push({
      task: fullTaskPath(folder, record.taskName),
      folder,
      name: record.taskName,
      action,
      file: parts.join('/'),
      content: record.bytes ? 'original-bytes' : 'utf-16le-from-text',
    });
  }
  const manifest: BackupManifest = {
    tool: 'taskctl',
    formatVersion: 1,
    createdAt: options.now.toISOString(),
    target: options.target,
    lockKey: options.lockKey,
    prefix: options.prefix,
    changes: options.changes,
    tasks,
  };
  const manifestFile = path.join(dir, BACKUP_MANIFEST_FILE);
  await guarded(manifestFile, () => fs.writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' }));
  return dir;
}

/** `\` → [], `\Sub\Deep\` → ['Sub', 'Deep']. */
export function folderParts(folder: string): string[] {
  return normalizeFolder(folder).split('\\').filter((part) => part.length > 0);
}

/** A fresh folder per apply; a second apply within the same second gets `-2`, `-3`… */
async function createBackupFolder(fs: FileSystem, root: string, stamp: string): Promise<string> {
  await guarded(root, () => fs.mkdir(root, { recursive: true }));
  for (let n = 1; n < 1000; n++) {
    const dir = path.join(root, n === 1 ? stamp : `${stamp}-${n}`);
    try {
      await fs.mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw backupError(dir, error);
    }
  }
  throw new TaskctlError(`Can't find a free backup folder name under ${root} for ${stamp}. Nothing was changed.`);
}

/** Task names can't hold these on Windows; a name that does must not escape the backup folder either. */
function checkFileNamePart(part: string, task: string): void {
   
  if (part === '.' || part === '..' || part === '.xml' || /[\\/:*?"<>|\u0000-\u001f]/.test(part)) {
    throw new TaskctlError(`Can't back up ${task}: '${part}' is not a usable file name. Nothing was changed.`);
  }
}

async function guarded<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw backupError(file, error);
  }
}

function backupError(file: string, error: unknown): TaskctlError {
  return new TaskctlError(`Can't write the backup ${file}: ${describeError(error)}. Nothing was changed.`, { cause: error });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
