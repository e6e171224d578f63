/**
 * What the timeline shows, as plain JSON: the page embeds it whole and the SVG draws
 * from it. It names no type of the conflict engine; `render-timeline.ts` is the one place
 * that translates the engine's subjects, runs and conflicts into it.
 *
 * Every text in it that came from a task (paths, group names, command lines, messages) is
 * already made safe to show: control and bidirectional-override characters are spelled
 * out as `\uXXXX`, so a name can't disguise itself on the page.
 */
import type { RunSeries, ZoneOffsets } from './timeline-geometry.js';

export type TimelineSource = 'declared' | 'live';
type TimelineSeverity = 'error' | 'warning' | 'info';

export interface TimelineModel {
  /** `taskctl schedule 2025-11-03 00:00 → 2025-11-10 00:00 (Asia/Seoul)`. */
  title: string;
  /** The analysed window, epoch ms, `[from, end)`. */
  window: { from: number; end: number };
  /** The time zone the schedule is read in, and its offsets over the window. */
  zone: { name: string; offsets: ZoneOffsets };
  /** The sources present, declared first. Both present: the page shows live (before) beside declared (after). */
  sources: TimelineSource[];
  /** Sections in display order: named groups by name, then tasks without a group. */
  groups: TimelineGroup[];
  /** One row per task and source, sorted by source (declared first), group, path. */
  rows: TimelineRow[];
  /** The conflicts, most severe first, at most `conflictLimit` of them. */
  conflicts: TimelineConflict[];
  /** How many conflicts there were in all, per kind (the table may hold fewer). */
  conflictCounts: { kind: string; severity: TimelineSeverity; source: TimelineSource; count: number }[];
  conflictLimit: number;
}

export interface TimelineGroup {
  /** undefined: the tasks that belong to no group. */
  name?: string;
  /** Per source: how busy the group is, and whether the engine found it over capacity. */
  load: Partial<Record<TimelineSource, GroupLoad>>;
}

export interface GroupLoad {
  tasks: number;
  /** The time each member may be running, summed, ÷ the window's length: how many run at once on average (1 = 100 %). */
  demand: number;
  /** Set when the engine reported `over-capacity` for the group. */
  overCapacity?: { message: string; load?: number };
}

export interface TimelineRow {
  path: string;
  source: TimelineSource;
  /** Index into `groups`. */
  group: number;
  disabled: boolean;
  /** Live only: a declaration names this task (false: apply deletes it unless --no-prune). */
  declared: boolean;
  /** Some run has no time limit (it lasts until the window ends). */
  unbounded: boolean;
  /** The ways it starts that no schedule foresees (boot, logon, event, on demand): drawn as a hatched band. */
  unpredictable: string[];
  /** Each trigger in a sentence, by trigger index. */
  triggers: string[];
  /** What it runs, one line per action. */
  actions: string[];
  /** `10 min`, or `none`. */
  timeLimit: string;
  multipleInstances: string;
  /** Worst severity of the conflicts naming it. */
  severity?: TimelineSeverity;
  /** Kinds of the conflicts naming it. */
  kinds: string[];
  /**
   * Its runs over the window (for a disabled task: the runs it would have once enabled).
   * Which tasks a run collides with is derived from the runs of its group (`collisionOverlays`,
   * `meets`), not stored: listing every colliding pair would make a busy week tens of megabytes.
   */
  runs: RunSeries[];
}

export interface TimelineConflict {
  kind: string;
  severity: TimelineSeverity;
  source: TimelineSource;
  /** Indexes into `rows`, in the conflict's order of tasks. */
  rows: number[];
  message: string;
  suggestion?: string;
  /** The engine's `firstAt` (wall clock) and the instant it names. */
  firstAt?: string;
  at?: number;
}
