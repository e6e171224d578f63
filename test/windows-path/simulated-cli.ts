/**
 * The CLI in-process (main() through test/cli/cli-harness.ts) on the real Windows path:
 * TASKCTL_SCHEDULER_SIMULATOR points the Windows backend at a simulated Task Scheduler,
 * the real process runner (execa) starts the real pwsh on the real templates. Every
 * process is recorded; a hook may act just before one starts (to change the machine
 * between the plan and the write, as another admin would).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createProcessRunner, type ProcessRequest } from '../../src/core/process-runner.js';
import { runCli, type CliRun } from '../cli/cli-harness.js';
import { createSimulatorDir, type SimulatorDir } from './simulator-dir.js';

export interface SimulatedCli {
  sim: SimulatorDir;
  /** A folder for configs, backups and state; removed when the test ends. */
  work: string;
  /** Every process started, in order. */
  calls: ProcessRequest[];
  /** The template each process ran (`read-tasks.ps1`, `apply-tasks.ps1`). */
  scripts(): string[];
  /** Called before a process starts. */
  beforeProcess?: (request: ProcessRequest) => void;
  run(argv: string[], env?: Record<string, string>): Promise<CliRun>;
}

export function createSimulatedCli(pwsh: string, computers?: string[]): SimulatedCli {
  const sim = createSimulatorDir(computers);
  const work = mkdtempSync(join(tmpdir(), 'taskctl-real-'));
  onTestFinished(() => rmSync(work, { recursive: true, force: true }), 120_000);
  const real = createProcessRunner();
  const cli: SimulatedCli = {
    sim,
    work,
    calls: [],
    scripts: () => cli.calls.map((call) => basename(call.args[call.args.length - 1] ?? '')),
    run(argv, env = {}) {
      return runCli(argv, {
        cwd: work,
        platform: 'linux',
        runner: {
          run: async (request) => {
            cli.calls.push(request);
            cli.beforeProcess?.(request);
            return real.run(request);
          },
        },
        env: { TASKCTL_SCHEDULER_SIMULATOR: sim.root, TASKCTL_POWERSHELL: pwsh, HOME: work, XDG_STATE_HOME: join(work, 'state'), TZ: 'UTC', ...env },
      });
    },
  };
  return cli;
}
