/**
 * Plans and applies across several computers (`--computer`), in phases so that the number of
 * PowerShell processes does not grow with the number of computers: plan every computer from one
 * read; then lock each computer (each its own lock) → read every locked computer again in one
 * process and refuse the ones that drifted → back each one up under `BACKUP-ROOT/<computer>/` →
 * one apply process for every computer's batch → report per computer. What fails on one
 * computer (its lock is held, it drifted, it could not be reached, a change failed) is that
 * computer's error; the others are done.
 */
import type { FileSystem } from '../core/context.js';
import { describeError } from '../core/errors.js';
import type { ProcessIdentity } from '../core/process-identity.js';
import type { DeclaredTask } from '../declaration/compile-tasks.js';
import type { ChangeResult } from '../schtasks/backends/backend.js';
import type { ComputerRead, ComputersScheduler } from '../schtasks/backends/computers-backend.js';
import { type HeldLock, acquireApplyLock } from './apply-lock.js';
import {
  assertUnderPrefix, backupItemsFor, buildOperations, driftSincePlan, dropBackupIfNothingChanged, passwordsFor, reportResults,
} from './apply-plan.js';
import { writeBackup } from './backup.js';
import { computePlan, type Plan } from './plan.js';
import * as path from 'node:path';

/** One computer's plan, or why it has none. */
export type ComputerPlan = { computer: string; plan: Plan; error?: undefined } | { computer: string; error: string; plan?: undefined };

/**
 * The declared tasks that go to `computer`: a task without `computers` goes everywhere; else
 * each entry is a role of the config's `computers` (its computers) or a computer name,
 * compared case-insensitively. A name no computer on the command line has matches nothing.
 */
export function tasksForComputer(config: { tasks: readonly DeclaredTask[]; computers?: Record<string, string[]> }, computer: string): DeclaredTask[] {
  const roles = new Map(Object.entries(config.computers ?? {}).map(([role, names]) => [role.toLowerCase(), names.map((n) => n.toLowerCase())]));
  const name = computer.toLowerCase();
  return config.tasks.filter((task) =>
    task.computers === undefined || task.computers.some((entry) => (roles.get(entry.toLowerCase()) ?? [entry.toLowerCase()]).includes(name)),
  );
}

export interface PlanComputersInput {
  config: { tasks: readonly DeclaredTask[]; computers?: Record<string, string[]> };
  reads: readonly ComputerRead[];
  prefix: string;
  prune: boolean;
  now: Date;
  timeZone?: string;
}

/** Every computer's plan, from one read of them all. */
export function planComputers(input: PlanComputersInput): ComputerPlan[] {
  return input.reads.map((read): ComputerPlan => read.ok
    ? {
        computer: read.computer,
        plan: computePlan({
          declared: tasksForComputer(input.config, read.computer), live: read.tasks, prefix: input.prefix, prune: input.prune,
          now: input.now, ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        }),
      }
    : { computer: read.computer, error: read.error });
}

export interface ApplyComputersOptions {
  /** The plans of the computers to change (each with at least one change, no plan errors). */
  plans: readonly { computer: string; plan: Plan }[];
  scheduler: ComputersScheduler;
  fs: FileSystem;
  /** Backups go to `backupRoot/<computer>/<UTC timestamp>/`. */
  backupRoot: string;
  lockDir: string;
  now: Date;
  /** Per computer (as named), task path → password. */
  passwords?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  onProgress?: (line: string) => void;
  operation?: 'Apply' | 'Restore';
  identity?: ProcessIdentity;
  staleLockAfterMs?: number;
}

export interface ComputerApplyResult {
  computer: string;
  results: ChangeResult[];
  backupDir?: string;
  ok: boolean;
  /** Why nothing was tried on this computer (lock held, drift, unreachable, backup failed). */
  error?: string;
}

/** Applies every computer's plan; one result per plan, in order. */
export async function applyComputers(options: ApplyComputersOptions): Promise<ComputerApplyResult[]> {
  const { scheduler, onProgress = () => {} } = options;
  const outcome = new Map<string, ComputerApplyResult>();
  const fail = (computer: string, error: string) => {
    outcome.set(computer, { computer, results: [], ok: false, error });
    onProgress(`${computer}: not changed: ${error}`);
  };

  // Phase 1: operations, passwords and the lock, per computer.
  const locks: HeldLock[] = [];
  const ready: { computer: string; plan: Plan; operations: ReturnType<typeof buildOperations>; passwords: Record<string, string> }[] = [];
  try {
    for (const { computer, plan } of options.plans) {
      try {
        const operations = buildOperations(plan.changes);
        assertUnderPrefix(operations, plan.prefix);
        const passwords = passwordsFor(plan, options.passwords?.get(computer) ?? {});
        locks.push(await acquireApplyLock({
          fs: options.fs, lockDir: options.lockDir, key: scheduler.lockKey(computer), target: scheduler.describe(computer), now: options.now,
          identity: options.identity, staleAfterMs: options.staleLockAfterMs, onStale: onProgress,
        }));
        ready.push({ computer, plan, operations, passwords });
      } catch (error) {
        fail(computer, describeError(error));
      }
    }

    // Phase 2: one read of every locked computer; a computer that drifted since its plan is left alone.
    const reads = await scheduler.readAll(ready[0]?.plan.prefix ?? '', ready.map((r) => r.computer));
    const batches: (typeof ready[number] & { backupDir?: string })[] = [];
    for (const [i, entry] of ready.entries()) {
      const read = reads[i] as ComputerRead;
      if (!read.ok) {
        fail(entry.computer, read.error);
        continue;
      }
      const { current, drift } = driftSincePlan(entry.plan, read.tasks);
      if (drift.length > 0) {
        fail(entry.computer, `it changed since the plan was made (${drift.join('; ')}). Run plan again.`);
        continue;
      }
      // Phase 3: the backup of what this computer's batch replaces or deletes.
      const items = backupItemsFor(entry.plan, current);
      try {
        const backupDir = items.length === 0 ? undefined : await writeBackup({
          fs: options.fs, root: path.join(options.backupRoot, entry.computer), now: options.now, target: scheduler.describe(entry.computer),
          lockKey: scheduler.lockKey(entry.computer), computer: entry.computer, prefix: entry.plan.prefix, items,
          changes: entry.plan.changes.map(({ action, task }) => ({ action, task })),
        });
        if (backupDir !== undefined) onProgress(`${entry.computer}: saved ${items.length} task(s) to ${backupDir}`);
        batches.push({ ...entry, ...(backupDir !== undefined ? { backupDir } : {}) });
      } catch (error) {
        fail(entry.computer, describeError(error));
      }
    }

    // Phase 4: one process for every computer's batch.
    if (batches.length > 0) {
      const count = batches.reduce((n, b) => n + b.operations.length, 0);
      onProgress(`Applying ${count} change(s) to ${batches.length} computer(s)…`);
      const applied = await scheduler.applyAll(batches.map((b) => ({
        computer: b.computer, operations: b.operations, options: { passwords: b.passwords, prefix: b.plan.prefix },
      })));
      for (const [i, batch] of batches.entries()) {
        const result = applied[i];
        if (result?.results === undefined) {
          const kept = await dropBackupIfNothingChanged(options.fs, batch.backupDir, [], onProgress);
          fail(batch.computer, result?.error ?? 'no result');
          if (kept !== undefined) outcome.set(batch.computer, { ...(outcome.get(batch.computer) as ComputerApplyResult), backupDir: kept });
          continue;
        }
        const kept = await dropBackupIfNothingChanged(options.fs, batch.backupDir, result.results, onProgress);
        const ok = reportResults(result.results, kept, (line) => onProgress(`${batch.computer}: ${line}`), options.operation);
        outcome.set(batch.computer, { computer: batch.computer, results: result.results, ok, ...(kept !== undefined ? { backupDir: kept } : {}) });
      }
    }
  } finally {
    for (const lock of locks) {
      await lock.release().catch((error: unknown) => onProgress(`Could not remove the lock ${lock.path}: ${describeError(error)}. Delete it by hand.`));
    }
  }
  return options.plans.map(({ computer }) => outcome.get(computer) as ComputerApplyResult);
}
