/**
 * `--timeline FILE`: every task's runs over the window, one row per task, grouped by
 * group, every kind of conflict marked. HTML: an interactive, self-contained page (zoom,
 * details on hover, the conflicts table, live beside declared). SVG: the whole window as
 * one static picture.
 *
 * This file is also the one adapter from the conflict engine to the timeline: subjects, runs
 * and conflicts in, the page's plain model out. When the engine changes shape, this file
 * changes; the page, the SVG and their tests don't.
 */
import { SETTINGS_DEFAULTS } from '../../schtasks/model.js';
import { terminalSafe } from '../../core/terminal-text.js';
import { describeDuration, readableAt, sortConflicts } from '../../conflicts/describe.js';
import { expandRuns, isUnboundedTask } from '../../conflicts/expand-runs.js';
import { unpredictableStarts } from '../../conflicts/schedule-rules.js';
import { MACHINE_ZONE, offsetAt, wallToInstant, zoneName } from '../../schtasks/datetime.js';
import type { Conflict, ConflictSource, ConflictSubject, Run } from '../../conflicts/types.js';
import { summarizeAction, summarizeTrigger } from '../../plan/diff.js';
import { durationToMs } from '../../schtasks/duration.js';
import type { RunSeries, ZoneOffsets } from './timeline-geometry.js';
import type { GroupLoad, TimelineConflict, TimelineGroup, TimelineModel, TimelineRow } from './timeline-model.js';
import { timelinePage } from './timeline-page.js';
import { timelineSvg } from './timeline-svg.js';

export interface TimelineOptions extends TimelineWindow {
  format: 'svg' | 'html';
}

/**
 * Renders the timeline. `runs` come from `analyzeConflicts` over the same window;
 * `conflicts` from the same analysis.
 */
export function renderTimeline(
  subjects: readonly ConflictSubject[],
  runs: readonly Run[],
  conflicts: readonly Conflict[],
  options: TimelineOptions,
): string {
  const model = timelineModel(subjects, runs, conflicts, options);
  return options.format === 'svg' ? timelineSvg(model) : timelinePage(model);
}

export interface TimelineWindow {
  from: Date;
  horizonMs: number;
  /** IANA zone the schedule is read in. @default the machine's local time zone */
  timeZone?: string;
}

/** The table keeps the most severe conflicts; the rest are counted (`list-conflicts --json` has them all). */
const CONFLICT_LIMIT = 1000;

const HOUR = 3_600_000;
const QUARTER = HOUR / 4;

/** The zone's offsets over the window: sampled hourly, each change pinned to its quarter hour. */
function zoneOffsets(from: number, end: number, timeZone: string): ZoneOffsets {
  const first = from - 24 * HOUR;
  const offsets: ZoneOffsets = [[first, offsetAt(first, timeZone)]];
  for (let t = first + HOUR; t < end + 24 * HOUR; t += HOUR) {
    const offset = offsetAt(t, timeZone);
    if (offset === (offsets[offsets.length - 1] as [number, number])[1]) continue;
    let at = t - HOUR + QUARTER;
    while (offsetAt(at, timeZone) !== offset) at += QUARTER;
    offsets.push([at, offset]);
  }
  return offsets;
}

/** A task's runs (sorted by start) as series of equal steps, one trigger at a time. */
function toSeries(runs: readonly Run[], from: number): RunSeries[] {
  const series: RunSeries[] = [];
  const open = new Map<number, RunSeries>();
  const lastStart = new Map<number, number>();
  for (const run of runs) {
    const start = run.start - from;
    const duration = run.unbounded ? -1 : run.end - run.start;
    const delay = run.latestStart - run.start;
    const current = open.get(run.triggerIndex);
    const step = start - (lastStart.get(run.triggerIndex) ?? start);
    lastStart.set(run.triggerIndex, start);
    if (current && current[4] === duration && current[5] === delay && step > 0 && (current[1] === 1 || current[3] === step)) {
      current[1] += 1;
      current[3] = step;
      continue;
    }
    const next: RunSeries = [run.triggerIndex, 1, start, 0, duration, delay];
    series.push(next);
    open.set(run.triggerIndex, next);
  }
  return series;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const keyOf = (source: ConflictSource, path: string) => `${source}\u0000${path}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function timelineModel(
  subjects: readonly ConflictSubject[],
  runs: readonly Run[],
  conflicts: readonly Conflict[],
  window: TimelineWindow,
): TimelineModel {
  const from = window.from.getTime();
  const end = from + window.horizonMs;
  const timeZone = window.timeZone ?? MACHINE_ZONE;

  // Keyed by source, then path: no string is built per run (a busy week has half a million).
  const runsOf = { declared: new Map<string, Run[]>(), live: new Map<string, Run[]>() };
  for (const run of runs) {
    if (run.start >= end || run.end <= from) continue;
    const bySource = runsOf[run.source];
    const list = bySource.get(run.path);
    if (list) list.push(run);
    else bySource.set(run.path, [run]);
  }

  const ordered = [...subjects].sort(
    (a, b) =>
      byText(a.source === 'declared' ? '0' : '1', b.source === 'declared' ? '0' : '1') ||
      (a.group === b.group ? 0 : a.group === undefined ? 1 : b.group === undefined ? -1 : byText(a.group, b.group)) ||
      byText(a.path, b.path),
  );
  const groupNames = [...new Set(subjects.map((s) => s.group))].sort((a, b) =>
    a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : byText(a, b),
  );
  const groupIndex = new Map(groupNames.map((name, i) => [name, i]));
  const groups: TimelineGroup[] = groupNames.map((name) => ({ ...(name !== undefined ? { name: terminalSafe(name) } : {}), load: {} }));

  const rowIndex = new Map<string, number>();
  const worst = new Map<string, Conflict['severity']>();
  const kinds = new Map<string, Set<string>>();
  for (const conflict of conflicts) {
    for (const path of conflict.tasks) {
      const key = keyOf(conflict.source, path);
      const seen = worst.get(key);
      if (seen === undefined || SEVERITY_RANK[conflict.severity] < SEVERITY_RANK[seen]) worst.set(key, conflict.severity);
      kinds.set(key, (kinds.get(key) ?? new Set()).add(conflict.kind));
    }
  }

  const rows = ordered.map((subject, index): TimelineRow => {
    const key = keyOf(subject.source, subject.path);
    rowIndex.set(key, index);
    const { settings, triggers, actions } = subject.definition;
    const disabled = settings.enabled === false;
    // A disabled task runs nothing; drawn are the runs it would have once enabled.
    const own = disabled
      ? expandRuns([{ ...subject, definition: { ...subject.definition, settings: { ...settings, enabled: true } } }], {
          from: window.from, horizonMs: window.horizonMs, timeZone,
        }).runs
      : (runsOf[subject.source].get(subject.path) ?? []);
    const group = groupIndex.get(subject.group) as number;
    const load = ((groups[group] as TimelineGroup).load[subject.source] ??= { tasks: 0, demand: 0 }) as GroupLoad;
    load.tasks += 1;
    // The time the task may be running (its runs merged), so a task counts at most once at any moment.
    let busyUntil = -Infinity;
    let busyMs = 0;
    let unbounded = isUnboundedTask(settings);
    for (const run of own) {
      const busy = (run.end < end ? run.end : end) - Math.max(run.start, from, busyUntil);
      if (busy > 0) busyMs += busy;
      if (run.end > busyUntil) busyUntil = run.end;
      if (run.unbounded) unbounded = true;
    }
    if (!disabled) load.demand += busyMs / window.horizonMs;
    const severity = worst.get(key);
    const limitMs = durationToMs(settings.executionTimeLimit ?? SETTINGS_DEFAULTS.executionTimeLimit) ?? 0;
    return {
      path: terminalSafe(subject.path),
      source: subject.source,
      group,
      disabled,
      declared: subject.hasDeclaration,
      unbounded,
      unpredictable: unpredictableStarts(subject).map(terminalSafe),
      triggers: triggers.map((t) => terminalSafe(summarizeTrigger(t))),
      actions: actions.map((a) => terminalSafe(summarizeAction(a))),
      timeLimit: isUnboundedTask(settings) ? 'none' : describeDuration(limitMs),
      multipleInstances: settings.multipleInstancesPolicy ?? SETTINGS_DEFAULTS.multipleInstancesPolicy,
      ...(severity !== undefined ? { severity } : {}),
      kinds: [...(kinds.get(key) ?? [])].sort(),
      runs: toSeries(own, from),
    };
  });

  const sorted = sortConflicts(conflicts);
  for (const conflict of sorted) {
    if (conflict.kind !== 'over-capacity') continue;
    const row = rows[rowIndex.get(keyOf(conflict.source, conflict.tasks[0] ?? '')) ?? -1];
    const group = conflict.group !== undefined ? groupIndex.get(conflict.group) : row?.group;
    const load = group === undefined ? undefined : groups[group]?.load[conflict.source];
    if (load) load.overCapacity = { message: terminalSafe(conflict.message), ...(conflict.load !== undefined ? { load: conflict.load } : {}) };
  }

  const counts = new Map<string, TimelineModel['conflictCounts'][number]>();
  for (const c of sorted) {
    const key = `${c.severity}\u0000${c.kind}\u0000${c.source}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { kind: c.kind, severity: c.severity, source: c.source, count: 1 });
  }

  const tableConflicts = sorted.slice(0, CONFLICT_LIMIT).map((c): TimelineConflict => {
    const at = c.firstAt === undefined ? undefined : wallToInstant(Date.parse(`${c.firstAt}Z`), timeZone).instant;
    return {
      kind: c.kind,
      severity: c.severity,
      source: c.source,
      rows: c.tasks.map((path) => rowIndex.get(keyOf(c.source, path)) ?? -1).filter((i) => i >= 0),
      message: terminalSafe(c.message),
      ...(c.suggestion !== undefined ? { suggestion: terminalSafe(c.suggestion) } : {}),
      ...(c.firstAt !== undefined ? { firstAt: c.firstAt } : {}),
      ...(at !== undefined && Number.isFinite(at) ? { at } : {}),
    };
  });

  return {
    title: `taskctl schedule ${readableAt(from, timeZone)} → ${readableAt(end, timeZone)} (${zoneName(timeZone)})`,
    window: { from, end },
    zone: { name: zoneName(timeZone), offsets: zoneOffsets(from, end, timeZone) },
    sources: (['declared', 'live'] as const).filter((s) => subjects.some((x) => x.source === s)),
    groups,
    rows,
    conflicts: tableConflicts,
    conflictCounts: [...counts.values()],
    conflictLimit: CONFLICT_LIMIT,
  };
}
