/**
 * Several computers' Task Schedulers (`--computer`), each through its own remote connection
 * (ITaskService.Connect(name, user, domain, password), what `schtasks /S` uses), all from one
 * PowerShell process per step: one read-tasks.ps1 reads every computer in turn, one
 * apply-tasks.ps1 carries every computer's batch. So the number of processes a command starts
 * does not grow with the number of computers. A computer that can't be reached or read is an
 * error for that computer only, told with what to check on it (hresult-table's remoteHint).
 */
import type { ApplyOptions, ChangeOperation, ChangeResult, SchedulerBackend } from './backend.js';
import type { LiveTaskRecord } from '../model.js';
import { BackendError } from '../../core/errors.js';
import type { ApplyPayload } from './apply-payload.js';
import { describeComputerFailure } from './hresult.js';
import { readScriptDocument, unwrapPowerShellArray } from './powershell-output.js';
import { APPLY_SCRIPT, READ_SCRIPT } from './powershell-locate.js';
import {
  checkBatch, readComputerResult, schedulerIdentity, templateRunner, toChangeResults, warnOfBatchLogon,
  type PowerShellBackendOptions,
} from './powershell-backend.js';
import { excerpt } from './scheduler-errors.js';

/** `--credential-user DOMAIN\user` and its password: sent on stdin only, never logged. */
interface ComputerCredential {
  user: string;
  domain?: string;
  password: string;
}

/** One computer's read: its tasks under the prefix, or why there are none. */
export type ComputerRead = { computer: string; ok: true; tasks: LiveTaskRecord[] } | { computer: string; ok: false; error: string };

interface ComputerBatch {
  computer: string;
  operations: ChangeOperation[];
  options: ApplyOptions;
}

/** One computer's apply: per-operation results, or the error that kept the batch from starting. */
type ComputerApply = { computer: string; results: ChangeResult[]; error?: undefined } | { computer: string; error: string; results?: undefined };

export interface ComputersScheduler {
  /** `the Windows Task Scheduler of lab-2`, for messages. */
  describe(computer: string): string;
  /** The apply lock's key: the computer's name, case-folded, after the scheduler's own key. */
  lockKey(computer: string): string;
  /** Every computer's tasks under the prefix, in the order given: one process. */
  readAll(prefix: string, computers: readonly string[]): Promise<ComputerRead[]>;
  /** Every computer's batch, validated then applied per computer: one process at most. */
  applyAll(batches: readonly ComputerBatch[]): Promise<ComputerApply[]>;
  /** One computer as a plain backend (restore, import). */
  single(computer: string): SchedulerBackend;
}

export interface ComputersSchedulerOptions extends Omit<PowerShellBackendOptions, 'computer'> {
  credential?: ComputerCredential;
}

/** Names that mean this computer: they share its lock with a run without --computer. */
const THIS_COMPUTER = new Set(['localhost', '.', '127.0.0.1', '::1']);

export function createComputersScheduler(options: ComputersSchedulerOptions): ComputersScheduler {
  const run = templateRunner(options);
  const identity = schedulerIdentity(options.simulator);
  const credential = options.credential === undefined ? {} : {
    credential: {
      user: options.credential.user,
      ...(options.credential.domain ? { domain: options.credential.domain } : {}),
      password: Buffer.from(options.credential.password, 'utf8').toString('base64'),
    },
  };
  /** Folders each computer's last read could not list, by case-folded name. */
  const unreadable = new Map<string, string[]>();

  const scheduler: ComputersScheduler = {
    describe: (computer) => identity.description.replace('Task Scheduler', `Task Scheduler of ${computer}`),
    lockKey: (computer) => {
      const name = computer.toLowerCase();
      return THIS_COMPUTER.has(name) ? identity.lockKey : `${identity.lockKey}:${name}`;
    },

    async readAll(prefix, computers) {
      if (computers.length === 0) return [];
      const document = readScriptDocument(READ_SCRIPT, await run(READ_SCRIPT, { prefix, computers, ...credential }));
      return perComputer(READ_SCRIPT, document.computers, computers).map((entry, i): ComputerRead => {
        const computer = computers[i] as string;
        if (entry.ok !== true) return { computer, ok: false, error: failureOf(computer, entry.error) };
        const read = readComputerResult(entry, prefix, options.onWarning, computer);
        unreadable.set(computer.toLowerCase(), read.unreadable);
        return { computer, ok: true, tasks: read.tasks };
      });
    },

    async applyAll(batches) {
      const outcomes = new Map<ComputerBatch, ComputerApply>();
      const sent: { batch: ComputerBatch; payload: ApplyPayload }[] = [];
      for (const batch of batches) {
        if (batch.operations.length === 0) {
          outcomes.set(batch, { computer: batch.computer, results: [] });
          continue;
        }
        const checked = checkBatch(batch.operations, batch.options, unreadable.get(batch.computer.toLowerCase()) ?? []);
        if ('rejected' in checked) outcomes.set(batch, { computer: batch.computer, results: checked.rejected });
        else sent.push({ batch, payload: checked.payload });
      }
      if (sent.length > 0) {
        const request = { computers: sent.map(({ batch, payload }) => ({ computer: batch.computer, ...payload })), ...credential };
        const document = readScriptDocument(APPLY_SCRIPT, await run(APPLY_SCRIPT, request), { resultsKey: 'computers' });
        perComputer(APPLY_SCRIPT, document.computers, sent.map(({ batch }) => batch.computer)).forEach((entry, i) => {
          const { batch, payload } = sent[i] as (typeof sent)[number];
          if (!('results' in entry)) {
            outcomes.set(batch, { computer: batch.computer, error: failureOf(batch.computer, entry.error) });
            return;
          }
          const results = toChangeResults(batch.operations, payload, { ...entry, ok: entry.ok === true, results: unwrapPowerShellArray(entry.results) });
          warnOfBatchLogon(results, payload, options.onWarning);
          outcomes.set(batch, { computer: batch.computer, results });
        });
      }
      return batches.map((batch) => outcomes.get(batch) as ComputerApply);
    },

    single(computer) {
      return {
        description: scheduler.describe(computer),
        readOnly: false,
        lockKey: scheduler.lockKey(computer),
        async readTasks(prefix) {
          const [read] = await scheduler.readAll(prefix, [computer]);
          if (read?.ok !== true) throw new BackendError(read?.error ?? `${READ_SCRIPT} reported nothing for ${computer}`);
          return read.tasks;
        },
        async applyChanges(operations, applyOptions = {}) {
          const [outcome] = await scheduler.applyAll([{ computer, operations, options: applyOptions }]);
          if (outcome?.results === undefined) throw new BackendError(outcome?.error ?? `${APPLY_SCRIPT} reported nothing for ${computer}`);
          return outcome.results;
        },
      };
    },
  };
  return scheduler;
}

/** The script's per-computer entries, one per computer asked for, in that order. */
function perComputer(script: string, value: unknown, computers: readonly string[]): Record<string, unknown>[] {
  const entries = unwrapPowerShellArray(value);
  const valid = Array.isArray(entries) && entries.length === computers.length &&
    entries.every((entry, i) => typeof entry === 'object' && entry !== null && (entry as { computer?: unknown }).computer === computers[i]);
  if (!valid) {
    throw new BackendError(`${script} did not report one result per computer (${computers.join(', ')}): ${excerpt(JSON.stringify(value) ?? 'nothing')}`);
  }
  return entries as Record<string, unknown>[];
}

function failureOf(computer: string, error: unknown): string {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; hresult?: unknown };
  const hresult = typeof record.hresult === 'string' || typeof record.hresult === 'number' ? record.hresult : undefined;
  return describeComputerFailure(computer, { message: typeof record.message === 'string' ? record.message : 'no message', ...(hresult !== undefined ? { hresult } : {}) });
}
