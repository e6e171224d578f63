/**
 * `taskctl doctor` end to end, in-process: the shipped examples, the options, and the
 * Windows path (capture, read-tasks, stop) through the strict fake runner, which throws on
 * any process it was not told about.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeRunner, type ExpectedCall } from '../fakes/fake-runner.js';
import { scriptOutput } from '../fakes/powershell-script-output.js';
import { runCli } from '../cli/cli-harness.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TROUBLED = join(ROOT, 'examples', 'troubled-machine.snapshot.json');
const HEALTHY = join(ROOT, 'examples', 'healthy-machine.snapshot.json');

interface RawProcess { ProcessId: number; ParentProcessId: number; Name: string; CommandLine: string | null }
interface RawSnapshot { processes: RawProcess[]; tasks: unknown[]; [key: string]: unknown }
const troubled = JSON.parse(readFileSync(TROUBLED, 'utf8')) as RawSnapshot;
const byPid = new Map(troubled.processes.map((p) => [p.ProcessId, p]));
const commandOf = (pid: number) => byPid.get(pid)?.CommandLine ?? '';
/** A launcher's interpreter: its child with the same arguments. */
const withInterpreters = (pids: number[]) => [
  ...pids,
  ...troubled.processes.filter((p) => pids.includes(p.ParentProcessId) && /python/i.test(p.Name) && /python/i.test(byPid.get(p.ParentProcessId)!.Name)).map((p) => p.ProcessId),
];

// The incident, read off the snapshot by hand (examples/README and the diagnosis report), not by the code under test.
const LOOPS = withInterpreters([3312, 8836, 2960, 9120]); // auto_restart -Continuous ×2, collect_events --continuous, analysis -Loop
const LOOP_SPAWNED_HEALTH_CHECKS = withInterpreters(
  troubled.processes.filter((p) => [3312, 8836].includes(p.ParentProcessId) && commandOf(p.ProcessId).includes('check_health.py')).map((p) => p.ProcessId),
);
const STRAYS = [...withInterpreters([7740]), 5324, ...LOOP_SPAWNED_HEALTH_CHECKS]; // circuit_breaker in the background, python3.13, the loops' checks
const DUPLICATES = {
  'circuit_breaker_router.py': withInterpreters([2940, 7740]),
  'analyze_latency_spikes.ps1': [6604, 7312, 9120],
  'auto_restart_local_llm.ps1': [3312, 8836],
};
/** Scripts of the declared fleet and of the live tasks under AGI: what --stop may ever end. */
const JOB_SCRIPTS = ['check_health.py', 'auto_restart_local_llm.ps1', 'collect_events.py', 'circuit_breaker_router.py', 'analyze_latency_spikes.ps1', 'performance_benchmark.ps1', 'diagnose_performance.ps1'];

interface Finding { kind: string; severity: string; processes?: number[]; tasks?: string[]; message: string; fix: string }
interface DoctorJson { formatVersion: string; findings: Finding[]; summary: Record<string, number>; stopCandidates: number[]; stopped?: Array<{ pid: number; status: string }> }
const pidsOf = (json: DoctorJson, kind: string) => new Set(json.findings.filter((f) => f.kind === kind).flatMap((f) => f.processes ?? []));

describe('the shipped examples', () => {
  it('the troubled machine exits 2 and names every loop, stray and duplicate process of the incident', async () => {
    const result = await runCli(['doctor', '--snapshot', TROUBLED, '--json']);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as DoctorJson;
    expect(json.formatVersion).toBe('1');
    expect([...pidsOf(json, 'loop-process')].sort()).toEqual([...LOOPS].sort());
    expect([...pidsOf(json, 'stray-process')].sort()).toEqual([...STRAYS].sort());
    const duplicates = pidsOf(json, 'duplicate-process');
    for (const pids of Object.values(DUPLICATES)) for (const pid of pids) expect(duplicates).toContain(pid);
    for (const pid of STRAYS) expect(duplicates).toContain(pid); // every stray check_health.py is also one of its 25 runs
    expect([...pidsOf(json, 'overrun')]).toEqual([6604]);
    expect(json.findings.find((f) => f.kind === 'python-processes')).toMatchObject({ severity: 'warning', message: expect.stringContaining('58 Python processes') });
    expect(json.findings.find((f) => f.kind === 'cpu')?.message).toMatch(/averaged 77 %.*pid 5324 python3\.13\.exe 141\.8 s/s);
    expect(json.findings.find((f) => f.kind === 'memory')?.message).toContain('45.3 %');
    const skipped = json.findings.filter((f) => f.kind === 'skipped-runs');
    expect(skipped.map((f) => f.tasks?.[0])).toEqual(['\\AGI_Health_Check_Old', '\\AGI_Latency_Spike_Analysis']);
    // Both live tasks allow a run longer than their 10-minute interval: list-conflicts foresaw the skips.
    expect(skipped.map((f) => (f as { figures?: Record<string, unknown> }).figures?.predictedByListConflicts)).toEqual(['yes', 'yes']);
    expect(json.findings.find((f) => f.kind === 'failed-runs' && f.tasks?.[0] === '\\AGI_Performance_Monitor')?.message).toMatch(/^5 runs/);
  });

  it('the text names every one of those pids too, each finding with its fix', async () => {
    const result = await runCli(['doctor', '--snapshot', TROUBLED]);
    expect(result.code).toBe(2);
    for (const pid of new Set([...LOOPS, ...STRAYS, ...Object.values(DUPLICATES).flat()])) expect(result.stdout).toMatch(new RegExp(`\\b${pid}\\b`));
    expect(result.stdout).toMatch(/^DESKTOP-7Q2M4KD at 2025-11-02 22:45 \(UTC\+09:00\): 160 processes, CPU sampled 30 s, history on/);
    expect(result.stdout.match(/^ {6}Fix: /gm)?.length).toBe((result.stdout.match(/^ {2}[a-z-]+(?: {2}|$)/gm) ?? []).length);
    expect(result.stdout).toMatch(/11 errors, 8 warnings, 0 info\.\n$/);
    expect(result.stderr).toMatch(/can be ended with `taskctl doctor --stop` on the machine itself/);
  });

  it('the healthy machine exits 0: only the measurements, as info', async () => {
    const result = await runCli(['doctor', '--snapshot', HEALTHY, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as DoctorJson;
    expect(json.summary).toEqual({ error: 0, warning: 0, info: 3 });
    expect(json.findings.map((f) => f.kind)).toEqual(['cpu', 'memory', 'python-processes']);
    expect(json.stopCandidates).toEqual([]);
  });

  it('thresholds come from the config: a lenient machine owner makes the CPU and memory figures info', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskctl-doctor-'));
    try {
      const config = join(dir, 'fleet.json');
      writeFileSync(config, JSON.stringify({ prefix: 'AGI', tasks: [], doctor: { cpuPercent: 90, memoryPercent: 50, pythonProcesses: 100 } }));
      const json = JSON.parse((await runCli(['doctor', '--snapshot', TROUBLED, '--config', config, '--json'])).stdout) as DoctorJson;
      expect(json.findings.filter((f) => ['cpu', 'memory', 'python-processes'].includes(f.kind)).map((f) => f.severity)).toEqual(['info', 'info', 'info']);
      const bad = await runCli(['doctor', '--snapshot', TROUBLED, '--config', (writeFileSync(config, JSON.stringify({ tasks: [], doctor: { cpuPercent: 150 } })), config)]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/doctor\.cpuPercent: .*100/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('options', () => {
  it.each([
    [['doctor'], /this system is linux.*--snapshot machine\.json.*TASKCTL_SCHEDULER_SIMULATOR=DIR/s],
    [['doctor', '--snapshot', TROUBLED, '--stop'], /--stop ends processes on this machine, so it needs a fresh capture/],
    [['doctor', '--snapshot', TROUBLED, '--sample', '10s'], /--sample and --history apply to a capture/],
    [['doctor', '--snapshot', TROUBLED, '--capture', 'x.json'], /mutually exclusive|snapshot.*capture/i],
    [['doctor', '--sample', 'ten'], /--sample: "ten" is not a duration/],
    [['doctor', '--sample', '2h'], /--sample: '2h' is over an hour/],
    [['doctor', '--history', '0s'], /--history: '0s' must be a positive duration/],
  ])('%j exits 1: %s', async (argv, pattern) => {
    const result = await runCli(argv);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(pattern);
  });

  it('--help teaches: examples, the finding kinds, the thresholds and the exit codes', async () => {
    const result = await runCli(['doctor', '--help']);
    expect(result.code).toBe(0);
    for (const text of ['--snapshot', '--capture', '--sample', '--history', '--stop', '--yes', 'taskctl doctor --snapshot machine.json', 'loop-process', 'stray-process', '"doctor": { "cpuPercent"', 'Exit codes: 0 healthy, 2']) {
      expect(result.stdout).toContain(text);
    }
  });
});

// ---- the Windows path through the strict fake runner --------------------------------------------
const args = (script: string) => (a: string[]) => a.at(-1)?.endsWith(script) === true && a.includes('-File');
const captureCall = (document: unknown = { ok: true, snapshot: { ...troubled, tasks: undefined } }): ExpectedCall => ({
  name: 'capture-machine',
  command: 'powershell.exe',
  args: args('capture-machine.ps1'),
  stdin: (input) => {
    const request = JSON.parse(input ?? '{}');
    expect(request).toEqual({ prefix: 'AGI', sampleSeconds: 30, historySeconds: 86400, eventIds: expect.arrayContaining([100, 129, 200, 201, 322, 329]), computer: null });
  },
  result: scriptOutput(document),
});
const readTasksCall: ExpectedCall = { name: 'read-tasks', command: 'powershell.exe', args: args('read-tasks.ps1'), result: scriptOutput({ ok: true, tasks: troubled.tasks, warnings: [] }) };

function stopCall(statuses: Record<number, string> = {}, seen: { pids?: number[] } = {}): ExpectedCall {
  return {
    name: 'stop-processes',
    command: 'powershell.exe',
    args: args('stop-processes.ps1'),
    result: (request) => {
      const { processes } = JSON.parse(request.input ?? '{}') as { processes: Array<{ ProcessId: number; CommandLine: string | null; CreationDate: string | null }> };
      seen.pids = processes.map((p) => p.ProcessId);
      // Each pid travels with the identity the script checks before it ends anything.
      for (const p of processes) expect(p.CommandLine).toBe(commandOf(p.ProcessId));
      const results = processes.map((p) => ({ ProcessId: p.ProcessId, status: statuses[p.ProcessId] ?? 'ended', message: statuses[p.ProcessId] === 'access-denied' ? 'Access denied (Terminate returned 2)' : null }));
      return scriptOutput({ ok: true, results });
    },
  };
}

describe('on Windows: capture, read the live tasks, stop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskctl-doctor-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one capture process and one read of the live tasks; --capture writes the snapshot with the tasks', async () => {
    const runner = createFakeRunner([captureCall(), readTasksCall]);
    const file = join(dir, 'captured.json');
    const result = await runCli(['doctor', '--capture', file, '--json'], { platform: 'win32', runner });
    expect(result.code).toBe(2);
    runner.assertAllUsed();
    expect(runner.calls).toHaveLength(2);
    const written = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
    expect(written.processes).toEqual(troubled.processes);
    expect(written.tasks).toHaveLength(troubled.tasks.length);
    // The written snapshot analyses the same anywhere.
    const again = await runCli(['doctor', '--snapshot', file, '--json']);
    expect(JSON.parse(again.stdout).findings).toEqual(JSON.parse(result.stdout).findings);
  });

  it.each([
    ['output without the result document', { exitCode: 1, stdout: 'Get-CimInstance: Access denied', stderr: '' }, /capture-machine\.ps1/],
    ['a script that failed', scriptOutput({ ok: false, error: { kind: 'access-denied', message: 'Access is denied.', hresult: '0x80070005' } }, { exitCode: 1 }), /Access is denied/],
    ['a snapshot with a bad field', scriptOutput({ ok: true, snapshot: { ...troubled, tasks: undefined, historyEnabled: 'maybe' } }), /historyEnabled: /],
  ])('an unusable capture (%s) exits 1', async (_, output, pattern) => {
    const runner = createFakeRunner([{ name: 'capture', command: 'powershell.exe', result: output }, readTasksCall]);
    const result = await runCli(['doctor'], { platform: 'win32', runner });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(pattern);
  });

  it('--stop refuses off a terminal without --yes, after showing what it would end; nothing is ended', async () => {
    const runner = createFakeRunner([captureCall(), readTasksCall]);
    const result = await runCli(['doctor', '--stop'], { platform: 'win32', runner });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Not stopping: stdin is not a terminal.*--yes/);
    expect(result.stdout).toMatch(/--stop would end 55 processes on DESKTOP-7Q2M4KD \(parents before children\)/);
    expect(runner.calls.map((c) => c.args.at(-1))).not.toContainEqual(expect.stringContaining('stop-processes'));
  });

  it('--stop asks on a terminal; "no" ends nothing', async () => {
    const runner = createFakeRunner([captureCall(), readTasksCall]);
    const result = await runCli(['doctor', '--stop'], { platform: 'win32', runner, stdinIsTTY: true, answer: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not confirmed\. Nothing was ended/);
    runner.assertAllUsed();
  });

  it('--stop --yes ends exactly the candidates: each names a job, parents before children, the kept runs untouched', async () => {
    const seen: { pids?: number[] } = {};
    const runner = createFakeRunner([captureCall(), readTasksCall, stopCall({}, seen)]);
    const result = await runCli(['doctor', '--stop', '--yes', '--json'], { platform: 'win32', runner });
    runner.assertAllUsed();
    const json = JSON.parse(result.stdout) as DoctorJson;
    const stopped = seen.pids ?? [];
    expect(stopped).toEqual(json.stopCandidates);
    expect(new Set(stopped).size).toBe(stopped.length);
    for (const pid of stopped) expect(JOB_SCRIPTS.some((script) => commandOf(pid).toLowerCase().includes(script))).toBe(true);
    for (const pid of [...LOOPS, ...STRAYS, 6604]) expect(stopped).toContain(pid);
    // Kept: the newest runs Task Scheduler started, and what runs no job (the LLM server, the console).
    for (const pid of [7312, 2940, 6240, 3188, 5120, 1820]) expect(stopped).not.toContain(pid);
    for (const pid of stopped) {
      const parent = byPid.get(pid)!.ParentProcessId;
      if (stopped.includes(parent)) expect(stopped.indexOf(parent)).toBeLessThan(stopped.indexOf(pid));
    }
    expect(json.stopped?.every((r) => r.status === 'ended')).toBe(true);
    // Everything an error was about is gone (the overrun 6604 was a duplicate run): healthy as far as --stop can tell.
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('--stop would end 55 processes');
  });

  it('--stop reports each pid that could not be ended, and exits 1', async () => {
    const runner = createFakeRunner([captureCall(), readTasksCall, stopCall({ 3312: 'access-denied', 8836: 'gone' })]);
    const result = await runCli(['doctor', '--stop', '--yes'], { platform: 'win32', runner });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Ended 53 of 55 processes:/);
    expect(result.stdout).toMatch(/pid 3312 +not ended: access denied \(Access denied \(Terminate returned 2\)\)/);
    expect(result.stdout).toMatch(/pid 8836 +not ended: already gone/);
  });

  it('nothing to stop on a healthy machine: no stop process at all', async () => {
    const healthy = JSON.parse(readFileSync(HEALTHY, 'utf8')) as RawSnapshot;
    const runner = createFakeRunner([
      captureCall({ ok: true, snapshot: { ...healthy, tasks: undefined } }),
      { ...readTasksCall, result: scriptOutput({ ok: true, tasks: healthy.tasks, warnings: [] }) },
    ]);
    const result = await runCli(['doctor', '--stop', '--yes'], { platform: 'win32', runner });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to stop');
    expect(runner.calls).toHaveLength(2);
  });
});
