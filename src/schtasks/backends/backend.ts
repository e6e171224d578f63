/**
 * A scheduler backend: where live tasks are read from and changes are written to.
 * Three implementations: the Windows Task Scheduler through PowerShell
 * (`powershell-backend.ts`), a read-only snapshot (`--live FILE|DIR`,
 * `snapshot-backend.ts`) and a read-write store folder (`--store DIR`, `store-backend.ts`).
 */
import type { LiveTaskRecord } from '../model.js';

/** One task to register (create or replace), rendered and ready. */
export interface RegisterOperation {
  action: 'create' | 'update';
  /** `\` or `\Sub\Folder\`. */
  folder: string;
  name: string;
  /** The task XML as a string (no encoding declaration that contradicts UTF-16 strings). */
  xml: string;
}

interface UnregisterOperation {
  action: 'delete';
  folder: string;
  name: string;
}

export type ChangeOperation = RegisterOperation | UnregisterOperation;

export interface ChangeResult {
  /** Full task path, folder + name. */
  task: string;
  action: ChangeOperation['action'];
  /**
   * `done` = changed; `failed` = tried and failed (nothing after it was tried);
   * `not-attempted` = untouched. A batch succeeded only when every result is `done`:
   * a batch rejected up front (validation) comes back all `not-attempted`, the
   * rejected operations carrying `error`.
   */
  status: 'done' | 'failed' | 'not-attempted';
  /** A readable message when failed or rejected (HRESULT decoded, element named). */
  error?: string;
}

/** Extra inputs of one `applyChanges` batch. */
export interface ApplyOptions {
  /**
   * Passwords for tasks whose principal needs one (logon type `Password` or
   * `InteractiveTokenOrPassword`), keyed by full task path (`\Sub\AGI_X`,
   * compared case-insensitively). Never logged, echoed or stored.
   */
  passwords?: Record<string, string>;
  /**
   * The name prefix the batch is scoped to: an operation on a task outside it is
   * refused before anything changes. Backends that read before (store) fall back
   * to the prefix of their last `readTasks`.
   */
  prefix?: string;
}

export interface SchedulerBackend {
  /** What this target is, for messages and the lock: `Windows Task Scheduler`, `store C:\x`, `snapshot file.json`. */
  readonly description: string;
  /** True for `--live`: plan and list-conflicts only. */
  readonly readOnly: boolean;
  /** An identifier of the target for the per-target apply lock (a folder path, or `windows-task-scheduler`). */
  readonly lockKey: string;
  /**
   * The target's real identity for the apply lock, where one target has several spellings
   * (a store reached through a link, `..`, a trailing separator, another letter case).
   * Absent: `lockKey` is already canonical.
   */
  canonicalLockKey?(): Promise<string>;
  /** Every task whose name starts with `prefix` (case-insensitively), in any folder. One process at most. */
  readTasks(prefix: string): Promise<LiveTaskRecord[]>;
  /**
   * Validates every register operation first (nothing changes if any is rejected),
   * then performs the operations in order, stopping at the first failure.
   * One process at most for the whole batch.
   */
  applyChanges(operations: ChangeOperation[], options?: ApplyOptions): Promise<ChangeResult[]>;
}
