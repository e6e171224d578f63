/**
 * A group's load: the share of each period its runs occupy, summed over its
 * time-based tasks (time limit ÷ interval for a task repeating every interval; for any
 * schedule, its busy time over its own period — see periodic-model.ts). The shares are
 * added as exact fractions, which is the occupancy over the hyperperiod of all the
 * group's periods without ever building that (possibly astronomical) hyperperiod.
 *
 * Over 100 % no timetable can keep the runs apart: `over-capacity` (error), with what
 * it would take. A task counts at most 100 % (a run that outlasts its interval keeps the
 * task busy, no more); tasks without a time limit are left out (see `unbounded`).
 */
import { describeDuration, listTasks } from './describe.js';
import type { Horizon } from './horizon.js';
import { triggerPattern, type TriggerPattern } from './periodic-model.js';
import { MINUTE_MS } from '../schtasks/datetime.js';
import type { Conflict, ConflictSource, ConflictSubject } from './types.js';

interface TaskShare {
  path: string;
  /** 0…1. */
  share: number;
  patterns: TriggerPattern[];
}

export interface GroupLoad {
  group: string;
  /** The summed shares: 1 = 100 %. */
  load: number;
  /** Exactly over 100 % (compared as fractions, not floats). */
  over: boolean;
  /** Tasks with a schedule, the largest share first. */
  shares: TaskShare[];
  /** Tasks whose scheduled runs have no time limit: their share can't be counted. */
  unbounded: string[];
}

interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

function add(x: Fraction, y: Fraction): Fraction {
  const n = x.n * y.d + y.n * x.d;
  const d = x.d * y.d;
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const fraction = (n: number, d: number): Fraction => ({ n: BigInt(Math.round(n)), d: BigInt(Math.round(d)) });
const ONE: Fraction = { n: 1n, d: 1n };
const ZERO: Fraction = { n: 0n, d: 1n };
const over = (x: Fraction, y: Fraction) => x.n * y.d > y.n * x.d;
const toNumber = (x: Fraction) => Number(x.n) / Number(x.d);

/** The load of one group (its enabled members), in the analysis time zone. */
export function groupLoad(group: string, members: readonly ConflictSubject[], timeZone: string): GroupLoad {
  let total = ZERO;
  const shares: TaskShare[] = [];
  const unbounded: string[] = [];
  for (const subject of members) {
    if (subject.definition.settings.enabled === false) continue;
    let own = ZERO;
    const patterns: TriggerPattern[] = [];
    let isUnbounded = false;
    subject.definition.triggers.forEach((_, index) => {
      const result = triggerPattern(subject, index, timeZone);
      if ('unbounded' in result) isUnbounded = true;
      if (!('pattern' in result)) return;
      patterns.push(result.pattern);
      if (result.pattern.busyMs > 0) own = add(own, fraction(result.pattern.busyMs, result.pattern.shareOfMs));
    });
    if (isUnbounded) unbounded.push(subject.path);
    if (patterns.length === 0) continue;
    if (over(own, ONE)) own = ONE;
    total = add(total, own);
    shares.push({ path: subject.path, share: toNumber(own), patterns });
  }
  shares.sort((a, b) => b.share - a.share || (a.path < b.path ? -1 : 1));
  return { group, load: toNumber(total), over: over(total, ONE), shares, unbounded };
}

/** `62%`, `120.5%` (no space: a wrapped message never splits a figure from its sign). */
export const percent = (ratio: number): string => `${Math.round(ratio * 1000) / 10}%`;

/** The one repeating trigger of a task with one schedule: what shortening or lengthening can be said of. */
function singleRepeat(share: TaskShare): { runMs: number; periodMs: number } | undefined {
  const [only, ...more] = share.patterns;
  if (!only || more.length > 0 || only.offsets.length !== 1 || !Number.isFinite(only.periodMs)) return undefined;
  return { runMs: only.lengths[0] as number, periodMs: only.periodMs };
}

/** What would bring the group to 100 %: tasks to move out, or one task's limit or interval. */
export function whatItWouldTake(load: GroupLoad): string[] {
  const excess = load.load - 1;
  const options: string[] = [];
  const moved: TaskShare[] = [];
  let left = load.load;
  for (const share of load.shares) {
    if (left <= 1) break;
    moved.push(share);
    left -= share.share;
  }
  if (moved.length > 0 && moved.length < load.shares.length) {
    options.push(`moving ${listTasks(moved.map((s) => `${s.path} (${percent(s.share)})`), 4)} to another group (leaves ${percent(Math.max(0, left))})`);
  }
  const top = load.shares[0];
  const repeat = top && singleRepeat(top);
  if (top && repeat && top.share > excess) {
    const keep = (top.share - excess) / top.share;
    const shorter = Math.floor((repeat.runMs * keep) / MINUTE_MS) * MINUTE_MS;
    if (shorter > 0) options.push(`shortening ${top.path}'s runs from ${describeDuration(repeat.runMs)} to at most ${describeDuration(shorter)}`);
    const longer = Math.ceil(repeat.periodMs / keep / MINUTE_MS) * MINUTE_MS;
    options.push(`running ${top.path} every ${describeDuration(longer)} or less often instead of every ${describeDuration(repeat.periodMs)}`);
  }
  options.push(`shortening every time limit in the group to at most ${percent(1 / load.load)} of what it is`);
  return options;
}

export function overCapacityConflict(load: GroupLoad, source: ConflictSource, horizon: Horizon): Conflict {
  const biggest = load.shares.slice(0, 5).map((s) => `${s.path} ${percent(s.share)}`);
  const more = load.shares.length > 5 ? `, and ${load.shares.length - 5} more` : '';
  return {
    kind: 'over-capacity',
    severity: 'error',
    source,
    tasks: load.shares.map((s) => s.path).sort(),
    message:
      `Group '${load.group}' is over capacity: its runs need ${percent(load.load)} of the time (${biggest.join(', ')}${more}), ` +
      `so no timetable can keep them apart: whatever the start times, its runs collide (over ${describeDuration(horizon.horizonMs)} as over any other stretch).`,
    group: load.group,
    load: Math.round(load.load * 1000) / 1000,
    suggestion: `It would take ${whatItWouldTake(load).join('; or ')}.`,
  };
}
