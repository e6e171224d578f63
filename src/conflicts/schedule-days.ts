/**
 * Which calendar days a CalendarTrigger schedule fires on. Days are civil days
 * (days since 1970-01-01 in the trigger's own clock), so every rule is integer arithmetic.
 */
import type { CalendarSchedule, Month, WeekOfMonth } from '../schtasks/model.js';
import { MONTHS, WEEKDAYS } from '../schtasks/model.js';
import { civilDate, daysInMonth } from '../schtasks/datetime.js';

/** A predicate over civil days, built once per trigger. */
export type DayMatcher = (day: number) => boolean;

const monthMask = (months: Month[] | undefined): Set<number> | undefined =>
  months && months.length > 0 ? new Set(months.map((m) => MONTHS.indexOf(m) + 1)) : undefined;

/**
 * Builds the day predicate for a schedule.
 * `startDay` is the civil day of the trigger's StartBoundary: ByDay counts
 * `daysInterval` from it and ByWeek counts `weeksInterval` from the week that
 * contains it. Weeks start on Sunday (the schema's weekday order; Task Scheduler
 * documents no other rule). Days before `startDay` never match.
 */
export function dayMatcher(schedule: CalendarSchedule, startDay: number): DayMatcher {
  switch (schedule.kind) {
    case 'ByDay': {
      const interval = Math.max(1, schedule.daysInterval ?? 1);
      return (day) => day >= startDay && (day - startDay) % interval === 0;
    }
    case 'ByWeek': {
      const interval = Math.max(1, schedule.weeksInterval ?? 1);
      const weekdays = new Set(schedule.daysOfWeek.map((d) => WEEKDAYS.indexOf(d)));
      const firstSunday = startDay - civilDate(startDay).weekday;
      return (day) =>
        day >= startDay &&
        weekdays.has(civilDate(day).weekday) &&
        Math.floor((day - firstSunday) / 7) % interval === 0;
    }
    case 'ByMonth': {
      const months = monthMask(schedule.months);
      const numbered = new Set(schedule.daysOfMonth.filter((d): d is number => d !== 'Last'));
      const last = schedule.daysOfMonth.includes('Last');
      return (day) => {
        if (day < startDay) return false;
        const date = civilDate(day);
        if (months && !months.has(date.month)) return false;
        // A numbered day that the month lacks (Feb 30) simply does not happen.
        return numbered.has(date.day) || (last && date.day === daysInMonth(date.year, date.month));
      };
    }
    case 'ByMonthDayOfWeek': {
      const months = monthMask(schedule.months);
      const weekdays = new Set(schedule.daysOfWeek.map((d) => WEEKDAYS.indexOf(d)));
      const weeks = new Set<WeekOfMonth>(schedule.weeks);
      return (day) => {
        if (day < startDay) return false;
        const date = civilDate(day);
        if ((months && !months.has(date.month)) || !weekdays.has(date.weekday)) return false;
        const week = Math.ceil(date.day / 7);
        if (week <= 4 && weeks.has(String(week) as WeekOfMonth)) return true;
        return weeks.has('Last') && date.day + 7 > daysInMonth(date.year, date.month);
      };
    }
  }
}
