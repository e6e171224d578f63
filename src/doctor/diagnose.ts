/**
 * The doctor's rules: a snapshot of a machine, against the declarations and the live tasks
 * under the prefix, becomes findings (findings.ts) and the processes `--stop` may end.
 *
 * - `loop-process` (error): a run of a job whose command line runs in a never-ending mode
 *   (`loopReasons`, the patterns `list-conflicts` reports as continuous-loop).
 * - `stray-process` (error): a run of a job Task Scheduler did not start (machine-model.ts).
 * - `duplicate-process` (error): one script running more than once at the same time.
 * - `overrun` (error): a run Task Scheduler started that is older than its task's time limit,
 *   or that Task Scheduler already stopped for exceeding it (event 329) and still runs.
 * - `skipped-runs`, `timeouts`, `failed-runs` (warning): per task, from the history.
 * - `history-disabled`, `history-unreadable` (warning): what the snapshot could not tell.
 * - `cpu`, `memory`, `python-processes`: the report's criteria; a warning at or over the
 *   threshold, the measurement as info below it. They measure the whole machine, not only
 *   the jobs, so they never make the exit code 2 on their own: a busy machine is not a broken
 *   schedule, and the loop, stray and duplicate findings name the jobs' part in it.
 *
 * Cost: one pass over processes and one over events, each indexed by pid or task
 * (machine-model.ts, history.ts); nothing compares pairs.
 */
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { loopReasons } from '../schtasks/command-line.js';
import { fullTaskPath, taskPathKey } from '../schtasks/task-path.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';
import { DEFAULT_THRESHOLDS, sortFindings, type DoctorThresholds, type Finding } from './findings.js';
import { describeResultCode, indexHistory, type HistoryIndex, type TaskHistory } from './history.js';
import { JobIndex, jobsOfTask, type Job } from './jobs.js';
import { buildMachineModel, type MachineModel, type ProcessRun } from './machine-model.js';
import type { MachineSnapshot, SnapshotProcess } from './snapshot.js';

export interface DiagnoseInput {
  snapshot: MachineSnapshot;
  config: CompiledConfig;
  /** Live tasks under the prefix: the snapshot's own, or read from `--live`/`--store`/Windows. */
  live: readonly LiveTaskRecord[] | undefined;
  thresholds?: Partial<DoctorThresholds>;
  /**
   * What `list-conflicts` predicts for the tasks whose schedule is known, by task path key:
   * true when a run can still be going when the next one is due (`self-overlap`). The
   * skipped runs of the history are compared with it.
   */
  predictedSelfOverlap?: ReadonlyMap<string, boolean>;
}

/** A run `--stop` may end, and why. */
export interface StopCandidate {
  process: SnapshotProcess;
  /** The finding kinds that put it here. */
  reasons: Array<'loop-process' | 'stray-process' | 'duplicate-process'>;
}

export interface Diagnosis {
  findings: Finding[];
  /** Processes of loop, stray and duplicate findings, each once, oldest run first. */
  candidates: StopCandidate[];
  model: MachineModel;
  /** Live tasks whose XML could not be read (their jobs are unknown). */
  unreadableTasks: Array<{ task: string; reason: string }>;
}

export function diagnose(input: DiagnoseInput): Diagnosis {
  const { snapshot, config } = input;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const { jobs, unreadableTasks } = collectJobs(config, input.live);
  const history = indexHistory(snapshot.history, config.prefix);
  const model = buildMachineModel(snapshot, new JobIndex(jobs), history);
  const text = new Describer(snapshot, model);
  const declared = groupBy(jobs.filter((job) => job.source === 'declared'), (job) => job.identity);

  const findings: Finding[] = [];
  const candidates = new Map<number, StopCandidate>();
  const nominate = (run: ProcessRun, reason: StopCandidate['reasons'][number]) => {
    for (const process of run.members) {
      const entry = candidates.get(process.pid) ?? { process, reasons: [] };
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
      candidates.set(process.pid, entry);
    }
  };

  const byIdentity = groupBy(model.runs, (run) => run.identity);

  for (const run of model.runs) {
    if (run.loopReasons.length === 0) continue;
    nominate(run, 'loop-process');
    findings.push(loopFinding(run, declared.get(run.identity) ?? [], text));
  }
  for (const [identity, runs] of byIdentity) {
    const strays = runs.filter((run) => run.startedBy.by === 'other' && run.loopReasons.length === 0);
    if (strays.length > 0) {
      for (const run of strays) nominate(run, 'stray-process');
      findings.push(strayFinding(identity, strays, declared.get(identity) ?? [], text));
    }
    if (runs.length > 1) {
      const kept = keptRun(runs);
      for (const run of runs) if (run !== kept) nominate(run, 'duplicate-process');
      findings.push(duplicateFinding(identity, runs, kept, text));
    }
  }
  findings.push(...overrunFindings(model, jobs, history, text));
  findings.push(...historyFindings(snapshot, history, text, input.predictedSelfOverlap));
  findings.push(...thresholdFindings(snapshot, model, thresholds, text));

  const computer = snapshot.computer;
  const withComputer = computer === undefined ? findings : findings.map((f) => ({ ...f, computer }));
  const order = new Map(model.runs.flatMap((run, i) => run.members.map((m) => [m.pid, i] as const)));
  const sortedCandidates = [...candidates.values()].sort((a, b) => (order.get(a.process.pid) ?? 0) - (order.get(b.process.pid) ?? 0));
  return { findings: sortFindings(withComputer), candidates: sortedCandidates, model, unreadableTasks };
}

/** Jobs of the declared tasks and of the live tasks under the prefix. */
function collectJobs(config: CompiledConfig, live: readonly LiveTaskRecord[] | undefined) {
  const jobs: Job[] = config.tasks.flatMap((task) => jobsOfTask(task.path, 'declared', task.definition));
  const unreadableTasks: Array<{ task: string; reason: string }> = [];
  for (const record of live ?? []) {
    const path = fullTaskPath(record.taskPath, record.taskName);
    try {
      jobs.push(...jobsOfTask(path, 'live', parseTaskXml(record.xml, path).definition));
    } catch (error) {
      unreadableTasks.push({ task: path, reason: (error as Error).message });
    }
  }
  return { jobs, unreadableTasks };
}

/** The run `--stop` leaves alone among duplicates: the newest one Task Scheduler started, if any. */
function keptRun(runs: readonly ProcessRun[]): ProcessRun | undefined {
  const scheduled = runs.filter((run) => run.startedBy.by === 'task-scheduler' && run.loopReasons.length === 0);
  return scheduled.reduce<ProcessRun | undefined>((newest, run) => (newest === undefined || (run.root.createdMs ?? 0) >= (newest.root.createdMs ?? 0) ? run : newest), undefined);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** `1 run`, `3 runs`. */
const count = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

const pidsOf = (runs: readonly ProcessRun[]): number[] => runs.flatMap((run) => run.members.map((m) => m.pid));
const jobName = (identity: string, runs: readonly ProcessRun[]): string =>
  identity.startsWith('script:') ? identity.slice('script:'.length) : (runs[0]?.jobs[0]?.commandText ?? identity);
const uniqueTasks = (tasks: readonly string[]): string[] => [...new Map(tasks.map((t) => [taskPathKey(t), t])).values()].sort();
const listed = (items: readonly string[], max = 6): string =>
  items.length <= max ? items.join('; ') : `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;

function loopFinding(run: ProcessRun, declared: readonly Job[], text: Describer): Finding {
  const scheduled = run.startedBy.by === 'task-scheduler' ? run.startedBy.tasks : [];
  const started = scheduled.length > 0 ? `started by Task Scheduler (${scheduled.join(' or ')})` : `outside Task Scheduler: ${text.parent(run.root)}`;
  const declaredTasks = uniqueTasks(declared.map((job) => job.task));
  const isDeclared = (task: string) => declaredTasks.some((d) => taskPathKey(d) === taskPathKey(task));
  // The declaration itself loops when a declared job of a starting task has the same never-ending switch.
  const declarationLoops = declared.some((job) => scheduled.some((task) => taskPathKey(task) === taskPathKey(job.task)) && loopReasons(job.commandText).length > 0);
  const schedule =
    declaredTasks.length > 0
      ? `The declared ${declaredTasks.join(', ')} runs ${jobName(run.identity, [run])} once per start, on a schedule`
      : 'Declare it as a scheduled task with a time limit that runs one pass per start';
  let fix: string;
  if (declarationLoops) {
    fix = `End it (taskctl doctor --stop), and drop the never-ending switch from the declaration of ${scheduled.join(', ')}: let the schedule repeat one pass (taskctl list-conflicts reports this as continuous-loop).`;
  } else if (scheduled.length > 0) {
    const replaced = scheduled.filter(isDeclared);
    const removed = scheduled.filter((task) => !isDeclared(task));
    const apply = [
      replaced.length > 0 ? `taskctl apply registers ${replaced.join(', ')} as declared, without the loop` : '',
      removed.length > 0 ? `${removed.join(', ')} is not declared, so taskctl apply deletes it` : '',
    ].filter(Boolean).join('; ');
    fix = `End it (taskctl doctor --stop) and change what starts it: ${apply}. ${schedule}.`;
  } else {
    fix = `End it (taskctl doctor --stop) and stop starting it by hand or from other scripts. ${schedule}.`;
  }
  return {
    kind: 'loop-process',
    severity: 'error',
    message: `${text.run(run)} runs in a never-ending mode: ${run.loopReasons.join('; ')}. Running ${text.since(run.root)}, ${started}.`,
    fix,
    processes: run.members.map((m) => m.pid),
    tasks: uniqueTasks([...scheduled, ...declaredTasks]),
    figures: text.runFigures(run),
  };
}

function strayFinding(identity: string, runs: readonly ProcessRun[], declared: readonly Job[], text: Describer): Finding {
  const name = jobName(identity, runs);
  const declaredTasks = uniqueTasks(declared.map((job) => job.task));
  const schedule = declaredTasks.length > 0 ? `${declaredTasks.join(', ')} runs ${name} on its schedule` : `declare ${name} as a scheduled task if it must run`;
  return {
    kind: 'stray-process',
    severity: 'error',
    message:
      `${name}: ${count(runs.length, 'run')} Task Scheduler did not start (by hand or by another loop): ` +
      `${listed(byParent(runs, text))}.`,
    fix: `End ${runs.length === 1 ? 'it' : 'them'} (taskctl doctor --stop) and find what starts ${runs.length === 1 ? 'it' : 'them'} (the parent named above); ${schedule}.`,
    processes: pidsOf(runs),
    tasks: declaredTasks,
    figures: { runs: runs.length, processes: pidsOf(runs).length },
  };
}

/** Runs told by who started them: one line per parent, so forty runs of one loop read as one. */
function byParent(runs: readonly ProcessRun[], text: Describer): string[] {
  const groups = groupBy(runs, (run) => text.parent(run.root));
  return [...groups].map(([parent, group]) => {
    const first = group[0]!;
    if (group.length === 1) return `${text.run(first)} ${text.since(first.root)}, ${parent}`;
    const times = group.map((run) => run.root.createdMs).filter((t): t is number => t !== undefined);
    const span = times.length > 0 ? `, since ${text.clock(Math.min(...times))}–${text.clock(Math.max(...times))}` : '';
    return `${group.length} runs ${parent}${span}`;
  });
}

function duplicateFinding(identity: string, runs: readonly ProcessRun[], kept: ProcessRun | undefined, text: Describer): Finding {
  const name = jobName(identity, runs);
  const scheduled = runs.filter((run) => run.startedBy.by === 'task-scheduler');
  const tasks = uniqueTasks(scheduled.flatMap((run) => (run.startedBy.by === 'task-scheduler' ? run.startedBy.tasks : [])));
  const split = `${scheduled.length} started by Task Scheduler${tasks.length > 0 ? ` (${tasks.join(', ')})` : ''}, ${runs.length - scheduled.length} by other processes`;
  const keep = kept
    ? `--stop keeps the newest run Task Scheduler started (${text.run(kept)} ${text.since(kept.root)}) and ends the ${count(runs.length - 1, 'other run')}`
    : `--stop ends all ${runs.length}: each is a loop, or a run Task Scheduler did not start`;
  return {
    kind: 'duplicate-process',
    severity: 'error',
    message: `${name} is running ${runs.length} times at once (${count(pidsOf(runs).length, 'process', 'processes')}; ${split}): ${listed(runs.map((run) => text.run(run)), 8)}.`,
    fix: `One job, one run: ${keep}. A task with the IgnoreNew policy never starts a second run while one is going; taskctl plan shows where the live tasks differ from the declarations.`,
    processes: pidsOf(runs),
    tasks,
    figures: { runs: runs.length, processes: pidsOf(runs).length, ...(kept ? { kept: kept.root.pid } : {}) },
  };
}

function overrunFindings(model: MachineModel, jobs: readonly Job[], history: HistoryIndex, text: Describer): Finding[] {
  // A task's limit: what the machine runs it with when the live task is known, else the declaration.
  const limits = new Map<string, { limitMs: number | undefined; source: Job['source'] }>();
  for (const job of jobs) {
    const key = taskPathKey(job.task);
    const known = limits.get(key);
    if (known === undefined || (known.source === 'declared' && job.source === 'live')) limits.set(key, { limitMs: job.timeLimitMs, source: job.source });
  }
  const findings: Finding[] = [];
  for (const run of model.runs) {
    if (run.startedBy.by !== 'task-scheduler' || run.root.createdMs === undefined) continue;
    const ageMs = text.capturedAtMs - run.root.createdMs;
    const found = run.startedBy.tasks.map((task) => limits.get(taskPathKey(task)));
    // Several possible tasks: the most lenient limit, so an overrun is never claimed on a guess.
    const limitMs = found.some((l) => l === undefined || l.limitMs === undefined) ? undefined : Math.max(...found.map((l) => l!.limitMs!));
    const stopped = (history.createdByPid.get(run.root.pid) ?? []).find((c) => c.instanceId !== undefined && history.timedOutInstances.has(c.instanceId));
    if (!stopped && (limitMs === undefined || ageMs <= limitMs)) continue;
    const limit = limitMs === undefined ? 'no time limit' : `a limit of ${formatAge(limitMs)}`;
    const event = stopped
      ? ` Task Scheduler logged it as stopped for exceeding its time limit (event 329), yet it is still running.`
      : '';
    findings.push({
      kind: 'overrun',
      severity: 'error',
      message: `${text.run(run)}, a run of ${run.startedBy.tasks.join(' or ')} ${text.since(run.root)}, has run longer than its task allows (${limit}).${event}`,
      fix:
        `End it (Stop-Process -Id ${run.root.pid} -Force) and find why it outlives the limit: Task Scheduler ends only the process it started ` +
        '(a child the script did not wait for keeps running), and none when the task does not allow hard termination (AllowHardTerminate).',
      processes: run.members.map((m) => m.pid),
      tasks: uniqueTasks(run.startedBy.tasks),
      figures: { ...text.runFigures(run), ...(limitMs !== undefined ? { limitMinutes: round(limitMs / 60_000) } : {}) },
    });
  }
  return findings;
}

function historyFindings(snapshot: MachineSnapshot, history: HistoryIndex, text: Describer, predicted: ReadonlyMap<string, boolean> | undefined): Finding[] {
  const findings: Finding[] = [];
  if (!snapshot.historyEnabled) {
    findings.push({
      kind: 'history-disabled',
      severity: 'warning',
      message:
        `Task Scheduler's history (Microsoft-Windows-TaskScheduler/Operational) is disabled${snapshot.computer ? ` on ${snapshot.computer}` : ''}: ` +
        'skipped, timed-out and failed runs can not be counted, and a process is known as a task\'s run only by its Schedule-service parent.',
      fix: 'Enable it (elevated): wevtutil set-log Microsoft-Windows-TaskScheduler/Operational /enabled:true — or "Enable All Tasks History" in Task Scheduler.',
    });
  }
  if (snapshot.historyError !== undefined) {
    findings.push({
      kind: 'history-unreadable',
      severity: 'warning',
      message: `Task Scheduler's history could not be read: ${snapshot.historyError}. Runs are not counted.`,
      fix: 'Capture from an elevated shell, or as a member of Event Log Readers.',
    });
  }
  const window = text.historyWindow(history);
  const tasks = [...history.tasks.values()].sort((a, b) => taskPathKey(a.task).localeCompare(taskPathKey(b.task)));
  for (const task of tasks) {
    if (task.skipped.count > 0) {
      const foreseen = predicted?.get(taskPathKey(task.task));
      const comparison =
        foreseen === true
          ? ' taskctl list-conflicts predicts it (self-overlap): the time limit lets a run outlast the time to the next start.'
          : foreseen === false
            ? ' taskctl list-conflicts does not predict it from the schedule and the time limit: runs were started besides the schedule (by hand, or by another trigger), or took longer than the schedule leaves them.'
            : '';
      findings.push({
        kind: 'skipped-runs',
        severity: 'warning',
        message:
          `Task Scheduler skipped ${count(task.skipped.count, 'run')} of ${task.task} ${window} because the previous run was still going ` +
          `(event 322, multiple-instances policy IgnoreNew); last at ${text.clock(task.skipped.lastMs)}.${comparison}`,
        fix: 'Its runs outlast the interval between starts: shorten the work, start it less often, or give it a time limit below the interval.',
        tasks: [task.task],
        figures: {
          skipped: task.skipped.count,
          started: task.started,
          last: text.iso(task.skipped.lastMs),
          ...(foreseen !== undefined ? { predictedByListConflicts: foreseen ? 'yes' : 'no' } : {}),
        },
      });
    }
    if (task.timeouts.count > 0) {
      findings.push({
        kind: 'timeouts',
        severity: 'warning',
        message: `Task Scheduler stopped ${task.task} ${count(task.timeouts.count, 'time')} ${window} for exceeding its time limit (event 329); last at ${text.clock(task.timeouts.lastMs)}.`,
        fix: 'The runs need longer than the limit allows: find what makes them slow, or raise the limit if the work really needs it.',
        tasks: [task.task],
        figures: { timeouts: task.timeouts.count, started: task.started, last: text.iso(task.timeouts.lastMs) },
      });
    }
    const failed = failureCount(task);
    if (failed > 0) findings.push(failedRunsFinding(task, failed, window, text));
  }
  return findings;
}

const failureCount = (task: TaskHistory): number =>
  task.failures.failedToStart + task.failures.actionFailed + task.failures.nonZeroExit + task.failures.terminated;

function failedRunsFinding(task: TaskHistory, failed: number, window: string, text: Describer): Finding {
  const f = task.failures;
  const parts = [
    f.nonZeroExit > 0 ? `${f.nonZeroExit} ended with a failure code (event 201)` : '',
    f.actionFailed > 0 ? `${f.actionFailed} failed (event 202)` : '',
    f.failedToStart > 0 ? `${f.failedToStart} could not start (events 101/103/203)` : '',
    f.terminated > 0 ? `${f.terminated} were terminated (event 111)` : '',
  ].filter(Boolean);
  const code = f.lastResultCode === undefined ? '' : `, result ${describeResultCode(f.lastResultCode)}`;
  return {
    kind: 'failed-runs',
    severity: 'warning',
    message: `${count(failed, 'run')} of ${task.task} failed ${window}${task.started > 0 ? ` (of ${task.started} started)` : ''}: ${parts.join(', ')}; last at ${text.clock(f.lastMs)}${code}.`,
    fix: `See the job's own log, and the events of ${task.task} in Event Viewer (Microsoft-Windows-TaskScheduler/Operational); a result 0x8007xxxx wraps the program's exit code.`,
    tasks: [task.task],
    figures: { failed, started: task.started, ...(f.lastResultCode !== undefined ? { lastResultCode: f.lastResultCode } : {}), last: text.iso(f.lastMs) },
  };
}

function thresholdFindings(snapshot: MachineSnapshot, model: MachineModel, thresholds: DoctorThresholds, text: Describer): Finding[] {
  const findings: Finding[] = [];
  const samples = snapshot.cpu.samples;
  if (samples.length === 0) {
    findings.push({ kind: 'cpu', severity: 'info', message: 'CPU load was not sampled (--sample 0).', fix: 'Capture with --sample 30s to measure it.' });
  } else {
    const average = round(samples.reduce((a, b) => a + b, 0) / samples.length);
    const over = average >= thresholds.cpuPercent;
    const top = [...snapshot.processes]
      .filter((p) => p.cpuSeconds !== undefined && p.pid > 4)
      .sort((a, b) => b.cpuSeconds! - a.cpuSeconds! || a.pid - b.pid)
      .slice(0, 3);
    const seconds = round(samples.length * snapshot.cpu.intervalSeconds);
    findings.push({
      kind: 'cpu',
      severity: over ? 'warning' : 'info',
      message:
        `CPU load averaged ${average} % over ${seconds} s (highest sample ${round(Math.max(...samples))} %); the target is below ${thresholds.cpuPercent} %.` +
        (over && top.length > 0 ? ` Most CPU time so far: ${top.map((p) => `${text.process(p)} ${round(p.cpuSeconds!)} s ${text.since(p)}`).join('; ')}.` : ''),
      fix: over
        ? 'End the loops, strays and duplicates above (taskctl doctor --stop), then capture again; if the load stays, look at the processes named here.'
        : 'Nothing to do: below the target.',
      ...(over && top.length > 0 ? { processes: top.map((p) => p.pid) } : {}),
      figures: { averagePercent: average, maxPercent: round(Math.max(...samples)), samples: samples.length, thresholdPercent: thresholds.cpuPercent },
    });
  }
  const { totalBytes, availableBytes } = snapshot.memory;
  const inUse = round((100 * (totalBytes - availableBytes)) / totalBytes);
  const memoryOver = inUse >= thresholds.memoryPercent;
  findings.push({
    kind: 'memory',
    severity: memoryOver ? 'warning' : 'info',
    message: `${inUse} % of physical memory is in use (${gib(totalBytes - availableBytes)} of ${gib(totalBytes)} GiB); the target is below ${thresholds.memoryPercent} %.`,
    fix: memoryOver ? 'End the loops, strays and duplicates above, then capture again; the largest working sets are in the snapshot.' : 'Nothing to do: below the target.',
    figures: { inUsePercent: inUse, totalBytes, availableBytes, thresholdPercent: thresholds.memoryPercent },
  });
  const { processes, counted } = model.python;
  const pythonOver = counted >= thresholds.pythonProcesses;
  findings.push({
    kind: 'python-processes',
    severity: pythonOver ? 'warning' : 'info',
    message:
      `${count(processes, 'Python process', 'Python processes')}${counted !== processes ? `, ${counted} once each venv launcher and the interpreter it starts count as one` : ''}; ` +
      `the target is fewer than ${thresholds.pythonProcesses}.`,
    fix: pythonOver ? 'End the loops, strays and duplicates above (taskctl doctor --stop); each scheduled job should be at most one run at a time.' : 'Nothing to do: below the target.',
    figures: { processes, counted, threshold: thresholds.pythonProcesses },
  });
  return findings;
}

const round = (n: number): number => Math.round(n * 10) / 10;
const gib = (bytes: number): number => round(bytes / 1024 ** 3);

/** `47 min`, `1 h 15 min`, `2 d 4 h`. */
function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return hours % 24 === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A time on the machine's own clock (the offset it was captured with): `22:45`, or with its date when another day. */
export function machineTime(ms: number, offsetMinutes: number | undefined, referenceMs?: number): string {
  const local = (t: number) => new Date(t + (offsetMinutes ?? 0) * 60_000).toISOString();
  const text = local(ms);
  const sameDay = referenceMs !== undefined && local(referenceMs).slice(0, 10) === text.slice(0, 10);
  return sameDay ? text.slice(11, 16) : `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

/** How processes, runs and times read in messages, on the machine's clock. */
class Describer {
  readonly capturedAtMs: number;
  constructor(
    private readonly snapshot: MachineSnapshot,
    private readonly model: MachineModel,
  ) {
    this.capturedAtMs = snapshot.capturedAtMs;
  }

  clock(ms: number): string {
    return machineTime(ms, this.snapshot.utcOffsetMinutes, this.capturedAtMs);
  }

  /** The instant with the machine's offset, for figures. */
  iso(ms: number): string {
    const offset = this.snapshot.utcOffsetMinutes ?? 0;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return `${new Date(ms + offset * 60_000).toISOString().slice(0, 19)}${zone}`;
  }

  process(p: SnapshotProcess): string {
    return `pid ${p.pid} ${p.name}`;
  }

  /** `pid 7740 python.exe (+ interpreter 7752)`. */
  run(run: ProcessRun): string {
    const rest = run.members.slice(1).map((m) => m.pid);
    return `${this.process(run.root)}${rest.length > 0 ? ` (+ interpreter ${rest.join(', ')})` : ''}`;
  }

  since(p: SnapshotProcess): string {
    if (p.createdMs === undefined) return '(start time unknown)';
    return `since ${this.clock(p.createdMs)} (${formatAge(this.capturedAtMs - p.createdMs)})`;
  }

  /** Who started a process, as far as the snapshot tells. */
  parent(p: SnapshotProcess): string {
    if (p.parentPid === undefined) return 'parent unknown';
    const parent = this.model.byPid.get(p.parentPid);
    if (!parent || (parent.createdMs !== undefined && p.createdMs !== undefined && parent.createdMs > p.createdMs)) {
      return `its parent, pid ${p.parentPid}, has exited`;
    }
    const loop = this.model.runOf.get(parent.pid);
    if (loop && loop.loopReasons.length > 0) return `started by the loop ${this.process(parent)}`;
    if (loop) return `started by ${this.process(parent)}, a run of ${jobName(loop.identity, [loop])}`;
    return `started by ${this.process(parent)}`;
  }

  runFigures(run: ProcessRun): Record<string, number> {
    const created = run.root.createdMs;
    const cpu = run.members.reduce((sum, m) => sum + (m.cpuSeconds ?? 0), 0);
    return { ...(created !== undefined ? { runningMinutes: Math.floor((this.capturedAtMs - created) / 60_000) } : {}), cpuSeconds: round(cpu) };
  }

  /** `in the last 24 h` (the capture's window), or `since <first event>`. */
  historyWindow(history: HistoryIndex): string {
    if (this.snapshot.historySeconds !== undefined) return `in the last ${formatAge(this.snapshot.historySeconds * 1000)}`;
    return history.firstMs === undefined ? 'in the history' : `since ${this.clock(history.firstMs)}`;
  }
}
