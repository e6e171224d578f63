/** Range checks for one trigger (see `validateDefinition`). */
import { dateTimeToEpochMs, hasOffset, isXsDateTime } from './datetime.js';
import { durationToMs } from './duration.js';
import { SESSION_STATE_CHANGES, type CalendarSchedule, type Trigger } from './model.js';
import type { IssueCollector } from './validate-definition.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export function validateTrigger(c: IssueCollector, t: Trigger, path: string): void {
  if (t.kind === 'Raw') return;
  c.dateTime(`${path}.startBoundary`, t.startBoundary);
  c.dateTime(`${path}.endBoundary`, t.endBoundary);
  checkBoundaryOrder(c, t.startBoundary, t.endBoundary, path);
  c.duration(`${path}.executionTimeLimit`, t.executionTimeLimit);
  if (t.repetition) {
    const { interval, duration } = t.repetition;
    c.duration(`${path}.repetition.interval`, interval, MINUTE, 31 * DAY);
    // PT0S means "indefinitely", like an absent Duration (pitfall 11).
    c.duration(`${path}.repetition.duration`, duration, MINUTE, undefined, true);
    const i = durationToMs(interval);
    const d = duration === undefined ? undefined : durationToMs(duration);
    if (i !== undefined && d !== undefined && d > 0 && i > d) {
      c.add(`${path}.repetition`, `the interval ${interval} is longer than the duration ${duration}, so it never repeats (Task Scheduler rejects it)`);
    }
  }
  if ((t.kind === 'TimeTrigger' || t.kind === 'CalendarTrigger') && t.startBoundary === undefined) {
    c.add(`${path}.startBoundary`, `a ${t.kind} needs a start boundary`);
  }
  switch (t.kind) {
    case 'TimeTrigger':
      c.duration(`${path}.randomDelay`, t.randomDelay);
      break;
    case 'CalendarTrigger':
      c.duration(`${path}.randomDelay`, t.randomDelay);
      validateSchedule(c, t.schedule, `${path}.schedule`);
      break;
    case 'EventTrigger':
      if (t.subscription.trim() === '') c.add(`${path}.subscription`, 'the event subscription (QueryList) is empty');
      c.duration(`${path}.delay`, t.delay);
      c.duration(`${path}.periodOfOccurrence`, t.periodOfOccurrence);
      c.integer(`${path}.numberOfOccurrences`, t.numberOfOccurrences, 1, 32);
      if (t.valueQueries && t.valueQueries.length > 32) c.add(`${path}.valueQueries`, 'at most 32 value queries');
      t.valueQueries?.forEach((q, i) => {
        if (q.name.trim() === '') c.add(`${path}.valueQueries[${i}].name`, 'the name is empty');
      });
      break;
    case 'SessionStateChangeTrigger':
      c.oneOf(`${path}.stateChange`, t.stateChange, SESSION_STATE_CHANGES);
      c.duration(`${path}.delay`, t.delay);
      break;
    case 'BootTrigger':
    case 'RegistrationTrigger':
    case 'LogonTrigger':
      c.duration(`${path}.delay`, t.delay);
      break;
    case 'IdleTrigger':
      break;
  }
}

/**
 * End before start is an error; equal is accepted (a genuine Windows task,
 * win10-pushtoinstall, has them equal). Only comparable when both are local or both carry an offset (local time has no fixed instant here). */
function checkBoundaryOrder(c: IssueCollector, start: string | undefined, end: string | undefined, path: string): void {
  if (start === undefined || end === undefined || !isXsDateTime(start) || !isXsDateTime(end)) return;
  if (hasOffset(start) !== hasOffset(end)) return;
  if (dateTimeToEpochMs(end)! < dateTimeToEpochMs(start)!) {
    c.add(`${path}.endBoundary`, `${end} is before the start boundary ${start}`);
  }
}

function validateSchedule(c: IssueCollector, s: CalendarSchedule, path: string): void {
  switch (s.kind) {
    case 'ByDay':
      c.integer(`${path}.daysInterval`, s.daysInterval, 1, 365);
      break;
    case 'ByWeek':
      c.integer(`${path}.weeksInterval`, s.weeksInterval, 1, 52);
      if (s.daysOfWeek.length === 0) c.add(`${path}.daysOfWeek`, 'a weekly schedule needs at least one day of the week');
      break;
    case 'ByMonth':
      if (s.daysOfMonth.length === 0) c.add(`${path}.daysOfMonth`, 'a monthly schedule needs at least one day of the month');
      if (s.daysOfMonth.length > 32) c.add(`${path}.daysOfMonth`, 'at most 32 days');
      s.daysOfMonth.forEach((d, i) => d !== 'Last' && c.integer(`${path}.daysOfMonth[${i}]`, d, 1, 31));
      if (s.months?.length === 0) c.add(`${path}.months`, 'an empty month list never runs; leave it out for every month');
      break;
    case 'ByMonthDayOfWeek':
      if (s.daysOfWeek.length === 0) c.add(`${path}.daysOfWeek`, 'needs at least one day of the week');
      if (s.weeks.length > 5) c.add(`${path}.weeks`, 'at most 5 weeks');
      if (s.months?.length === 0) c.add(`${path}.months`, 'an empty month list never runs; leave it out for every month');
      break;
  }
}
