/**
 * One call for `list-conflicts --timeline`: expands the runs over the same
 * horizon and renders them with the conflicts already found.
 */
import { renderTimeline } from '../output/timeline/render-timeline.js';
import { expandRuns } from './expand-runs.js';
import type { Conflict, ConflictOptions, ConflictSubject } from './types.js';

export function drawTimeline(
  subjects: readonly ConflictSubject[],
  conflicts: readonly Conflict[],
  options: ConflictOptions & { format: 'svg' | 'html' },
): string {
  const { runs } = expandRuns(subjects, options);
  return renderTimeline(subjects, runs, conflicts, options);
}
