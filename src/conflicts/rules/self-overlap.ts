/**
 * `self-overlap`: a task can start while its previous run may still be going
 * (a repetition interval shorter than the time limit, or two triggers of one
 * task colliding). What then happens depends on MultipleInstancesPolicy, so the
 * starts are replayed under that policy to count the damage:
 * Parallel and Queue pile runs up (error); IgnoreNew silently skips the new
 * start and StopExisting kills the running one (warning).
 */
import { durationToMs } from '../../schtasks/duration.js';
import type { MultipleInstancesPolicy } from '../../schtasks/model.js';
import { describeDuration, perDay, readableAt, wallClockAt } from '../describe.js';
import { runAt, type TaskRuns } from '../expand-runs.js';
import type { Conflict, ConflictSubject } from '../types.js';
import { isTaskEnabled, type ConflictRule, type RuleContext, type SelfOverlapReplay } from './rule.js';

/** Replays a task's starts in order under its policy; `count` = starts that land on a still-running run. */
export function replaySelfOverlap(runs: TaskRuns, policy: MultipleInstancesPolicy): SelfOverlapReplay {
  const result: SelfOverlapReplay = { count: 0 };
  let running = -1;
  for (let i = 0; i < runs.count; i++) {
    const start = runs.starts[i] as number;
    if (running >= 0 && start < (runs.ends[running] as number)) {
      result.count++;
      result.first ??= { running: runAt(runs, running), next: runAt(runs, i) };
      // IgnoreNew drops the new start; the others leave the later-ending run as the one to beat.
      if (policy === 'StopExisting' || (policy !== 'IgnoreNew' && (runs.ends[i] as number) > (runs.ends[running] as number))) running = i;
    } else {
      running = i;
    }
  }
  return result;
}

const CONSEQUENCE: Record<MultipleInstancesPolicy, string> = {
  IgnoreNew: 'Under IgnoreNew those starts are silently skipped',
  StopExisting: 'Under StopExisting the running instance is killed each time',
  Parallel: 'Under Parallel the runs pile up side by side',
  Queue: 'Under Queue the new runs wait in a queue that only grows',
};

function cause(subject: ConflictSubject, first: NonNullable<SelfOverlapReplay['first']>): string {
  const { running, next } = first;
  const runLength = describeDuration(running.end - running.start);
  if (running.triggerIndex !== next.triggerIndex) {
    return `triggers ${running.triggerIndex} and ${next.triggerIndex} start it ${describeDuration(next.start - running.start)} apart, but a run may last ${runLength}`;
  }
  const trigger = subject.definition.triggers[next.triggerIndex];
  const interval = trigger && trigger.kind !== 'Raw' && trigger.repetition ? durationToMs(trigger.repetition.interval) : undefined;
  const every = interval !== undefined ? `repeats every ${describeDuration(interval)}` : `fires ${describeDuration(next.start - running.start)} apart`;
  return `trigger ${next.triggerIndex} ${every}, but a run may last ${runLength}${running.unbounded ? ' (no time limit)' : ''}`;
}

export const selfOverlapRule: ConflictRule = {
  check(context: RuleContext) {
    const conflicts: Conflict[] = [];
    for (const subject of context.subjects) {
      if (!isTaskEnabled(subject)) continue;
      const replay = context.selfOverlaps.get(subject.path);
      if (!replay?.first) continue;
      const { count, first } = replay;
      const policy = subject.definition.settings.multipleInstancesPolicy ?? 'IgnoreNew';
      const daily = perDay(count, context.horizon.horizonMs);
      conflicts.push({
        kind: 'self-overlap',
        severity: policy === 'Parallel' || policy === 'Queue' ? 'error' : 'warning',
        source: context.source,
        tasks: [subject.path],
        message:
          `${subject.path} can start again while its previous run may still be going: ${cause(subject, first)}. ` +
          `${CONSEQUENCE[policy]}: ${count} in ${describeDuration(context.horizon.horizonMs)} (${daily} per day), ` +
          `first at ${readableAt(first.next.start, context.horizon.timeZone)}.`,
        firstAt: wallClockAt(first.next.start, context.horizon.timeZone),
        runsSkippedPerDay: daily,
      });
    }
    return conflicts;
  },
};
