/**
 * Every subject's time-based triggers → its concrete runs over the horizon, how long each
 * run may last, and the time a task may be running.
 *
 * The analysis keeps a task's runs as typed arrays (`TaskRuns`: 17 bytes a run, no object
 * per run) and expands one group at a time, so memory follows the largest group, not the
 * fleet. `expandRuns` builds `Run` objects for whoever wants to look at each run (the
 * timeline).
 *
 * Time limits: Settings' ExecutionTimeLimit applies to every run; a trigger's own
 * ExecutionTimeLimit applies to the runs it starts, and wins when it is shorter. `PT0S`
 * (either place) means "no limit there". Normalization fills every trigger's limit with the
 * schema default, so a written PT72H can't be told from an absent one; a trigger limit equal
 * to the default is therefore read as "not set" (otherwise every unbounded task would look
 * capped at three days).
 *
 * Busy intervals: several runs of one task merge into one busy stretch (sorted, disjoint,
 * half-open): for collisions with other tasks it only matters whether the task is running.
 */
import { expandTrigger, type RunSink } from './expand-trigger.js';
import { type Horizon, resolveHorizon } from './horizon.js';
import type { ConflictOptions, ConflictSubject, ExpansionNote, Run, RunExpansion } from './types.js';
import { durationToMs } from '../schtasks/duration.js';
import { SETTINGS_DEFAULTS, TRIGGER_DEFAULTS, type Settings, type Trigger } from '../schtasks/model.js';

/** Defensive ceiling per trigger: a PT1M repetition over a year is ~525k runs. */
export const MAX_RUNS_PER_TRIGGER = 100_000;

/** One task's runs, sorted by start (a task's triggers in index order on equal starts). */
export interface TaskRuns {
  subject: ConflictSubject;
  count: number;
  starts: Float64Array;
  /** The latest possible end of each run: latest start + time limit (or the horizon's end when unbounded). */
  ends: Float64Array;
  triggers: Uint8Array;
  /** Per trigger index: its RandomDelay in ms (a run's latest start is `start + randomDelay`). */
  randomDelayMs: readonly number[];
  /** Per trigger index: its runs have no time limit. */
  unbounded: readonly boolean[];
}

const isScheduled = (kind: string) => kind === 'TimeTrigger' || kind === 'CalendarTrigger';

/** Typed arrays that grow by doubling; one per task being expanded. */
class RunBuffer implements RunSink {
  starts = new Float64Array(64);
  ends = new Float64Array(64);
  triggers = new Uint8Array(64);
  count = 0;
  trigger = 0;
  sorted = true;

  push(start: number, end: number): void {
    if (this.count === this.starts.length) this.grow();
    const at = this.count++;
    if (at > 0 && start < (this.starts[at - 1] as number)) this.sorted = false;
    this.starts[at] = start;
    this.ends[at] = end;
    this.triggers[at] = this.trigger;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Float64Array(size);
    const ends = new Float64Array(size);
    const triggers = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    triggers.set(this.triggers);
    [this.starts, this.ends, this.triggers] = [starts, ends, triggers];
  }
}

/** Expands one subject (nothing for a disabled task or trigger, or one without a schedule). */
export function expandTaskRuns(subject: ConflictSubject, horizon: Horizon, notes: ExpansionNote[]): TaskRuns {
  const { definition } = subject;
  const buffer = new RunBuffer();
  const randomDelayMs: number[] = [];
  const unbounded: boolean[] = [];
  if (definition.settings.enabled !== false) {
    definition.triggers.forEach((trigger, triggerIndex) => {
      if (trigger.kind !== 'TimeTrigger' && trigger.kind !== 'CalendarTrigger') return;
      if (trigger.enabled === false) return;
      const limitMs = effectiveTimeLimitMs(definition.settings, trigger);
      randomDelayMs[triggerIndex] = durationToMs(trigger.randomDelay ?? 'PT0S') ?? 0;
      unbounded[triggerIndex] = limitMs === undefined && !(trigger.repetition?.duration !== undefined && trigger.repetition.stopAtDurationEnd === true);
      buffer.trigger = triggerIndex;
      expandTrigger(
        { subject, triggerIndex, trigger, limitMs, from: horizon.from, end: horizon.end, timeZone: horizon.timeZone, cap: MAX_RUNS_PER_TRIGGER },
        buffer,
        notes,
      );
    });
  }
  const { count } = buffer;
  const runs = taskRuns(subject, buffer.starts.slice(0, count), buffer.ends.slice(0, count), buffer.triggers.slice(0, count), randomDelayMs, unbounded);
  return buffer.sorted ? runs : sortRuns(runs);
}

/** Every TaskRuns is made here, with one shape, so the sweep's property reads stay monomorphic. */
function taskRuns(
  subject: ConflictSubject, starts: Float64Array, ends: Float64Array, triggers: Uint8Array, randomDelayMs: readonly number[], unbounded: readonly boolean[],
): TaskRuns {
  return { subject, count: starts.length, starts, ends, triggers, randomDelayMs, unbounded };
}

/** Several triggers each give sorted runs; one stable sort by start puts them together. */
function sortRuns(runs: TaskRuns): TaskRuns {
  const order = Uint32Array.from({ length: runs.count }, (_, i) => i).sort((a, b) => (runs.starts[a] as number) - (runs.starts[b] as number) || a - b);
  const pick = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
    order.forEach((index, i) => (to[i] = from[index] as number));
    return to;
  };
  return taskRuns(
    runs.subject, pick(runs.starts, new Float64Array(runs.count)), pick(runs.ends, new Float64Array(runs.count)),
    pick(runs.triggers, new Uint8Array(runs.count)), runs.randomDelayMs, runs.unbounded,
  );
}

/** Run `i` of a task as a `Run` object. */
export function runAt(runs: TaskRuns, i: number): Run {
  const triggerIndex = runs.triggers[i] as number;
  const start = runs.starts[i] as number;
  const { path, source, group } = runs.subject;
  return {
    path, source, group, triggerIndex, start,
    latestStart: start + (runs.randomDelayMs[triggerIndex] ?? 0),
    end: runs.ends[i] as number,
    unbounded: runs.unbounded[triggerIndex] === true,
  };
}

const byPath = (a: ConflictSubject, b: ConflictSubject) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The concrete runs of every enabled time-based trigger (TimeTrigger,
 * CalendarTrigger) of every enabled task, starting inside
 * `[from, from + horizonMs)`, sorted by start (then path, then trigger). Boot, logon,
 * idle, event, registration and session triggers have no schedule and produce no runs.
 */
export function expandRuns(subjects: readonly ConflictSubject[], options: ConflictOptions): RunExpansion {
  const horizon = resolveHorizon(options);
  const runs: Run[] = [];
  const notes: ExpansionNote[] = [];
  for (const subject of [...subjects].sort(byPath)) {
    if (!subject.definition.triggers.some((t) => isScheduled(t.kind))) continue;
    const own = expandTaskRuns(subject, horizon, notes);
    for (let i = 0; i < own.count; i++) runs.push(runAt(own, i));
  }
  // Stable: equal starts keep path order, then trigger order.
  runs.sort((a, b) => a.start - b.start);
  return { runs, notes };
}

/** The schema defaults of Settings' and a trigger's ExecutionTimeLimit, from the tables. */
const DEFAULT_TIME_LIMIT = SETTINGS_DEFAULTS.executionTimeLimit;
const DEFAULT_TRIGGER_LIMIT_MS = durationToMs(TRIGGER_DEFAULTS.executionTimeLimit);

const positiveMs = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const ms = durationToMs(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
};

/** True when the task itself has no time limit (`Settings/ExecutionTimeLimit` is `PT0S`). */
export function isUnboundedTask(settings: Settings): boolean {
  return positiveMs(settings.executionTimeLimit ?? DEFAULT_TIME_LIMIT) === undefined;
}

/** The limit (ms) for runs started by `trigger`; undefined = unbounded. */
export function effectiveTimeLimitMs(settings: Settings, trigger: Trigger): number | undefined {
  const task = positiveMs(settings.executionTimeLimit ?? DEFAULT_TIME_LIMIT);
  const written = positiveMs(trigger.kind === 'Raw' ? undefined : trigger.executionTimeLimit);
  const own = written === DEFAULT_TRIGGER_LIMIT_MS ? undefined : written;
  if (task === undefined) return own;
  if (own === undefined) return task;
  return Math.min(task, own);
}

export interface Interval {
  start: number;
  end: number;
}

/** Merges a task's runs (sorted by start) into sorted, disjoint intervals; touching intervals merge too. */
export function mergeTaskRuns(runs: TaskRuns): Interval[] {
  const merged: Interval[] = [];
  for (let i = 0; i < runs.count; i++) {
    const start = runs.starts[i] as number;
    const end = runs.ends[i] as number;
    const last = merged[merged.length - 1];
    if (last && start <= last.end) {
      if (end > last.end) last.end = end;
    } else {
      merged.push({ start, end });
    }
  }
  return merged;
}

/** Index of the interval containing `t`, or -1 (binary search over sorted, disjoint intervals). */
export function intervalIndexAt(intervals: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const interval = intervals[mid] as Interval;
    if (t < interval.start) hi = mid - 1;
    else if (t >= interval.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
