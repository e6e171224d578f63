/**
 * A small, independent expansion of the fleet's schedule for the stagger check: every run of
 * every time/daily trigger over a span, as a [start, start + timeLimit) window in minutes
 * since the anchor day's midnight (local wall-clock time; DST shifts every window alike).
 * Deliberately not src/conflicts: the fleet's arithmetic is checked by a second opinion.
 */
import { durationToMs } from '../../src/schtasks/duration.js';
import type { ParsedFleet } from './parsed-fleet.js';

export interface RunWindow {
  task: string;
  start: number;
  end: number;
}

const MINUTE_MS = 60_000;

function minutes(iso: string): number {
  const ms = durationToMs(iso);
  if (ms === undefined) throw new Error(`not a duration: ${iso}`);
  return ms / MINUTE_MS;
}

/** Minutes from `anchorDay` 00:00 to a local `YYYY-MM-DDTHH:MM:SS`. */
function minutesSince(anchorDay: string, dateTime: string): number {
  return (Date.parse(`${dateTime}Z`) - Date.parse(`${anchorDay}T00:00:00Z`)) / MINUTE_MS;
}

/** Every run window that starts in [fromMinute, toMinute). Throws on trigger types it can't place. */
export function groupRunWindows(config: ParsedFleet, anchorDay: string, fromMinute: number, toMinute: number): RunWindow[] {
  const windows: RunWindow[] = [];
  for (const task of config.tasks) {
    const limit = minutes(task.timeLimit);
    for (const trigger of task.triggers ?? []) {
      let first: number;
      let step: number;
      if (trigger.type === 'time') {
        if (!trigger.start) throw new Error(`${task.name}: time trigger without start`);
        first = minutesSince(anchorDay, trigger.start);
        step = trigger.repeat ? minutes(trigger.repeat.interval) : Number.POSITIVE_INFINITY;
        if (trigger.repeat?.duration) throw new Error(`${task.name}: bounded repetition not handled by this check`);
      } else if (trigger.type === 'daily') {
        if (!trigger.start) throw new Error(`${task.name}: daily trigger without start`);
        if (trigger.repeat) throw new Error(`${task.name}: daily repetition not handled by this check`);
        first = minutesSince(anchorDay, trigger.start);
        step = (trigger.daysInterval ?? 1) * 24 * 60;
      } else {
        throw new Error(`${task.name}: a ${trigger.type} trigger has no place on the clock; the group cannot be checked`);
      }
      for (let start = first; start < toMinute; start += step) {
        if (start >= fromMinute) windows.push({ task: task.name, start, end: start + limit });
        if (!Number.isFinite(step)) break;
      }
    }
  }
  return windows.sort((a, b) => a.start - b.start || a.task.localeCompare(b.task));
}

/** Pairs of consecutive windows (in start order) whose gap is shorter than `minGap` minutes (negative = overlap). */
export function tightPairs(windows: RunWindow[], minGap: number): Array<[RunWindow, RunWindow]> {
  const tight: Array<[RunWindow, RunWindow]> = [];
  let latest: RunWindow | undefined;
  for (const window of windows) {
    if (latest && window.start - latest.end < minGap) tight.push([latest, window]);
    if (!latest || window.end > latest.end) latest = window;
  }
  return tight;
}
