/**
 * Which tasks of one group can run at the same time: a sweep line over the
 * runs in start order. Each task keeps only "busy until" in the active set, so
 * the cost is runs × (tasks busy at that moment), never runs². Tasks are
 * numbered and pair counters live in typed arrays: this loop sees every run of
 * the fleet and may count millions of collisions, so it allocates nothing per run.
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

class GroupSweep {
  readonly n: number;
  readonly busyUntil: Float64Array;
  readonly isActive: Uint8Array;
  readonly active: number[] = [];
  readonly counts: Uint32Array | undefined;
  readonly first: Float64Array | undefined;
  readonly sparse = new Map<number, { count: number; firstAt: number }>();

  constructor(readonly paths: readonly string[]) {
    const n = paths.length;
    this.n = n;
    this.busyUntil = new Float64Array(n).fill(-Infinity);
    this.isActive = new Uint8Array(n);
    if (n <= DENSE_LIMIT) {
      this.counts = new Uint32Array(n * n);
      this.first = new Float64Array(n * n);
    }
  }

  /** Task `i` starts a run `[start, end)`. */
  visit(i: number, start: number, end: number): void {
    const { n, busyUntil, isActive, active, counts, first } = this;
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      const j = active[k] as number;
      if ((busyUntil[j] as number) <= start) {
        isActive[j] = 0;
        continue;
      }
      active[kept++] = j;
      if (j === i) continue;
      const key = j < i ? j * n + i : i * n + j;
      if (counts && first) {
        const count = counts[key] as number;
        counts[key] = count + 1;
        if (count === 0) first[key] = start;
      } else {
        const pair = this.sparse.get(key);
        if (pair) pair.count++;
        else this.sparse.set(key, { count: 1, firstAt: start });
      }
    }
    active.length = kept;
    if (end > (busyUntil[i] as number)) busyUntil[i] = end;
    if (!isActive[i]) {
      isActive[i] = 1;
      active.push(i);
    }
  }

  pairs(): PairCollision[] {
    const { n, paths, counts, first } = this;
    const pair = (key: number, count: number, firstAt: number): PairCollision => ({
      tasks: [paths[Math.floor(key / n)] as string, paths[key % n] as string], count, firstAt,
    });
    if (counts && first) {
      const out: PairCollision[] = [];
      for (let key = 0; key < counts.length; key++) if (counts[key]) out.push(pair(key, counts[key] as number, first[key] as number));
      return out;
    }
    return [...this.sparse].sort((a, b) => a[0] - b[0]).map(([key, p]) => pair(key, p.count, p.firstAt));
  }
}

/**
 * Collisions between different tasks of one group, for several groups in one
 * pass over `runs` (sorted by start, ties in path order). `groups` lists each
 * group's task paths, sorted; runs of tasks in no listed group are skipped.
 * Returns, per group, its pairs sorted by their tasks.
 */
export function findPairCollisions(runs: readonly Run[], groups: readonly (readonly string[])[]): PairCollision[][] {
  const where = new Map<string, { sweep: GroupSweep; index: number }>();
  const sweeps = groups.map((paths) => {
    const sweep = new GroupSweep(paths);
    paths.forEach((path, index) => where.set(path, { sweep, index }));
    return sweep;
  });
  for (const run of runs) {
    const place = where.get(run.path);
    if (place !== undefined) place.sweep.visit(place.index, run.start, run.end);
  }
  return sweeps.map((sweep) => sweep.pairs());
}
