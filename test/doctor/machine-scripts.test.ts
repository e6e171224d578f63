/**
 * capture-machine.ps1 and stop-processes.ps1, their real lines, under pwsh against the machine
 * simulator (templates/simulator/machine.ps1, loaded by taskctl-common.ps1 when
 * TASKCTL_SCHEDULER_SIMULATOR is set). Skipped with the reason when pwsh is absent; failing
 * when TASKCTL_REQUIRE_PWSH=1.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { findResultText } from '../../src/schtasks/backends/powershell-output.js';
import { HISTORY_EVENT_IDS } from '../../src/doctor/history.js';
import { readSnapshot } from '../../src/doctor/snapshot.js';
import { describeWithPwsh, TEMPLATES_DIR } from '../windows-path/pwsh.js';

type Json = Record<string, unknown>;

function simulator(machines: Record<string, Json>): string {
  const root = mkdtempSync(join(tmpdir(), 'taskctl-machine-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, machine] of Object.entries(machines)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, '.machine.json'), JSON.stringify(machine, null, 2));
  }
  return root;
}

/** Runs a template the way the backend does (asynchronously: a long pwsh run must not block the test worker). */
async function runScript(pwsh: string, script: string, root: string, input: string): Promise<{ code: number; document: Json; stderr: string }> {
  const child = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(TEMPLATES_DIR, script)], {
    env: { ...process.env, TASKCTL_SCHEDULER_SIMULATOR: root },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  const code = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (status) => done(status ?? -1));
  });
  const text = findResultText(stdout);
  if (text === undefined) throw new Error(`${script} printed no result (exit ${code}):\n${stdout}\n${stderr}`);
  return { code, document: JSON.parse(text) as Json, stderr };
}

const CAPTURE = (overrides: Json = {}) => JSON.stringify({ prefix: 'AGI', sampleSeconds: 3, historySeconds: 86400, eventIds: HISTORY_EVENT_IDS, computer: null, ...overrides });

/** A machine with the forms Windows uses: DMTF and ISO dates, every event version, other tasks' events. */
function machine(overrides: Json = {}): Json {
  return {
    computerName: 'AGI-PC',
    localDateTime: '2025-11-02T22:45:00+09:00',
    memory: { totalBytes: 34359738368, availableBytes: 18794776371 },
    cpu: { processors: 4, samples: [20, 40, 60] },
    processes: [
      { ProcessId: 0, ParentProcessId: 0, Name: 'System Idle Process', CommandLine: null, CreationDate: null, WorkingSetSize: 8192, UserModeTime: 0, KernelModeTime: 0 },
      { ProcessId: 1820, ParentProcessId: 860, Name: 'svchost.exe', CommandLine: 'C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p -s Schedule', CreationDate: '20251101210340.123456+540', WorkingSetSize: 30000000, UserModeTime: 140000000, KernelModeTime: 6000000 },
      { ProcessId: 3312, ParentProcessId: 1820, Name: 'powershell.exe', CommandLine: 'powershell.exe -File "C:\\AGI\\scripts\\monitor.ps1" -Continuous', CreationDate: '2025-11-02T09:14:05.5+09:00', WorkingSetSize: 140000000, UserModeTime: 900000000, KernelModeTime: 64000000 },
      { ProcessId: 4120, ParentProcessId: 5120, Name: 'python.exe', CommandLine: 'C:\\AGI\\.venv\\Scripts\\python.exe C:\\AGI\\scripts\\check_health.py', CreationDate: '20251102220001.000000+540', WorkingSetSize: 60000000, UserModeTime: 30000000, KernelModeTime: 1000000 },
    ],
    protectedProcessIds: [1820],
    services: [{ Name: 'Schedule', ProcessId: 1820 }, { Name: 'Spooler', ProcessId: 2100 }],
    historyEnabled: true,
    events: [
      { Id: 129, Version: 0, TimeCreated: '2025-11-02T22:00:00.5+09:00', EventData: { TaskName: '\\AGI_Health', Path: 'C:\\AGI\\.venv\\Scripts\\python.exe', ProcessID: 4120, Priority: 16384 } },
      { Id: 100, Version: 0, TimeCreated: '2025-11-02T22:00:00.6+09:00', EventData: { TaskName: '\\AGI_Health', UserContext: 'NT AUTHORITY\\SYSTEM', InstanceId: '{6f1b0c1e-0000-4000-a000-000000000001}' } },
      { Id: 200, Version: 1, TimeCreated: '2025-11-02T22:00:00.7+09:00', EventData: { TaskName: '\\AGI_Health', ActionName: 'C:\\AGI\\.venv\\Scripts\\python.exe', TaskInstanceId: '{6f1b0c1e-0000-4000-a000-000000000001}', EnginePID: 4120 } },
      // 201 version 2 puts TaskInstanceId second and carries ResultCode and EnginePID; version 0 has neither.
      { Id: 201, Version: 2, TimeCreated: '2025-11-02T21:50:40+09:00', EventData: { TaskName: '\\Sub\\AGI_Health', TaskInstanceId: '{6f1b0c1e-0000-4000-a000-000000000002}', ActionName: 'python.exe', ResultCode: 2147942401, EnginePID: 4000 } },
      { Id: 201, Version: 0, TimeCreated: '2025-11-02T21:40:40+09:00', EventData: { TaskName: '\\AGI_Health', ActionName: 'python.exe', TaskInstanceId: '{6f1b0c1e-0000-4000-a000-000000000003}' } },
      { Id: 322, Version: 0, TimeCreated: '2025-11-02T22:05:00+09:00', EventData: { TaskName: '\\agi_health', TaskInstanceId: '{6f1b0c1e-0000-4000-a000-000000000001}' } },
      { Id: 101, Version: 0, TimeCreated: '2025-11-02T22:10:00+09:00', EventData: { TaskName: '\\AGI_Health', UserContext: 'SYSTEM', ResultCode: '0x80070005' } },
      // Odd records: a number field that is no number, an empty field (rendered <Data Name='InstanceId'/>).
      { Id: 129, Version: 0, TimeCreated: '2025-11-02T22:20:00+09:00', EventData: { TaskName: '\\AGI_Health', Path: 'x.exe', ProcessID: 'n/a', Priority: 16384 } },
      { Id: 111, Version: 0, TimeCreated: '2025-11-02T22:21:00+09:00', EventData: { TaskName: '\\AGI_Health', InstanceId: null } },
      // Not for doctor: no task name, another task, a folder that merely looks like the prefix, an id not asked for, an event older than the window.
      { Id: 322, Version: 0, TimeCreated: '2025-11-02T22:00:00+09:00', EventData: { TaskInstanceId: '{y}' } },
      { Id: 129, Version: 0, TimeCreated: '2025-11-02T22:00:00+09:00', EventData: { TaskName: '\\GoogleUpdateTaskMachineCore', Path: 'x.exe', ProcessID: 7000, Priority: 16384 } },
      { Id: 322, Version: 0, TimeCreated: '2025-11-02T22:00:00+09:00', EventData: { TaskName: '\\AGI\\Other', TaskInstanceId: '{x}' } },
      { Id: 106, Version: 0, TimeCreated: '2025-11-02T22:00:00+09:00', EventData: { TaskName: '\\AGI_Health', UserContext: 'SYSTEM' } },
      { Id: 322, Version: 0, TimeCreated: '2025-11-01T22:44:59+09:00', EventData: { TaskName: '\\AGI_Health', TaskInstanceId: '{old}' } },
    ],
    ...overrides,
  };
}

describeWithPwsh('capture-machine.ps1 against the machine simulator', (pwsh) => {
  it('captures processes, CPU, memory, the clock and the history of the tasks under the prefix, by EventData name', async () => {
    const root = simulator({ localhost: machine() });
    const { code, document } = await runScript(pwsh, 'capture-machine.ps1', root, CAPTURE());
    expect(code).toBe(0);
    expect(document.ok).toBe(true);
    const raw = document.snapshot as Json;
    const snapshot = readSnapshot(raw, 'capture', 'AGI');
    expect(snapshot.computer).toBe('AGI-PC');
    expect(snapshot.capturedAtMs).toBe(Date.parse('2025-11-02T22:45:00+09:00'));
    // Each sample comes back from two readings of the raw counters, as 100 * (1 - dIdle / dTime).
    expect(snapshot.cpu.samples.map((s) => Math.round(s))).toEqual([20, 40, 60]);
    // Windows reports memory in KB.
    expect(snapshot.memory).toEqual({ totalBytes: 34359738368, availableBytes: Math.floor(18794776371 / 1024) * 1024 });
    expect(snapshot.scheduleServicePid).toBe(1820);
    expect(snapshot.historyEnabled).toBe(true);
    expect(snapshot.historySeconds).toBe(86400);
    const byPid = new Map(snapshot.processes.map((p) => [p.pid, p]));
    expect(byPid.get(1820)?.createdMs).toBe(Date.parse('2025-11-01T21:03:40.123+09:00'));
    expect(byPid.get(3312)).toMatchObject({ parentPid: 1820, createdMs: Date.parse('2025-11-02T09:14:05.5+09:00'), cpuSeconds: 96.4, workingSetBytes: 140000000 });
    expect(byPid.get(0)).toMatchObject({ commandLine: undefined, createdMs: undefined });
    const events = snapshot.history.map((e) => ({ ...e, at: new Date(e.atMs).toISOString() })).sort((a, b) => a.atMs - b.atMs);
    expect(events.map(({ at, id, task, pid, resultCode, instanceId }) => ({ at, id, task, pid, resultCode, instanceId }))).toEqual([
      { at: '2025-11-02T12:40:40.000Z', id: 201, task: '\\AGI_Health', pid: undefined, resultCode: undefined, instanceId: '{6F1B0C1E-0000-4000-A000-000000000003}' },
      { at: '2025-11-02T12:50:40.000Z', id: 201, task: '\\Sub\\AGI_Health', pid: 4000, resultCode: 2147942401, instanceId: '{6F1B0C1E-0000-4000-A000-000000000002}' },
      { at: '2025-11-02T13:00:00.500Z', id: 129, task: '\\AGI_Health', pid: 4120, resultCode: undefined, instanceId: undefined },
      { at: '2025-11-02T13:00:00.600Z', id: 100, task: '\\AGI_Health', pid: undefined, resultCode: undefined, instanceId: '{6F1B0C1E-0000-4000-A000-000000000001}' },
      { at: '2025-11-02T13:00:00.700Z', id: 200, task: '\\AGI_Health', pid: 4120, resultCode: undefined, instanceId: '{6F1B0C1E-0000-4000-A000-000000000001}' },
      { at: '2025-11-02T13:05:00.000Z', id: 322, task: '\\agi_health', pid: undefined, resultCode: undefined, instanceId: '{6F1B0C1E-0000-4000-A000-000000000001}' },
      { at: '2025-11-02T13:10:00.000Z', id: 101, task: '\\AGI_Health', pid: undefined, resultCode: 0x80070005, instanceId: undefined },
      { at: '2025-11-02T13:20:00.000Z', id: 129, task: '\\AGI_Health', pid: undefined, resultCode: undefined, instanceId: undefined },
      { at: '2025-11-02T13:21:00.000Z', id: 111, task: '\\AGI_Health', pid: undefined, resultCode: undefined, instanceId: undefined },
    ]);
  });

  it('a disabled log is said, and its events are still read', async () => {
    const root = simulator({ localhost: machine({ historyEnabled: false }) });
    const snapshot = readSnapshot((await runScript(pwsh, 'capture-machine.ps1', root, CAPTURE({ sampleSeconds: 0 }))).document.snapshot, 'x', 'AGI');
    expect(snapshot.historyEnabled).toBe(false);
    expect(snapshot.history.length).toBe(9);
    expect(snapshot.cpu.samples).toEqual([]);
  });

  it.each([
    ['events refused', { historyDenied: true }, /unauthorized operation/],
    ['no Operational log', { historyLogMissing: true }, /the log Microsoft-Windows-TaskScheduler\/Operational could not be opened/],
  ])('history unreadable (%s): the reason is kept and the capture goes on', async (_, overrides, pattern) => {
    const root = simulator({ localhost: machine(overrides) });
    const { document } = await runScript(pwsh, 'capture-machine.ps1', root, CAPTURE({ sampleSeconds: 0 }));
    const snapshot = readSnapshot(document.snapshot, 'x', 'AGI');
    expect(snapshot.historyError).toMatch(pattern);
    expect(snapshot.history).toEqual([]);
    expect(snapshot.processes).toHaveLength(4);
  });

  it('no matching events is an empty history, not an error; a refused service query leaves the Schedule pid unknown', async () => {
    const root = simulator({ localhost: machine({ events: [], servicesDenied: true }) });
    const snapshot = readSnapshot((await runScript(pwsh, 'capture-machine.ps1', root, CAPTURE({ sampleSeconds: 0 }))).document.snapshot, 'x', 'AGI');
    expect(snapshot.history).toEqual([]);
    expect(snapshot.historyError).toBeUndefined();
    expect(snapshot.scheduleServicePid).toBeUndefined();
  });

  it('a named computer is read through its own CIM session; an unreachable one fails the capture', async () => {
    const root = simulator({ localhost: machine(), 'AGI-PC2': machine({ computerName: 'AGI-PC2', processes: [], events: [] }) });
    const remote = await runScript(pwsh, 'capture-machine.ps1', root, CAPTURE({ sampleSeconds: 1, computer: 'AGI-PC2' }));
    expect(remote.code).toBe(0);
    expect((remote.document.snapshot as Json).computer).toBe('AGI-PC2');
    expect((remote.document.snapshot as Json).processes).toEqual([]);
    const missing = await runScript(pwsh, 'capture-machine.ps1', root, CAPTURE({ computer: 'NOWHERE' }));
    expect(missing.code).toBe(1);
    expect(missing.document).toMatchObject({ ok: false, error: { hresult: '0x800706BA', kind: 'service-unavailable' } });
  });

  it.each([
    ['not JSON', 'prefix=AGI'],
    ['no prefix', JSON.stringify({ sampleSeconds: 1, historySeconds: 60, eventIds: [322] })],
    ['no event ids', JSON.stringify({ prefix: 'AGI', sampleSeconds: 1, historySeconds: 60, eventIds: [] })],
  ])('a bad request (%s) is refused as bad-request, exit 1', async (_, input) => {
    const root = simulator({ localhost: machine() });
    const { code, document } = await runScript(pwsh, 'capture-machine.ps1', root, input);
    expect(code).toBe(1);
    expect(document).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
  });
});

describeWithPwsh('stop-processes.ps1 against the machine simulator', (pwsh) => {
  const target = (pid: number, commandLine: string | null, created: string | null) => ({ ProcessId: pid, CommandLine: commandLine, CreationDate: created });
  const HEALTH = 'C:\\AGI\\.venv\\Scripts\\python.exe C:\\AGI\\scripts\\check_health.py';
  const proc = (pid: number, cmd: string) => ({ ProcessId: pid, ParentProcessId: 5120, Name: 'python.exe', CommandLine: cmd, CreationDate: '2025-11-02T22:00:01+09:00', WorkingSetSize: 1, UserModeTime: 1, KernelModeTime: 1 });
  const at = '2025-11-02T13:00:01.000Z';

  it('ends what is still the process doctor saw, and says why it left the others', async () => {
    const processes = [...[4120, 4121, 4122, 4123, 4124, 4125, 4126, 1820, 4200].map((pid) => proc(pid, HEALTH)), { ...proc(4300, HEALTH), CreationDate: null }];
    const root = simulator({
      localhost: machine({
        processes,
        protectedProcessIds: [1820],
        terminate: { 4122: { returnValue: 3 }, 4123: { returnValue: 8 }, 4124: { hresult: -2147024891 }, 4125: { hresult: -2147217406 }, 4126: { hresult: -2147217406, exits: true } },
      }),
    });
    const request = {
      computer: null,
      processes: [
        target(4120, HEALTH, at), // ended
        target(1820, HEALTH, at), // Terminate returns 2
        target(4122, HEALTH, at), // returns 3
        target(4123, HEALTH, at), // returns 8
        target(4124, HEALTH, at), // throws access denied
        target(4125, HEALTH, at), // throws, still running
        target(4126, HEALTH, at), // throws, having exited meanwhile
        target(4999, HEALTH, at), // gone before
        target(4121, 'python.exe C:\\other.py', at), // the pid now runs something else
        target(4200, HEALTH, '2025-11-02T09:00:00.000Z'), // same command line, another start: a reused pid
        target(4300, HEALTH, at), // no start time to compare: not provably the same process
      ],
    };
    const { code, document } = await runScript(pwsh, 'stop-processes.ps1', root, JSON.stringify(request));
    expect(code).toBe(0);
    const results = (document.results as Json[]).map((r) => [r.ProcessId, r.status]);
    expect(results).toEqual([
      [4120, 'ended'], [1820, 'access-denied'], [4122, 'access-denied'], [4123, 'failed'], [4124, 'access-denied'],
      [4125, 'failed'], [4126, 'gone'], [4999, 'gone'], [4121, 'changed'], [4200, 'changed'], [4300, 'changed'],
    ]);
    expect((document.results as Json[])[5]?.message).toMatch(/0x80041002/);
    const left = (JSON.parse(readFileSync(join(root, 'localhost', '.machine.json'), 'utf8')) as { processes: Json[] }).processes.map((p) => p.ProcessId);
    expect(left).toEqual([4121, 4122, 4123, 4124, 4125, 1820, 4200, 4300]);
  });

  it('without a creation time it goes by the command line; on a named computer through its session', async () => {
    const root = simulator({ localhost: machine(), 'AGI-PC2': machine({ processes: [proc(4120, HEALTH)] }) });
    const { document } = await runScript(pwsh, 'stop-processes.ps1', root, JSON.stringify({ computer: 'AGI-PC2', processes: [target(4120, HEALTH, null)] }));
    expect(document.results).toEqual([{ ProcessId: 4120, status: 'ended', message: null }]);
  });

  it('a bad pid is a bad request, and nothing is ended', async () => {
    const root = simulator({ localhost: machine({ processes: [proc(4120, HEALTH)] }) });
    const { code, document } = await runScript(pwsh, 'stop-processes.ps1', root, JSON.stringify({ processes: [target(4120, HEALTH, at), target(0, 'x', null)] }));
    expect(code).toBe(1);
    expect(document).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(readFileSync(join(root, 'localhost', '.machine.json'), 'utf8')).toContain('4120');
  });
});
