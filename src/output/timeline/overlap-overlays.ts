/**
 * Where each task of a group runs at the same time as a task it has an overlap
 * conflict with: one sweep over the members' busy intervals in start order (the
 * same active-set sweep as the analysis), so a fleet of 1,000 tasks with 50,000
 * overlapping pairs costs one pass, not one intersection per pair. Each task's
 * overlay grows in start order, so it is merged as it is produced.
 */
import type { Interval } from '../../conflicts/busy-intervals.js';

interface Tagged {
  member: number;
  start: number;
  end: number;
}

/**
 * `busy[i]`: member i's merged busy intervals. `inConflict(i, j)`: whether the
 * pair's overlap is to be drawn. Returns each member's overlay, sorted and merged.
 */
export function overlapOverlays(busy: readonly (readonly Interval[])[], inConflict: (i: number, j: number) => boolean): Interval[][] {
  const events: Tagged[] = [];
  busy.forEach((intervals, member) => {
    for (const { start, end } of intervals) events.push({ member, start, end });
  });
  events.sort((a, b) => a.start - b.start || a.member - b.member);
  const overlays: Interval[][] = busy.map(() => []);
  const add = (member: number, start: number, end: number) => {
    const list = overlays[member] as Interval[];
    const last = list[list.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else list.push({ start, end });
  };
  const active: Tagged[] = [];
  for (const event of events) {
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      const other = active[k] as Tagged;
      if (other.end <= event.start) continue;
      active[kept++] = other;
      if (other.member === event.member || !inConflict(other.member, event.member)) continue;
      const end = Math.min(other.end, event.end);
      add(other.member, event.start, end);
      add(event.member, event.start, end);
    }
    active.length = kept;
    active.push(event);
  }
  return overlays;
}
