/**
 * `--timeline FILE`: every task's runs over the window, one row per task, grouped by
 * group, every kind of conflict marked. HTML: an interactive, self-contained page (zoom,
 * details on hover, the conflicts table, live beside declared). SVG: the whole window as
 * one static picture.
 */
import type { Conflict, ConflictSubject, Run } from '../../conflicts/types.js';
import { timelineModel, type TimelineWindow } from './from-analysis.js';
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
