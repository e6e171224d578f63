/**
 * Where a task lives in a store folder. Windows compares folder and task names
 * case-insensitively, so an existing folder or file is found whatever its case;
 * a new one is spelled as declared. An existing task file keeps its name
 * (`AGI_X` or `AGI_X.xml`); a new one is `<task name>.xml`.
 */
import { join } from 'node:path';
import type { FileSystem } from '../../core/context.js';
import { BackendError } from '../../core/errors.js';
import { isIgnoredEntry, taskNameOfFile } from './task-folder-reader.js';
import { folderSegments } from '../task-path.js';

export interface TaskFileLocation {
  /** The folder the file is (or will be) in. */
  dir: string;
  /** The task file's path. */
  file: string;
  /** Whether the file exists now. */
  exists: boolean;
}

/** Finds the file of task `name` in task folder `folder` under `root` (nothing is created). */
export async function locateTaskFile(fs: FileSystem, root: string, folder: string, name: string): Promise<TaskFileLocation> {
  let dir = root;
  // The root is the user's own choice and may be a link; nothing inside it may be.
  let dirExists = await isDirectory(fs, root, true);
  for (const segment of folderSegments(folder)) {
    const existing = dirExists ? await findEntry(fs, dir, (entry) => entry.toLowerCase() === segment.toLowerCase()) : undefined;
    dir = join(dir, existing ?? segment);
    if (existing === undefined) dirExists = false;
    else if (!(await isDirectory(fs, dir, false))) throw new BackendError(`${dir} is not a plain folder (a file or a symbolic link); taskctl will not write through it.`);
  }
  if (!dirExists) return { dir, file: join(dir, `${name}.xml`), exists: false };
  const matches = (await fs.readdir(dir)).map(String).filter((entry) => !isIgnoredEntry(entry) && taskNameOfFile(entry).toLowerCase() === name.toLowerCase());
  if (matches.length > 1) throw new BackendError(`${dir} holds the task ${name} twice (${matches.join(', ')}); remove one of them.`);
  const existing = matches[0];
  if (existing === undefined) return { dir, file: join(dir, `${name}.xml`), exists: false };
  const file = join(dir, existing);
  const stats = await fs.lstat(file);
  if (!stats.isFile()) throw new BackendError(`${file} is not a plain file (a folder or a symbolic link); taskctl will not write through it.`);
  return { dir, file, exists: true };
}

async function findEntry(fs: FileSystem, dir: string, test: (entry: string) => boolean): Promise<string | undefined> {
  const entries = (await fs.readdir(dir)).map(String).filter((entry) => !isIgnoredEntry(entry) && test(entry));
  return entries.sort()[0];
}

async function isDirectory(fs: FileSystem, path: string, followLink: boolean): Promise<boolean> {
  try {
    const stats = followLink ? await fs.stat(path) : await fs.lstat(path);
    if (stats.isSymbolicLink()) throw new BackendError(`${path} is a symbolic link; taskctl will not write through it.`);
    if (!stats.isDirectory() && followLink) throw new BackendError(`--store ${path} is not a folder.`);
    return stats.isDirectory();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
}
