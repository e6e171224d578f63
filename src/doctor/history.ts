/**
 * What Task Scheduler's own history (Microsoft-Windows-TaskScheduler/Operational) says,
 * indexed once: which process ids tasks created, and per task how many runs were started,
 * skipped, stopped at their time limit or failed. Event ids (task-scheduler-behaviour.md §5;
 * the capture reads every field by its EventData name, because event versions reorder them):
 *
 * | id  | meaning                                   | used for                                   |
 * |-----|-------------------------------------------|--------------------------------------------|
 * | 100 | task started (InstanceId)                 | runs started                               |
 * | 129 | created task process (ProcessID)          | pid → task: this process is a task's run   |
 * | 200 | action started (TaskInstanceId, EnginePID)| pid → task and pid → instance              |
 * | 201 | action completed (ResultCode, EnginePID)  | a non-zero ResultCode is a failed run      |
 * | 101 | task failed to start (ResultCode)         | failed run                                 |
 * | 103 | action start failed (ResultCode)          | failed run                                 |
 * | 202 | action failed (ResultCode)                | failed run                                 |
 * | 203 | action failed to launch (ResultCode)      | failed run                                 |
 * | 322 | launch ignored, an instance is running    | skipped run (IgnoreNew)                    |
 * | 329 | stopped for exceeding its time limit      | timeout; its instance's pid still running = overrun |
 * | 111 | instance terminated                       | a timeout when the same instance has a 329, else a terminated run |
 *
 * 129 carries no instance id; 200/201 link a process id (EnginePID, equal to 129's ProcessID)
 * to its instance, which is how a 329 reaches the process it was about.
 */
import { matchesPrefix, splitTaskPath, taskPathKey } from '../schtasks/task-path.js';
import type { HistoryEvent } from './snapshot.js';

export const EVENT = {
  started: 100,
  failedToStart: 101,
  completed: 102,
  actionStartFailed: 103,
  terminated: 111,
  processCreated: 129,
  actionStarted: 200,
  actionCompleted: 201,
  actionFailed: 202,
  actionLaunchFailed: 203,
  launchIgnored: 322,
  timeLimitExceeded: 329,
} as const;

/** The ids the capture reads from the log. */
export const HISTORY_EVENT_IDS: readonly number[] = Object.values(EVENT);

/** One process a task created, as the history tells it. */
interface CreatedProcess {
  task: string;
  atMs: number;
  instanceId: string | undefined;
}

export interface TaskHistory {
  task: string;
  started: number;
  skipped: { count: number; lastMs: number };
  timeouts: { count: number; lastMs: number; instances: Set<string> };
  failures: {
    /** 101, 103, 203: the task or its action could not be started. */
    failedToStart: number;
    /** 202: the action failed. */
    actionFailed: number;
    /** 201 with a non-zero ResultCode: the program ran and reported failure. */
    nonZeroExit: number;
    /** 111 without a 329 for the same instance. */
    terminated: number;
    lastMs: number;
    lastResultCode: number | undefined;
  };
}

export interface HistoryIndex {
  /** pid → the task runs that created a process with that id (pids are reused: several). */
  createdByPid: Map<number, CreatedProcess[]>;
  /** Per task path key. */
  tasks: Map<string, TaskHistory>;
  /** Instance ids (upper case) Task Scheduler stopped for exceeding the time limit. */
  timedOutInstances: Set<string>;
  /** The earliest event, for "in the last …" when the snapshot does not say its window. */
  firstMs: number | undefined;
}

const FAILED_TO_START: ReadonlySet<number> = new Set([EVENT.failedToStart, EVENT.actionStartFailed, EVENT.actionLaunchFailed]);

/** One pass over the events under the prefix (events of other tasks are not looked at). */
export function indexHistory(events: readonly HistoryEvent[], prefix: string): HistoryIndex {
  const createdByPid = new Map<number, CreatedProcess[]>();
  const tasks = new Map<string, TaskHistory>();
  const timedOutInstances = new Set<string>();
  const terminated: Array<{ history: TaskHistory; event: HistoryEvent }> = [];
  let firstMs: number | undefined;

  // Events name few tasks many times: each spelling is looked at once.
  const bySpelling = new Map<string, TaskHistory | null>();
  const historyOf = (task: string): TaskHistory | null => {
    const known = bySpelling.get(task);
    if (known !== undefined) return known;
    if (!matchesPrefix(splitTaskPath(task).name, prefix)) {
      bySpelling.set(task, null);
      return null;
    }
    const key = taskPathKey(task);
    let entry = tasks.get(key);
    if (!entry) {
      entry = {
        task,
        started: 0,
        skipped: { count: 0, lastMs: -Infinity },
        timeouts: { count: 0, lastMs: -Infinity, instances: new Set() },
        failures: { failedToStart: 0, actionFailed: 0, nonZeroExit: 0, terminated: 0, lastMs: -Infinity, lastResultCode: undefined },
      };
      tasks.set(key, entry);
    }
    bySpelling.set(task, entry);
    return entry;
  };
  const failed = (history: TaskHistory, event: HistoryEvent) => {
    if (event.atMs >= history.failures.lastMs) {
      history.failures.lastMs = event.atMs;
      history.failures.lastResultCode = event.resultCode;
    }
  };

  for (const event of events) {
    const history = historyOf(event.task);
    if (history === null) continue;
    if (firstMs === undefined || event.atMs < firstMs) firstMs = event.atMs;
    switch (event.id) {
      case EVENT.started:
        history.started += 1;
        break;
      case EVENT.processCreated:
      case EVENT.actionStarted:
        if (event.pid !== undefined) addCreated(createdByPid, event.pid, { task: event.task, atMs: event.atMs, instanceId: event.instanceId });
        break;
      case EVENT.actionCompleted:
        if (event.resultCode !== undefined && event.resultCode !== 0) {
          history.failures.nonZeroExit += 1;
          failed(history, event);
        }
        break;
      case EVENT.launchIgnored:
        history.skipped.count += 1;
        history.skipped.lastMs = Math.max(history.skipped.lastMs, event.atMs);
        break;
      case EVENT.timeLimitExceeded:
        history.timeouts.count += 1;
        history.timeouts.lastMs = Math.max(history.timeouts.lastMs, event.atMs);
        if (event.instanceId !== undefined) {
          history.timeouts.instances.add(event.instanceId);
          timedOutInstances.add(event.instanceId);
        }
        break;
      case EVENT.terminated:
        terminated.push({ history, event });
        break;
      case EVENT.actionFailed:
        history.failures.actionFailed += 1;
        failed(history, event);
        break;
      default:
        if (FAILED_TO_START.has(event.id)) {
          history.failures.failedToStart += 1;
          failed(history, event);
        }
    }
  }
  // A 111 after a 329 is the same stop told twice; only a 111 of its own is a terminated run.
  for (const { history, event } of terminated) {
    if (event.instanceId !== undefined && history.timeouts.instances.has(event.instanceId)) continue;
    history.failures.terminated += 1;
    failed(history, event);
  }
  return { createdByPid, tasks, timedOutInstances, firstMs };
}

function addCreated(map: Map<number, CreatedProcess[]>, pid: number, created: CreatedProcess): void {
  const list = map.get(pid);
  if (!list) {
    map.set(pid, [created]);
    return;
  }
  // 129 and 200 name the same process; keep one entry, with the instance id when one has it.
  const same = list.find((c) => taskPathKey(c.task) === taskPathKey(created.task) && Math.abs(c.atMs - created.atMs) <= 60_000);
  if (same) same.instanceId ??= created.instanceId;
  else list.push(created);
}

/** `0x80070001`; HRESULT_FROM_WIN32(n) is how Task Scheduler wraps an exit code n. */
export function describeResultCode(code: number): string {
  const unsigned = code >>> 0;
  const hex = `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`;
  if ((unsigned & 0xffff0000) >>> 0 === 0x80070000) return `${hex} (exit code ${unsigned & 0xffff})`;
  if (unsigned < 0x10000) return `exit code ${unsigned}`;
  return hex;
}
