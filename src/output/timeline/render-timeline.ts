/**
 * `--timeline FILE`: every task's runs over the horizon, one row per task,
 * rows grouped by group, overlaps in red. SVG, or HTML (the SVG plus a table of conflicts).
 */
import { readableAt } from '../../conflicts/describe.js';
import { localTimeZone } from '../../conflicts/time-zone.js';
import type { Conflict, ConflictSubject, Run } from '../../conflicts/types.js';
import { axisTicks } from './timeline-axis.js';
import { timelineHtml } from './timeline-html.js';
import { buildSections } from './timeline-rows.js';
import { timeScale } from './timeline-scale.js';
import { timelineSvg } from './timeline-svg.js';

export interface TimelineOptions {
  from: Date;
  horizonMs: number;
  format: 'svg' | 'html';
  /** IANA zone for grid labels. @default the machine's local time zone */
  timeZone?: string;
}

/**
 * Renders the timeline. `runs` come from `expandRuns`/`analyzeConflicts` over the
 * same horizon; `conflicts` from `findConflicts` (overlaps are drawn, every
 * conflict colours its tasks' labels and, in HTML, fills the table).
 */
export function renderTimeline(
  subjects: readonly ConflictSubject[],
  runs: readonly Run[],
  conflicts: readonly Conflict[],
  options: TimelineOptions,
): string {
  const from = options.from.getTime();
  const timeZone = options.timeZone ?? localTimeZone();
  const scale = timeScale(from, options.horizonMs);
  const inWindow = runs.filter((r) => r.start < scale.end && r.end > from);
  const window = `${readableAt(from, timeZone)} → ${readableAt(scale.end, timeZone)} (${timeZone})`;
  const svg = timelineSvg({
    sections: buildSections(subjects, inWindow, conflicts, scale),
    ticks: axisTicks(scale, timeZone, options.horizonMs),
    window,
    runCount: inWindow.length,
    conflicts,
  });
  return options.format === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n` : timelineHtml(`taskctl schedule ${window}`, svg, conflicts);
}
