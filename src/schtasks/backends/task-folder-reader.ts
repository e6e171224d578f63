/**
 * Reads a folder laid out like Windows' `System32\Tasks`: a sub-folder is a task
 * folder, a file is a task. Used by `--live DIR` and `--store DIR`.
 *
 * File names: Windows' own Tasks folder has no extensions, exports and taskctl's
 * own files end in `.xml`. Rule: one trailing `.xml` (any case) is not part of the
 * task name, so `AGI_X` and `AGI_X.xml` both hold task `AGI_X` (both at once is an
 * error). The store keeps an existing file's name when it rewrites it and names
 * new files `<task name>.xml`.
 *
 * Hostile data: dot-files (the store's temp files among them) are ignored; symbolic
 * links are never followed; a task file over the size limit is reported by name (and left
 * alone) while every other task is still read: one oversized file never wedges a store.
 * Only files whose task name starts with the prefix are opened at all.
 */
import { join } from 'node:path';
import type { FileSystem } from '../../core/context.js';
import { LIMITS, type LiveTaskRecord } from '../model.js';
import { BackendError } from '../../core/errors.js';
import { inParallel } from '../../core/in-parallel.js';
import { decodeTaskBytes } from '../encoding.js';
import { assertUniqueTasks, formatSize, sortRecords } from './live-records.js';
import { matchesPrefix, taskPathKey } from '../task-path.js';
import { taskNameProblems } from '../task-path.js';

/** The largest task file read, in bytes: the one XML size limit, in UTF-16LE with its BOM. */
const MAX_TASK_FILE_BYTES = LIMITS.taskXmlChars * 2 + 2;

/** Marks the store writer's temp files: `.<file name>.taskctl-tmp-<pid>`. */
export const TEMP_FILE_MARKER = '.taskctl-tmp-';

/** A task file found under the root. */
interface TaskFileEntry {
  /** `\` or `\Sub\`, spelled as on disk. */
  taskPath: string;
  taskName: string;
  /** The file's path. */
  file: string;
  /** Its size, when over the limit: the file is not read. */
  oversize?: number;
}

export interface FolderReadOptions {
  fs: FileSystem;
  root: string;
  prefix: string;
  /** Told about what was skipped (links, folders Windows could not hold). */
  onWarning?: (message: string) => void;
}

/** The task name a file holds: the file name without one trailing `.xml`. */
export function taskNameOfFile(fileName: string): string {
  return fileName.replace(/\.xml$/i, '');
}

/** Entries that are never tasks: dot-files, which include the store's temp files. */
export function isIgnoredEntry(name: string): boolean {
  return name.startsWith('.') || name.includes(TEMP_FILE_MARKER);
}

/** Every task file under the prefix, without opening any. */
async function scanTaskFolder(options: FolderReadOptions): Promise<TaskFileEntry[]> {
  const found: TaskFileEntry[] = [];
  await scan(options, options.root, '\\', found);
  const byKey = new Map<string, TaskFileEntry>();
  for (const entry of found) {
    const key = taskPathKey(entry.taskPath + entry.taskName);
    const other = byKey.get(key);
    if (other) {
      throw new BackendError(
        `${options.root}: two files hold the task ${entry.taskPath}${entry.taskName}: ${other.file} and ${entry.file} ` +
          '(task names ignore a trailing .xml and letter case); remove one of them.',
      );
    }
    byKey.set(key, entry);
  }
  return found;
}

async function scan(options: FolderReadOptions, dir: string, taskPath: string, found: TaskFileEntry[]): Promise<void> {
  const { fs, prefix } = options;
  const names = (await fs.readdir(dir)).map(String).sort();
  for (const name of names) {
    if (isIgnoredEntry(name)) continue;
    const path = join(dir, name);
    const stats = await fs.lstat(path);
    const taskName = taskNameOfFile(name);
    if (stats.isSymbolicLink()) {
      if (matchesPrefix(taskName, prefix)) {
        throw new BackendError(`${path} is a symbolic link; taskctl does not follow links (they can lead out of ${options.root}). Replace it with the task file itself.`);
      }
      options.onWarning?.(`skipped symbolic link ${path}: taskctl does not follow links`);
    } else if (stats.isDirectory()) {
      const problems = taskNameProblems(name, 'a folder name');
      if (problems.length > 0) options.onWarning?.(`skipped folder ${path}: ${problems.join('; ')}`);
      else await scan(options, path, `${taskPath}${name}\\`, found);
    } else if (stats.isFile() && matchesPrefix(taskName, prefix)) {
      const problems = taskNameProblems(taskName);
      if (problems.length > 0) throw new BackendError(`${path} can't hold a task: ${problems.join('; ')}`);
      found.push({ taskPath, taskName, file: path, ...(stats.size > MAX_TASK_FILE_BYTES ? { oversize: Number(stats.size) } : {}) });
    }
  }
}

/** Every task under the prefix, decoded (the bytes decide the encoding, never the declaration). */
export async function readTaskFolder(options: FolderReadOptions): Promise<LiveTaskRecord[]> {
  const entries = await scanTaskFolder(options);
  const records = await inParallel(entries, async (entry): Promise<LiveTaskRecord> => {
    const tooLarge = (size: number): LiveTaskRecord => ({
      taskPath: entry.taskPath, taskName: entry.taskName, state: 'Unknown', xml: '', source: entry.file,
      unreadable: `${entry.file} is ${formatSize(size)}; taskctl reads and writes task files up to ${formatSize(MAX_TASK_FILE_BYTES)} (a real task is a few KB)`,
    });
    if (entry.oversize !== undefined) return tooLarge(entry.oversize);
    const bytes = new Uint8Array(await options.fs.readFile(entry.file));
    // Checked again after reading: the file may have grown since it was listed.
    const { text } = decodeTaskBytes(bytes);
    if (bytes.length > MAX_TASK_FILE_BYTES || text.length > LIMITS.taskXmlChars) return tooLarge(bytes.length);
    return { taskPath: entry.taskPath, taskName: entry.taskName, state: stateFromXml(text), xml: text, bytes, source: entry.file };
  });
  assertUniqueTasks(records, options.root);
  return sortRecords(records);
}

/** `Disabled` when the task's Settings/Enabled is false, else `Ready`: a folder has no run state. */
export function stateFromXml(xml: string): 'Ready' | 'Disabled' {
  const settings = /<(?:\w+:)?Settings\b[^>]*>([\s\S]*?)<\/(?:\w+:)?Settings>/.exec(xml)?.[1] ?? '';
  // Within Settings, <Enabled> is only Settings' own child (Idle/Network/Maintenance settings have none).
  return /<(?:\w+:)?Enabled>\s*(?:false|0)\s*<\/(?:\w+:)?Enabled>/.test(settings) ? 'Disabled' : 'Ready';
}
