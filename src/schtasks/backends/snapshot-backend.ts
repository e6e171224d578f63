/**
 * `--live PATH`: a read-only snapshot of live tasks, either a JSON file
 * (`live-snapshot-json.ts`) or a folder laid out like System32\Tasks
 * (`task-folder-reader.ts`). Which one is decided when it is read.
 */
import type { FileSystem } from '../../core/context.js';
import type { ChangeResult, SchedulerBackend } from './backend.js';
import type { LiveTaskRecord } from '../model.js';
import { BackendError, RefusedError } from '../../core/errors.js';
import { readLiveSnapshotFile } from './live-snapshot-json.js';
import { readTaskFolder } from './task-folder-reader.js';

export interface SnapshotBackendOptions {
  fs: FileSystem;
  /** A JSON file or a folder. */
  path: string;
  onWarning?: (message: string) => void;
}

export function createSnapshotBackend({ fs, path, onWarning }: SnapshotBackendOptions): SchedulerBackend {
  return {
    description: `snapshot ${path}`,
    readOnly: true,
    lockKey: `snapshot:${path}`,

    async readTasks(prefix: string): Promise<LiveTaskRecord[]> {
      let isDirectory: boolean;
      try {
        isDirectory = (await fs.stat(path)).isDirectory();
      } catch (error) {
        throw new BackendError(`--live ${path} can't be read: ${(error as Error).message}`, { cause: error });
      }
      if (isDirectory) return readTaskFolder({ fs, root: path, prefix, ...(onWarning ? { onWarning } : {}) });
      return readLiveSnapshotFile(fs, path, prefix);
    },

    async applyChanges(): Promise<ChangeResult[]> {
      throw new RefusedError(
        `${path} is a read-only snapshot (--live): it can be planned against, never changed. ` +
          'To apply, use --store DIR (a task folder taskctl writes) or run on Windows without --live.',
      );
    },
  };
}
