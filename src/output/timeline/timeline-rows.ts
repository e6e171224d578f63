/**
 * What each row of the timeline shows, in pixels: merged run bars, red overlays
 * where the task collides with another task of its group, amber overlays where
 * it collides with its own previous run, and markers over each collision cluster.
 * Rows are grouped by source, then group (ungrouped last), then path.
 */
import { mergeRuns, type Interval } from '../../conflicts/busy-intervals.js';
import { unpredictableStarts } from '../../conflicts/rules/unpredictable.js';
import type { Conflict, ConflictSource, ConflictSubject, Run } from '../../conflicts/types.js';
import { toPxSpans, type PxSpan, type TimeScale } from './timeline-scale.js';

export interface TimelineRow {
  path: string;
  source: ConflictSource;
  runCount: number;
  bars: PxSpan[];
  overlaps: PxSpan[];
  selfOverlaps: PxSpan[];
  /** x of each overlap cluster's start. */
  markers: number[];
  /** Worst severity of any conflict naming this task. */
  severity?: Conflict['severity'];
  /** x where the first run without a time limit starts (it is drawn to the end and labelled). */
  unboundedFrom?: number;
  /** Shown in place of bars when the task has no scheduled runs. */
  note?: string;
  disabled: boolean;
}

export interface TimelineSection {
  source: ConflictSource;
  group?: string;
  rows: TimelineRow[];
}

/** Markers closer than this (px) share one. */
const MARKER_GAP = 8;

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Where a task's own runs overlap each other (runs sorted by start). */
function selfOverlapIntervals(runs: readonly Run[]): Interval[] {
  const out: Interval[] = [];
  let busyUntil = -Infinity;
  for (const run of runs) {
    if (run.start < busyUntil) out.push({ start: run.start, end: Math.min(run.end, busyUntil) });
    busyUntil = Math.max(busyUntil, run.end);
  }
  return mergeRuns(out);
}

/** The x where each cluster of spans begins; spans within MARKER_GAP px join a cluster. */
function clusterStarts(spans: readonly PxSpan[]): number[] {
  const starts: number[] = [];
  let clusterEnd = -Infinity;
  for (const span of spans) {
    if (span.x0 > clusterEnd + MARKER_GAP) starts.push(span.x0);
    clusterEnd = Math.max(clusterEnd, span.x1);
  }
  return starts;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const key = (source: string, path: string) => `${source}\u0000${path}`;

export function buildSections(
  subjects: readonly ConflictSubject[],
  runs: readonly Run[],
  conflicts: readonly Conflict[],
  scale: TimeScale,
): TimelineSection[] {
  const runsOf = new Map<string, Run[]>();
  for (const run of runs) {
    const k = key(run.source, run.path);
    const list = runsOf.get(k);
    if (list) list.push(run);
    else runsOf.set(k, [run]);
  }
  const busy = new Map<string, Interval[]>();
  const busyOf = (k: string) => {
    let merged = busy.get(k);
    if (!merged) busy.set(k, (merged = mergeRuns(runsOf.get(k) ?? [])));
    return merged;
  };
  const overlapIntervals = new Map<string, Interval[]>();
  const severity = new Map<string, Conflict['severity']>();
  for (const conflict of conflicts) {
    for (const path of conflict.tasks) {
      const k = key(conflict.source, path);
      const seen = severity.get(k);
      if (seen === undefined || SEVERITY_RANK[conflict.severity] < SEVERITY_RANK[seen]) severity.set(k, conflict.severity);
    }
    const [a, b] = conflict.tasks;
    if (conflict.kind !== 'overlap' || a === undefined || b === undefined) continue;
    const shared = intersect(busyOf(key(conflict.source, a)), busyOf(key(conflict.source, b)));
    for (const path of [a, b]) {
      const k = key(conflict.source, path);
      overlapIntervals.set(k, [...(overlapIntervals.get(k) ?? []), ...shared]);
    }
  }

  const sections = new Map<string, TimelineSection>();
  const ordered = [...subjects].sort(
    (x, y) =>
      (x.source === y.source ? 0 : x.source === 'declared' ? -1 : 1) ||
      (x.group === y.group ? 0 : x.group === undefined ? 1 : y.group === undefined ? -1 : x.group < y.group ? -1 : 1) ||
      (x.path < y.path ? -1 : x.path > y.path ? 1 : 0),
  );
  for (const subject of ordered) {
    const k = key(subject.source, subject.path);
    const sectionKey = `${subject.source}\u0000${subject.group ?? ''}`;
    let section = sections.get(sectionKey);
    if (!section) {
      section = { source: subject.source, ...(subject.group !== undefined ? { group: subject.group } : {}), rows: [] };
      sections.set(sectionKey, section);
    }
    const own = runsOf.get(k) ?? [];
    const overlaps = toPxSpans(mergeRuns(overlapIntervals.get(k) ?? []), scale);
    const disabled = subject.definition.settings.enabled === false;
    const starts = unpredictableStarts(subject);
    const note = disabled
      ? 'disabled'
      : own.length === 0
        ? starts.length > 0 ? `no scheduled runs: starts ${starts.join(', ')}` : 'no runs in this window'
        : undefined;
    const worst = severity.get(k);
    const firstUnbounded = own.find((r) => r.unbounded);
    section.rows.push({
      path: subject.path,
      source: subject.source,
      runCount: own.length,
      bars: toPxSpans(busyOf(k), scale),
      overlaps,
      selfOverlaps: toPxSpans(selfOverlapIntervals(own), scale),
      markers: clusterStarts(overlaps),
      ...(worst ? { severity: worst } : {}),
      ...(firstUnbounded ? { unboundedFrom: scale.x(firstUnbounded.start) } : {}),
      ...(note ? { note } : {}),
      disabled,
    });
  }
  return [...sections.values()];
}
