/**
 * Which tasks of one group can run at the same time: one sweep line over the group's
 * runs in start order. Each task's runs are already sorted, so a heap over the tasks
 * merges them (runs × log tasks) and a second heap retires tasks whose last run ended;
 * nothing is allocated per run and nothing recurses.
 *
 * A collision is a start that lands while another task of the group may still be
 * running (its busy-until is later). Per run the sweep knows how many others are
 * busy, which gives the group's totals in O(1). Per pair counts need the names of
 * those others: they are kept in a hash table of typed arrays as long as the pair
 * events stay within a budget proportional to the group's runs. An overloaded group
 * (hundreds of tasks busy at every start) would otherwise cost runs × tasks: past the
 * budget its pairs are dropped and the group is reported as a whole, with the pairs
 * of its busiest tasks computed one by one (`pairCollisions`).
 */
import type { TaskRuns } from './expand-runs.js';

/** Pair events allowed per run of the group, plus a floor, before per-pair counting stops. */
export const PAIR_EVENTS_PER_RUN = 16;
export const PAIR_EVENTS_FLOOR = 1 << 20;

export interface PairCount {
  /** Member indexes, a < b (members are in path order). */
  a: number;
  b: number;
  /** How many times one of them starts while the other may still be running. */
  count: number;
  /** The first instant both may be running. */
  firstAt: number;
}

export interface GroupSweep {
  /** Starts that land while another member may be running. */
  collisions: number;
  /** The first such start (Infinity when none). */
  firstAt: number;
  /** Per member: busy others summed over its starts (how much it collides as the newcomer). */
  perMember: Float64Array;
  /** Most members busy at one moment. */
  peak: number;
  /** Every colliding pair, sorted by (a, b); undefined when the budget ran out. */
  pairs?: PairCount[];
  /** Distinct pairs seen before the budget ran out (a lower bound), or all of them. */
  pairsSeen: number;
}

/** Open addressing over typed arrays: pair key → count and first instant. */
class PairTable {
  keys = new Float64Array(1024).fill(-1);
  counts = new Uint32Array(1024);
  firsts = new Float64Array(1024);
  size = 0;

  add(key: number, at: number): void {
    if (this.size * 2 >= this.keys.length) this.resize();
    const mask = this.keys.length - 1;
    let slot = hash(key) & mask;
    for (;;) {
      const current = this.keys[slot] as number;
      if (current === key) {
        this.counts[slot] = (this.counts[slot] as number) + 1;
        return;
      }
      if (current === -1) {
        this.keys[slot] = key;
        this.counts[slot] = 1;
        this.firsts[slot] = at;
        this.size++;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  private resize(): void {
    const { keys, counts, firsts } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.counts = new Uint32Array(keys.length * 2);
    this.firsts = new Float64Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key === -1) continue;
      let slot = hash(key) & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.counts[slot] = counts[i] as number;
      this.firsts[slot] = firsts[i] as number;
    }
  }

  entries(n: number): PairCount[] {
    const out: PairCount[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i] as number;
      if (key !== -1) out.push({ a: Math.floor(key / n), b: key % n, count: this.counts[i] as number, firstAt: this.firsts[i] as number });
    }
    return out.sort((x, y) => x.a - y.a || x.b - y.b);
  }
}

const hash = (key: number): number => Math.imul((key % 0x7fffffff) ^ Math.floor(key / 0x7fffffff), 0x9e3779b1) >>> 0;

/** A binary min-heap of (time, member) in typed arrays; ties go to the lower member index. */
class MinHeap {
  times = new Float64Array(64);
  members = new Int32Array(64);
  size = 0;

  push(time: number, member: number): void {
    if (this.size === this.times.length) {
      const times = new Float64Array(this.size * 2);
      const members = new Int32Array(this.size * 2);
      times.set(this.times);
      members.set(this.members);
      this.times = times;
      this.members = members;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(time, member, parent)) break;
      this.times[i] = this.times[parent] as number;
      this.members[i] = this.members[parent] as number;
      i = parent;
    }
    this.times[i] = time;
    this.members[i] = member;
  }

  /** Removes the top; read `times[0]`/`members[0]` first. */
  pop(): void {
    const last = --this.size;
    const time = this.times[last] as number;
    const member = this.members[last] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.less(this.times[child + 1] as number, this.members[child + 1] as number, child)) child++;
      if (!this.less(this.times[child] as number, this.members[child] as number, -1, time, member)) break;
      this.times[i] = this.times[child] as number;
      this.members[i] = this.members[child] as number;
      i = child;
    }
    this.times[i] = time;
    this.members[i] = member;
  }

  /** (time, member) < entry `at`, or < (otherTime, otherMember) when `at` is -1. */
  private less(time: number, member: number, at: number, otherTime = this.times[at] as number, otherMember = this.members[at] as number): boolean {
    return time < otherTime || (time === otherTime && member < otherMember);
  }
}

/**
 * Sweeps one group's members (in path order). `pairBudget` bounds the pair events
 * counted one by one (Infinity: all of them, for `--verbose`).
 */
export function sweepGroup(members: readonly TaskRuns[], pairBudget = Infinity): GroupSweep {
  const n = members.length;
  const next = new Int32Array(n);
  const busyUntil = new Float64Array(n).fill(-Infinity);
  const activeAt = new Int32Array(n).fill(-1);
  const active = new Int32Array(n);
  let activeCount = 0;
  const perMember = new Float64Array(n);
  const queue = new MinHeap();
  const expiry = new MinHeap();
  members.forEach((runs, i) => runs.count > 0 && queue.push(runs.starts[0] as number, i));
  let table: PairTable | undefined = pairBudget > 0 ? new PairTable() : undefined;
  let events = 0;
  let pairsSeen = 0;
  let collisions = 0;
  let firstAt = Infinity;
  let peak = 0;

  while (queue.size > 0) {
    const start = queue.times[0] as number;
    const i = queue.members[0] as number;
    const runs = members[i] as TaskRuns;
    const end = runs.ends[next[i] as number] as number;
    queue.pop();
    const position = (next[i] as number) + 1;
    next[i] = position;
    if (position < runs.count) queue.push(runs.starts[position] as number, i);

    // Retire every member whose busy time is over (stale heap entries are skipped).
    while (expiry.size > 0 && (expiry.times[0] as number) <= start) {
      const j = expiry.members[0] as number;
      const until = expiry.times[0] as number;
      expiry.pop();
      if (busyUntil[j] !== until || (activeAt[j] as number) < 0) continue;
      const at = activeAt[j] as number;
      const moved = active[--activeCount] as number;
      active[at] = moved;
      activeAt[moved] = at;
      activeAt[j] = -1;
    }

    const others = activeCount - ((activeAt[i] as number) >= 0 ? 1 : 0);
    if (others > 0) {
      collisions++;
      if (firstAt === Infinity) firstAt = start;
      perMember[i] = (perMember[i] as number) + others;
      if (table) {
        events += others;
        if (events > pairBudget) {
          pairsSeen = table.size;
          table = undefined;
        } else {
          for (let k = 0; k < activeCount; k++) {
            const j = active[k] as number;
            if (j !== i) table.add(j < i ? j * n + i : i * n + j, start);
          }
        }
      }
    }

    if (end > (busyUntil[i] as number)) {
      busyUntil[i] = end;
      expiry.push(end, i);
      if ((activeAt[i] as number) < 0) {
        activeAt[i] = activeCount;
        active[activeCount++] = i;
        if (activeCount > peak) peak = activeCount;
      }
    }
  }
  const pairs = table?.entries(n);
  return { collisions, firstAt, perMember, peak, ...(pairs ? { pairs } : {}), pairsSeen: pairs ? pairs.length : pairsSeen };
}

/**
 * One pair's collisions, by merging the two tasks' runs the way the sweep visits them
 * (by start, the earlier member first on equal starts).
 */
export function pairCollisions(first: TaskRuns, second: TaskRuns): { count: number; firstAt: number } {
  let i = 0;
  let j = 0;
  let busyFirst = -Infinity;
  let busySecond = -Infinity;
  let count = 0;
  let firstAt = Infinity;
  while (i < first.count || j < second.count) {
    const takeFirst = j >= second.count || (i < first.count && (first.starts[i] as number) <= (second.starts[j] as number));
    if (takeFirst) {
      const start = first.starts[i] as number;
      if (busySecond > start) {
        count++;
        if (firstAt === Infinity) firstAt = start;
      }
      busyFirst = Math.max(busyFirst, first.ends[i++] as number);
    } else {
      const start = second.starts[j] as number;
      if (busyFirst > start) {
        count++;
        if (firstAt === Infinity) firstAt = start;
      }
      busySecond = Math.max(busySecond, second.ends[j++] as number);
    }
  }
  return { count, firstAt };
}
