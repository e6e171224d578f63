/**
 * Grid ticks in the horizon's wall clock: hours for a view of a day or less,
 * days (with 6-hour minor lines when there is room) beyond that. Labels thin out
 * so they never crowd closer than ~48 px.
 */
import { DAY_MS, formatWall, HOUR_MS } from '../../conflicts/civil-time.js';
import { instantToWall, wallToInstant } from '../../conflicts/time-zone.js';
import { LAYOUT, type TimeScale } from './timeline-scale.js';

export interface Tick {
  x: number;
  /** Major ticks get a label and a darker line. */
  major: boolean;
  label?: string;
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MIN_LABEL_SPACING = 48;

function wallTicks(scale: TimeScale, timeZone: string, stepMs: number): { instant: number; wall: number }[] {
  const ticks: { instant: number; wall: number }[] = [];
  const fromWall = instantToWall(scale.from, timeZone);
  let last = -Infinity;
  for (let wall = Math.ceil(fromWall / stepMs) * stepMs; ; wall += stepMs) {
    const { instant, dst } = wallToInstant(wall, timeZone);
    if (instant >= scale.end) break;
    // A wall time skipped by DST has no tick of its own.
    if (dst === 'gap' || instant <= last || instant < scale.from) continue;
    ticks.push({ instant, wall });
    last = instant;
  }
  return ticks;
}

export function axisTicks(scale: TimeScale, timeZone: string, horizonMs: number): Tick[] {
  const hourly = horizonMs <= DAY_MS;
  const majorStep = hourly ? HOUR_MS : DAY_MS;
  const perMajorPx = (LAYOUT.chartWidth * majorStep) / horizonMs;
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING / perMajorPx));
  const labelOf = (wall: number) => {
    const text = formatWall(wall);
    return hourly ? text.slice(11, 16) : `${WEEKDAY[new Date(wall).getUTCDay()] ?? ''} ${text.slice(5, 10)}`;
  };
  const rightmostLabel = LAYOUT.chartX + LAYOUT.chartWidth - 30;
  const major = wallTicks(scale, timeZone, majorStep).map(({ instant, wall }, i): Tick => {
    const x = scale.x(instant);
    return { x, major: true, ...(i % labelEvery === 0 && x <= rightmostLabel ? { label: labelOf(wall) } : {}) };
  });
  // A window that starts between ticks still says where it starts.
  const firstLabelled = major.find((t) => t.label !== undefined);
  if (!firstLabelled || firstLabelled.x - LAYOUT.chartX >= MIN_LABEL_SPACING * 1.5) {
    major.unshift({ x: LAYOUT.chartX, major: false, label: labelOf(instantToWall(scale.from, timeZone)) });
  }
  const minorStep = hourly ? 15 * 60_000 : 6 * HOUR_MS;
  const minorPx = (LAYOUT.chartWidth * minorStep) / horizonMs;
  if (minorPx < 12) return major;
  const majorXs = new Set(major.map((t) => Math.round(t.x)));
  const minor = wallTicks(scale, timeZone, minorStep)
    .map(({ instant }): Tick => ({ x: scale.x(instant), major: false }))
    .filter((t) => !majorXs.has(Math.round(t.x)));
  return [...minor, ...major];
}
