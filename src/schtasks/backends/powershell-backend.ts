/**
 * The live Windows Task Scheduler, through PowerShell. One process reads every
 * task under the prefix (templates/read-tasks.ps1); one process validates and
 * applies a whole batch (templates/apply-tasks.ps1). Requests travel as one JSON
 * document on stdin, never in arguments or script text; results come back as one
 * JSON document between sentinel lines (see powershell-output.ts).
 *
 * With `simulator`, the same scripts run against the simulated Task Scheduler of
 * templates/simulator (TASKCTL_SCHEDULER_SIMULATOR), on any system.
 */
import { join } from 'node:path';
import type { ApplyOptions, ChangeOperation, ChangeResult, SchedulerBackend } from './backend.js';
import type { LiveTaskRecord } from '../model.js';
import type { ProcessResult, ProcessRunner } from '../../core/process-runner.js';
import { BackendError } from '../../core/errors.js';
import { buildApplyPayload, LOGON_TYPE_NUMBERS, type ApplyPayload } from './apply-payload.js';
import { decodeSchedulerError, normalizeHresult } from './hresult.js';
import { parseLiveRecords } from './live-records.js';
import { operationPath, operationProblems, rejectedBatch } from './operation-checks.js';
import { readScriptDocument, unwrapPowerShellArray, type ScriptDocument } from './powershell-output.js';
import { APPLY_SCRIPT, powerShellArgs, READ_SCRIPT, type PowerShellCommand } from './powershell-locate.js';
import { excerpt, isCommandNotFound, powerShellNotFoundError } from './scheduler-errors.js';
import { normalizeFolder, taskPathKey } from '../task-path.js';


export interface PowerShellBackendOptions {
  runner: ProcessRunner;
  /** The PowerShell to start (see `locatePowerShell`). @default 'powershell.exe' */
  powershell?: PowerShellCommand;
  /** Absolute path of the package's `templates/` folder (see `resolveTemplatesDir`). */
  templatesDir: string;
  /** Told about things worth a warning that don't stop the read (folders the user may not list). */
  onWarning?: (message: string) => void;
  /** Kill a script after this long. @default 300000 */
  timeoutMs?: number;
  /** The simulated Task Scheduler's folder (TASKCTL_SCHEDULER_SIMULATOR) instead of the real one. */
  simulator?: string;
  /** The computer whose Task Scheduler is used (its own remote connection). @default this computer */
  computer?: string;
}

/** Runs one template with one request; the PowerShell and the simulator come from `options`. */
export function templateRunner(options: PowerShellBackendOptions): (script: string, request: Record<string, unknown>) => Promise<ProcessResult> {
  const command = options.powershell ?? 'powershell.exe';
  const { simulator } = options;
  return async (script, request) => {
    const scriptPath = join(options.templatesDir, script);
    try {
      return await options.runner.run({
        command,
        args: powerShellArgs(scriptPath),
        input: JSON.stringify(request),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(simulator !== undefined ? { env: { TASKCTL_SCHEDULER_SIMULATOR: simulator } } : {}),
      });
    } catch (error) {
      if (isCommandNotFound(error)) throw powerShellNotFoundError(command, error);
      if (error instanceof BackendError) throw error;
      throw new BackendError(`could not run ${command} ${script}: ${(error as Error).message}`, { cause: error });
    }
  };
}

/** The target's name in messages, and its lock key before the computer (see `createComputersScheduler`). */
export function schedulerIdentity(simulator: string | undefined): { description: string; lockKey: string } {
  return simulator === undefined
    ? { description: 'the Windows Task Scheduler', lockKey: 'windows-task-scheduler' }
    : { description: `the simulated Task Scheduler in ${simulator}`, lockKey: `simulated-task-scheduler:${simulator}` };
}

export function createPowerShellBackend(options: PowerShellBackendOptions): SchedulerBackend {
  const { computer } = options;
  const run = templateRunner(options);
  const identity = schedulerIdentity(options.simulator);
  /** Folders the last read could not list (their tasks or their sub-folders). */
  let unreadable: string[] | undefined;
  const withComputer = (request: Record<string, unknown>) => (computer === undefined ? request : { ...request, computer });

  return {
    description: computer === undefined ? identity.description : identity.description.replace('Task Scheduler', `Task Scheduler of ${computer}`),
    readOnly: false,
    lockKey: `${identity.lockKey}${computer === undefined ? '' : `:${computer}`}`,

    async readTasks(prefix: string): Promise<LiveTaskRecord[]> {
      const document = readScriptDocument(READ_SCRIPT, await run(READ_SCRIPT, withComputer({ prefix })));
      const read = readComputerResult(document, prefix, options.onWarning);
      unreadable = read.unreadable;
      return read.tasks;
    },

    async applyChanges(operations: ChangeOperation[], applyOptions: ApplyOptions = {}): Promise<ChangeResult[]> {
      if (operations.length === 0) return [];
      const checked = checkBatch(operations, applyOptions, unreadable ?? []);
      if ('rejected' in checked) return checked.rejected;
      const result = await run(APPLY_SCRIPT, withComputer(checked.payload as unknown as Record<string, unknown>));
      const document = readScriptDocument(APPLY_SCRIPT, result, { resultsKey: 'results' });
      const results = toChangeResults(operations, checked.payload, document);
      warnOfBatchLogon(results, checked.payload, options.onWarning);
      return results;
    },
  };
}

/** One computer's read (`{ tasks, warnings, unreadable }`), checked; warnings reported. */
export function readComputerResult(
  document: Record<string, unknown>, prefix: string, onWarning: ((message: string) => void) | undefined, computer?: string,
): { tasks: LiveTaskRecord[]; unreadable: string[] } {
  reportWarnings(stringList(unwrapPowerShellArray(document.warnings)), onWarning, computer);
  const unreadable = stringList(unwrapPowerShellArray(document.unreadable));
  if (!('tasks' in document)) throw new BackendError(`${READ_SCRIPT} printed a result without "tasks": ${excerpt(JSON.stringify(document))}`);
  // ConvertTo-Json may print null for an empty list and one object for a list of one.
  const tasks = document.tasks === null ? [] : unwrapPowerShellArray(document.tasks);
  return { tasks: parseLiveRecords(tasks, prefix, `${READ_SCRIPT} output${computer === undefined ? '' : ` for ${computer}`}`), unreadable };
}

/**
 * What is checked before a batch goes to PowerShell: operations under the prefix, no change in
 * (or below) a folder the read could not list, a password for every principal that needs one.
 * Either the batch's results, all refused, or the payload to send.
 */
export function checkBatch(
  operations: ChangeOperation[], applyOptions: ApplyOptions, unreadable: readonly string[],
): { rejected: ChangeResult[] } | { payload: ApplyPayload } {
  const problems = operationProblems(operations, applyOptions.prefix);
  if (problems.some((p) => p !== undefined)) return { rejected: rejectedBatch(operations, problems, 'refused before anything changed') };
  // A change in a folder the read could not list (or below one) rests on a plan that may
  // not see a task there: refuse the batch. Unreadable folders elsewhere were warned about.
  const blind = operations.map((op) => unreadableAbove(op.folder, unreadable));
  if (blind.some((folder) => folder !== undefined)) {
    return { rejected: rejectedBatch(operations, blind.map((folder) => folder === undefined ? undefined :
      `Task Scheduler did not let taskctl list the folder ${folder}, so a task under the prefix there may be missing from the plan ` +
      '(a create could meet it, a deletion could miss it). Run taskctl from an elevated prompt (Run as administrator), then plan again.',
    ), 'refused before anything changed') };
  }

  const { payload, missingPasswords } = buildApplyPayload(operations, applyOptions.passwords);
  if (missingPasswords.length > 0) {
    const missing = new Map(missingPasswords.map((m) => [m.task, m]));
    const why = payload.operations.map((op) => {
      const m = missing.get(op.path);
      if (!m) return undefined;
      return m.userId
        ? `its principal ${m.userId} logs on with a stored password and no password was given for it`
        : 'its logon type needs a password but its principal names no UserId';
    });
    return { rejected: rejectedBatch(operations, why, 'refused before anything changed') };
  }
  return { payload };
}

/** The unreadable folder that `folder` is, or lies in; undefined when there is none. */
function unreadableAbove(folder: string, unreadable: readonly string[]): string | undefined {
  const target = taskPathKey(normalizeFolder(folder));
  return unreadable.find((candidate) => target.startsWith(taskPathKey(normalizeFolder(candidate))));
}

const BATCH_LOGON_TYPES = new Set<number>([LOGON_TYPE_NUMBERS.Password, LOGON_TYPE_NUMBERS.S4U, LOGON_TYPE_NUMBERS.InteractiveTokenOrPassword]);

/**
 * RegisterTask's success codes never reach a script: COM through IDispatch turns any
 * S_ code into plain success. The one taskctl can foresee is 0x0004131C: a task that logs
 * on as a batch job (stored password or S4U) whose account lacks that right is registered
 * but never starts. Said once per such task registered.
 */
export function warnOfBatchLogon(results: ChangeResult[], payload: ApplyPayload, onWarning: ((message: string) => void) | undefined): void {
  if (!onWarning) return;
  results.forEach((result, i) => {
    const operation = payload.operations[i];
    if (result.status !== 'done' || operation?.logonType === undefined || !BATCH_LOGON_TYPES.has(operation.logonType)) return;
    onWarning(
      `Task Scheduler: ${result.task} is registered to log on as a batch job; if its account lacks "Log on as a batch job" (SeBatchLogonRight), ` +
        'Windows keeps it but it never starts (SCHED_S_BATCH_LOGON_PROBLEM 0x0004131C, a success code PowerShell does not show). ' +
        'Grant the right in secpol.msc > Local Policies > User Rights Assignment.',
    );
  });
}

const STATUSES = new Set<ChangeResult['status']>(['done', 'failed', 'not-attempted']);

/** The script's per-operation results, checked, with Task Scheduler's errors decoded against the XML that was sent. */
export function toChangeResults(operations: ChangeOperation[], payload: ApplyPayload, document: ScriptDocument): ChangeResult[] {
  const raw = document.results;
  if (!Array.isArray(raw) || raw.length !== operations.length) {
    throw new BackendError(
      `${APPLY_SCRIPT} reported ${Array.isArray(raw) ? raw.length : 'no'} result(s) for ${operations.length} operation(s); ` +
        'the outcome of the batch is unknown: run `taskctl plan` to see what changed.',
    );
  }
  const rejectedUpFront = document.phase === 'validate';
  return operations.map((op, i): ChangeResult => {
    const entry = (raw[i] ?? {}) as { status?: unknown; error?: unknown };
    const status = STATUSES.has(entry.status as ChangeResult['status']) ? (entry.status as ChangeResult['status']) : undefined;
    if (status === undefined) {
      throw new BackendError(`${APPLY_SCRIPT} reported an unknown status ${JSON.stringify(entry.status)} for ${operationPath(op)}; run \`taskctl plan\` to see what changed.`);
    }
    const result: ChangeResult = { task: operationPath(op), action: op.action, status };
    const error = errorOf(entry.error);
    if (error) {
      const decoded = decodeSchedulerError({ ...error, task: result.task, ...(payload.operations[i]?.xml ? { xml: payload.operations[i]?.xml } : {}) });
      result.error = rejectedUpFront ? `rejected by Task Scheduler's validation, so nothing was changed — ${decoded}` : decoded + raceHint(op, error.hresult);
    } else if (status === 'failed') {
      result.error = `${result.task}: failed without an error message`;
    }
    return result;
  });
}

/** A create or update refused because the task appeared or vanished since the plan (TASK_CREATE / TASK_UPDATE). */
function raceHint(op: ChangeOperation, hresult: string | number | undefined): string {
  const code = normalizeHresult(hresult);
  if (op.action === 'create' && code === '0x800700B7') {
    return '\n  the task appeared after the plan was made: taskctl creates with TASK_CREATE and never overwrites a task it did not plan to update. Run `taskctl plan` again.';
  }
  if (op.action === 'update' && code === '0x80070002') return '\n  the task disappeared after the plan was made. Run `taskctl plan` again.';
  return '';
}

function errorOf(value: unknown): { message: string; hresult?: string | number } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { message: value };
  const record = value as { message?: unknown; hresult?: unknown };
  const hresult = typeof record.hresult === 'string' || typeof record.hresult === 'number' ? record.hresult : undefined;
  return { message: typeof record.message === 'string' ? record.message : JSON.stringify(value), ...(hresult !== undefined ? { hresult } : {}) };
}

const MAX_WARNINGS = 5;

/** A non-administrator may be refused dozens of system folders: a few lines, then a count. */
function reportWarnings(warnings: string[], onWarning: ((message: string) => void) | undefined, computer?: string): void {
  if (!onWarning) return;
  const who = computer === undefined ? 'Task Scheduler' : `Task Scheduler of ${computer}`;
  for (const warning of warnings.slice(0, MAX_WARNINGS)) onWarning(`${who}: ${warning}`);
  if (warnings.length > MAX_WARNINGS) {
    onWarning(`${who}: … and ${warnings.length - MAX_WARNINGS} more folder(s) could not be listed; run elevated to see every folder.`);
  }
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
