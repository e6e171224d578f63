/**
 * Picks the backend for a command: `--live PATH` → read-only snapshot,
 * `--store DIR` → read-write folder, neither → the Windows Task Scheduler
 * through PowerShell on Windows, or on any system the simulated one that
 * `TASKCTL_SCHEDULER_SIMULATOR=DIR` names (the same templates, run against
 * templates/simulator), and nothing elsewhere (the caller then names
 * `--live`/`--store`, or list-conflicts looks at declared tasks only).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSystem } from '../../core/context.js';
import type { ProcessRunner } from '../../core/process-runner.js';
import type { SchedulerBackend } from './backend.js';
import { BackendError, TaskctlError } from '../../core/errors.js';
import { locatePowerShell, READ_SCRIPT } from './powershell-locate.js';

export interface SelectBackendOptions {
  /** `--live PATH`, already resolved against the working directory. */
  live?: string;
  /** `--store DIR`, already resolved against the working directory. */
  store?: string;
  platform: NodeJS.Platform;
  fs: FileSystem;
  runner: ProcessRunner;
  /** Read for `TASKCTL_POWERSHELL` and `SystemRoot`. */
  env: Readonly<Record<string, string | undefined>>;
  /** @default resolveTemplatesDir() */
  templatesDir?: string;
  /** An explicit PowerShell (`powershell.exe`, `pwsh` or a path); wins over TASKCTL_POWERSHELL. */
  powershell?: string;
  /** Told about skipped folders, links and unreadable Task Scheduler folders. */
  onWarning?: (message: string) => void;
  /**
   * `TASKCTL_SCHEDULER_SIMULATOR`, already resolved against the working directory: the
   * folder of the simulated Task Scheduler (one sub-folder per computer, `localhost` this one).
   */
  simulator?: string;
}

/** The variable that switches the Windows backend to the simulated Task Scheduler. */
export const SIMULATOR_VARIABLE = 'TASKCTL_SCHEDULER_SIMULATOR';

/** Each backend's module is loaded only when it is the one chosen (a `--store` plan never reads the PowerShell one's). */
export async function selectBackend(options: SelectBackendOptions): Promise<SchedulerBackend | undefined> {
  const { live, store, fs, onWarning } = options;
  const warn = onWarning ? { onWarning } : {};
  if (live !== undefined && store !== undefined) {
    throw new TaskctlError(`--live and --store can't be used together (--live ${live}, --store ${store}): read a snapshot, or manage a folder.`);
  }
  if (live !== undefined) return (await import('./snapshot-backend.js')).createSnapshotBackend({ fs, path: live, ...warn });
  if (store !== undefined) return (await import('./store-backend.js')).createStoreBackend({ fs, root: store, ...warn });
  const simulator = options.simulator?.trim() ? options.simulator : undefined;
  if (options.platform !== 'win32' && simulator === undefined) return undefined;
  const { createPowerShellBackend } = await import('./powershell-backend.js');
  return createPowerShellBackend({
    runner: options.runner,
    powershell: locatePowerShell({ env: options.env, platform: options.platform, ...(options.powershell ? { requested: options.powershell } : {}) }),
    templatesDir: options.templatesDir ?? resolveTemplatesDir(),
    ...(simulator !== undefined ? { simulator } : {}),
    ...warn,
  });
}

/**
 * The package's `templates/` folder as an absolute path. This module sits at
 * `src/schtasks/backends/` (tests, jiti), `dist/schtasks/backends/` (tsconfig.build.json)
 * or `dist/src/schtasks/backends/` (a build from tsconfig.json); the folder is three or
 * four levels up. The first candidate holding read-tasks.ps1 wins.
 */
export function resolveTemplatesDir(moduleUrl: string = import.meta.url, exists: (path: string) => boolean = existsSync): string {
  const candidates = ['../../../templates/', '../../../../templates/'].map((relative) => fileURLToPath(new URL(relative, moduleUrl)).replace(/[\\/]$/, ''));
  const found = candidates.find((dir) => exists(join(dir, READ_SCRIPT)));
  if (found === undefined) {
    throw new BackendError(`taskctl's PowerShell templates were not found (looked for ${READ_SCRIPT} in ${candidates.join(' and ')}); the installation is incomplete.`);
  }
  return found;
}
