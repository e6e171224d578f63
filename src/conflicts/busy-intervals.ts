/**
 * The time a task may be running, as sorted, disjoint half-open intervals.
 * Several runs of one task merge into one busy stretch: for collisions with
 * other tasks it only matters whether the task is running, not how many times.
 */
import type { TaskRuns } from './expand-runs.js';

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
