/**
 * Every subject's time-based triggers → its concrete runs over the horizon.
 *
 * The analysis keeps a task's runs as typed arrays (`TaskRuns`: 17 bytes a run, no
 * object per run) and expands one group at a time, so memory follows the largest group,
 * not the fleet. `expandRuns` builds `Run` objects for whoever wants to look at each run
 * (the timeline).
 */
import { expandTrigger, type RunSink } from './expand-trigger.js';
import { resolveHorizon, type Horizon } from './horizon.js';
import { effectiveTimeLimitMs } from './time-limit.js';
import { durationToMs } from '../schtasks/duration.js';
import type { ConflictOptions, ConflictSubject, ExpansionNote, Run, RunExpansion } from './types.js';

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
