/**
 * `<Triggers>` children → typed `Trigger`s. Elements the model has no type for
 * (e.g. `WnfStateChangeTrigger`), and known triggers missing a required part,
 * become `RawTrigger`s carrying the element verbatim.
 */
import { ElementReader } from './element-reader.js';
import {
  MONTHS, SESSION_STATE_CHANGES, WEEKDAYS, WEEKS_OF_MONTH,
  type CalendarSchedule, type DayOfMonth, type EventValueQuery, type Month, type Repetition,
  type Trigger, type TriggerBase, type Weekday, type WeekOfMonth,
} from './model.js';
import { dropUndefined } from './object-utils.js';
import { rawXmlOf } from './raw-element.js';
import { textOf, type XmlElement } from './xml-tree.js';

const TYPED_TRIGGERS = new Set([
  'TimeTrigger', 'CalendarTrigger', 'BootTrigger', 'LogonTrigger', 'IdleTrigger',
  'EventTrigger', 'RegistrationTrigger', 'SessionStateChangeTrigger',
]);
const SCHEDULES = ['ScheduleByDay', 'ScheduleByWeek', 'ScheduleByMonth', 'ScheduleByMonthDayOfWeek'];

export function readTrigger(element: XmlElement, path: string, warnings: string[]): Trigger {
  const raw = (): Trigger => ({ kind: 'Raw', element: element.name, xml: rawXmlOf(element) });
  if (!TYPED_TRIGGERS.has(element.name)) return raw();
  const has = (name: string) => element.children.some((c) => typeof c !== 'string' && c.name === name);
  const missing = (what: string): Trigger => {
    warnings.push(`${path}: ${what}; the trigger is kept verbatim as a raw trigger`);
    return raw();
  };
  if (element.name === 'CalendarTrigger' && !SCHEDULES.some(has)) return missing('no ScheduleByDay/Week/Month/MonthDayOfWeek');
  if (element.name === 'EventTrigger' && !has('Subscription')) return missing('no Subscription');
  if (element.name === 'SessionStateChangeTrigger' && !has('StateChange')) return missing('no StateChange');

  const r = new ElementReader(element, path, warnings);
  const base = readBase(r);
  let trigger: Trigger;
  switch (element.name) {
    case 'TimeTrigger':
      trigger = { kind: 'TimeTrigger', ...base, randomDelay: r.token('RandomDelay') };
      break;
    case 'CalendarTrigger':
      trigger = { kind: 'CalendarTrigger', ...base, randomDelay: r.token('RandomDelay'), schedule: readSchedule(r) };
      break;
    case 'BootTrigger':
      trigger = { kind: 'BootTrigger', ...base, delay: r.token('Delay') };
      break;
    case 'RegistrationTrigger':
      trigger = { kind: 'RegistrationTrigger', ...base, delay: r.token('Delay') };
      break;
    case 'LogonTrigger':
      trigger = { kind: 'LogonTrigger', ...base, userId: r.text('UserId'), delay: r.token('Delay') };
      break;
    case 'IdleTrigger':
      trigger = { kind: 'IdleTrigger', ...base };
      break;
    case 'SessionStateChangeTrigger':
      trigger = {
        kind: 'SessionStateChangeTrigger', ...base,
        userId: r.text('UserId'), delay: r.token('Delay'),
        stateChange: r.oneOf('StateChange', SESSION_STATE_CHANGES)!,
      };
      break;
    default:
      trigger = readEventTrigger(r, base);
  }
  r.finish();
  return dropUndefined(trigger);
}

function readBase(r: ElementReader): TriggerBase {
  return {
    id: r.attr('id'),
    enabled: r.bool('Enabled'),
    startBoundary: r.token('StartBoundary'),
    endBoundary: r.token('EndBoundary'),
    executionTimeLimit: r.token('ExecutionTimeLimit'),
    repetition: readRepetition(r),
  };
}

function readRepetition(parent: ElementReader): Repetition | undefined {
  const r = parent.reader('Repetition');
  if (!r) return undefined;
  const interval = r.token('Interval');
  const repetition = dropUndefined({ interval: interval ?? '', duration: r.token('Duration'), stopAtDurationEnd: r.bool('StopAtDurationEnd') });
  r.finish();
  if (interval === undefined) {
    r.warn('Repetition without Interval does not repeat; ignored');
    return undefined;
  }
  return repetition;
}

function readEventTrigger(r: ElementReader, base: TriggerBase): Trigger {
  const queries = r.reader('ValueQueries');
  let valueQueries: EventValueQuery[] | undefined;
  if (queries) {
    valueQueries = queries.all('Value').map((v) => ({ name: v.attrs['name'] ?? '', value: textOf(v) }));
    queries.finish();
  }
  return {
    kind: 'EventTrigger', ...base,
    subscription: r.text('Subscription') ?? '',
    delay: r.token('Delay'),
    periodOfOccurrence: r.token('PeriodOfOccurrence'),
    numberOfOccurrences: r.int('NumberOfOccurrences'),
    matchingElement: r.text('MatchingElement'),
    valueQueries,
  };
}

function readSchedule(r: ElementReader): CalendarSchedule {
  const present = SCHEDULES.filter((name) => r.element.children.some((c) => typeof c !== 'string' && c.name === name));
  if (present.length > 1) r.warn(`has ${present.join(' and ')}; only ${present[0]} is used`);
  const name = present[0]!;
  const s = r.reader(name)!;
  let schedule: CalendarSchedule;
  if (name === 'ScheduleByDay') {
    schedule = { kind: 'ByDay', daysInterval: s.int('DaysInterval') };
  } else if (name === 'ScheduleByWeek') {
    schedule = { kind: 'ByWeek', weeksInterval: s.int('WeeksInterval'), daysOfWeek: readNamedList(s, 'DaysOfWeek', WEEKDAYS) ?? [] };
  } else if (name === 'ScheduleByMonth') {
    schedule = { kind: 'ByMonth', daysOfMonth: readDaysOfMonth(s), months: readNamedList(s, 'Months', MONTHS) };
  } else {
    schedule = {
      kind: 'ByMonthDayOfWeek',
      weeks: readWeeks(s),
      daysOfWeek: readNamedList(s, 'DaysOfWeek', WEEKDAYS) ?? [],
      months: readNamedList(s, 'Months', MONTHS),
    };
  }
  s.finish();
  for (const other of SCHEDULES) if (other !== name) r.all(other);
  return dropUndefined(schedule);
}

/** `<DaysOfWeek><Monday /></DaysOfWeek>` style lists: the child element names are the values. */
function readNamedList<T extends Weekday | Month>(parent: ElementReader, name: string, allowed: readonly T[]): T[] | undefined {
  const list = parent.reader(name);
  if (!list) return undefined;
  const values: T[] = [];
  for (const value of allowed) if (list.all(value).length > 0) values.push(value);
  list.finish();
  // Keep document order, which a reader may care about; normalize sorts.
  const order = list.element.children.flatMap((c) => (typeof c !== 'string' && values.includes(c.name as T) ? [c.name as T] : []));
  return [...new Set(order)];
}

function readDaysOfMonth(parent: ElementReader): DayOfMonth[] {
  const list = parent.reader('DaysOfMonth');
  if (!list) return [];
  const days = list.all('Day').flatMap((d, i): DayOfMonth[] => {
    const t = textOf(d).trim();
    if (t === 'Last') return ['Last'];
    if (/^\d{1,2}$/.test(t)) return [Number(t)];
    list.warn(`"${t}" is not a day of the month (1-31 or Last); ignored`, `Day[${i}]`);
    return [];
  });
  list.finish();
  return days;
}

function readWeeks(parent: ElementReader): WeekOfMonth[] {
  const list = parent.reader('Weeks');
  if (!list) return [];
  const weeks = list.all('Week').flatMap((w, i): WeekOfMonth[] => {
    const t = textOf(w).trim();
    if ((WEEKS_OF_MONTH as readonly string[]).includes(t)) return [t as WeekOfMonth];
    list.warn(`"${t}" is not a week of the month (1-4 or Last); ignored`, `Week[${i}]`);
    return [];
  });
  list.finish();
  return weeks;
}
