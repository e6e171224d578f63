/**
 * `--store DIR`: a read-write folder laid out like System32\Tasks, written as Windows
 * writes its Tasks folder (UTF-16LE with BOM). Reads go through the folder reader shared
 * with `--live DIR`.
 *
 * A batch is one journaled transaction, so a kill at any moment leaves the store either
 * as it was or, after the next command, as the batch meant it to be:
 *   1. check the whole batch (scope, names, well-formed task XML) — nothing is written;
 *   2. stage: every new file is written under `DIR/.taskctl-journal/<batch>/staged/`;
 *   3. commit: `journal.json` (the intent: every rename and delete, in order) is written
 *      to a temporary name and renamed into place — the one atomic step;
 *   4. carry out the journal (renames into the task folders, deletes), then remove it.
 * The next command that opens the store finds a journal whose writer is gone: with
 * `journal.json` it is carried out (roll forward, idempotent), without it the staged
 * files are removed (nothing had changed). Temp files older taskctl versions left next
 * to task files are removed too. A batch that fails while being carried out (a folder
 * that can't be written) stops there, says what was done, and drops the rest of its
 * journal: the plan then shows exactly the remaining work.
 *
 * Cost: one listing per task folder per batch, however many tasks it holds.
 *
 * Windows compares folder and task names case-insensitively, so an existing folder or
 * file is found whatever its case; a new one is spelled as declared. An existing task
 * file keeps its name (`AGI_X` or `AGI_X.xml`); a new one is `<task name>.xml`.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileSystem } from '../../core/context.js';
import type { ApplyOptions, ChangeOperation, ChangeResult, SchedulerBackend } from './backend.js';
import type { LiveTaskRecord } from '../model.js';
import { BackendError, describeError } from '../../core/errors.js';
import { inParallel } from '../../core/in-parallel.js';
import { currentProcessIdentity, type ProcessIdentity } from '../../core/process-identity.js';
import { encodeTaskFile } from '../encoding.js';
import { operationPath, operationProblems, rejectedBatch } from './operation-checks.js';
import { isIgnoredEntry, readTaskFolder, taskNameOfFile, TEMP_FILE_MARKER } from './task-folder-reader.js';
import { folderSegments } from '../task-path.js';
import { taskDocumentProblem } from '../parse-task-xml.js';

export interface StoreBackendOptions {
  fs: FileSystem;
  /** The store folder; created on the first write when it does not exist. */
  root: string;
  onWarning?: (message: string) => void;
  /**
   * Who writes journals, and whether a journal's writer still runs (a journal whose writer
   * still runs belongs to an apply in progress). @default this process
   */
  owner?: ProcessIdentity;
}

/** The store's journal folder, a dot-folder the task reader never lists. */
export const JOURNAL_DIR = '.taskctl-journal';
const JOURNAL_FILE = 'journal.json';

interface JournalEntry {
  action: 'create' | 'update' | 'delete';
  /** The task file, relative to the store root, `/`-separated. */
  file: string;
  /** For create/update: the staged file, relative to the batch folder. */
  staged?: string;
}

interface Journal {
  tool: 'taskctl-store-journal';
  version: 1;
  owner: { pid: number; host: string };
  entries: JournalEntry[];
}

export function createStoreBackend({ fs, root, onWarning, owner = currentProcessIdentity() }: StoreBackendOptions): SchedulerBackend {
  const journalRoot = join(root, JOURNAL_DIR);
  /** The prefix of the last read: the scope of a later batch that does not name one. */
  let lastPrefix: string | undefined;
  let batchCount = 0;

  return {
    description: `store ${root}`,
    readOnly: false,
    lockKey: root,
    canonicalLockKey: () => canonicalStorePath(fs, root),

    async readTasks(prefix: string): Promise<LiveTaskRecord[]> {
      lastPrefix = prefix;
      if (!(await storeExists(fs, root))) return []; // a store that does not exist yet is an empty one
      await recover(fs, root, journalRoot, owner, onWarning);
      return readTaskFolder({ fs, root, prefix, ...(onWarning ? { onWarning } : {}) });
    },

    async applyChanges(operations: ChangeOperation[], options: ApplyOptions = {}): Promise<ChangeResult[]> {
      const prefix = options.prefix ?? lastPrefix;
      const general = operationProblems(operations, prefix);
      const problems = operations.map((op, i) => joinProblems(general[i], op.action === 'delete' ? undefined : taskDocumentProblem(op.xml)));
      if (problems.some((p) => p !== undefined)) return rejectedBatch(operations, problems, 'refused before anything was written');
      if (await storeExists(fs, root)) await recover(fs, root, journalRoot, owner, onWarning);

      batchCount += 1;
      const batchDir = join(journalRoot, `${owner.pid}-${batchCount}`);
      let journal: Journal;
      try {
        journal = await stage(fs, root, batchDir, operations, owner);
      } catch (error) {
        await fs.rm(batchDir, { recursive: true, force: true }).catch(() => undefined);
        await removeIfEmpty(fs, journalRoot);
        const failed = error instanceof StagingError ? error.index : -1;
        const reason = `nothing was written to ${root}: ${describeError(error instanceof StagingError ? error.cause : error)}`;
        return operations.map((op, i) => ({
          task: operationPath(op), action: op.action, status: 'not-attempted',
          ...(i === failed || (failed < 0 && i === 0) ? { error: reason } : {}),
        }));
      }
      return carryOut(fs, root, batchDir, journal, operations);
    },
  };
}

/** Staging failed at operation `index`: nothing has changed. */
class StagingError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(describeError(cause));
  }
}

/** Steps 2 and 3: stage every file, then commit the journal. Throws when anything fails (nothing has changed). */
async function stage(fs: FileSystem, root: string, batchDir: string, operations: ChangeOperation[], owner: ProcessIdentity): Promise<Journal> {
  await fs.mkdir(join(batchDir, 'staged'), { recursive: true });
  const locate = folderLocator(fs, root);
  const entries = await inParallel(operations, async (op, i): Promise<JournalEntry> => {
    try {
      const location = await locate(op.folder, op.name);
      const file = toJournalPath(relative(root, location.file));
      if (op.action === 'delete') {
        if (!location.exists) throw new Error(`there is no file for it in ${location.dir}`);
        return { action: 'delete', file };
      }
      const staged = `staged/${i}.xml`;
      await fs.writeFile(join(batchDir, staged), encodeTaskFile(op.xml));
      return { action: op.action, file, staged };
    } catch (error) {
      throw new StagingError(i, error);
    }
  });
  const journal: Journal = { tool: 'taskctl-store-journal', version: 1, owner: { pid: owner.pid, host: owner.host }, entries };
  const pending = join(batchDir, `${JOURNAL_FILE}.pending`);
  await fs.writeFile(pending, JSON.stringify(journal));
  await fs.rename(pending, join(batchDir, JOURNAL_FILE)); // the commit point
  return journal;
}

/** Step 4: every entry in order; a failure stops the batch and drops the rest of the journal. */
async function carryOut(fs: FileSystem, root: string, batchDir: string, journal: Journal, operations: ChangeOperation[]): Promise<ChangeResult[]> {
  const results: ChangeResult[] = [];
  let failed = false;
  for (const [i, entry] of journal.entries.entries()) {
    const op = operations[i]!;
    const task = operationPath(op);
    if (failed) {
      results.push({ task, action: op.action, status: 'not-attempted' });
      continue;
    }
    try {
      await performEntry(fs, root, batchDir, entry);
      results.push({ task, action: op.action, status: 'done' });
    } catch (error) {
      failed = true;
      const verb = op.action === 'delete' ? 'delete' : 'write';
      results.push({ task, action: op.action, status: 'failed', error: `${task}: could not ${verb} ${join(root, ...entry.file.split('/'))}: ${describeError(error)}` });
    }
  }
  await fs.rm(batchDir, { recursive: true, force: true });
  await removeIfEmpty(fs, dirname(batchDir));
  return results;
}

/** One journal entry; safe to repeat (a staged file already moved, a file already deleted). */
async function performEntry(fs: FileSystem, root: string, batchDir: string, entry: JournalEntry): Promise<void> {
  const target = join(root, ...entry.file.split('/'));
  if (entry.action === 'delete') {
    await fs.rm(target, { force: true });
    return;
  }
  const staged = join(batchDir, ...(entry.staged ?? '').split('/'));
  if (!(await exists(fs, staged))) return; // moved before an interruption
  await fs.mkdir(dirname(target), { recursive: true });
  await fs.rename(staged, target);
}

/**
 * Finishes or undoes what an interrupted batch left: a journal of a writer that is gone is
 * carried out (committed) or removed (not committed); orphaned temp files are removed.
 */
async function recover(fs: FileSystem, root: string, journalRoot: string, owner: ProcessIdentity, onWarning?: (message: string) => void): Promise<void> {
  for (const name of await listNames(fs, journalRoot)) {
    const batchDir = join(journalRoot, name);
    const journal = await readJournal(fs, batchDir);
    if (journal === 'unreadable') {
      throw new BackendError(`${join(batchDir, JOURNAL_FILE)} can't be read, so taskctl can't tell how far that apply got. Look at it, then remove ${batchDir}.`);
    }
    if (journal !== undefined && journal.owner.host === owner.host && journal.owner.pid !== owner.pid && owner.isProcessAlive(journal.owner.pid)) {
      onWarning?.(`an apply (process ${journal.owner.pid}) is writing to ${root} right now; what is read may be half-way`);
      continue;
    }
    if (journal === undefined) {
      await fs.rm(batchDir, { recursive: true, force: true });
      onWarning?.(`removed the staged files of an apply to ${root} that was interrupted before it changed anything`);
      continue;
    }
    for (const entry of journal.entries) await performEntry(fs, root, batchDir, entry);
    await fs.rm(batchDir, { recursive: true, force: true });
    onWarning?.(`finished an apply to ${root} that was interrupted part-way (${journal.entries.length} change(s) in its journal)`);
  }
  await removeIfEmpty(fs, journalRoot);
  await removeOrphanTempFiles(fs, root, onWarning);
}

async function readJournal(fs: FileSystem, batchDir: string): Promise<Journal | 'unreadable' | undefined> {
  let text: string;
  try {
    text = String(await fs.readFile(join(batchDir, JOURNAL_FILE), 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    return 'unreadable';
  }
  try {
    const journal = JSON.parse(text) as Journal;
    const valid = journal.tool === 'taskctl-store-journal' && Array.isArray(journal.entries) && journal.entries.every(isSafeEntry);
    return valid ? journal : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** A journal entry may only name files inside the store and inside its batch folder. */
function isSafeEntry(entry: JournalEntry): boolean {
  const inside = (path: string | undefined) => typeof path === 'string' && path !== '' && !path.split('/').some((part) => part === '..' || part === '' || part === '.');
  return ['create', 'update', 'delete'].includes(entry.action) && inside(entry.file) && (entry.action === 'delete' || inside(entry.staged));
}

/** Temp files (`.<file>.taskctl-tmp-<pid>`) that earlier taskctl versions wrote beside task files. */
async function removeOrphanTempFiles(fs: FileSystem, dir: string, onWarning?: (message: string) => void): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const name = String(entry.name);
    const path = join(dir, name);
    if (entry.isDirectory() && name !== JOURNAL_DIR && !name.startsWith('.')) await removeOrphanTempFiles(fs, path, onWarning);
    else if (entry.isFile() && name.includes(TEMP_FILE_MARKER)) {
      await fs.rm(path, { force: true });
      onWarning?.(`removed ${path}, a temp file an interrupted write left behind`);
    }
  }
}

interface TaskFileLocation {
  /** The folder the file is (or will be) in. */
  dir: string;
  /** The task file's path. */
  file: string;
  exists: boolean;
}

/**
 * Finds task files, listing each folder once per batch. The root is the user's own choice
 * and may be a link; nothing inside it may be.
 */
function folderLocator(fs: FileSystem, root: string): (folder: string, name: string) => Promise<TaskFileLocation> {
  // Each folder's entries indexed once by name and by task name, both case-folded as Windows
  // compares them: a lookup per task costs the same in a folder of 10 or of 10,000 tasks.
  const listings = new Map<string, Promise<FolderIndex | undefined>>();
  const plainFolders = new Map<string, Promise<void>>();
  const list = (dir: string) => {
    let listing = listings.get(dir);
    if (!listing) {
      listing = fs.readdir(dir).then(
        (names) => indexFolder(names.map(String).filter((entry) => !isIgnoredEntry(entry))),
        (error: unknown) => {
          if ((error as { code?: string }).code === 'ENOENT') return undefined;
          throw error;
        },
      );
      listings.set(dir, listing);
    }
    return listing;
  };
  const checkPlainFolder = (dir: string) => {
    let checked = plainFolders.get(dir);
    if (!checked) plainFolders.set(dir, (checked = assertPlainFolder(fs, dir)));
    return checked;
  };
  return async (folder, name) => {
    let dir = root;
    for (const segment of folderSegments(folder)) {
      const existing = (await list(dir))?.byName.get(segment.toLowerCase())?.[0];
      dir = join(dir, existing ?? segment);
      if (existing !== undefined) await checkPlainFolder(dir);
    }
    const matches = (await list(dir))?.byTask.get(name.toLowerCase()) ?? [];
    if (matches.length > 1) throw new BackendError(`${dir} holds the task ${name} twice (${matches.join(', ')}); remove one of them.`);
    const existing = matches[0];
    if (existing === undefined) return { dir, file: join(dir, `${name}.xml`), exists: false };
    const file = join(dir, existing);
    if (!(await fs.lstat(file)).isFile()) throw new BackendError(`${file} is not a plain file (a folder or a symbolic link); taskctl will not write through it.`);
    return { dir, file, exists: true };
  };
}

interface FolderIndex {
  /** Entry name, case-folded → the entries of that name (sorted: the first is the one used). */
  byName: Map<string, string[]>;
  /** Task name, case-folded → the files that hold it (`X.xml` and `X` are the same task). */
  byTask: Map<string, string[]>;
}

function indexFolder(entries: readonly string[]): FolderIndex {
  const byName = new Map<string, string[]>();
  const byTask = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, entry: string) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const entry of entries) {
    add(byName, entry.toLowerCase(), entry);
    add(byTask, taskNameOfFile(entry).toLowerCase(), entry);
  }
  for (const list of byName.values()) list.sort();
  return { byName, byTask };
}

async function assertPlainFolder(fs: FileSystem, dir: string): Promise<void> {
  const stats = await fs.lstat(dir);
  if (!stats.isDirectory()) throw new BackendError(`${dir} is not a plain folder (a file or a symbolic link); taskctl will not write through it.`);
}

/**
 * What a store path really is, for the apply lock: symbolic links, `..`, `.` and trailing
 * separators resolved (through the nearest existing ancestor when the store does not exist
 * yet), then case-folded as Windows compares paths. Two spellings of one folder share one lock.
 */
export async function canonicalStorePath(fs: FileSystem, root: string): Promise<string> {
  let existing = resolve(root);
  const rest: string[] = [];
  for (;;) {
    try {
      existing = await fs.realpath(existing);
      break;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) break;
      rest.unshift(existing.slice(parent.length).replace(/^[\\/]/, ''));
      existing = parent;
    }
  }
  return `store:${join(existing, ...rest).toLowerCase()}`;
}

async function storeExists(fs: FileSystem, root: string): Promise<boolean> {
  try {
    if (!(await fs.stat(root)).isDirectory()) throw new BackendError(`--store ${root} is not a folder.`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
}

async function exists(fs: FileSystem, path: string): Promise<boolean> {
  return fs.lstat(path).then(() => true, () => false);
}

async function listNames(fs: FileSystem, dir: string): Promise<string[]> {
  return fs.readdir(dir).then((names) => names.map(String).sort(), () => []);
}

async function removeIfEmpty(fs: FileSystem, dir: string): Promise<void> {
  if ((await listNames(fs, dir)).length === 0) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

function toJournalPath(path: string): string {
  return path.split(sep).join('/');
}

function joinProblems(...problems: (string | undefined)[]): string | undefined {
  const found = problems.filter((p) => p !== undefined);
  return found.length > 0 ? found.join('; ') : undefined;
}
