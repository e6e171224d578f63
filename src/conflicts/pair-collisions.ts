/**
 * Which tasks of one group can run at the same time: a sweep line over the
 * group's runs in start order. Each task keeps only "busy until" in the active
 * set, so the cost is runs × (tasks busy at that moment), never runs². Tasks
 * are numbered and pair counts live in typed arrays: this loop sees every run
 * of the fleet, so it allocates nothing per run.
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

/** Above this many tasks in one group, pair counters go in a Map instead of an n² array. */
const DENSE_LIMIT = 1024;

interface PairTable {
  add(key: number, at: number): void;
  forEach(visit: (key: number, count: number, firstAt: number) => void): void;
}

function denseTable(n: number): PairTable {
  const counts = new Uint32Array(n * n);
  const first = new Float64Array(n * n);
  return {
    add(key, at) {
      const count = counts[key] ?? 0;
      counts[key] = count + 1;
      if (count === 0) first[key] = at;
    },
    forEach(visit) {
      for (let key = 0; key < counts.length; key++) if (counts[key]) visit(key, counts[key] as number, first[key] as number);
    },
  };
}

function sparseTable(): PairTable {
  const pairs = new Map<number, { count: number; firstAt: number }>();
  return {
    add(key, at) {
      const pair = pairs.get(key);
      if (pair) pair.count++;
      else pairs.set(key, { count: 1, firstAt: at });
    },
    forEach(visit) {
      for (const [key, { count, firstAt }] of [...pairs].sort((a, b) => a[0] - b[0])) visit(key, count, firstAt);
    },
  };
}

/**
 * Collisions between different tasks among `runs` (sorted by start).
 * `paths` lists the group's tasks sorted; runs of other tasks are ignored.
 * Pairs come back sorted by their tasks.
 */
export function findPairCollisions(runs: readonly Run[], paths: readonly string[]): PairCollision[] {
  const n = paths.length;
  const indexOf = new Map(paths.map((path, i) => [path, i]));
  const table = n <= DENSE_LIMIT ? denseTable(n) : sparseTable();
  const busyUntil = new Float64Array(n).fill(-Infinity);
  const isActive = new Uint8Array(n);
  const active: number[] = [];
  for (const run of runs) {
    const i = indexOf.get(run.path);
    if (i === undefined) continue;
    const start = run.start;
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      const j = active[k] as number;
      if ((busyUntil[j] as number) <= start) {
        isActive[j] = 0;
        continue;
      }
      active[kept++] = j;
      if (j !== i) table.add(j < i ? j * n + i : i * n + j, start);
    }
    active.length = kept;
    if (run.end > (busyUntil[i] as number)) busyUntil[i] = run.end;
    if (!isActive[i]) {
      isActive[i] = 1;
      active.push(i);
    }
  }
  const pairs: PairCollision[] = [];
  table.forEach((key, count, firstAt) => {
    pairs.push({ tasks: [paths[Math.floor(key / n)] as string, paths[key % n] as string], count, firstAt });
  });
  return pairs;
}
