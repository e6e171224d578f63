/**
 * Reads a backup folder apply wrote: its manifest and every task file in it,
 * each checked against the manifest, so restore registers only what apply saved.
 */
import * as path from 'node:path';
import type { FileSystem } from '../core/context.js';
import { RefusedError, describeError } from '../core/errors.js';
import { decodeTaskBytes } from '../schtasks/encoding.js';
import { fullTaskPath, normalizeFolder } from '../schtasks/task-path.js';
import { parseTaskBytes } from '../schtasks/xml-parse.js';
import { BACKUP_MANIFEST_FILE, type BackupEntry, type BackupManifest, backupManifestSchema } from './backup-manifest.js';
import { folderParts } from './backup-writer.js';

export interface SavedTask {
  entry: BackupEntry;
  /** Full task path. */
  path: string;
  folder: string;
  name: string;
  /** The saved XML, decoded from the file's bytes (whatever their encoding). */
  xml: string;
}

export interface BackupContents {
  /** The backup folder read. */
  dir: string;
  manifest: BackupManifest;
  tasks: SavedTask[];
  /** Manifest entries whose file is no longer in the folder (someone removed it to restore fewer). */
  missing: string[];
}

/** Reads and checks a backup folder. Throws `RefusedError` saying what is wrong and where. */
export async function readBackup({ fs, backupDir: dir }: { fs: FileSystem; backupDir: string }): Promise<BackupContents> {
  const manifest = await readManifest(fs, dir);
  const files = await listXmlFiles(fs, dir, []);
  const byFile = new Map(manifest.tasks.map((entry) => [entry.file, entry]));
  const unlisted = files.filter((file) => !byFile.has(file));
  if (unlisted.length > 0) {
    throw new RefusedError(`Not restoring from ${dir}: ${unlisted.join(', ')} ${unlisted.length === 1 ? 'is' : 'are'} not in its manifest, so apply did not write ${unlisted.length === 1 ? 'it' : 'them'}. Nothing was changed.`);
  }
  const present = new Set(files);
  const tasks: SavedTask[] = [];
  const problems: string[] = [];
  for (const entry of manifest.tasks) {
    if (!present.has(entry.file)) continue;
    const folder = normalizeFolder(entry.folder);
    if (/[\\/]/.test(entry.name) || entry.name.trim() === '') {
      problems.push(`${entry.file}: the manifest names the task '${entry.name}', which is not a task name`);
      continue;
    }
    // The file's place must say the same as the manifest: a task is restored where it was saved from.
    if ([...folderParts(folder), `${entry.name}.xml`].join('/') !== entry.file) {
      problems.push(`${entry.file}: the manifest says it is ${fullTaskPath(folder, entry.name)}, which would be saved elsewhere`);
      continue;
    }
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, ...entry.file.split('/'))));
    try {
      parseTaskBytes(bytes, entry.file);
    } catch (error) {
      problems.push(`${entry.file}: ${describeError(error)}`);
      continue;
    }
    tasks.push({ entry, path: fullTaskPath(folder, entry.name), folder, name: entry.name, xml: decodeTaskBytes(bytes).text });
  }
  if (problems.length > 0) {
    throw new RefusedError(`Not restoring from ${dir}; nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const missing = manifest.tasks.filter((entry) => !present.has(entry.file)).map((entry) => entry.task);
  return { dir, manifest, tasks, missing };
}

async function readManifest(fs: FileSystem, dir: string): Promise<BackupManifest> {
  const file = path.join(dir, BACKUP_MANIFEST_FILE);
  let text: string;
  try {
    text = String(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new RefusedError(`Not restoring from ${dir}: it has no readable ${BACKUP_MANIFEST_FILE} (${describeError(error)}), so it is not a backup taskctl apply wrote.`);
  }
  let parsed: ReturnType<typeof backupManifestSchema.safeParse>;
  try {
    parsed = backupManifestSchema.safeParse(JSON.parse(text));
  } catch (error) {
    throw new RefusedError(`Not restoring from ${dir}: ${file} is not JSON (${describeError(error)}).`);
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new RefusedError(`Not restoring from ${dir}: ${file} is not a taskctl backup manifest (${issues}).`);
  }
  return parsed.data;
}

/** Every `.xml` under `dir`, as `/`-separated paths relative to it, sorted. */
async function listXmlFiles(fs: FileSystem, dir: string, parts: string[]): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, ...parts), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    const name = String(entry.name);
    if (entry.isDirectory()) found.push(...(await listXmlFiles(fs, dir, [...parts, name])));
    else if (name.toLowerCase().endsWith('.xml')) found.push([...parts, name].join('/'));
  }
  return found.sort();
}
