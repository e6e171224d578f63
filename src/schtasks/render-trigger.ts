/**
 * `Trigger` → `<…Trigger>` element, children in the dahall XSD sequence
 * (`Repetition, StartBoundary, EndBoundary, ExecutionTimeLimit, Enabled`, then
 * the type's own elements), which is also the order Windows exports.
 */
import { MONTHS, WEEKDAYS, WEEKS_OF_MONTH, type CalendarSchedule, type DayOfMonth, type Trigger, type TriggerBase } from './model.js';
import { parseRawXml } from './raw-element.js';
import { leaf, marker, node } from './xml-build.js';
import type { XmlElement } from './xml-tree.js';

export function triggerElement(trigger: Trigger, index: number): XmlElement {
  if (trigger.kind === 'Raw') return parseRawXml(trigger.xml, `triggers[${index}] (${trigger.element})`);
  const base = baseParts(trigger);
  const attrs = { id: trigger.id };
  switch (trigger.kind) {
    case 'TimeTrigger':
      return node('TimeTrigger', [...base, leaf('RandomDelay', trigger.randomDelay)], attrs);
    case 'CalendarTrigger':
      return node('CalendarTrigger', [...base, leaf('RandomDelay', trigger.randomDelay), scheduleElement(trigger.schedule)], attrs);
    case 'BootTrigger':
      return node('BootTrigger', [...base, leaf('Delay', trigger.delay)], attrs);
    case 'RegistrationTrigger':
      return node('RegistrationTrigger', [...base, leaf('Delay', trigger.delay)], attrs);
    case 'IdleTrigger':
      return node('IdleTrigger', base, attrs);
    case 'LogonTrigger':
      return node('LogonTrigger', [...base, leaf('UserId', trigger.userId), leaf('Delay', trigger.delay)], attrs);
    case 'SessionStateChangeTrigger':
      return node('SessionStateChangeTrigger', [
        ...base, leaf('StateChange', trigger.stateChange), leaf('UserId', trigger.userId), leaf('Delay', trigger.delay),
      ], attrs);
    case 'EventTrigger':
      return node('EventTrigger', [
        ...base,
        leaf('Subscription', trigger.subscription),
        leaf('Delay', trigger.delay),
        leaf('PeriodOfOccurrence', trigger.periodOfOccurrence),
        leaf('NumberOfOccurrences', trigger.numberOfOccurrences),
        leaf('MatchingElement', trigger.matchingElement),
        trigger.valueQueries && trigger.valueQueries.length > 0 &&
          node('ValueQueries', trigger.valueQueries.map((q) => ({ name: 'Value', attrs: { name: q.name }, children: q.value === '' ? [] : [q.value] }))),
      ], attrs);
  }
}

function baseParts(t: TriggerBase): (XmlElement | undefined)[] {
  const r = t.repetition;
  return [
    r && node('Repetition', [leaf('Interval', r.interval), leaf('Duration', r.duration), leaf('StopAtDurationEnd', r.stopAtDurationEnd)]),
    leaf('StartBoundary', t.startBoundary),
    leaf('EndBoundary', t.endBoundary),
    leaf('ExecutionTimeLimit', t.executionTimeLimit),
    leaf('Enabled', t.enabled),
  ];
}

/** Values in their canonical order, once each (the XSD's `xs:all` forbids repeats). */
function inOrder<T>(values: readonly T[], order: readonly T[]): T[] {
  return order.filter((v) => values.includes(v));
}

function daysOfMonthInOrder(days: DayOfMonth[]): DayOfMonth[] {
  const numbers = [...new Set(days.filter((d): d is number => d !== 'Last'))].sort((a, b) => a - b);
  return days.includes('Last') ? [...numbers, 'Last'] : numbers;
}

function scheduleElement(s: CalendarSchedule): XmlElement {
  const days = (list: readonly string[]) => node('DaysOfWeek', inOrder(list, WEEKDAYS).map(marker));
  const months = (list: readonly string[] | undefined) => list && node('Months', inOrder(list, MONTHS).map(marker));
  switch (s.kind) {
    case 'ByDay':
      return node('ScheduleByDay', [leaf('DaysInterval', s.daysInterval)]);
    case 'ByWeek':
      return node('ScheduleByWeek', [leaf('WeeksInterval', s.weeksInterval), s.daysOfWeek.length > 0 && days(s.daysOfWeek)]);
    case 'ByMonth':
      return node('ScheduleByMonth', [
        s.daysOfMonth.length > 0 && node('DaysOfMonth', daysOfMonthInOrder(s.daysOfMonth).map((d) => leaf('Day', d))),
        months(s.months),
      ]);
    case 'ByMonthDayOfWeek':
      return node('ScheduleByMonthDayOfWeek', [
        s.weeks.length > 0 && node('Weeks', inOrder(s.weeks, WEEKS_OF_MONTH).map((w) => leaf('Week', w))),
        days(s.daysOfWeek),
        months(s.months),
      ]);
  }
}
