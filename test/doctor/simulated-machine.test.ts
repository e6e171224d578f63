/**
 * `taskctl doctor` and `doctor --stop` through the real Windows path, off Windows: the CLI
 * starts pwsh with the real capture-machine.ps1 and stop-processes.ps1, which run against the
 * troubled machine of examples/troubled-machine.snapshot.json set up in the machine simulator
 * (its events written by EventData name, as the event log holds them).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { createProcessRunner } from '../../src/core/process-runner.js';
import { runCli } from '../cli/cli-harness.js';
import { describeWithPwsh } from '../windows-path/pwsh.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
interface RawProcess { ProcessId: number; CommandLine: string | null; [key: string]: unknown }
interface RawEvent { TimeCreated: string; Id: number; TaskName: string; ProcessId: number | null; ResultCode: number | null; InstanceId: string | null }
const troubled = JSON.parse(readFileSync(join(ROOT, 'examples', 'troubled-machine.snapshot.json'), 'utf8')) as { capturedAt: string; processes: RawProcess[]; history: RawEvent[]; memory: unknown; cpu: { samples: number[] } };

/** A history entry back into the event it came from: EventData by name, in the layout of its version. */
function eventOf(e: RawEvent): Record<string, unknown> {
  const task = { TaskName: e.TaskName };
  const layouts: Record<number, [number, Record<string, unknown>]> = {
    100: [0, { ...task, UserContext: 'NT AUTHORITY\\SYSTEM', InstanceId: e.InstanceId }],
    102: [0, { ...task, UserContext: 'NT AUTHORITY\\SYSTEM', InstanceId: e.InstanceId }],
    101: [0, { ...task, UserContext: 'NT AUTHORITY\\SYSTEM', ResultCode: e.ResultCode }],
    111: [0, { ...task, InstanceId: e.InstanceId }],
    129: [0, { ...task, Path: 'C:\\AGI\\.venv\\Scripts\\python.exe', ProcessID: e.ProcessId, Priority: 16384 }],
    200: [1, { ...task, ActionName: 'C:\\AGI\\.venv\\Scripts\\python.exe', TaskInstanceId: e.InstanceId, EnginePID: e.ProcessId }],
    201: [2, { ...task, TaskInstanceId: e.InstanceId, ActionName: 'C:\\AGI\\.venv\\Scripts\\python.exe', ResultCode: e.ResultCode, EnginePID: e.ProcessId }],
    322: [0, { ...task, TaskInstanceId: e.InstanceId }],
    329: [0, { ...task, TaskInstanceId: e.InstanceId }],
  };
  const [version, data] = layouts[e.Id]!;
  return { Id: e.Id, Version: version, TimeCreated: e.TimeCreated, EventData: data };
}

function troubledMachine(): string {
  const root = mkdtempSync(join(tmpdir(), 'taskctl-troubled-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'localhost'));
  writeFileSync(
    join(root, 'localhost', '.machine.json'),
    JSON.stringify({
      computerName: 'DESKTOP-7Q2M4KD',
      localDateTime: troubled.capturedAt,
      memory: troubled.memory,
      cpu: { processors: 8, samples: troubled.cpu.samples },
      processes: troubled.processes,
      // The loop AGI_LLM_AutoRestart started at logon runs elevated: this account may not end it.
      protectedProcessIds: [4, 3312],
      services: [{ Name: 'Schedule', ProcessId: 1820 }],
      historyEnabled: true,
      // The last hours of the day's history hold every kind of event the incident has; the
      // simulator builds each record in PowerShell, so the whole day would only make this slow.
      events: troubled.history.filter((e) => e.TimeCreated >= '2025-11-02T19:00').map(eventOf),
    }),
  );
  return root;
}

const machineProcesses = (root: string) => (JSON.parse(readFileSync(join(root, 'localhost', '.machine.json'), 'utf8')) as { processes: RawProcess[] }).processes;
const JOB_SCRIPTS = ['check_health.py', 'auto_restart_local_llm.ps1', 'collect_events.py', 'circuit_breaker_router.py', 'analyze_latency_spikes.ps1'];

describeWithPwsh('doctor against the simulated troubled machine (real templates, real pwsh)', (pwsh) => {
  const options = (root: string) => ({ env: { TASKCTL_SCHEDULER_SIMULATOR: root, TASKCTL_POWERSHELL: pwsh }, runner: createProcessRunner() });

  it('captures what the snapshot holds, finds the incident, and --stop ends the candidates, reporting the one it may not end', { timeout: 300_000 }, async () => {
    const root = troubledMachine();
    const before = await runCli(['doctor', '--json', '--sample', '1s'], options(root));
    expect(before.stderr).not.toMatch(/error/i);
    expect(before.code).toBe(2);
    const report = JSON.parse(before.stdout) as { findings: Array<{ kind: string; processes?: number[] }>; stopCandidates: number[] };
    const kinds = new Set(report.findings.map((f) => f.kind));
    for (const kind of ['loop-process', 'stray-process', 'duplicate-process', 'overrun', 'skipped-runs', 'timeouts', 'failed-runs', 'cpu', 'memory', 'python-processes']) expect(kinds).toContain(kind);
    const candidates = report.stopCandidates;
    expect(candidates).toContain(3312);

    const stopped = await runCli(['doctor', '--stop', '--yes', '--json', '--sample', '1s'], options(root));
    expect(stopped.code).toBe(1);
    const results = (JSON.parse(stopped.stdout) as { stopped: Array<{ pid: number; status: string }> }).stopped;
    expect(results.map((r) => r.pid)).toEqual(candidates);
    expect(results.filter((r) => r.status !== 'ended')).toEqual([{ pid: 3312, status: 'access-denied', message: expect.stringContaining('Access denied') }]);

    const left = new Set(machineProcesses(root).map((p) => p.ProcessId));
    const ended = troubled.processes.filter((p) => !left.has(p.ProcessId));
    expect(ended.map((p) => p.ProcessId).sort()).toEqual(candidates.filter((pid) => pid !== 3312).sort());
    for (const p of ended) expect(JOB_SCRIPTS.some((script) => (p.CommandLine ?? '').toLowerCase().includes(script))).toBe(true);

    // What is left: one run per job, and the loop this account could not end.
    const after = JSON.parse((await runCli(['doctor', '--json', '--sample', '1s'], options(root))).stdout) as { findings: Array<{ kind: string; processes?: number[] }> };
    expect(after.findings.filter((f) => ['loop-process', 'stray-process', 'duplicate-process'].includes(f.kind)).map((f) => [f.kind, f.processes])).toEqual([['loop-process', [3312]]]);
  });
});
