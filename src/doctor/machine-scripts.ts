/**
 * The two PowerShell templates doctor runs, each one process, each taking one JSON document
 * on stdin and printing one between the sentinel lines (powershell-output.ts):
 *
 * - `capture-machine.ps1` `{ prefix, sampleSeconds, historySeconds, eventIds, computer }` →
 *   `{ ok, snapshot }`: processes, CPU samples, memory and Task Scheduler history in one process;
 * - `stop-processes.ps1` `{ computer, processes: [{ ProcessId, CreationDate, CommandLine }] }` →
 *   `{ ok, results: [{ ProcessId, status, message }] }`. Each process travels with its creation
 *   time and command line: the script ends a pid only while it is still that process, so a
 *   number reused since the capture is never ended.
 */
import { join } from 'node:path';
import type { ProcessRunner } from '../core/process-runner.js';
import { BackendError } from '../core/errors.js';
import { powerShellArgs, type PowerShellCommand } from '../schtasks/backends/powershell-locate.js';
import { readScriptDocument, unwrapPowerShellArray } from '../schtasks/backends/powershell-output.js';
import { isCommandNotFound, powerShellNotFoundError } from '../schtasks/backends/scheduler-errors.js';
import { HISTORY_EVENT_IDS } from './history.js';
import type { StopResult, StopStatus, StopTarget } from './stop-plan.js';

export const CAPTURE_SCRIPT = 'capture-machine.ps1';
export const STOP_SCRIPT = 'stop-processes.ps1';

export interface ScriptHost {
  runner: ProcessRunner;
  powershell: PowerShellCommand;
  /** Absolute path of the package's `templates/` folder. */
  templatesDir: string;
  /** Variables the script needs beyond the inherited ones (TASKCTL_SCHEDULER_SIMULATOR). */
  env?: Readonly<Record<string, string>>;
}

export interface CaptureRequest {
  prefix: string;
  sampleSeconds: number;
  historySeconds: number;
  /** A remote computer; absent = this machine. */
  computer?: string;
}

/** Beyond the sample itself: starting PowerShell, reading processes and a day of events. */
const CAPTURE_OVERHEAD_MS = 300_000;

async function runTemplate(host: ScriptHost, script: string, request: unknown, timeoutMs?: number) {
  try {
    return await host.runner.run({
      command: host.powershell,
      args: powerShellArgs(join(host.templatesDir, script)),
      input: JSON.stringify(request),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(host.env !== undefined ? { env: host.env } : {}),
    });
  } catch (error) {
    if (isCommandNotFound(error)) throw powerShellNotFoundError(host.powershell, error);
    if (error instanceof BackendError) throw error;
    throw new BackendError(`could not run ${host.powershell} ${script}: ${(error as Error).message}`, { cause: error });
  }
}

/** The snapshot document the capture printed (checked later by `readSnapshot`, like any snapshot). */
export async function captureMachine(host: ScriptHost, request: CaptureRequest): Promise<Record<string, unknown>> {
  const result = await runTemplate(
    host,
    CAPTURE_SCRIPT,
    { prefix: request.prefix, sampleSeconds: request.sampleSeconds, historySeconds: request.historySeconds, eventIds: HISTORY_EVENT_IDS, computer: request.computer ?? null },
    request.sampleSeconds * 1000 + CAPTURE_OVERHEAD_MS,
  );
  const document = readScriptDocument(CAPTURE_SCRIPT, result);
  const snapshot = document.snapshot;
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
    throw new BackendError(`${CAPTURE_SCRIPT} printed a result without a "snapshot" object.`);
  }
  return snapshot as Record<string, unknown>;
}

const STATUSES: ReadonlySet<StopStatus> = new Set(['ended', 'access-denied', 'gone', 'changed', 'failed']);

/** Ends the targets in order; one result per target, in the same order. */
export async function stopProcesses(host: ScriptHost, targets: readonly StopTarget[], computer?: string): Promise<StopResult[]> {
  if (targets.length === 0) return [];
  const processes = targets.map(({ process }) => ({
    ProcessId: process.pid,
    CreationDate: process.createdMs === undefined ? null : new Date(process.createdMs).toISOString(),
    CommandLine: process.commandLine ?? null,
  }));
  const result = await runTemplate(host, STOP_SCRIPT, { computer: computer ?? null, processes });
  const document = readScriptDocument(STOP_SCRIPT, result, { resultsKey: 'results' });
  const raw = document.results;
  if (!Array.isArray(raw) || raw.length !== targets.length) {
    throw new BackendError(
      `${STOP_SCRIPT} reported ${Array.isArray(raw) ? raw.length : 'no'} result(s) for ${targets.length} process(es); ` +
        'which were ended is unknown: run taskctl doctor again to see what still runs.',
    );
  }
  return targets.map((target, i) => {
    const entry = (raw[i] ?? {}) as { ProcessId?: unknown; status?: unknown; message?: unknown };
    if (entry.ProcessId !== target.process.pid || !STATUSES.has(entry.status as StopStatus)) {
      throw new BackendError(`${STOP_SCRIPT} reported ${JSON.stringify(entry).slice(0, 200)} for pid ${target.process.pid}; run taskctl doctor again to see what still runs.`);
    }
    return {
      pid: target.process.pid,
      status: entry.status as StopStatus,
      ...(typeof entry.message === 'string' && entry.message !== '' ? { message: entry.message } : {}),
    };
  });
}

/** One computer's capture (`--computer`): its snapshot document, or Windows' error. */
export type ComputerCapture =
  | { computer: string; ok: true; snapshot: Record<string, unknown> }
  | { computer: string; ok: false; error: { message: string; hresult?: string | number } };

/** Every computer captured in one process, CPU sampled on all of them in the same seconds. */
export async function captureMachines(host: ScriptHost, request: Omit<CaptureRequest, 'computer'> & { computers: readonly string[] }): Promise<ComputerCapture[]> {
  const result = await runTemplate(
    host,
    CAPTURE_SCRIPT,
    { prefix: request.prefix, sampleSeconds: request.sampleSeconds, historySeconds: request.historySeconds, eventIds: HISTORY_EVENT_IDS, computers: request.computers },
    request.sampleSeconds * 1000 + CAPTURE_OVERHEAD_MS * Math.max(1, Math.ceil(request.computers.length / 10)),
  );
  const entries = unwrapPowerShellArray(readScriptDocument(CAPTURE_SCRIPT, result).computers);
  if (!Array.isArray(entries) || entries.length !== request.computers.length) {
    throw new BackendError(`${CAPTURE_SCRIPT} did not report one result per computer (${request.computers.join(', ')}).`);
  }
  return request.computers.map((computer, i): ComputerCapture => {
    const entry = (entries[i] ?? {}) as { computer?: unknown; ok?: unknown; snapshot?: unknown; error?: unknown };
    if (entry.computer !== computer) throw new BackendError(`${CAPTURE_SCRIPT} reported ${JSON.stringify(entry.computer)} where ${computer} was expected.`);
    if (entry.ok === true && typeof entry.snapshot === 'object' && entry.snapshot !== null) return { computer, ok: true, snapshot: entry.snapshot as Record<string, unknown> };
    const error = (entry.error ?? {}) as { message?: unknown; hresult?: unknown };
    const hresult = typeof error.hresult === 'string' || typeof error.hresult === 'number' ? error.hresult : undefined;
    return { computer, ok: false, error: { message: typeof error.message === 'string' ? error.message : 'no message', ...(hresult !== undefined ? { hresult } : {}) } };
  });
}
