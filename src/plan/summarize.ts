/**
 * One-line summaries of triggers and actions, used where a whole element is
 * added or removed (the diff) and for the key facts of a task being created.
 */
import type { Action, CalendarSchedule, Repetition, Trigger } from '../schtasks/model.js';

/** `time from 2025-01-01T00:12:00, every PT15M` and the like. */
export function summarizeTrigger(trigger: Trigger): string {
  if (trigger.kind === 'Raw') return `${trigger.element} (kept verbatim)`;
  const parts = [describeTriggerKind(trigger)];
  if (trigger.startBoundary !== undefined && trigger.kind !== 'CalendarTrigger' && trigger.kind !== 'TimeTrigger') {
    parts.push(`from ${trigger.startBoundary}`);
  }
  if (trigger.repetition) parts.push(describeRepetition(trigger.repetition));
  if (trigger.endBoundary !== undefined) parts.push(`until ${trigger.endBoundary}`);
  if ('delay' in trigger && trigger.delay !== undefined && trigger.delay !== 'PT0S') parts.push(`delay ${trigger.delay}`);
  if ('randomDelay' in trigger && trigger.randomDelay !== undefined && trigger.randomDelay !== 'PT0S') {
    parts.push(`random delay ${trigger.randomDelay}`);
  }
  if (trigger.enabled === false) parts.push('disabled');
  return parts.join(', ');
}

function describeTriggerKind(trigger: Exclude<Trigger, { kind: 'Raw' }>): string {
  switch (trigger.kind) {
    case 'TimeTrigger':
      return `${trigger.repetition ? 'at' : 'once at'} ${trigger.startBoundary ?? '?'}`;
    case 'CalendarTrigger':
      return `${describeSchedule(trigger.schedule)} from ${trigger.startBoundary ?? '?'}`;
    case 'BootTrigger':
      return 'at boot';
    case 'LogonTrigger':
      return `at logon of ${trigger.userId ?? 'any user'}`;
    case 'IdleTrigger':
      return 'on idle';
    case 'EventTrigger':
      return 'on an event';
    case 'RegistrationTrigger':
      return 'on registration';
    case 'SessionStateChangeTrigger':
      return `on ${trigger.stateChange}${trigger.userId !== undefined ? ` of ${trigger.userId}` : ''}`;
  }
}

function describeSchedule(schedule: CalendarSchedule): string {
  switch (schedule.kind) {
    case 'ByDay':
      return (schedule.daysInterval ?? 1) === 1 ? 'daily' : `every ${schedule.daysInterval} days`;
    case 'ByWeek': {
      const every = (schedule.weeksInterval ?? 1) === 1 ? 'weekly' : `every ${schedule.weeksInterval} weeks`;
      return `${every} on ${schedule.daysOfWeek.join(', ')}`;
    }
    case 'ByMonth':
      return `monthly on day ${schedule.daysOfMonth.join(', ')}${schedule.months ? ` of ${schedule.months.join(', ')}` : ''}`;
    case 'ByMonthDayOfWeek':
      return `monthly in week ${schedule.weeks.join(', ')} on ${schedule.daysOfWeek.join(', ')}${
        schedule.months ? ` of ${schedule.months.join(', ')}` : ''
      }`;
  }
}

function describeRepetition(repetition: Repetition): string {
  const window = repetition.duration === undefined ? '' : ` for ${repetition.duration}`;
  return `every ${repetition.interval}${window}`;
}

/** `python.exe C:\AGI\check_health.py`, `COM handler {…}`. */
export function summarizeAction(action: Action): string {
  switch (action.kind) {
    case 'Exec':
      return action.arguments ? `${action.command} ${action.arguments}` : action.command;
    case 'ComHandler':
      return `COM handler ${action.classId}`;
    case 'Raw':
      return `${action.element} (kept verbatim)`;
  }
}
