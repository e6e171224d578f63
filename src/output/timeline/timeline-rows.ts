/**
 * What each row of the timeline shows, in pixels: merged run bars, red overlays
 * where the task collides with another task of its group, amber overlays where
 * it collides with its own previous run, and markers over each collision cluster.
 * Rows are grouped by source, then group (ungrouped last), then path.
 */
import { mergeRuns, type Interval } from '../../conflicts/busy-intervals.js';
import { unpredictableStarts } from '../../conflicts/rules/unpredictable.js';
import type { Conflict, ConflictSource, ConflictSubject, Run } from '../../conflicts/types.js';
import { overlapOverlays } from './overlap-overlays.js';
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

/** Bars closer than this (px) are drawn as one: the eye can't tell them apart anyway. */
const BAR_GAP = 1;
/** Markers closer than this (px) share one. */
const MARKER_GAP = 8;

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
  // Keyed by source, then path: no string is built per run (there may be half a million).
  const runsBySource = { declared: new Map<string, Run[]>(), live: new Map<string, Run[]>() };
  for (const run of runs) {
    const bySource = runsBySource[run.source];
    const list = bySource.get(run.path);
    if (list) list.push(run);
    else bySource.set(run.path, [run]);
  }
  const runsOf = (source: ConflictSource, path: string): Run[] => runsBySource[source].get(path) ?? [];
  const busy = new Map<string, Interval[]>();
  const busyOf = (source: ConflictSource, path: string) => {
    const k = key(source, path);
    let merged = busy.get(k);
    if (!merged) busy.set(k, (merged = mergeRuns(runsOf(source, path))));
    return merged;
  };
  const severity = new Map<string, Conflict['severity']>();
  const overlapPairs: { source: string; a: string; b: string }[] = [];
  for (const conflict of conflicts) {
    for (const path of conflict.tasks) {
      const k = key(conflict.source, path);
      const seen = severity.get(k);
      if (seen === undefined || SEVERITY_RANK[conflict.severity] < SEVERITY_RANK[seen]) severity.set(k, conflict.severity);
    }
    const [a, b] = conflict.tasks;
    if (conflict.kind === 'overlap' && a !== undefined && b !== undefined) {
      overlapPairs.push({ source: conflict.source, a, b });
    }
  }

  const ordered = [...subjects].sort(
    (x, y) =>
      (x.source === y.source ? 0 : x.source === 'declared' ? -1 : 1) ||
      (x.group === y.group ? 0 : x.group === undefined ? 1 : y.group === undefined ? -1 : x.group < y.group ? -1 : 1) ||
      (x.path < y.path ? -1 : x.path > y.path ? 1 : 0),
  );
  const members = new Map<string, ConflictSubject[]>();
  for (const subject of ordered) {
    const sectionKey = `${subject.source}\u0000${subject.group ?? ''}`;
    const list = members.get(sectionKey);
    if (list) list.push(subject);
    else members.set(sectionKey, [subject]);
  }
  const sections: TimelineSection[] = [];
  for (const group of members.values()) {
    const first = group[0] as ConflictSubject;
    const grouped = first.group !== undefined && group.length > 1;
    let overlays: Interval[][] = [];
    if (grouped) {
      const n = group.length;
      const indexOf = new Map(group.map((s, i) => [s.path, i]));
      const drawn = new Uint8Array(n * n);
      for (const { source, a, b } of overlapPairs) {
        const i = indexOf.get(a);
        const j = indexOf.get(b);
        if (source !== first.source || i === undefined || j === undefined) continue;
        drawn[i * n + j] = 1;
        drawn[j * n + i] = 1;
      }
      overlays = overlapOverlays(group.map((s) => busyOf(s.source, s.path)), (i, j) => drawn[i * n + j] === 1);
    }
    sections.push({
      source: first.source,
      ...(first.group !== undefined ? { group: first.group } : {}),
      rows: group.map((subject, i) => buildRow(subject, runsOf(subject.source, subject.path), overlays[i] ?? [])),
    });
  }
  return sections;

  function buildRow(subject: ConflictSubject, own: Run[], overlay: Interval[]): TimelineRow {
    const k = key(subject.source, subject.path);
    const overlaps = toPxSpans(overlay, scale, BAR_GAP);
    const disabled = subject.definition.settings.enabled === false;
    const starts = unpredictableStarts(subject);
    const note = disabled
      ? 'disabled'
      : own.length === 0
        ? starts.length > 0 ? `no scheduled runs: starts ${starts.join(', ')}` : 'no runs in this window'
        : undefined;
    const worst = severity.get(k);
    const firstUnbounded = own.find((r) => r.unbounded);
    return {
      path: subject.path,
      source: subject.source,
      runCount: own.length,
      bars: toPxSpans(busyOf(subject.source, subject.path), scale, BAR_GAP),
      overlaps,
      selfOverlaps: toPxSpans(selfOverlapIntervals(own), scale, BAR_GAP),
      markers: clusterStarts(overlaps),
      ...(worst ? { severity: worst } : {}),
      ...(firstUnbounded ? { unboundedFrom: scale.x(firstUnbounded.start) } : {}),
      ...(note ? { note } : {}),
      disabled,
    };
  }
}
