/** One trigger in canonical form (see `normalizeTask` for the rules). */
import { canonicalDateTime } from './datetime.js';
import { canonicalDuration, parseDuration } from './duration.js';
import { TRIGGER_DEFAULTS } from './defaults.js';
import {
  WEEKDAYS, WEEKS_OF_MONTH,
  type CalendarSchedule, type DayOfMonth, type Repetition, type Trigger, type TriggerBase,
} from './model.js';
import { normalizeMonths } from './normalize-values.js';
import { dropUndefined } from './object-utils.js';
import { canonicalRawXml } from './raw-element.js';
import { canonicalAccount } from './well-known-accounts.js';

const duration = (text: string | undefined, fallback: string) => canonicalDuration((text ?? fallback).trim());
const dateTime = (text: string | undefined) => (text === undefined ? undefined : canonicalDateTime(text.trim()));
const account = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : canonicalAccount(text));

function isZeroDuration(text: string): boolean {
  const v = parseDuration(text);
  return v !== undefined && v.years === 0 && v.months === 0 && v.seconds === 0;
}

export function normalizeRepetition(r: Repetition | undefined): Repetition | undefined {
  if (!r) return undefined;
  const d = r.duration?.trim();
  return dropUndefined({
    interval: canonicalDuration(r.interval.trim()),
    // PT0S and absent both mean "repeat indefinitely" (pitfall 11).
    duration: d === undefined || d === '' || isZeroDuration(d) ? undefined : canonicalDuration(d),
    stopAtDurationEnd: r.stopAtDurationEnd ?? TRIGGER_DEFAULTS.stopAtDurationEnd,
  });
}

function base(t: TriggerBase): TriggerBase {
  return {
    id: t.id,
    enabled: t.enabled ?? TRIGGER_DEFAULTS.enabled,
    startBoundary: dateTime(t.startBoundary),
    endBoundary: dateTime(t.endBoundary),
    executionTimeLimit: duration(t.executionTimeLimit, TRIGGER_DEFAULTS.executionTimeLimit),
    repetition: normalizeRepetition(t.repetition),
  };
}

export function normalizeTrigger(t: Trigger): Trigger {
  switch (t.kind) {
    case 'Raw':
      return { kind: 'Raw', element: t.element, xml: canonicalRawXml(t.xml) };
    case 'TimeTrigger':
      return dropUndefined({ kind: t.kind, ...base(t), randomDelay: duration(t.randomDelay, TRIGGER_DEFAULTS.randomDelay) });
    case 'CalendarTrigger':
      return dropUndefined({
        kind: t.kind, ...base(t),
        randomDelay: duration(t.randomDelay, TRIGGER_DEFAULTS.randomDelay),
        schedule: normalizeSchedule(t.schedule),
      });
    case 'BootTrigger':
    case 'RegistrationTrigger':
      return dropUndefined({ kind: t.kind, ...base(t), delay: duration(t.delay, TRIGGER_DEFAULTS.delay) });
    case 'IdleTrigger':
      return dropUndefined({ kind: t.kind, ...base(t) });
    case 'LogonTrigger':
      return dropUndefined({ kind: t.kind, ...base(t), userId: account(t.userId), delay: duration(t.delay, TRIGGER_DEFAULTS.delay) });
    case 'SessionStateChangeTrigger':
      return dropUndefined({
        kind: t.kind, ...base(t),
        userId: account(t.userId), delay: duration(t.delay, TRIGGER_DEFAULTS.delay), stateChange: t.stateChange,
      });
    case 'EventTrigger':
      return dropUndefined({
        kind: t.kind, ...base(t),
        // Whitespace around the QueryList (CDATA layout) is not part of the query.
        subscription: t.subscription.trim(),
        delay: duration(t.delay, TRIGGER_DEFAULTS.delay),
        periodOfOccurrence: duration(t.periodOfOccurrence, TRIGGER_DEFAULTS.periodOfOccurrence),
        numberOfOccurrences: t.numberOfOccurrences ?? TRIGGER_DEFAULTS.numberOfOccurrences,
        matchingElement: t.matchingElement === '' ? undefined : t.matchingElement,
        valueQueries: t.valueQueries && t.valueQueries.length > 0 ? t.valueQueries.map((q) => ({ name: q.name, value: q.value })) : undefined,
      });
  }
}

function sortDaysOfMonth(days: DayOfMonth[]): DayOfMonth[] {
  const numbers = [...new Set(days.filter((d): d is number => d !== 'Last'))].sort((a, b) => a - b);
  return days.includes('Last') ? [...numbers, 'Last'] : numbers;
}

function normalizeSchedule(s: CalendarSchedule): CalendarSchedule {
  const weekdays = (list: string[]) => WEEKDAYS.filter((d) => list.includes(d));
  switch (s.kind) {
    case 'ByDay':
      return { kind: 'ByDay', daysInterval: s.daysInterval ?? TRIGGER_DEFAULTS.daysInterval };
    case 'ByWeek':
      return { kind: 'ByWeek', weeksInterval: s.weeksInterval ?? TRIGGER_DEFAULTS.weeksInterval, daysOfWeek: weekdays(s.daysOfWeek) };
    case 'ByMonth':
      return dropUndefined({ kind: 'ByMonth', daysOfMonth: sortDaysOfMonth(s.daysOfMonth), months: normalizeMonths(s.months) });
    case 'ByMonthDayOfWeek':
      return dropUndefined({
        kind: 'ByMonthDayOfWeek',
        weeks: WEEKS_OF_MONTH.filter((w) => s.weeks.includes(w)),
        daysOfWeek: weekdays(s.daysOfWeek),
        months: normalizeMonths(s.months),
      });
  }
}
