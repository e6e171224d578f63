/**
 * The running processes, indexed once by pid and by parent, and grouped into runs: a venv's
 * `python.exe` is a launcher that starts the real interpreter with the same arguments, so the
 * two are one run of a script (and count as one Python process). For every run that runs a
 * job, who started it:
 *
 * - Task Scheduler, when the history says a task created its pid (events 129/200, at the
 *   time the process was created: pids are reused), or when its parent is the svchost that
 *   hosts the Schedule service (how Task Scheduler starts every exec action — this still
 *   works when the history is off or does not reach back far enough);
 * - a task's run, when its parent is one (still running, or gone but named by the history)
 *   and it runs the same job: `cmd /c python x.py`, a launcher and its interpreter;
 * - someone or something else otherwise: by hand, or by another loop.
 *
 * A parent is only a parent when it was created before its child: a younger process with
 * the parent's pid is a stranger that reused the number.
 */
import { taskPathKey } from '../schtasks/task-path.js';
import { loopReasons } from '../schtasks/command-line.js';
import type { HistoryIndex } from './history.js';
import { isPythonProgram, splitProgram, type Job, type JobIndex } from './jobs.js';
import type { MachineSnapshot, SnapshotProcess } from './snapshot.js';

/** How far apart a process's CreationDate and the event naming its pid may be. */
const CREATION_TOLERANCE_MS = 60_000;
/** Parent chains longer than this are not followed (pid reuse can even make cycles). */
const MAX_DEPTH = 64;

type StartedBy =
  /** `tasks`: the task(s) it was started for; several when only the Schedule service parent tells, and several tasks run its job. */
  | { by: 'task-scheduler'; tasks: string[]; evidence: 'history' | 'schedule-service' | 'parent' }
  | { by: 'other' };

export interface ProcessRun {
  /** The process that started the run (the launcher, when there is one). */
  root: SnapshotProcess;
  /** The root, then the interpreter it launched (if any). */
  members: SnapshotProcess[];
  /** The jobs its command line runs (never empty for a run). */
  jobs: Job[];
  /** `script:check_health.py`: what the run is grouped by. */
  identity: string;
  startedBy: StartedBy;
  /** Why its command line never ends on its own (empty when it does). */
  loopReasons: string[];
}

export interface MachineModel {
  byPid: Map<number, SnapshotProcess>;
  children: Map<number, SnapshotProcess[]>;
  /** Runs of jobs, oldest first. */
  runs: ProcessRun[];
  /** Any member pid → its run. */
  runOf: Map<number, ProcessRun>;
  /** Python processes, and how many remain once each launcher and its interpreter count as one. */
  python: { processes: number; counted: number };
  schedulePid: number | undefined;
}

const argumentsKey = (p: SnapshotProcess): string =>
  p.commandLine === undefined ? '' : splitProgram(p.commandLine).rest.trim().replace(/\s+/g, ' ').toLowerCase();

export function buildMachineModel(snapshot: MachineSnapshot, jobs: JobIndex, history: HistoryIndex): MachineModel {
  const byPid = new Map<number, SnapshotProcess>();
  for (const p of snapshot.processes) byPid.set(p.pid, p);
  const children = new Map<number, SnapshotProcess[]>();

  /** The running parent, unless it is younger than the child (then the pid was reused). */
  const parentOf = (p: SnapshotProcess): SnapshotProcess | undefined => {
    if (p.parentPid === undefined || p.parentPid === p.pid) return undefined;
    const parent = byPid.get(p.parentPid);
    if (parent === undefined) return undefined;
    if (parent.createdMs !== undefined && p.createdMs !== undefined && parent.createdMs > p.createdMs) return undefined;
    return parent;
  };
  for (const p of snapshot.processes) {
    const parent = parentOf(p);
    if (!parent) continue;
    const siblings = children.get(parent.pid);
    if (siblings) siblings.push(p);
    else children.set(parent.pid, [p]);
  }

  /** A Python process whose parent is a Python launcher started with the same arguments (computed once per pid). */
  const launchers = new Map<number, SnapshotProcess | null>();
  const launcherOf = (p: SnapshotProcess): SnapshotProcess | undefined => {
    let found = launchers.get(p.pid);
    if (found === undefined) {
      const parent = parentOf(p);
      found = parent && isPythonProgram(p.name) && isPythonProgram(parent.name) && argumentsKey(p) !== '' && argumentsKey(p) === argumentsKey(parent) ? parent : null;
      launchers.set(p.pid, found);
    }
    return found ?? undefined;
  };

  let pythonProcesses = 0;
  let interpreters = 0;
  for (const p of snapshot.processes) {
    if (!isPythonProgram(p.name)) continue;
    pythonProcesses += 1;
    if (launcherOf(p)) interpreters += 1;
  }

  const schedulePid = snapshot.scheduleServicePid ?? snapshot.processes.find((p) => /^svchost\.exe$/i.test(p.name) && /\s-s\s+schedule\b/i.test(p.commandLine ?? ''))?.pid;
  const matches = new Map<number, Job[]>();
  const jobsOf = (p: SnapshotProcess): Job[] => {
    let found = matches.get(p.pid);
    if (found === undefined) {
      found = jobs.match(p.commandLine);
      matches.set(p.pid, found);
    }
    return found;
  };
  const runsTask = (p: SnapshotProcess, task: string): boolean => jobsOf(p).some((job) => taskPathKey(job.task) === taskPathKey(task));
  const knownTask = (task: string): boolean => jobs.jobs.some((job) => taskPathKey(job.task) === taskPathKey(task));

  const startedMemo = new Map<number, StartedBy>();
  const startedBy = (p: SnapshotProcess, depth: number): StartedBy => {
    const memo = startedMemo.get(p.pid);
    if (memo) return memo;
    const result = findStarter(p, depth);
    startedMemo.set(p.pid, result);
    return result;
  };
  const findStarter = (p: SnapshotProcess, depth: number): StartedBy => {
    const created = (history.createdByPid.get(p.pid) ?? []).filter(
      (c) => p.createdMs === undefined || Math.abs(c.atMs - p.createdMs) <= CREATION_TOLERANCE_MS,
    );
    if (created.length > 0) {
      const own = created.find((c) => runsTask(p, c.task)) ?? created[created.length - 1];
      if (own) return { by: 'task-scheduler', tasks: [own.task], evidence: 'history' };
    }
    if (schedulePid !== undefined && p.parentPid === schedulePid && (parentOf(p) !== undefined || !byPid.has(schedulePid))) {
      return { by: 'task-scheduler', tasks: tasksFor(jobsOf(p)), evidence: 'schedule-service' };
    }
    if (depth >= MAX_DEPTH) return { by: 'other' };
    const parent = parentOf(p);
    if (parent) {
      const starter = startedBy(parent, depth + 1);
      if (starter.by === 'task-scheduler') {
        const same = starter.tasks.filter((task) => runsTask(p, task) || (!knownTask(task) && jobsOf(p).length > 0));
        if (same.length > 0) return { by: 'task-scheduler', tasks: same, evidence: 'parent' };
      }
      return { by: 'other' };
    }
    // The parent is gone; the history may still say a task created it, before this process.
    if (p.parentPid !== undefined && p.createdMs !== undefined) {
      const before = (history.createdByPid.get(p.parentPid) ?? []).filter((c) => c.atMs <= p.createdMs! + CREATION_TOLERANCE_MS);
      const latest = before.reduce<(typeof before)[number] | undefined>((a, c) => (a === undefined || c.atMs > a.atMs ? c : a), undefined);
      if (latest && (runsTask(p, latest.task) || (!knownTask(latest.task) && jobsOf(p).length > 0))) {
        return { by: 'task-scheduler', tasks: [latest.task], evidence: 'parent' };
      }
    }
    return { by: 'other' };
  };

  const reasons = new Map<string, string[]>();
  const loopReasonsOf = (commandLine: string): string[] => {
    let found = reasons.get(commandLine);
    if (found === undefined) {
      found = loopReasons(commandLine);
      reasons.set(commandLine, found);
    }
    return found;
  };

  const runs: ProcessRun[] = [];
  const runOf = new Map<number, ProcessRun>();
  for (const p of snapshot.processes) {
    const launcher = launcherOf(p);
    if (launcher && jobsOf(launcher).length > 0) continue; // part of its launcher's run
    const found = jobsOf(p);
    if (found.length === 0) continue;
    const interpreters = (children.get(p.pid) ?? []).filter((c) => launcherOf(c) === p);
    const run: ProcessRun = {
      root: p,
      members: [p, ...interpreters],
      jobs: found,
      identity: found[0]!.identity,
      startedBy: startedBy(p, 0),
      loopReasons: loopReasonsOf(p.commandLine ?? ''),
    };
    runs.push(run);
    for (const member of run.members) runOf.set(member.pid, run);
  }
  runs.sort((a, b) => (a.root.createdMs ?? 0) - (b.root.createdMs ?? 0) || a.root.pid - b.root.pid);

  return { byPid, children, runs, runOf, python: { processes: pythonProcesses, counted: pythonProcesses - interpreters }, schedulePid };
}

/** The tasks whose jobs a process runs: live tasks first (they are what Task Scheduler runs), sorted. */
function tasksFor(jobs: readonly Job[]): string[] {
  const live = jobs.filter((job) => job.source === 'live').map((job) => job.task);
  const pick = live.length > 0 ? live : jobs.map((job) => job.task);
  return [...new Map(pick.map((task) => [taskPathKey(task), task])).values()].sort();
}
