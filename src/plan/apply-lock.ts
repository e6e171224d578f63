/**
 * One apply per target at a time. The lock is a file created exclusively
 * (`wx`) in a lock folder, named from a hash of the target's lock key, holding
 * who took it. A lock whose holder is gone (dead process on this host, or older
 * than `staleAfterMs`) is reported and taken over; anything else refuses at once.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { FileSystem } from '../core/context.js';
import { RefusedError, TaskctlError, describeError } from '../core/errors.js';
import { type ProcessIdentity, currentProcessIdentity } from '../core/process-identity.js';

/** What the lock file says. */
interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601 UTC. */
  startedAt: string;
  /** The target's description, for the message a second apply prints. */
  target: string;
}

export interface AcquireLockOptions {
  fs: FileSystem;
  lockDir: string;
  /** `SchedulerBackend.lockKey`. */
  key: string;
  /** `SchedulerBackend.description`. */
  target: string;
  now: Date;
  identity?: ProcessIdentity;
  /** A lock older than this is stale whatever its holder. @default 6 hours */
  staleAfterMs?: number;
  /** Told when a stale lock is taken over. */
  onStale?: (message: string) => void;
}

export interface HeldLock {
  path: string;
  holder: LockHolder;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

const DEFAULT_STALE_LOCK_MS = 6 * 3_600_000;

/** `taskctl-apply-<hash>.lock`: keys are paths or names, which make poor (or invalid) file names. */
export function lockFileName(key: string): string {
  // Lower-cased: Windows paths differ in case only by spelling.
  const hash = createHash('sha256').update(key.toLowerCase()).digest('hex').slice(0, 16);
  return `taskctl-apply-${hash}.lock`;
}

/** Takes the target's lock or throws `RefusedError` naming the lock file and its holder. */
export async function acquireApplyLock(options: AcquireLockOptions): Promise<HeldLock> {
  const { fs, lockDir, now } = options;
  const identity = options.identity ?? currentProcessIdentity();
  const file = path.join(lockDir, lockFileName(options.key));
  const holder: LockHolder = { pid: identity.pid, host: identity.host, startedAt: now.toISOString(), target: options.target };
  try {
    await fs.mkdir(lockDir, { recursive: true });
  } catch (error) {
    throw new TaskctlError(`Can't create the lock folder ${lockDir}: ${describeError(error)}`, { cause: error });
  }

  // Two rounds: the second after a stale lock was removed (or vanished on its own).
  for (let round = 0; round < 2; round++) {
    if (await createExclusive(fs, file, `${JSON.stringify(holder, null, 2)}\n`)) {
      return { path: file, holder, release: () => releaseLock(fs, file, holder) };
    }
    const current = await readHolder(fs, file);
    if (current === 'gone') continue;
    const staleBecause = await staleReason(fs, file, current, identity, now, options.staleAfterMs ?? DEFAULT_STALE_LOCK_MS);
    if (staleBecause === undefined) throw heldError(file, current, options.target);
    // Re-read right before removing, so a lock another process just took over is not removed by mistake.
    const again = await readHolder(fs, file);
    if (again !== 'gone' && JSON.stringify(again) !== JSON.stringify(current)) throw heldError(file, again, options.target);
    options.onStale?.(`Taking over a stale apply lock ${file}: ${staleBecause}.`);
    await fs.rm(file, { force: true });
  }
  throw new RefusedError(`Another apply on ${options.target} keeps taking the lock ${file}; try again later.`);
}

async function createExclusive(fs: FileSystem, file: string, content: string): Promise<boolean> {
  try {
    await fs.writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new TaskctlError(`Can't create the lock file ${file}: ${describeError(error)}`, { cause: error });
  }
}

/** The holder, `'unreadable'` for an empty or garbled file (a holder may be writing it), `'gone'` if removed meanwhile. */
async function readHolder(fs: FileSystem, file: string): Promise<LockHolder | 'unreadable' | 'gone'> {
  let text: string;
  try {
    text = String(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    return 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.startedAt === 'string') {
      return { pid: value.pid, host: value.host, startedAt: value.startedAt, target: String(value.target ?? '') };
    }
  } catch {
    // Fall through: garbled.
  }
  return 'unreadable';
}

async function staleReason(
  fs: FileSystem, file: string, holder: LockHolder | 'unreadable', identity: ProcessIdentity, now: Date, staleAfterMs: number,
): Promise<string | undefined> {
  if (holder === 'unreadable') {
    // Judge by the file's age: a holder that is writing it right now has a fresh file.
    const modified = await fs.stat(file).then((s) => s.mtime.getTime(), () => undefined);
    if (modified !== undefined && now.getTime() - modified > staleAfterMs) return `it can't be read and was last written at ${new Date(modified).toISOString()}`;
    return undefined;
  }
  if (holder.host === identity.host && !identity.isProcessAlive(holder.pid)) {
    return `its holder, process ${holder.pid} on ${holder.host}, is no longer running`;
  }
  const started = Date.parse(holder.startedAt);
  if (!Number.isNaN(started) && now.getTime() - started > staleAfterMs) {
    return `it was taken at ${holder.startedAt}, more than ${Math.round(staleAfterMs / 60_000)} minutes ago`;
  }
  return undefined;
}

function heldError(file: string, holder: LockHolder | 'unreadable', target: string): RefusedError {
  const who =
    holder === 'unreadable'
      ? 'a holder that has not finished writing it'
      : `process ${holder.pid} on ${holder.host} since ${holder.startedAt}`;
  return new RefusedError(
    `Another apply is running on ${target}: the lock ${file} is held by ${who}. ` +
      'Wait for it to finish; if no apply is running, delete the lock file.',
  );
}

async function releaseLock(fs: FileSystem, file: string, mine: LockHolder): Promise<void> {
  const current = await readHolder(fs, file);
  // Someone judged ours stale and took over: their lock is not ours to remove.
  if (current === 'gone' || current === 'unreadable' || JSON.stringify(current) !== JSON.stringify(mine)) return;
  await fs.rm(file, { force: true });
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
