/**
 * The timeline's arithmetic, shared by the static SVG (run in Node) and the interactive
 * page (run in the browser). The page embeds `timelineGeometry.toString()`, so everything
 * lives inside that one function: no imports, no module-level names, plain ES2022, and the
 * same code is type-checked and unit-tested here that draws the page.
 *
 * Cost grows with runs, never with pairs: a row's runs become merged busy intervals in one
 * pass; a group's collisions come from one sort and sweep of its members' busy intervals
 * (the stretches where two or more members run), intersected with each member by binary
 * search; which tasks one run collides with is asked only for the run a person points at.
 */

/**
 * Runs of one trigger that repeat at a fixed step: the model's compact form of `count` runs,
 * in ms relative to the window's start. `duration` runs from the scheduled start to the
 * latest end (random delay + time limit); -1 means "until the window ends" (no time limit).
 */
export type RunSeries = [trigger: number, count: number, start: number, step: number, duration: number, delay: number];

/** Offsets of the time zone over the window: `[instant from which it holds, offset ms east of UTC]`, sorted. */
export type ZoneOffsets = [from: number, offset: number][];

/** A row's runs, sorted by start, as parallel arrays of epoch ms. */
export interface RunTable {
  count: number;
  start: Float64Array;
  /** Latest possible start (start + random delay). */
  latest: Float64Array;
  /** Latest possible end. */
  end: Float64Array;
  trigger: Int32Array;
}

interface AxisLabel {
  x: number;
  text: string;
}

export interface Axis {
  /** What the labels count. */
  unit: 'day' | 'hour' | 'minute';
  labels: AxisLabel[];
  /** Dates above the labels: the day the view starts in and, below a day per label, each midnight in view. */
  days: AxisLabel[];
  major: number[];
  minor: number[];
}

export function timelineGeometry() {
  const MINUTE = 60_000;
  const HOUR = 3_600_000;
  const DAY = 86_400_000;
  const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

  /** Expands a row's series into runs sorted by start (triggers interleave). */
  function decodeRuns(series: readonly RunSeries[], windowFrom: number, windowEnd: number): RunTable {
    let count = 0;
    for (const s of series) count += s[1];
    const start = new Float64Array(count);
    const latest = new Float64Array(count);
    const end = new Float64Array(count);
    const trigger = new Int32Array(count);
    let i = 0;
    let sorted = true;
    for (const [t, n, first, step, duration, delay] of series) {
      for (let k = 0; k < n; k++, i++) {
        const s = windowFrom + first + k * step;
        if (i > 0 && s < (start[i - 1] as number)) sorted = false;
        start[i] = s;
        latest[i] = s + delay;
        end[i] = duration < 0 ? windowEnd : s + duration;
        trigger[i] = t;
      }
    }
    if (sorted) return { count, start, latest, end, trigger };
    const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => (start[a] as number) - (start[b] as number) || a - b);
    const pick = <A extends Float64Array | Int32Array>(from: A, into: A): A => {
      order.forEach((k, j) => (into[j] = from[k] as number));
      return into;
    };
    return {
      count,
      start: pick(start, new Float64Array(count)),
      latest: pick(latest, new Float64Array(count)),
      end: pick(end, new Float64Array(count)),
      trigger: pick(trigger, new Int32Array(count)),
    };
  }

  /** Runs sorted by start → sorted, disjoint busy intervals `[s0, e0, s1, e1, …]`; touching runs merge. */
  function mergeBusy(runs: RunTable): Float64Array {
    const out: number[] = [];
    for (let i = 0; i < runs.count; i++) {
      const s = runs.start[i] as number;
      const e = runs.end[i] as number;
      const last = out.length - 1;
      if (last > 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, e);
      else out.push(s, e);
    }
    return Float64Array.from(out);
  }

  /** Where a run starts while an earlier run of the same task may still be going. */
  function selfOverlaps(runs: RunTable): Float64Array {
    const out: number[] = [];
    let busyUntil = -Infinity;
    for (let i = 0; i < runs.count; i++) {
      const s = runs.start[i] as number;
      const e = runs.end[i] as number;
      if (s < busyUntil) {
        const until = Math.min(e, busyUntil);
        const last = out.length - 1;
        if (last > 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, until);
        else out.push(s, until);
      }
      busyUntil = Math.max(busyUntil, e);
    }
    return Float64Array.from(out);
  }

  /** Index of the first interval that ends after `t` (intervals.length / 2 when none). */
  function firstEndingAfter(intervals: Float64Array, t: number): number {
    let lo = 0;
    let hi = intervals.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((intervals[2 * mid + 1] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Does any interval meet `[s, e)`? */
  function meets(intervals: Float64Array, s: number, e: number): boolean {
    const k = firstEndingAfter(intervals, s);
    return k < intervals.length / 2 && (intervals[2 * k] as number) < e;
  }

  /** The parts of `a` that `b` covers too (both sorted and disjoint). */
  function intersect(a: Float64Array, b: Float64Array): Float64Array {
    const out: number[] = [];
    for (let i = 0; i < a.length; i += 2) {
      const s = a[i] as number;
      const e = a[i + 1] as number;
      for (let k = firstEndingAfter(b, s); k < b.length / 2 && (b[2 * k] as number) < e; k++) {
        out.push(Math.max(s, b[2 * k] as number), Math.min(e, b[2 * k + 1] as number));
      }
    }
    return Float64Array.from(out);
  }

  /**
   * For the busy intervals of a group's members, where each member runs while another
   * member runs too. One sort and sweep finds the stretches where two or more run; each
   * member's part of them is found by binary search.
   */
  function collisionOverlays(members: readonly Float64Array[]): Float64Array[] {
    // Each boundary as one number, 2t for an end and 2t + 1 for a start (times are whole ms), so a
    // native numeric sort orders them, ends before starts at one instant: intervals are half-open.
    let n = 0;
    for (const busy of members) n += busy.length;
    const events = new Float64Array(n);
    let k = 0;
    for (const busy of members) {
      for (let i = 0; i < busy.length; i += 2) {
        events[k++] = 2 * (busy[i] as number) + 1;
        events[k++] = 2 * (busy[i + 1] as number);
      }
    }
    events.sort();
    const crowded: number[] = [];
    let running = 0;
    for (const event of events) {
      const start = event % 2 === 1;
      const t = start ? (event - 1) / 2 : event / 2;
      const before = running;
      running += start ? 1 : -1;
      if (before < 2 && running >= 2) {
        const last = crowded.length - 1;
        if (last > 0 && (crowded[last] as number) >= t) crowded.pop();
        else crowded.push(t);
      } else if (before >= 2 && running < 2) crowded.push(t);
    }
    const zones = Float64Array.from(crowded);
    return members.map((busy) => intersect(busy, zones));
  }

  /** First instant (≥ `after`) where both run, or undefined. */
  function firstCommon(a: Float64Array, b: Float64Array, after = -Infinity): number | undefined {
    let i = firstEndingAfter(a, after);
    let k = firstEndingAfter(b, after);
    while (i < a.length / 2 && k < b.length / 2) {
      const s = Math.max(a[2 * i] as number, b[2 * k] as number, after);
      if (s < Math.min(a[2 * i + 1] as number, b[2 * k + 1] as number)) return s;
      if ((a[2 * i + 1] as number) < (b[2 * k + 1] as number)) i++;
      else k++;
    }
    return undefined;
  }

  /** Index of the run under `t` (the latest-starting one), or of the nearest run within `slack` ms; -1 when none. */
  function runAt(runs: RunTable, t: number, slack: number): number {
    let lo = 0;
    let hi = runs.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((runs.start[mid] as number) <= t + slack) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestDistance = Infinity;
    // Look back a bounded way: long runs that began far earlier are found through the busy bar anyway.
    for (let i = lo - 1; i >= 0 && i >= lo - 400; i--) {
      const s = runs.start[i] as number;
      const e = runs.end[i] as number;
      const distance = t < s ? s - t : t >= e ? t - e : 0;
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
        if (distance === 0) break;
      }
    }
    return bestDistance <= slack ? best : -1;
  }

  /** Time each run occupies inside `[from, end)`, summed per hour-long bucket starting at `bucket0`. */
  function busiestHour(tables: readonly RunTable[], from: number, end: number, offsets: ZoneOffsets): { start: number; end: number; busyMs: number } | undefined {
    const bucket0 = from - (((wallOf(from, offsets) % HOUR) + HOUR) % HOUR);
    const n = Math.ceil((end - bucket0) / HOUR);
    if (n <= 0) return undefined;
    const direct = new Float64Array(n + 1);
    const full = new Float64Array(n + 1);
    for (const runs of tables) {
      for (let i = 0; i < runs.count; i++) {
        const s = Math.max(runs.start[i] as number, from);
        const e = Math.min(runs.end[i] as number, end);
        if (e <= s) continue;
        const a = Math.floor((s - bucket0) / HOUR);
        const b = Math.floor((e - bucket0) / HOUR);
        if (a === b) {
          direct[a] = (direct[a] as number) + (e - s);
          continue;
        }
        direct[a] = (direct[a] as number) + (bucket0 + (a + 1) * HOUR - s);
        direct[b] = (direct[b] as number) + (e - (bucket0 + b * HOUR));
        // Whole hours in between, as a difference array: one step per run, however long it is.
        full[a + 1] = (full[a + 1] as number) + HOUR;
        full[b] = (full[b] as number) - HOUR;
      }
    }
    let best = -1;
    let bestMs = 0;
    let whole = 0;
    for (let k = 0; k < n; k++) {
      whole += full[k] as number;
      const busy = whole + (direct[k] as number);
      if (busy > bestMs) {
        bestMs = busy;
        best = k;
      }
    }
    return best < 0 ? undefined : { start: bucket0 + best * HOUR, end: bucket0 + (best + 1) * HOUR, busyMs: bestMs };
  }

  function offsetAt(t: number, offsets: ZoneOffsets): number {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((offsets[mid] as [number, number])[0] <= t) lo = mid;
      else hi = mid - 1;
    }
    return offsets.length === 0 ? 0 : (offsets[lo] as [number, number])[1];
  }

  /** Instant → wall clock as "ms if it were UTC" (read with getUTC…). */
  function wallOf(t: number, offsets: ZoneOffsets): number {
    return t + offsetAt(t, offsets);
  }

  /** Wall clock → instant; a wall time skipped by DST gives an instant whose wall time differs. */
  function instantOf(wall: number, offsets: ZoneOffsets): number {
    return wall - offsetAt(wall - offsetAt(wall, offsets), offsets);
  }

  const pad = (n: number) => String(n).padStart(2, '0');

  /** `2025-11-03 14:05` (or with `:SS` when it has seconds), `Mon 11-03`, `14:05`. */
  function formatWall(wall: number, style: 'datetime' | 'day' | 'time'): string {
    const d = new Date(wall);
    const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''}`;
    if (style === 'time') return hm;
    const md = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (style === 'day') return `${WEEKDAYS[d.getUTCDay()]} ${md}`;
    return `${d.getUTCFullYear()}-${md} ${hm}`;
  }

  /**
   * Grid and labels for the view `[from, to)` drawn `width` px wide, in the zone's wall
   * clock: days, hours or minutes, whichever keeps labels apart; dates ride above
   * sub-day labels so the day is never lost when zoomed in.
   */
  function axisTicks(from: number, to: number, width: number, offsets: ZoneOffsets): Axis {
    const pxPerMs = width / (to - from);
    const fits = (step: number) => step * pxPerMs >= (step >= DAY ? 84 : 54);
    const stepIndex = STEPS.findIndex(fits);
    // Wider than a week per label: whole numbers of days.
    const step = stepIndex >= 0 ? (STEPS[stepIndex] as number) : Math.ceil(84 / (pxPerMs * DAY)) * DAY;
    const minorStep = STEPS.filter((s) => s < step && s * pxPerMs >= 10 && step % s === 0).pop();
    const unit = step >= DAY ? 'day' : step >= HOUR ? 'hour' : 'minute';
    const at = (s: number): { t: number; wall: number }[] => {
      const out: { t: number; wall: number }[] = [];
      // Multi-day steps count from a Monday (1970-01-05), so a 7-day grid falls on Mondays however the view moves.
      const origin = s > DAY ? 4 * DAY : 0;
      const wallFrom = wallOf(from, offsets);
      for (let wall = Math.ceil((wallFrom - origin) / s) * s + origin; ; wall += s) {
        const t = instantOf(wall, offsets);
        if (t >= to) break;
        if (t < from || wallOf(t, offsets) !== wall) continue;
        out.push({ t, wall });
      }
      return out;
    };
    const x = (t: number) => (t - from) * pxPerMs;
    const majors = at(step);
    const labels = majors.map(({ t, wall }) => ({ x: x(t), text: formatWall(wall, unit === 'day' ? 'day' : 'time') }));
    const days: AxisLabel[] = [];
    // Whatever the zoom, the date the view starts on is written at its left edge.
    if (unit === 'day') days.push({ x: 0, text: formatWall(wallOf(from, offsets), 'day') });
    else {
      for (const { t, wall } of at(DAY)) days.push({ x: x(t), text: formatWall(wall, 'day') });
      if (days.length === 0 || (days[0] as AxisLabel).x > 90) days.unshift({ x: 0, text: formatWall(wallOf(from, offsets), 'day') });
    }
    const majorXs = majors.map(({ t }) => x(t));
    const minor = minorStep === undefined ? [] : at(minorStep).map(({ t }) => x(t)).filter((m) => !majorXs.some((M) => Math.abs(M - m) < 1));
    return { unit, labels, days, major: majorXs, minor };
  }

  /**
   * What to draw of busy intervals in `[from, to)` at `pxPerMs`: intervals at least
   * `minBarPx` wide as bars (`[x0, x1, …]`); narrower ones add their share of each pixel
   * column to `density` (0…1), so many short runs read as a shaded band, not a solid bar.
   */
  function barsAndDensity(busy: Float64Array, from: number, to: number, width: number, minBarPx: number): { bars: number[]; density: Float32Array | undefined } {
    const pxPerMs = width / (to - from);
    const bars: number[] = [];
    let density: Float32Array | undefined;
    for (let k = firstEndingAfter(busy, from); k < busy.length / 2; k++) {
      const s = busy[2 * k] as number;
      if (s >= to) break;
      const x0 = (Math.max(s, from) - from) * pxPerMs;
      const x1 = (Math.min(busy[2 * k + 1] as number, to) - from) * pxPerMs;
      if (x1 - x0 >= minBarPx) {
        bars.push(x0, x1);
        continue;
      }
      density ??= new Float32Array(Math.ceil(width) + 1);
      for (let c = Math.floor(x0); c < x1 && c < density.length; c++) {
        density[c] = (density[c] as number) + Math.min(x1, c + 1) - Math.max(x0, c);
      }
    }
    return { bars, density };
  }

  /** Intervals in view as pixel spans, each at least `minPx` wide, merged when they meet. */
  function spans(intervals: Float64Array, from: number, to: number, width: number, minPx: number): number[] {
    const pxPerMs = width / (to - from);
    const out: number[] = [];
    for (let k = firstEndingAfter(intervals, from); k < intervals.length / 2; k++) {
      const s = intervals[2 * k] as number;
      if (s >= to) break;
      const x0 = (Math.max(s, from) - from) * pxPerMs;
      const x1 = Math.max((Math.min(intervals[2 * k + 1] as number, to) - from) * pxPerMs, x0 + minPx);
      const last = out.length - 1;
      if (last > 0 && x0 <= (out[last] as number)) out[last] = Math.max(out[last] as number, x1);
      else out.push(x0, x1);
    }
    return out;
  }

  return {
    MINUTE, HOUR, DAY,
    decodeRuns, mergeBusy, selfOverlaps, collisionOverlays, meets, intersect, firstCommon, runAt, busiestHour,
    offsetAt, wallOf, instantOf, formatWall, axisTicks, barsAndDensity, spans,
  };
}

export type TimelineGeometry = ReturnType<typeof timelineGeometry>;

/** The geometry, for code that runs in Node. */
export const geometry: TimelineGeometry = timelineGeometry();
