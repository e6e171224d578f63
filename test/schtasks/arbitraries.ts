/** fast-check generators for valid TaskDefinitions and hostile text. */
import fc from 'fast-check';
import {
  MONTHS, MULTIPLE_INSTANCES_POLICIES, SESSION_STATE_CHANGES, WEEKDAYS, WEEKS_OF_MONTH,
  type Action, type CalendarSchedule, type Principal, type Settings, type TaskDefinition, type Trigger,
} from '../../src/schtasks/model.js';
import { ILLEGAL_XML_CHAR } from '../../src/schtasks/xml.js';

/** XML and PowerShell metacharacters, line breaks (CR included), non-ASCII and emoji. */
const HOSTILE_PIECES = [
  '&', '<', '>', '"', "'", '&amp;', '&lt;', '&#13;', '$(', ')', '$(Get-Date)', ';', '|', '`', '``n', ']]>', '<![CDATA[',
  '<!--', '-->', '@{', '}', '@{a=1}', '\n', '\r\n', '\r', '\t', ' ', '  ', 'é', 'Ж', '日本語', '😀', '🇩🇪', '\u00a0', '\u2028', '%SystemRoot%', '\\',
];

/** Text built from hostile pieces and arbitrary printable graphemes; only characters XML can carry. */
export const hostileText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) }, { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }), { maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((s) => !ILLEGAL_XML_CHAR.test(s));

export const nonEmptyHostileText = hostileText.filter((s) => s.length > 0);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Durations in assorted spellings of the same values (PT90M, PT1H30M, PT12M0S…). */
const duration = fc.oneof(
  fc.constantFrom('PT1M', 'PT5M', 'PT12M', 'PT12M0S', 'PT90M', 'PT1H30M', 'PT1H', 'P1D', 'PT24H', 'P3D', 'PT72H'),
  fc.integer({ min: 1, max: 600 }).map((m) => `PT${m}M`),
);

const dateTime = fc
  .record({
    y: fc.integer({ min: 2000, max: 2040 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }),
    fraction: fc.constantFrom('', '.000', '.0000000', '.5'),
    offset: fc.constantFrom('', 'Z', '+02:00', '-08:00', '+05:30'),
  })
  .map(({ y, mo, d, h, mi, fraction, offset }) => {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:00${fraction}${offset}`;
  });

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const id = optional(nonEmptyHostileText);

const base = fc.record({
  id, enabled: optional(fc.boolean()), startBoundary: dateTime, endBoundary: optional(dateTime),
  executionTimeLimit: optional(duration),
  repetition: optional(fc.record({ interval: duration, duration: optional(fc.constantFrom('P1D', 'PT0S', 'P2D', 'P31D')), stopAtDurationEnd: optional(fc.boolean()) })),
}, { requiredKeys: ['startBoundary'] });

const schedule: fc.Arbitrary<CalendarSchedule> = fc.oneof(
  fc.record({ kind: fc.constant('ByDay' as const), daysInterval: optional(fc.integer({ min: 1, max: 365 })) }),
  fc.record({ kind: fc.constant('ByWeek' as const), weeksInterval: optional(fc.integer({ min: 1, max: 52 })), daysOfWeek: subset(WEEKDAYS) }),
  fc.record({ kind: fc.constant('ByMonth' as const), daysOfMonth: subset<number | 'Last'>([1, 2, 15, 28, 31, 'Last']), months: optional(subset(MONTHS)) }),
  fc.record({ kind: fc.constant('ByMonthDayOfWeek' as const), weeks: subset(WEEKS_OF_MONTH), daysOfWeek: subset(WEEKDAYS), months: optional(subset(MONTHS)) }),
);

const trigger: fc.Arbitrary<Trigger> = fc.oneof(
  fc.tuple(base, optional(duration)).map(([b, randomDelay]): Trigger => ({ kind: 'TimeTrigger', ...b, randomDelay })),
  fc.tuple(base, optional(duration), schedule).map(([b, randomDelay, s]): Trigger => ({ kind: 'CalendarTrigger', ...b, randomDelay, schedule: s })),
  fc.tuple(base, optional(duration)).map(([b, delay]): Trigger => ({ kind: 'BootTrigger', ...b, delay })),
  fc.tuple(base, optional(nonEmptyHostileText), optional(duration)).map(([b, userId, delay]): Trigger => ({ kind: 'LogonTrigger', ...b, userId, delay })),
  base.map((b): Trigger => ({ kind: 'IdleTrigger', ...b })),
  fc.tuple(base, nonEmptyHostileText, optional(duration), optional(fc.integer({ min: 1, max: 32 })), optional(nonEmptyHostileText),
    optional(fc.array(fc.record({ name: nonEmptyHostileText, value: nonEmptyHostileText }), { minLength: 1, maxLength: 3 })))
    .map(([b, subscription, delay, numberOfOccurrences, matchingElement, valueQueries]): Trigger => ({
      kind: 'EventTrigger', ...b, subscription, delay, numberOfOccurrences, matchingElement, valueQueries,
    })),
  fc.tuple(base, optional(duration)).map(([b, delay]): Trigger => ({ kind: 'RegistrationTrigger', ...b, delay })),
  fc.tuple(base, fc.constantFrom(...SESSION_STATE_CHANGES), optional(nonEmptyHostileText))
    .map(([b, stateChange, userId]): Trigger => ({ kind: 'SessionStateChangeTrigger', ...b, stateChange, userId })),
  fc.constantFrom<Trigger>(
    { kind: 'Raw', element: 'WnfStateChangeTrigger', xml: '<WnfStateChangeTrigger><StateName>7510BCA32F018915</StateName><Data>01</Data></WnfStateChangeTrigger>' },
    { kind: 'Raw', element: 'WnfStateChangeTrigger', xml: '<WnfStateChangeTrigger id="x">\n  <Delay>PT1M</Delay>\n  <StateName>75C0</StateName>\n</WnfStateChangeTrigger>' },
  ),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('Exec' as const), id, command: nonEmptyHostileText, arguments: optional(hostileText), workingDirectory: optional(nonEmptyHostileText),
  }, { requiredKeys: ['kind', 'command'] }),
  fc.record({
    kind: fc.constant('ComHandler' as const), id, classId: fc.constantFrom('{58FB76B9-AC85-4E55-AC04-427593B1D060}', '58fb76b9-ac85-4e55-ac04-427593b1d060'),
    data: optional(hostileText),
  }, { requiredKeys: ['kind', 'classId'] }),
);

const principal: fc.Arbitrary<Principal> = fc.record({
  id,
  userId: optional(fc.oneof(nonEmptyHostileText, fc.constantFrom('SYSTEM', 'NT AUTHORITY\\SYSTEM', 'S-1-5-18', 'BUILTIN\\Users', '.\\Users', 'S-1-5-20'))),
  displayName: optional(hostileText),
  logonType: optional(fc.constantFrom('S4U', 'Password', 'InteractiveToken', 'InteractiveTokenOrPassword' as const)),
  runLevel: optional(fc.constantFrom('LeastPrivilege', 'HighestAvailable' as const)),
  processTokenSidType: optional(fc.constantFrom('None', 'Unrestricted' as const)),
  requiredPrivileges: optional(subset(['SeBackupPrivilege', 'SeRestorePrivilege', 'SeDebugPrivilege'])),
}, { requiredKeys: [] });

const settings: fc.Arbitrary<Settings> = fc.record({
  allowStartOnDemand: fc.boolean(), restartOnFailure: fc.record({ interval: duration, count: fc.integer({ min: 1, max: 255 }) }),
  multipleInstancesPolicy: fc.constantFrom(...MULTIPLE_INSTANCES_POLICIES), disallowStartIfOnBatteries: fc.boolean(),
  stopIfGoingOnBatteries: fc.boolean(), allowHardTerminate: fc.boolean(), startWhenAvailable: fc.boolean(),
  networkProfileName: hostileText, runOnlyIfNetworkAvailable: fc.boolean(), wakeToRun: fc.boolean(), enabled: fc.boolean(),
  hidden: fc.boolean(), deleteExpiredTaskAfter: duration,
  idleSettings: fc.record({ duration: duration, waitTimeout: duration, stopOnIdleEnd: fc.boolean(), restartOnIdle: fc.boolean() }, { requiredKeys: [] }),
  networkSettings: fc.record({ name: nonEmptyHostileText, id: fc.constant('{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}') }, { requiredKeys: [] }),
  executionTimeLimit: fc.oneof(duration, fc.constant('PT0S')), priority: fc.integer({ min: 0, max: 10 }), runOnlyIfIdle: fc.boolean(),
  useUnifiedSchedulingEngine: fc.boolean(), disallowStartOnRemoteAppSession: fc.boolean(),
  maintenanceSettings: fc.record({ period: fc.constantFrom('P1D', 'P7D'), deadline: fc.constantFrom('P2D', 'P14D'), exclusive: optional(fc.boolean()) }, { requiredKeys: ['period', 'deadline'] }),
  volatile: fc.boolean(),
}, { requiredKeys: [] });

export const taskDefinition: fc.Arbitrary<TaskDefinition> = fc.record({
  registrationInfo: fc.record({
    uri: hostileText, source: hostileText, author: hostileText, version: hostileText, description: hostileText, documentation: hostileText,
    date: dateTime, securityDescriptor: hostileText,
  }, { requiredKeys: [] }),
  triggers: fc.array(trigger, { maxLength: 4 }),
  principal: optional(principal),
  settings,
  actionsContext: optional(nonEmptyHostileText),
  actions: fc.array(action, { minLength: 1, maxLength: 3 }),
  data: optional(hostileText),
}, { requiredKeys: ['registrationInfo', 'triggers', 'settings', 'actions'] });
