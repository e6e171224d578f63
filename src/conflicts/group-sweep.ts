/**
 * Which tasks of one group can run at the same time: one sweep line over the group's
 * runs in start order. A bucket sort puts the runs in order (linear in the runs) and a
 * heap retires tasks whose busy time ended (log of the tasks busy at once); nothing is
 * allocated per run and nothing recurses.
 *
 * A collision is a start that lands while another task of the group may still be
 * running (its busy-until is later). Per run the sweep knows how many others are
 * busy, which gives the group's totals in O(1). Per pair counts need the names of
 * those others: they are kept in typed arrays (members² counters, or a hash table for
 * very large groups) as long as the pair events stay within a budget proportional to
 * the group's runs. An overloaded group
 * (hundreds of tasks busy at every start) would otherwise cost runs × tasks: past the
 * budget its pairs are dropped and the group is reported as a whole, with the pairs
 * of its busiest tasks computed one by one (`pairCollisions`).
 */
import type { TaskRuns } from './expand-runs.js';

/**
 * Pair events allowed per run visited so far, plus a floor, before per-pair counting
 * stops: a group whose tasks are busy together at every start trips it early, so the
 * wasted work is bounded by the floor, not by the group's size.
 */
const PAIR_EVENTS_PER_RUN = 16;
const PAIR_EVENTS_FLOOR = 1 << 18;

/** Which pairs to count: every one (`--verbose`), within the budget, or none (totals only). */
export type PairCounting = 'all' | 'budget' | 'none';

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

interface PairCounter {
  /** Distinct pairs counted. */
  size: number;
  /** One more collision of the pair `key` (a · members + b, a < b) at instant `at`. */
  add(key: number, at: number): void;
  entries(n: number): PairCount[];
}

/** Up to this many members a group's pairs are counted in a members² array (16 MB of counts at most). */
const DENSE_MEMBERS = 2048;

/** Counters for every possible pair: the fastest way while members² stays small. */
class DensePairs implements PairCounter {
  readonly counts: Uint32Array;
  readonly firsts: Float64Array;
  size = 0;

  constructor(n: number) {
    this.counts = new Uint32Array(n * n);
    this.firsts = new Float64Array(n * n);
  }

  add(key: number, at: number): void {
    const count = this.counts[key] as number;
    if (count === 0) {
      this.firsts[key] = at;
      this.size++;
    }
    this.counts[key] = count + 1;
  }

  entries(n: number): PairCount[] {
    const out: PairCount[] = [];
    for (let key = 0; key < this.counts.length; key++) {
      const count = this.counts[key] as number;
      if (count > 0) out.push({ a: Math.floor(key / n), b: key % n, count, firstAt: this.firsts[key] as number });
    }
    return out;
  }
}

/** Open addressing over typed arrays: pair key → count and first instant, for groups too big for DensePairs. */
class PairTable implements PairCounter {
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

/** The group's runs in the order the sweep visits them, as three parallel arrays. */
interface Visits {
  starts: Float64Array;
  ends: Float64Array;
  members: Int32Array;
}

/**
 * The order the sweep visits the group's runs in: by start, the lower member (path
 * order) first on equal starts, a member's own runs in their order. A bucket sort on
 * the start time (about one bucket per run) puts them in place in linear time; runs are
 * dealt member by member, so a bucket is already in (start, member) order unless starts
 * inside it differ, which a short insertion pass settles. The result is contiguous, so
 * the sweep reads it front to back.
 */
function visitOrder(group: readonly TaskRuns[]): Visits {
  // One loop per function: each is optimized whole instead of being left half-way through.
  const [total, first, last] = spanOf(group);
  const buckets = Math.max(1, Math.min(total, 1 << 22));
  const width = Math.max(1, (last - first + 1) / buckets);
  const fill = new Int32Array(buckets + 1);
  for (let m = 0; m < group.length; m++) countBuckets((group[m] as TaskRuns).starts, first, width, buckets, fill);
  for (let k = 1; k <= buckets; k++) fill[k] = (fill[k] as number) + (fill[k - 1] as number);
  const visits: Visits = { starts: new Float64Array(total), ends: new Float64Array(total), members: new Int32Array(total) };
  for (let m = 0; m < group.length; m++) placeRuns(group[m] as TaskRuns, m, first, width, buckets, fill, visits);
  settleBuckets(visits.starts, visits.ends, visits.members);
  return visits;
}

/** [runs, first start, last start] of the group. */
function spanOf(group: readonly TaskRuns[]): [number, number, number] {
  let total = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let m = 0; m < group.length; m++) {
    const runs = group[m] as TaskRuns;
    if (runs.count === 0) continue;
    total += runs.count;
    first = Math.min(first, runs.starts[0] as number);
    last = Math.max(last, runs.starts[runs.count - 1] as number);
  }
  return [total, first, last];
}

/** fill[k + 1] += runs in bucket k (after the prefix sums fill[k] is where bucket k's next run goes). */
function countBuckets(starts: Float64Array, first: number, width: number, buckets: number, fill: Int32Array): void {
  for (let r = 0; r < starts.length; r++) {
    const k = Math.min(buckets - 1, Math.floor(((starts[r] as number) - first) / width)) + 1;
    fill[k] = (fill[k] as number) + 1;
  }
}

function placeRuns(runs: TaskRuns, member: number, first: number, width: number, buckets: number, fill: Int32Array, visits: Visits): void {
  const { starts, ends } = runs;
  for (let r = 0; r < starts.length; r++) {
    const start = starts[r] as number;
    const k = Math.min(buckets - 1, Math.floor((start - first) / width));
    const at = fill[k] as number;
    fill[k] = at + 1;
    visits.starts[at] = start;
    visits.ends[at] = ends[r] as number;
    visits.members[at] = member;
  }
}

/** Insertion by (start, member) over nearly sorted visits; stable, so a member's runs keep their order. */
function settleBuckets(starts: Float64Array, ends: Float64Array, members: Int32Array): void {
  for (let k = 1; k < starts.length; k++) {
    const start = starts[k] as number;
    const member = members[k] as number;
    const before = starts[k - 1] as number;
    if (before < start || (before === start && (members[k - 1] as number) <= member)) continue;
    const end = ends[k] as number;
    let j = k - 1;
    while (j >= 0 && ((starts[j] as number) > start || ((starts[j] as number) === start && (members[j] as number) > member))) {
      starts[j + 1] = starts[j] as number;
      ends[j + 1] = ends[j] as number;
      members[j + 1] = members[j] as number;
      j--;
    }
    starts[j + 1] = start;
    ends[j + 1] = end;
    members[j + 1] = member;
  }
}

/** A binary min-heap of (time, member) in typed arrays: when each busy member's busy time ends. */
class ExpiryHeap {
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
    const { times, members } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent] as number;
      if (parentTime <= time) break;
      times[i] = parentTime;
      members[i] = members[parent] as number;
      i = parent;
    }
    times[i] = time;
    members[i] = member;
  }

  /** Removes the top; read `times[0]`/`members[0]` first. */
  pop(): void {
    const { times, members } = this;
    const last = --this.size;
    const time = times[last] as number;
    const member = members[last] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && (times[child + 1] as number) < (times[child] as number)) child++;
      const childTime = times[child] as number;
      if (childTime >= time) break;
      times[i] = childTime;
      members[i] = members[child] as number;
      i = child;
    }
    times[i] = time;
    members[i] = member;
  }
}

/**
 * Sweeps one group's members (in path order), counting pairs as `counting` says.
 */
export function sweepGroup(members: readonly TaskRuns[], counting: PairCounting = 'all'): GroupSweep {
  const n = members.length;
  const busyUntil = new Float64Array(n).fill(-Infinity);
  const activeAt = new Int32Array(n).fill(-1);
  const active = new Int32Array(n);
  let activeCount = 0;
  const perMember = new Float64Array(n);
  const visits = visitOrder(members);
  const expiry = new ExpiryHeap();
  let table: PairCounter | undefined = counting === 'none' ? undefined : n <= DENSE_MEMBERS ? new DensePairs(n) : new PairTable();
  let events = 0;
  let pairsSeen = 0;
  let collisions = 0;
  let firstAt = Infinity;
  let peak = 0;

  for (let visit = 0; visit < visits.members.length; visit++) {
    const i = visits.members[visit] as number;
    const start = visits.starts[visit] as number;
    const end = visits.ends[visit] as number;

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
        if (counting === 'budget' && events > PAIR_EVENTS_FLOOR + PAIR_EVENTS_PER_RUN * (visit + 1)) {
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
