import { describe, expect, it } from 'vitest';
import { parseFleet } from './parsed-fleet.js';
import agiFleet from '../../src/tasks/index.js';
import { ANCHOR_DAY } from '../../src/tasks/pipeline.js';
import { groupRunWindows, tightPairs, type RunWindow } from './group-windows.js';

const fleet = parseFleet(agiFleet);
const DAY = 24 * 60;
const clock = (m: number) => `day ${Math.floor(m / DAY)} ${String(Math.floor((m % DAY) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const describePair = ([a, b]: [RunWindow, RunWindow]) => `${a.task} ${clock(a.start)}–${clock(a.end)} vs ${b.task} ${clock(b.start)}`;

describe('the pipeline timetable', () => {
  // A week after the anchor, so every trigger is in its steady state, plus the seam into the next week.
  const week = groupRunWindows(fleet, ANCHOR_DAY, 7 * DAY, 14 * DAY + 60);

  it('has the expected number of runs in a week (sanity of the expansion)', () => {
    const count = (task: string) => week.filter((w) => w.task === task && w.start < 14 * DAY).length;
    expect(count('AGI_Health_Check')).toBe(7 * 96);
    expect(count('AGI_LLM_Monitor')).toBe(7 * 48);
    expect(count('AGI_Performance_Monitor')).toBe(7 * 48);
    expect(count('AGI_Event_Collector')).toBe(7 * 24);
    expect(count('AGI_Daily_Diagnosis')).toBe(7);
  });

  it('never runs two jobs of the group at the same time over 7 days', () => {
    expect(tightPairs(week, 0).map(describePair)).toEqual([]);
  });

  it("leaves at least a minute between one run's time limit and the next start, for late starts", () => {
    expect(tightPairs(week, 1).map(describePair)).toEqual([]);
  });

  it('would notice a collision (the check itself can fail)', () => {
    const clash = parseFleet({
      ...agiFleet,
      tasks: [...agiFleet.tasks, { ...agiFleet.tasks[0], name: 'AGI_Clash', triggers: [{ type: 'daily', start: `${ANCHOR_DAY}T03:16:00` }] }],
    });
    const pairs = tightPairs(groupRunWindows(clash, ANCHOR_DAY, 7 * DAY, 8 * DAY), 0);
    expect(pairs.map(describePair)).toEqual(['AGI_Health_Check day 7 03:15–day 7 03:19 vs AGI_Clash day 7 03:16']);
  });

  it('puts every scheduled job on a fixed minute of the hour', () => {
    const minutesOfHour = (task: string) => [...new Set(week.filter((w) => w.task === task).map((w) => w.start % 60))].sort((a, b) => a - b);
    expect(minutesOfHour('AGI_Health_Check')).toEqual([0, 15, 30, 45]);
    expect(minutesOfHour('AGI_LLM_Monitor')).toEqual([5, 35]);
    expect(minutesOfHour('AGI_Performance_Monitor')).toEqual([10, 40]);
    expect(minutesOfHour('AGI_Event_Collector')).toEqual([20]);
    expect(minutesOfHour('AGI_Daily_Diagnosis')).toEqual([50]);
  });
});
