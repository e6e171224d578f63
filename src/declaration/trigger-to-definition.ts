/** A validated trigger declaration → the wire model's trigger. Only fields the user wrote. */
import type { CalendarSchedule, Repetition, Trigger, TriggerBase } from '../schtasks/model.js';
import { checkRawElement } from './raw-element.js';
import type { TriggerDeclaration } from './trigger-schema.js';
import { dropUndefined as compact } from '../schtasks/object-utils.js';

type NonRawTrigger = Exclude<TriggerDeclaration, { type: 'raw' }>;

function baseOf(trigger: NonRawTrigger): TriggerBase {
  return compact({
    id: trigger.id,
    enabled: trigger.enabled,
    startBoundary: trigger.start,
    endBoundary: trigger.end,
    executionTimeLimit: trigger.executionTimeLimit,
    repetition:
      trigger.repeat &&
      compact<Repetition>({
        interval: trigger.repeat.interval,
        duration: trigger.repeat.duration,
        stopAtDurationEnd: trigger.repeat.stopAtDurationEnd,
      }),
  });
}

function calendar(trigger: NonRawTrigger & { randomDelay?: string }, schedule: CalendarSchedule): Trigger {
  return compact({ kind: 'CalendarTrigger' as const, ...baseOf(trigger), randomDelay: trigger.randomDelay, schedule });
}

export function triggerToDefinition(trigger: TriggerDeclaration): Trigger {
  switch (trigger.type) {
    case 'time':
      return compact({ kind: 'TimeTrigger' as const, ...baseOf(trigger), randomDelay: trigger.randomDelay });
    case 'daily':
      return calendar(trigger, compact({ kind: 'ByDay' as const, daysInterval: trigger.daysInterval }));
    case 'weekly':
      return calendar(trigger, compact({ kind: 'ByWeek' as const, weeksInterval: trigger.weeksInterval, daysOfWeek: trigger.daysOfWeek }));
    case 'monthly':
      return calendar(trigger, compact({ kind: 'ByMonth' as const, daysOfMonth: trigger.daysOfMonth, months: trigger.months }));
    case 'monthlyDayOfWeek':
      return calendar(
        trigger,
        compact({ kind: 'ByMonthDayOfWeek' as const, weeks: trigger.weeks, daysOfWeek: trigger.daysOfWeek, months: trigger.months }),
      );
    case 'boot':
      return compact({ kind: 'BootTrigger' as const, ...baseOf(trigger), delay: trigger.delay });
    case 'logon':
      return compact({ kind: 'LogonTrigger' as const, ...baseOf(trigger), userId: trigger.userId, delay: trigger.delay });
    case 'idle':
      return { kind: 'IdleTrigger', ...baseOf(trigger) };
    case 'event':
      return compact({
        kind: 'EventTrigger' as const,
        ...baseOf(trigger),
        subscription: trigger.subscription,
        delay: trigger.delay,
        periodOfOccurrence: trigger.periodOfOccurrence,
        numberOfOccurrences: trigger.numberOfOccurrences,
        matchingElement: trigger.matchingElement,
        valueQueries: trigger.valueQueries,
      });
    case 'registration':
      return compact({ kind: 'RegistrationTrigger' as const, ...baseOf(trigger), delay: trigger.delay });
    case 'sessionStateChange':
      return compact({
        kind: 'SessionStateChangeTrigger' as const,
        ...baseOf(trigger),
        userId: trigger.userId,
        delay: trigger.delay,
        stateChange: trigger.stateChange,
      });
    case 'raw':
      return { kind: 'Raw', element: rawElementName(trigger.xml), xml: trigger.xml };
  }
}

/** The local name of a raw element that validation has already accepted. */
export function rawElementName(xml: string): string {
  const result = checkRawElement(xml);
  return result.ok ? result.element : 'Unknown';
}
