/**
 * Which tasks of one group can run at the same time: a sweep line over the
 * group's runs in start order. Each task keeps only "busy until" in the active
 * set, so the cost is runs × (tasks busy at that moment), never runs².
 */
import type { Run } from './types.js';

export interface PairCollision {
  /** The two task paths, sorted. */
  tasks: [string, string];
  /** How many times one of them starts while the other may still be running. */
  count: number;
  /** The first instant both may be running. */
  firstAt: number;
}

/** Collisions between different tasks among `runs` (sorted by start), keyed by the sorted pair. */
export function findPairCollisions(runs: readonly Run[]): PairCollision[] {
  const busyUntil = new Map<string, number>();
  const pairs = new Map<string, PairCollision>();
  for (const run of runs) {
    for (const [path, until] of busyUntil) {
      if (until <= run.start) {
        busyUntil.delete(path);
        continue;
      }
      if (path === run.path) continue;
      const tasks: [string, string] = path < run.path ? [path, run.path] : [run.path, path];
      const key = `${tasks[0]}\u0000${tasks[1]}`;
      const pair = pairs.get(key);
      if (pair) pair.count++;
      else pairs.set(key, { tasks, count: 1, firstAt: run.start });
    }
    const until = busyUntil.get(run.path);
    if (until === undefined || run.end > until) busyUntil.set(run.path, run.end);
  }
  return [...pairs.values()];
}
