/**
 * A fake PowerShell that answers read-tasks.ps1 and apply-tasks.ps1 the way the
 * scripts do, over an in-memory Task Scheduler. It lets CLI tests run the real
 * Windows backend end to end (platform 'win32') and count processes. It still
 * refuses anything that is not one of the two scripts with a JSON request on stdin.
 */
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../src/core/process-runner.js';
import type { ApplyPayload } from '../../src/schtasks/backends/apply-payload.js';
import { scriptOutput } from './powershell-script-output.js';

export interface SimulatedTask {
  folder: string;
  name: string;
  xml: string;
}

export interface SimulatedScheduler extends ProcessRunner {
  /** Full path (e.g. `\AGI_X`) → task. */
  readonly tasks: Map<string, SimulatedTask>;
  readonly calls: ProcessRequest[];
  /** Stdin documents of apply runs, parsed. */
  readonly applied: ApplyPayload[];
}

export function createSimulatedScheduler(initial: SimulatedTask[] = []): SimulatedScheduler {
  const tasks = new Map(initial.map((t) => [`${t.folder}${t.name}`, t]));
  const calls: ProcessRequest[] = [];
  const applied: ApplyPayload[] = [];

  async function run(request: ProcessRequest): Promise<ProcessResult> {
    calls.push(request);
    const script = request.args[request.args.indexOf('-File') + 1] ?? '';
    if (!/powershell|pwsh/i.test(request.command) || request.input === undefined) {
      throw new Error(`simulated scheduler: unexpected process ${request.command} ${request.args.join(' ')}`);
    }
    const input = JSON.parse(request.input) as Record<string, unknown>;
    if (script.endsWith('read-tasks.ps1')) {
      const prefix = String(input.prefix).toUpperCase();
      const found = [...tasks.values()]
        .filter((t) => t.name.toUpperCase().startsWith(prefix))
        .map((t) => ({ TaskPath: t.folder, TaskName: t.name, State: 3, Xml: t.xml }));
      return scriptOutput({ ok: true, tasks: found, warnings: [] });
    }
    if (script.endsWith('apply-tasks.ps1')) {
      const payload = input as unknown as ApplyPayload;
      applied.push(payload);
      const results = payload.operations.map((op) => {
        if (op.action === 'delete') tasks.delete(op.path);
        else tasks.set(op.path, { folder: op.folder, name: op.name, xml: op.xml ?? '' });
        return { task: op.path, action: op.action, status: 'done', error: null };
      });
      return scriptOutput({ ok: true, phase: 'apply', results });
    }
    throw new Error(`simulated scheduler: unexpected script ${script}`);
  }

  return { tasks, calls, applied, run };
}
