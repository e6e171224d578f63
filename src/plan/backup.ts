/**
 * Backups: apply (and restore) save every task before changing it, and restore reads them
 * back — only ever exactly what was saved.
 *
 * Layout: `ROOT/<UTC timestamp>/<folder>/<name>.xml` plus `manifest.json`, written last, so
 * a folder with a manifest is a complete backup. Every file is created exclusively and read
 * back. "Exactly as it was": a record read from a file (store folder) is saved with its
 * original bytes; PowerShell's Export-ScheduledTask gives text, saved in UTF-16LE with BOM.
 *
 * The manifest names each file's task path and the SHA-256 of its bytes. Reading a backup
 * checks all of it and refuses, naming what is wrong, on: a file the manifest does not list,
 * a listed file that is missing (unless a partial restore is accepted explicitly), bytes
 * that differ from their hash, a symbolic link anywhere in the folder, a file whose place
 * does not match its task, an entry listed twice. So restore either restores exactly what
 * the manifest lists or changes nothing.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { z } from 'zod';
import type { FileSystem } from '../core/context.js';
import { inParallel } from '../core/in-parallel.js';
import { RefusedError, TaskctlError, describeError } from '../core/errors.js';
import { decodeTaskBytes, encodeTaskFile } from '../schtasks/encoding.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { parseTaskBytes } from '../schtasks/parse-task-xml.js';
import { folderSegments, fullTaskPath, normalizeFolder, taskNameProblems, taskPathKey } from '../schtasks/task-path.js';

const BACKUP_MANIFEST_FILE = 'manifest.json';

const backupEntrySchema = z.strictObject({
  /** Full task path, folder + name. */
  task: z.string(),
  folder: z.string(),
  name: z.string(),
  /** What apply (or restore) was about to do to the task. */
  action: z.enum(['update', 'delete']),
  /** Relative to the backup folder, `/`-separated: `AGI_X.xml`, `Sub/AGI_Y.xml`. */
  file: z.string(),
  /**
   * `original-bytes`: the file exactly as the target stored it (store folders).
   * `utf-16le-from-text`: the target gave text (PowerShell's Export-ScheduledTask), saved as UTF-16LE with BOM.
   */
  content: z.enum(['original-bytes', 'utf-16le-from-text']),
  /** SHA-256 of the file's bytes, lower-case hex. Absent only in format 1 (taskctl 0.1). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in lower-case hex').optional(),
});
type BackupEntry = z.infer<typeof backupEntrySchema>;

const backupManifestSchema = z.object({
  tool: z.literal('taskctl'),
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  /** ISO 8601 UTC. */
  createdAt: z.string(),
  /** The backend's description: `Windows Task Scheduler`, `store /x`. */
  target: z.string(),
  lockKey: z.string(),
  /** The computer backed up (`--computer`); absent: this computer, or a store. */
  computer: z.string().optional(),
  /** The prefix apply ran under; every saved task's name starts with it. */
  prefix: z.string(),
  /** Every change of that apply, saved or not (creates have nothing to save). */
  changes: z.array(z.object({ action: z.enum(['create', 'update', 'delete']), task: z.string() })),
  /** The saved tasks. */
  tasks: z.array(backupEntrySchema),
});
type BackupManifest = z.infer<typeof backupManifestSchema>;

// ---- writing ---------------------------------------------------------------------------

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
  /** `--computer`: recorded in the manifest, so restore goes back to it. */
  computer?: string;
  prefix: string;
  items: readonly BackupItem[];
  changes: BackupManifest['changes'];
}

/** `2026-11-25T15-04-05Z`: ISO 8601 UTC with `-` for `:`, which Windows file names can't hold. */
function backupTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** Writes the backup and returns its folder. Throws `TaskctlError` naming the file that failed. */
export async function writeBackup(options: WriteBackupOptions): Promise<string> {
  const { fs } = options;
  const dir = await createBackupFolder(fs, options.root, backupTimestamp(options.now));
  const tasks = await inParallel(options.items, async ({ action, record }): Promise<BackupEntry> => {
    const folder = normalizeFolder(record.taskPath);
    const parts = [...folderSegments(folder), `${record.taskName}.xml`];
    parts.forEach((part) => checkFileNamePart(part, fullTaskPath(folder, record.taskName)));
    const bytes = record.bytes ?? encodeTaskFile(record.xml);
    const file = path.join(dir, ...parts);
    await guarded(file, async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { flag: 'wx' });
      const back = new Uint8Array(await fs.readFile(file));
      if (sha256(back) !== sha256(bytes)) throw new Error('the file read back differs from what was written');
    });
    return {
      task: fullTaskPath(folder, record.taskName), folder, name: record.taskName, action,
      file: parts.join('/'), content: record.bytes ? 'original-bytes' : 'utf-16le-from-text', sha256: sha256(bytes),
    };
  });
  const manifest: BackupManifest = {
    tool: 'taskctl', formatVersion: 2, createdAt: options.now.toISOString(), target: options.target,
    lockKey: options.lockKey, ...(options.computer !== undefined ? { computer: options.computer } : {}),
    prefix: options.prefix, changes: options.changes, tasks,
  };
  const manifestFile = path.join(dir, BACKUP_MANIFEST_FILE);
  await guarded(manifestFile, () => fs.writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' }));
  return dir;
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

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---- reading ---------------------------------------------------------------------------

interface SavedTask {
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
  /** Manifest entries whose file is missing (only with `allowPartial`): not restored. */
  missing: string[];
  /** Said once to the user: format 1 backups carry no hashes, so their contents can't be verified. */
  notes: string[];
}

export interface ReadBackupOptions {
  fs: FileSystem;
  backupDir: string;
  /** Restore what is there when files listed in the manifest are missing (they are reported). @default false */
  allowPartial?: boolean;
}

/** Reads and checks a backup folder. Throws `RefusedError` saying what is wrong, where and why. */
export async function readBackup({ fs, backupDir: dir, allowPartial = false }: ReadBackupOptions): Promise<BackupContents> {
  const refuse = (problems: string[]) =>
    new RefusedError(`Not restoring from ${dir}; nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const manifest = await readManifest(fs, dir);
  const { files, links } = await listFiles(fs, dir);
  const problems = links.map((link) => `${link} is a symbolic link; a backup apply wrote holds none, and restore does not follow links`);

  const byFile = new Map<string, BackupEntry>();
  const byTask = new Set<string>();
  for (const entry of manifest.tasks) {
    const folder = normalizeFolder(entry.folder);
    const expectedFile = [...folderSegments(folder), `${entry.name}.xml`].join('/');
    if (taskNameProblems(entry.name).length > 0) problems.push(`the manifest names the task '${entry.name}', which is not a task name`);
    else if (entry.file !== expectedFile) problems.push(`the manifest puts ${fullTaskPath(folder, entry.name)} in ${entry.file}, but apply saves it as ${expectedFile}`);
    else if (taskPathKey(entry.task) !== taskPathKey(fullTaskPath(folder, entry.name))) problems.push(`the manifest entry for ${entry.file} says task ${entry.task}, but its folder and name say ${fullTaskPath(folder, entry.name)}`);
    if (byFile.has(entry.file)) problems.push(`the manifest lists ${entry.file} twice`);
    if (byTask.has(taskPathKey(entry.task))) problems.push(`the manifest lists the task ${entry.task} twice`);
    byFile.set(entry.file, entry);
    byTask.add(taskPathKey(entry.task));
  }
  for (const file of files) {
    if (file !== BACKUP_MANIFEST_FILE && !byFile.has(file)) problems.push(`${file} is not listed in the manifest, so apply did not write it (restore registers only what apply saved)`);
  }
  const present = new Set(files);
  const missing = manifest.tasks.filter((e) => !present.has(e.file)).map((e) => `${e.task} (${e.file})`);
  if (missing.length > 0 && !allowPartial) {
    problems.push(...missing.map((m) => `${m} is listed in the manifest but its file is missing; pass --partial to restore the others`));
  }
  if (problems.length > 0) throw refuse(problems);

  const tasks: SavedTask[] = [];
  for (const entry of manifest.tasks) {
    if (!present.has(entry.file)) continue;
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, ...entry.file.split('/'))));
    if (entry.sha256 !== undefined && sha256(bytes) !== entry.sha256) {
      problems.push(`${entry.file} is not the file apply saved for ${entry.task}: its SHA-256 is ${sha256(bytes)}, the manifest says ${entry.sha256}`);
      continue;
    }
    try {
      parseTaskBytes(bytes, entry.file);
    } catch (error) {
      problems.push(describeError(error));
      continue;
    }
    const folder = normalizeFolder(entry.folder);
    tasks.push({ entry, path: fullTaskPath(folder, entry.name), folder, name: entry.name, xml: decodeTaskBytes(bytes).text });
  }
  if (problems.length > 0) throw refuse(problems);
  const notes = manifest.formatVersion === 1 ? [`${dir} was written by taskctl 0.1 without file hashes: its files are checked against their names only`] : [];
  return { dir, manifest, tasks, missing, notes };
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

/** Every file under `dir` (`/`-separated, sorted), and every symbolic link found (never followed). */
async function listFiles(fs: FileSystem, dir: string): Promise<{ files: string[]; links: string[] }> {
  const files: string[] = [];
  const links: string[] = [];
  const walk = async (parts: string[]) => {
    for (const entry of await fs.readdir(path.join(dir, ...parts), { withFileTypes: true })) {
      const rel = [...parts, String(entry.name)];
      if (entry.isSymbolicLink()) links.push(rel.join('/'));
      else if (entry.isDirectory()) await walk(rel);
      else files.push(rel.join('/'));
    }
  };
  await walk([]);
  return { files: files.sort(), links: links.sort() };
}
