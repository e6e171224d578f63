/**
 * Geometry of the timeline: where things go, and time → x.
 */

export const LAYOUT = {
  width: 1320,
  labelWidth: 300,
  chartX: 310,
  chartWidth: 990,
  top: 96,
  rowHeight: 18,
  barHeight: 10,
  groupHeaderHeight: 24,
  bottom: 28,
  /** Spans narrower than this are drawn this wide, so a 1-minute run in a week still shows. */
  minBarWidth: 1.5,
} as const;

export interface TimeScale {
  from: number;
  end: number;
  x(t: number): number;
}

export function timeScale(from: number, horizonMs: number): TimeScale {
  const end = from + horizonMs;
  const k = LAYOUT.chartWidth / horizonMs;
  return { from, end, x: (t) => LAYOUT.chartX + (Math.min(Math.max(t, from), end) - from) * k };
}

export interface PxSpan {
  x0: number;
  x1: number;
}

/**
 * Time intervals (sorted by start) → pixel spans, merged when they touch or come
 * within `gap` pixels, so a week of 5-minute runs is one bar, not 2,000 rectangles.
 */
export function toPxSpans(intervals: Iterable<{ start: number; end: number }>, scale: TimeScale, gap = 0.5): PxSpan[] {
  const spans: PxSpan[] = [];
  for (const { start, end } of intervals) {
    if (end <= scale.from || start >= scale.end) continue;
    const x0 = scale.x(start);
    const x1 = Math.max(scale.x(end), x0 + LAYOUT.minBarWidth);
    const last = spans[spans.length - 1];
    if (last && x0 <= last.x1 + gap) last.x1 = Math.max(last.x1, x1);
    else spans.push({ x0, x1 });
  }
  return spans;
}
