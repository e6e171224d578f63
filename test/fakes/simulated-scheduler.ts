/**
 * The Windows path for CLI tests that run as platform 'win32': a ProcessRunner that runs
 * the real templates under the real pwsh against a fresh simulated Task Scheduler
 * (templates/simulator, TASKCTL_SCHEDULER_SIMULATOR), whichever PowerShell the backend
 * asked for. It records every call and every apply payload, and refuses anything that is
 * not a template run with its request on stdin. Needs pwsh: callers skip without it
 * (`PWSH` from test/windows-path/pwsh.ts), and it must be created inside a test.
 */
import { basename } from 'node:path';
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../src/core/process-runner.js';
import { createProcessRunner } from '../../src/core/process-runner.js';
import type { ApplyPayload } from '../../src/schtasks/backends/apply-payload.js';
import { PWSH } from '../windows-path/pwsh.js';
import { createSimulatorDir, type SimulatorDir, type SimulatorSettings } from '../windows-path/simulator-dir.js';

export interface SimulatedScheduler extends ProcessRunner {
  /** The simulated Task Scheduler's folder (tasks of this machine under `dir.computer()`). */
  readonly dir: SimulatorDir;
  readonly calls: ProcessRequest[];
  /** Stdin documents of apply runs, parsed. */
  readonly applied: ApplyPayload[];
}

const TEMPLATES = new Set(['read-tasks.ps1', 'apply-tasks.ps1']);

export function createSimulatedScheduler(settings?: SimulatorSettings): SimulatedScheduler {
  if (PWSH === undefined) throw new Error('createSimulatedScheduler needs pwsh; skip the test without it (PWSH from test/windows-path/pwsh.ts)');
  const pwsh = PWSH;
  const dir = createSimulatorDir();
  if (settings) dir.configure(settings);
  const real = createProcessRunner();
  const calls: ProcessRequest[] = [];
  const applied: ApplyPayload[] = [];

  async function run(request: ProcessRequest): Promise<ProcessResult> {
    calls.push(request);
    const script = basename(request.args[request.args.indexOf('-File') + 1] ?? '');
    if (!/powershell|pwsh/i.test(request.command) || request.input === undefined || !TEMPLATES.has(script)) {
      throw new Error(`simulated scheduler: unexpected process ${request.command} ${request.args.join(' ')}`);
    }
    if (script === 'apply-tasks.ps1') applied.push(JSON.parse(request.input) as ApplyPayload);
    return real.run({ ...request, command: pwsh, env: { ...request.env, TASKCTL_SCHEDULER_SIMULATOR: dir.root } });
  }

  return { dir, calls, applied, run };
}
