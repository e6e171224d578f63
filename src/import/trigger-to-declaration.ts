/**
 * Wire-model trigger → trigger declaration: the inverse of `triggerToDefinition`, writing
 * only what differs from the schema defaults.
 */
import { TRIGGER_DEFAULTS } from '../schtasks/defaults.js';
import type { CalendarSchedule, Trigger, TriggerBase } from '../schtasks/model.js';
import { dropUndefined } from '../schtasks/object-utils.js';
import type { TriggerDeclarationInput } from '../declaration/trigger-schema.js';
import { durationUnlessDefault, isZeroDuration, nonEmpty, readableDuration, unlessDefault } from './readable-values.js';

export interface TriggerImport {
  trigger: TriggerDeclarationInput;
  /** What could not be expressed as a typed trigger. */
  notes: string[];
}

type CommonFields = Omit<Extract<TriggerDeclarationInput, { type: 'boot' }>, 'type' | 'delay'>;

function common(t: TriggerBase): CommonFields {
  const repetition = t.repetition;
  return dropUndefined({
    id: t.id,
    enabled: unlessDefault(t.enabled, true),
    start: t.startBoundary?.trim(),
    end: t.endBoundary?.trim(),
    executionTimeLimit: durationUnlessDefault(t.executionTimeLimit, TRIGGER_DEFAULTS.executionTimeLimit),
    repeat:
      repetition &&
      dropUndefined({
        interval: readableDuration(repetition.interval),
        // PT0S means "indefinitely", which is what leaving duration out says.
        duration: repetition.duration === undefined || isZeroDuration(repetition.duration) ? undefined : readableDuration(repetition.duration),
        stopAtDurationEnd: unlessDefault(repetition.stopAtDurationEnd, false),
      }),
  });
}

const delayOf = (delay: string | undefined) => durationUnlessDefault(delay, TRIGGER_DEFAULTS.delay);
const randomDelayOf = (delay: string | undefined) => durationUnlessDefault(delay, TRIGGER_DEFAULTS.randomDelay);

export function triggerToDeclaration(t: Trigger, where: string): TriggerImport {
  switch (t.kind) {
    case 'Raw':
      return {
        trigger: { type: 'raw', xml: t.xml },
        notes: [`${where}: <${t.element}> has no typed form in taskctl; it is carried verbatim as a raw trigger`],
      };
    case 'TimeTrigger':
      return startChecked(t, where, dropUndefined({ type: 'time' as const, ...common(t), start: t.startBoundary ?? '', randomDelay: randomDelayOf(t.randomDelay) }));
    case 'CalendarTrigger':
      return startChecked(t, where, calendarToDeclaration(t.schedule, { ...common(t), start: t.startBoundary ?? '', randomDelay: randomDelayOf(t.randomDelay) }));
    case 'BootTrigger':
      return plain(dropUndefined({ type: 'boot' as const, ...common(t), delay: delayOf(t.delay) }));
    case 'RegistrationTrigger':
      return plain(dropUndefined({ type: 'registration' as const, ...common(t), delay: delayOf(t.delay) }));
    case 'IdleTrigger':
      return plain({ type: 'idle', ...common(t) });
    case 'LogonTrigger':
      return plain(dropUndefined({ type: 'logon' as const, ...common(t), userId: nonEmpty(t.userId), delay: delayOf(t.delay) }));
    case 'SessionStateChangeTrigger':
      return plain(
        dropUndefined({ type: 'sessionStateChange' as const, ...common(t), stateChange: t.stateChange, userId: nonEmpty(t.userId), delay: delayOf(t.delay) }),
      );
    case 'EventTrigger':
      return plain(
        dropUndefined({
          type: 'event' as const,
          ...common(t),
          subscription: t.subscription,
          delay: delayOf(t.delay),
          periodOfOccurrence: durationUnlessDefault(t.periodOfOccurrence, TRIGGER_DEFAULTS.periodOfOccurrence),
          numberOfOccurrences: unlessDefault(t.numberOfOccurrences, TRIGGER_DEFAULTS.numberOfOccurrences),
          matchingElement: nonEmpty(t.matchingElement),
          valueQueries: valueQueriesOf(t.valueQueries),
        }),
      );
  }
}

function plain(trigger: TriggerDeclarationInput): TriggerImport {
  return { trigger, notes: [] };
}

/** Time and calendar triggers need a start; a live one without it can't be declared faithfully. */
function startChecked(t: TriggerBase, where: string, trigger: TriggerDeclarationInput): TriggerImport {
  if (t.startBoundary !== undefined && t.startBoundary.trim() !== '') return plain(trigger);
  return {
    trigger,
    notes: [`${where}: the live trigger has no StartBoundary, which taskctl requires (it never guesses one); write a start before applying`],
  };
}

type CalendarCommon = CommonFields & { start: string; randomDelay?: string };

function calendarToDeclaration(schedule: CalendarSchedule, fields: CalendarCommon): TriggerDeclarationInput {
  switch (schedule.kind) {
    case 'ByDay':
      return dropUndefined({ type: 'daily' as const, ...fields, daysInterval: unlessDefault(schedule.daysInterval, TRIGGER_DEFAULTS.daysInterval) });
    case 'ByWeek':
      return dropUndefined({
        type: 'weekly' as const,
        ...fields,
        daysOfWeek: schedule.daysOfWeek,
        weeksInterval: unlessDefault(schedule.weeksInterval, TRIGGER_DEFAULTS.weeksInterval),
      });
    case 'ByMonth':
      return dropUndefined({ type: 'monthly' as const, ...fields, daysOfMonth: schedule.daysOfMonth, months: schedule.months });
    case 'ByMonthDayOfWeek':
      return dropUndefined({
        type: 'monthlyDayOfWeek' as const,
        ...fields,
        weeks: schedule.weeks,
        daysOfWeek: schedule.daysOfWeek,
        months: schedule.months,
      });
  }
}

/** `{ name: xpath }` reads best; a list keeps duplicates (and the empty list) when there are any. */
function valueQueriesOf(queries: Array<{ name: string; value: string }> | undefined) {
  if (queries === undefined || queries.length === 0) return undefined;
  const names = new Set(queries.map((q) => q.name));
  if (names.size !== queries.length || queries.some((q) => q.name === '')) return queries.map((q) => ({ name: q.name, value: q.value }));
  return Object.fromEntries(queries.map((q) => [q.name, q.value]));
}
