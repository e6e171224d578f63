/**
 * Runs test/windows-path/drive-simulator.ps1 under pwsh against a simulated Task Scheduler
 * folder: a list of COM calls in, one result per call out, in one PowerShell process.
 */
import { join } from 'node:path';
import { createProcessRunner } from '../../src/core/process-runner.js';
import { readScriptDocument } from '../../src/schtasks/backends/powershell-output.js';
import { powerShellArgs } from '../../src/schtasks/backends/powershell-locate.js';
import { REPO_ROOT } from './pwsh.js';

export interface Step {
  /** A name for the step, to find its result. */
  label: string;
  on: string;
  call?: string;
  get?: string;
  args?: unknown[];
  as?: string;
}

export type StepResult =
  | { ok: true; value: unknown }
  | { ok: false; hresult: string; message: string; outer: string };

const DRIVER = join(REPO_ROOT, 'test', 'windows-path', 'drive-simulator.ps1');

/** Runs the steps; returns each step's result by label. */
export async function drive(pwsh: string, simulatorRoot: string, steps: Step[]): Promise<Record<string, StepResult>> {
  const runner = createProcessRunner();
  const request = { steps: steps.map(({ label: _label, ...step }) => step) };
  const result = await runner.run({
    command: pwsh,
    args: powerShellArgs(DRIVER),
    input: JSON.stringify(request),
    env: { TASKCTL_SCHEDULER_SIMULATOR: simulatorRoot },
    timeoutMs: 120_000,
  });
  const document = readScriptDocument('drive-simulator.ps1', result, { resultsKey: 'results' });
  const results = document.results as StepResult[];
  if (results.length !== steps.length) throw new Error(`drive-simulator.ps1 returned ${results.length} results for ${steps.length} steps:\n${result.stderr}`);
  return Object.fromEntries(steps.map((step, i) => [step.label, results[i] as StepResult]));
}

/** The value of a step that must have succeeded. */
export function valueOf<T = Record<string, unknown>>(results: Record<string, StepResult>, label: string): T {
  const result = results[label];
  if (!result) throw new Error(`no step ${label}`);
  if (!result.ok) throw new Error(`step ${label} failed: ${result.hresult} ${result.message}`);
  return result.value as T;
}

/** The failure of a step that must have failed. */
export function failureOf(results: Record<string, StepResult>, label: string): { hresult: string; message: string; outer: string } {
  const result = results[label];
  if (!result) throw new Error(`no step ${label}`);
  if (result.ok) throw new Error(`step ${label} succeeded, expected a failure: ${JSON.stringify(result.value).slice(0, 300)}`);
  return result;
}
