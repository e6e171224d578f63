/**
 * Small machines for the doctor's tests: processes and events in the shapes Windows gives
 * (Win32_Process, the capture's history entries), a few declared jobs, and live tasks
 * rendered by taskctl's own renderer.
 */
import { compileConfig } from '../../src/declaration/compile-config.js';
import type { CompiledConfig } from '../../src/declaration/compile-tasks.js';
import { diagnose, type Diagnosis } from '../../src/doctor/diagnose.js';
import type { DoctorThresholds } from '../../src/doctor/findings.js';
import { readSnapshot, type MachineSnapshot } from '../../src/doctor/snapshot.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';

const CAPTURED_AT = '2025-11-02T22:45:00+09:00';
export const SCHEDULE_PID = 1820;
export const VENV = 'C:\\AGI\\.venv\\Scripts\\python.exe';
export const BASE_PYTHON = 'C:\\Python313\\python.exe';
export const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** `22:40` (or `22:40:30`) on the capture's day, with its offset. */
const time = (clock: string): string => `2025-11-02T${clock.length === 5 ? `${clock}:00` : clock}+09:00`;

export interface RawProcess {
  ProcessId: number;
  ParentProcessId: number;
  Name: string;
  CommandLine: string | null;
  CreationDate: string | null;
  WorkingSetSize: number;
  UserModeTime: number;
  KernelModeTime: number;
}

export function proc(pid: number, parent: number, commandLine: string | null, created: string, extra: Partial<RawProcess> = {}): RawProcess {
  const program = commandLine === null ? 'System' : (commandLine.startsWith('"') ? commandLine.slice(1, commandLine.indexOf('"', 1)) : commandLine.split(' ')[0]!);
  return {
    ProcessId: pid,
    ParentProcessId: parent,
    Name: program.split('\\').pop()!,
    CommandLine: commandLine,
    CreationDate: time(created),
    WorkingSetSize: 50 * 1024 * 1024,
    UserModeTime: 10_000_000,
    KernelModeTime: 1_000_000,
    ...extra,
  };
}

export interface RawEvent {
  TimeCreated: string;
  Id: number;
  TaskName: string;
  ProcessId: number | null;
  ResultCode: number | null;
  InstanceId: string | null;
}

export function ev(id: number, task: string, at: string, extra: { pid?: number; result?: number; instance?: string } = {}): RawEvent {
  return { TimeCreated: time(at), Id: id, TaskName: task, ProcessId: extra.pid ?? null, ResultCode: extra.result ?? null, InstanceId: extra.instance ?? null };
}

/** The processes every machine has: the Schedule service's svchost and an interactive console. */
const BASE_PROCESSES: RawProcess[] = [
  proc(SCHEDULE_PID, 860, 'C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p -s Schedule', '08:00'),
  proc(5120, 4410, `"${PS}"`, '09:00'),
];

export function snapshotDoc(parts: { processes?: RawProcess[]; history?: RawEvent[]; samples?: number[]; inUse?: number; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  const total = 32 * 1024 ** 3;
  return {
    capturedAt: CAPTURED_AT,
    computer: 'AGI-PC',
    cpu: { intervalSeconds: 1, samples: parts.samples ?? [5, 6, 7] },
    memory: { totalBytes: total, availableBytes: Math.round(total * (1 - (parts.inUse ?? 0.2))) },
    processes: [...BASE_PROCESSES, ...(parts.processes ?? [])],
    history: parts.history ?? [],
    historyEnabled: true,
    historySeconds: 86400,
    scheduleServiceProcessId: SCHEDULE_PID,
    ...parts.extra,
  };
}

/** The declared jobs of the tests: a Python health check, a PowerShell monitor, and a program without a script. */
export const CONFIG: CompiledConfig = compileConfig({
  prefix: 'AGI',
  tasks: [
    { name: 'AGI_Health', actions: [{ command: VENV, arguments: 'C:\\AGI\\scripts\\check_health.py', workingDirectory: 'C:\\AGI' }], timeLimit: 'PT4M' },
    { name: 'AGI_Monitor', actions: [{ command: PS, arguments: '-NoProfile -File "C:\\AGI\\scripts\\monitor.ps1"' }], timeLimit: 'PT10M' },
    { name: 'AGI_Ollama', actions: [{ command: 'C:\\Ollama\\ollama.exe', arguments: 'pull llama3' }], timeLimit: 'PT1H' },
  ],
});

/** Live task records (as read-tasks.ps1 or --live give them), rendered from declarations. */
export function liveTasks(tasks: Record<string, unknown>[]): LiveTaskRecord[] {
  return compileConfig({ prefix: 'AGI', tasks }).tasks.map((t) => ({ taskPath: t.folder, taskName: t.name, state: 'Ready', xml: renderTaskXml(t.definition) }));
}

function snapshotOf(doc: Record<string, unknown>): MachineSnapshot {
  return readSnapshot(doc, 'test', 'AGI');
}

export function run(
  doc: Record<string, unknown>,
  options: { config?: CompiledConfig; live?: LiveTaskRecord[]; thresholds?: Partial<DoctorThresholds>; predictedSelfOverlap?: Map<string, boolean> } = {},
): Diagnosis {
  return diagnose({
    snapshot: snapshotOf(doc),
    config: options.config ?? CONFIG,
    live: options.live,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
    ...(options.predictedSelfOverlap ? { predictedSelfOverlap: options.predictedSelfOverlap } : {}),
  });
}

export const kinds = (d: Diagnosis): string[] => d.findings.map((f) => f.kind);
export const finding = (d: Diagnosis, kind: string) => d.findings.filter((f) => f.kind === kind);
export const candidatePids = (d: Diagnosis): number[] => d.candidates.map((c) => c.process.pid).sort((a, b) => a - b);
