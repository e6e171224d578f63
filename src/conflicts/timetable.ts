/**
 * A whole-group timetable: a start shift for every time-based trigger of a group such
 * that no two of its runs overlap, in the periodic model (periodic-model.ts).
 *
 * Two periodic patterns (periods P, Q; a start at offset o with length l, one at u with
 * length m) can collide only through their relative offset modulo g = gcd(P, Q): with
 * d = (u − o) mod g they collide exactly when d < l or d > g − m. So a candidate shift is
 * checked in a few arithmetic steps against each trigger already placed, whatever the
 * hyperperiod of the group.
 *
 * Search: triggers in largest-share-first order, each trying its shifts on the minute
 * grid from the smallest move up (0, +1 min, −1 min, …), depth first with backtracking.
 * When the whole tree is searched within the budget the answer is exact: a timetable
 * whenever one exists on the minute grid, or a proof that none does. Past the budget a
 * heuristic takes over: largest-first placement, then repair (move one trigger that still
 * collides to its least-colliding shift, repeatedly). Nothing here is trusted on its own:
 * the caller checks every timetable on the real runs with the conflict engine.
 */
import { DAY_MS, MINUTE_MS } from '../schtasks/datetime.js';
import type { TriggerPattern } from './periodic-model.js';

/** Candidate checks the exact search may make before the heuristic takes over. */
const EXACT_CHECK_BUDGET = 2_000_000;
/** Repair steps for the heuristic: per trigger, and at most. */
const REPAIR_STEPS_PER_TRIGGER = 50;
const MAX_REPAIR_STEPS = 5_000;

export type TimetableResult =
  | { found: true; shifts: number[]; method: 'exact' | 'heuristic' }
  | { found: false; method: 'exact' | 'heuristic'; /** Proven on the minute grid (exhaustive search over an exact model). */ proven: boolean };

/** A pattern reduced to its smallest period, with its candidate shifts. */
interface Slot {
  period: number;
  offsets: number[];
  lengths: number[];
  candidates: number[];
}

const mod = (x: number, m: number) => ((x % m) + m) % m;
function gcd(a: number, b: number): number {
  if (!Number.isFinite(a)) return b;
  if (!Number.isFinite(b)) return a;
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

/** The smallest period the pattern repeats with (a daily pattern every 15 minutes is a 15-minute one). */
function reduce(pattern: TriggerPattern): Pick<Slot, 'period' | 'offsets' | 'lengths'> {
  const { periodMs: period, offsets, lengths } = pattern;
  const n = offsets.length;
  if (!Number.isFinite(period)) return { period, offsets, lengths };
  for (let parts = n; parts > 1; parts--) {
    if (n % parts !== 0 || period % parts !== 0) continue;
    const step = n / parts;
    const sub = period / parts;
    let repeats = true;
    for (let i = step; i < n && repeats; i++) {
      repeats = offsets[i] === (offsets[i - step] as number) + sub && lengths[i] === lengths[i - step];
    }
    if (repeats) return { period: sub, offsets: offsets.slice(0, step), lengths: lengths.slice(0, step) };
  }
  return { period, offsets, lengths };
}

/** Shifts on the minute grid, smallest move first, one per distinct placement. */
function candidatesOf(pattern: TriggerPattern, period: number, symmetryFixed: boolean): number[] {
  if (pattern.movable === 'fixed' || symmetryFixed) return [0];
  const timeOfDay = mod(pattern.startWall, DAY_MS);
  const reach = pattern.movable === 'within-day' ? DAY_MS : period;
  const seen = new Set<number>();
  const out: number[] = [];
  for (let step = 0; step * MINUTE_MS <= reach; step++) {
    for (const shift of step === 0 ? [0] : [step * MINUTE_MS, -step * MINUTE_MS]) {
      if (pattern.movable === 'within-day' && (timeOfDay + shift < 0 || timeOfDay + shift >= DAY_MS)) continue;
      const key = mod(shift, period);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(shift);
    }
  }
  return out;
}

/** Whether slot a shifted by sa and slot b shifted by sb have overlapping runs. */
function collide(a: Slot, sa: number, b: Slot, sb: number): boolean {
  const finite = !Number.isFinite(a.period) && !Number.isFinite(b.period);
  const g = gcd(a.period, b.period);
  for (let i = 0; i < a.offsets.length; i++) {
    const o = (a.offsets[i] as number) + sa;
    const l = a.lengths[i] as number;
    for (let j = 0; j < b.offsets.length; j++) {
      const x = (b.offsets[j] as number) + sb - o;
      const m = b.lengths[j] as number;
      if (finite) {
        if (x > -m && x < l) return true;
        continue;
      }
      // b starts x after a: they overlap when −m < x + k·g < l for some k.
      const d = mod(x, g);
      if (d < l || d > g - m) return true;
    }
  }
  return false;
}

/** Mulberry32: a small seeded generator, so the heuristic gives the same answer every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shifts (ms, one per pattern, in the patterns' order) that keep every run of the group
 * apart. Triggers of one task are kept apart from each other too.
 */
export function findTimetable(patterns: readonly TriggerPattern[], budget = EXACT_CHECK_BUDGET): TimetableResult {
  const n = patterns.length;
  const order = patterns
    .map((p, i) => ({ i, share: p.busyMs / p.shareOfMs, fixed: p.movable === 'fixed' }))
    .sort((x, y) => Number(x.fixed) - Number(y.fixed) || y.share - x.share || x.i - y.i)
    .map((x) => x.i);
  // Rotating a whole solution gives another one: with nothing fixed, the first trigger need not move.
  const rotatable = patterns.every((p) => p.movable === 'anywhere');
  const slots: Slot[] = patterns.map((pattern, i) => {
    const reduced = reduce(pattern);
    return { ...reduced, candidates: candidatesOf(pattern, reduced.period, rotatable && i === order[0]) };
  });
  const exactModel = patterns.every((p) => p.exact);

  // Exact: depth first, fixed triggers (one candidate each) placed first.
  const shifts = new Array<number>(n).fill(0);
  const tried = new Int32Array(n).fill(-1);
  let checks = 0;
  let depth = 0;
  while (depth >= 0 && depth < n && checks <= budget) {
    const index = order[depth] as number;
    const slot = slots[index] as Slot;
    tried[depth] = (tried[depth] as number) + 1;
    if ((tried[depth] as number) >= slot.candidates.length) {
      tried[depth] = -1;
      depth--;
      continue;
    }
    const shift = slot.candidates[tried[depth] as number] as number;
    let clear = true;
    for (let k = 0; k < depth && clear; k++) {
      const other = order[k] as number;
      checks++;
      clear = !collide(slot, shift, slots[other] as Slot, shifts[other] as number);
    }
    if (!clear) continue;
    shifts[index] = shift;
    depth++;
  }
  if (depth === n) return { found: true, shifts, method: 'exact' };
  if (depth < 0) return { found: false, method: 'exact', proven: exactModel };
  return repair(slots, order);
}

/** Largest-first placement with repair; gives up after a bounded number of steps. */
function repair(slots: readonly Slot[], order: readonly number[]): TimetableResult {
  const n = slots.length;
  const shifts = new Array<number>(n).fill(0);
  const hits = (index: number, shift: number, other: number) =>
    other !== index && collide(slots[index] as Slot, shift, slots[other] as Slot, shifts[other] as number);
  const next = random(0x5eed);
  /** The candidate with the fewest collisions among `among` (the smallest move on a tie when placing, a random one when repairing). */
  const best = (index: number, among: readonly number[], placing: boolean) => {
    let chosen = 0;
    let fewest = Infinity;
    let ties = 0;
    for (const shift of (slots[index] as Slot).candidates) {
      let count = 0;
      for (const other of among) if (hits(index, shift, other)) count++;
      if (count < fewest) [chosen, fewest, ties] = [shift, count, 1];
      else if (!placing && count === fewest && next() * ++ties < 1) chosen = shift;
      if (fewest === 0 && placing) break;
    }
    return chosen;
  };
  const placed: number[] = [];
  for (const index of order) {
    shifts[index] = best(index, placed, true);
    placed.push(index);
  }
  // counts[i]: how many other triggers trigger i collides with, kept up to date move by move.
  const counts = new Int32Array(n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    if (!hits(i, shifts[i] as number, j)) continue;
    counts[i] = (counts[i] as number) + 1;
    counts[j] = (counts[j] as number) + 1;
  }
  const steps = Math.min(REPAIR_STEPS_PER_TRIGGER * n, MAX_REPAIR_STEPS);
  for (let step = 0; step < steps; step++) {
    const colliding = placed.filter((i) => (counts[i] as number) > 0 && (slots[i] as Slot).candidates.length > 1);
    if (colliding.length === 0) break;
    const index = colliding[Math.floor(next() * colliding.length)] as number;
    const before = shifts[index] as number;
    const after = best(index, placed, false);
    if (after === before) continue;
    for (let other = 0; other < n; other++) {
      if (other === index) continue;
      const delta = Number(hits(index, after, other)) - Number(hits(index, before, other));
      counts[other] = (counts[other] as number) + delta;
      counts[index] = (counts[index] as number) + delta;
    }
    shifts[index] = after;
  }
  const clear = counts.every((c) => c === 0);
  return clear ? { found: true, shifts, method: 'heuristic' } : { found: false, method: 'heuristic', proven: false };
}

/**
 * A pair of triggers that no relative placement keeps apart, if there is one: the
 * readable reason behind most impossible groups (e.g. every 10 and every 15 minutes,
 * 4 minutes each: gcd 5 minutes leaves no room for 8).
 */
export function impossiblePair(patterns: readonly TriggerPattern[]): [number, number] | undefined {
  const slots = patterns.map((pattern) => {
    const reduced = reduce(pattern);
    return { ...reduced, candidates: candidatesOf(pattern, reduced.period, false) };
  });
  // Sound only where one of the two moves freely: its shifts then cover every relative placement.
  for (let a = 0; a < slots.length; a++) {
    for (let b = a + 1; b < slots.length; b++) {
      const [x, y] = [slots[a] as Slot, slots[b] as Slot];
      const [free, other] = patterns[b]?.movable === 'anywhere' ? [y, x] : patterns[a]?.movable === 'anywhere' ? [x, y] : [undefined, undefined];
      const bothFixed = patterns[a]?.movable === 'fixed' && patterns[b]?.movable === 'fixed';
      if (bothFixed ? collide(x, 0, y, 0) : free && other && free.candidates.every((shift) => collide(free, shift, other, 0))) return [a, b];
    }
  }
  return undefined;
}
