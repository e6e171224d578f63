/**
 * `--store DIR`: a read-write folder laid out like System32\Tasks. Reads like
 * the folder snapshot; writes UTF-16LE with BOM, as Windows writes its Tasks
 * folder, each file atomically (a dot-named temp file renamed over the target).
 * A batch is checked whole before the first write (scope, names, well-formed
 * XML), then performed in order, stopping at the first failure.
 */
import { basename, join } from 'node:path';
import type { FileSystem } from '../../core/context.js';
import type { ApplyOptions, ChangeOperation, ChangeResult, SchedulerBackend } from './backend.js';
import type { LiveTaskRecord } from '../model.js';
import { BackendError } from '../../core/errors.js';
import { encodeTaskFile } from '../encoding.js';
import { operationPath, rejectedBatch } from './operation-checks.js';
import { locateTaskFile } from './store-files.js';
import { storeOperationProblems } from './store-validate.js';
import { readTaskFolder, TEMP_FILE_MARKER } from './task-folder-reader.js';

export interface StoreBackendOptions {
  fs: FileSystem;
  /** The store folder; created on the first write when it does not exist. */
  root: string;
  onWarning?: (message: string) => void;
  /** Names temp files; injected so tests are deterministic. @default process.pid */
  pid?: number;
}

export function createStoreBackend({ fs, root, onWarning, pid = process.pid }: StoreBackendOptions): SchedulerBackend {
  /** The prefix of the last read: the scope of a later batch that does not name one. */
  let lastPrefix: string | undefined;

  async function perform(op: ChangeOperation): Promise<void> {
    const location = await locateTaskFile(fs, root, op.folder, op.name);
    if (op.action === 'delete') {
      if (!location.exists) throw new Error(`there is no file for it in ${location.dir}`);
      await fs.unlink(location.file);
      return;
    }
    await fs.mkdir(location.dir, { recursive: true });
    const temp = join(location.dir, `.${basename(location.file)}${TEMP_FILE_MARKER}${pid}`);
    try {
      await fs.writeFile(temp, encodeTaskFile(op.xml));
      await fs.rename(temp, location.file);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  return {
    description: `store ${root}`,
    readOnly: false,
    lockKey: root,

    async readTasks(prefix: string): Promise<LiveTaskRecord[]> {
      lastPrefix = prefix;
      try {
        const stats = await fs.stat(root);
        if (!stats.isDirectory()) throw new BackendError(`--store ${root} is not a folder.`);
      } catch (error) {
        // A store that does not exist yet is an empty one: apply creates it.
        if ((error as { code?: string }).code === 'ENOENT') return [];
        throw error;
      }
      return readTaskFolder({ fs, root, prefix, ...(onWarning ? { onWarning } : {}) });
    },

    async applyChanges(operations: ChangeOperation[], options: ApplyOptions = {}): Promise<ChangeResult[]> {
      const problems = storeOperationProblems(operations, options.prefix ?? lastPrefix);
      if (problems.some((p) => p !== undefined)) return rejectedBatch(operations, problems, 'refused before anything was written');

      const results: ChangeResult[] = [];
      let failed = false;
      for (const op of operations) {
        const task = operationPath(op);
        if (failed) {
          results.push({ task, action: op.action, status: 'not-attempted' });
          continue;
        }
        try {
          await perform(op);
          results.push({ task, action: op.action, status: 'done' });
        } catch (error) {
          failed = true;
          results.push({ task, action: op.action, status: 'failed', error: `${task}: could not ${op.action === 'delete' ? 'delete' : 'write'} it in ${root}: ${(error as Error).message}` });
        }
      }
      return results;
    },
  };
}
