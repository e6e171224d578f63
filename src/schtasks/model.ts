/**
 * The Task Scheduler schema, written once: every element taskctl understands, as a table
 * of descriptors — its XML name, the kind of value it holds (`values.ts`), its default,
 * its range, the schema version that introduced it, whether its parent requires it, and
 * how the plan treats it. Parse, render, normalize, validation, the schema version,
 * the declaration language's zod schemas and import all walk these tables; the
 * TypeScript types of the wire model are derived from them. Adding an element is one
 * line in one table.
 *
 * Field order in a table is the order Windows writes (and taskctl renders) the children,
 * which is also the order of the dahall XSD in ../shared/corpus/schema.
 * Sources: pitfalls.md §3 (defaults, ranges, versions), the XSD, task-scheduler-behaviour.md.
 */
import type { DayOfMonth, ValueType } from './values.js';
import {
  accountValue, booleanValue, dateTimeValue, dayOfMonthValue, durationValue, enumValue, guidValue, idValue, intValue, privilegeValue, proseValue, textValue,
} from './values.js';

export const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

// ---- enumerations ----------------------------------------------------------------------

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;
export type Month = (typeof MONTHS)[number];
/** `Weeks/Week` values of a monthly day-of-week schedule. */
export const WEEKS_OF_MONTH = ['1', '2', '3', '4', 'Last'] as const;
export type WeekOfMonth = (typeof WEEKS_OF_MONTH)[number];
export const MULTIPLE_INSTANCES_POLICIES = ['Parallel', 'Queue', 'IgnoreNew', 'StopExisting'] as const;
export type MultipleInstancesPolicy = (typeof MULTIPLE_INSTANCES_POLICIES)[number];
/**
 * Logon types. The published XSD lists the first four; `Group`, `ServiceAccount` and
 * `None` come from the COM enum TASK_LOGON_TYPE and appear in real exports.
 */
const LOGON_TYPES = ['S4U', 'Password', 'InteractiveToken', 'InteractiveTokenOrPassword', 'Group', 'ServiceAccount', 'None'] as const;
export type LogonType = (typeof LOGON_TYPES)[number];
/** Logon types that need a password when the task is registered (never stored by taskctl). */
export const PASSWORD_LOGON_TYPES: readonly LogonType[] = ['Password', 'InteractiveTokenOrPassword'];
const RUN_LEVELS = ['LeastPrivilege', 'HighestAvailable'] as const;
const PROCESS_TOKEN_SID_TYPES = ['None', 'Unrestricted', 'Default'] as const;
export const SESSION_STATE_CHANGES = ['ConsoleConnect', 'ConsoleDisconnect', 'RemoteConnect', 'RemoteDisconnect', 'SessionLock', 'SessionUnlock'] as const;

// ---- descriptor kinds ------------------------------------------------------------------

export type SchemaVersion = '1.2' | '1.3' | '1.4';

/**
 * How the plan compares a field: `always`; `when-declared` (metadata Windows or another
 * tool may write on its own, compared only where the declaration states it: Author,
 * Source, Version, SecurityDescriptor); `never` (written by Windows alone: Date, URI, ids).
 */
export type ComparePolicy = 'always' | 'when-declared' | 'never';

interface FieldOptions<V> {
  /** Task Scheduler's value when the element is absent. */
  default?: V;
  /** The schema version that introduced the element (writing it raises `Task@version`). */
  since?: SchemaVersion;
  /** The parent is incomplete without it (rendered as its default when the model lacks it). */
  required?: boolean;
  /** Rendered even when absent from the model (as its default), so every file shows it. */
  alwaysRendered?: boolean;
  /** @default 'always' */
  compare?: ComparePolicy;
  /** A change alters how the task runs in a way that is easy to overlook: flagged `(!)` in the plan. */
  behavioural?: boolean;
  /** The declaration language's name, where it differs (`start` for `StartBoundary`). */
  declaredAs?: string;
}

export interface LeafNode<V> extends FieldOptions<V> {
  readonly node: 'leaf';
  readonly element: string;
  readonly value: ValueType<V>;
}
export interface AttributeNode<V> extends FieldOptions<V> {
  readonly node: 'attribute';
  readonly attribute: string;
  readonly value: ValueType<V>;
}
/** `<DaysOfWeek><Monday /></DaysOfWeek>` (markers) or `<DaysOfMonth><Day>1</Day></DaysOfMonth>` (items). */
export interface ListNode<V> extends FieldOptions<V[]> {
  readonly node: 'list';
  readonly element: string;
  /** The item element, or `markers` when each item is an empty element named by its value. */
  readonly item: string | 'markers';
  readonly value: ValueType<V>;
  readonly max?: number;
  /** The canonical order (and the only values) of a marker list. */
  readonly order?: readonly V[];
  /** The canonical order of an item list (DaysOfMonth: 1…31, then Last). */
  readonly sort?: (a: V, b: V) => number;
  /** A list naming every value of `order` means the same as no list (Months: every month). */
  readonly allIsAbsent?: boolean;
}
/** `<ValueQueries><Value name="x">XPath</Value></ValueQueries>`. */
export interface NamedValuesNode extends FieldOptions<NamedValue[]> {
  readonly node: 'namedValues';
  readonly element: string;
  readonly item: string;
  readonly max: number;
}
export interface GroupNode<F extends Fields = Fields> extends FieldOptions<never> {
  readonly node: 'group';
  readonly element: string;
  readonly fields: F;
  /** An absent group means a group of defaults (IdleSettings), not "none" (RestartOnFailure). */
  readonly fillWhenAbsent?: boolean;
}
/** Exactly one of several groups (the calendar schedules); the value carries `kind`. */
export interface ChoiceNode<C extends Record<string, GroupNode> = Record<string, GroupNode>> extends FieldOptions<never> {
  readonly node: 'choice';
  readonly options: C;
}
export type SchemaNode = LeafNode<never> | AttributeNode<never> | ListNode<never> | NamedValuesNode | GroupNode | ChoiceNode;
export type Fields = { readonly [key: string]: AnyNode };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table may hold any value type
type AnyNode = LeafNode<any> | AttributeNode<any> | ListNode<any> | NamedValuesNode | GroupNode<any> | ChoiceNode<any>;

interface NamedValue {
  name: string;
  /** An XPath expression evaluated against the event. */
  value: string;
}

// `const O` keeps `required: true` a literal, so a required element is required in the derived type too.
const leaf = <V, const O extends FieldOptions<V> = object>(element: string, value: ValueType<V>, options?: O): LeafNode<V> & O =>
  ({ node: 'leaf', element, value, ...options }) as LeafNode<V> & O;
const attribute = <V>(name: string, value: ValueType<V>, options: FieldOptions<V> = {}): AttributeNode<V> => ({ node: 'attribute', attribute: name, value, ...options });
const group = <F extends Fields, const O extends FieldOptions<never> & { fillWhenAbsent?: boolean } = object>(element: string, fields: F, options?: O): GroupNode<F> & O =>
  ({ node: 'group', element, fields, ...options }) as GroupNode<F> & O;
const list = <V, const O extends Omit<ListNode<V>, 'node' | 'element' | 'item' | 'value'> = object>(element: string, item: string | 'markers', value: ValueType<V>, options?: O): ListNode<V> & O =>
  ({ node: 'list', element, item, value, ...options }) as ListNode<V> & O;
const choice = <const C extends Record<string, GroupNode>, const O extends FieldOptions<never> = object>(options: C, extra?: O): ChoiceNode<C> & O =>
  ({ node: 'choice', options, ...extra }) as ChoiceNode<C> & O;

// ---- derived types ---------------------------------------------------------------------

/** The model value a descriptor holds. */
export type ValueOf<N> =
  N extends LeafNode<infer V> ? V
    : N extends AttributeNode<infer V> ? V
      : N extends ListNode<infer V> ? V[]
        : N extends NamedValuesNode ? NamedValue[]
          : N extends GroupNode<infer F> ? ModelOf<F>
            : N extends ChoiceNode<infer C> ? { [K in keyof C & string]: { kind: K } & ValueOf<C[K]> }[keyof C & string]
              : never;

/** An object with one property per field; absent optional elements are absent properties. */
export type ModelOf<F> = {
  -readonly [K in keyof F as IsRequired<F[K]> extends true ? K : never]: ValueOf<F[K]>;
} & {
  -readonly [K in keyof F as IsRequired<F[K]> extends true ? never : K]?: ValueOf<F[K]>;
};
/** Required in the model when the parent needs it and there is no default to stand in for it. */
type IsRequired<N> = N extends { required: true } ? (N extends { default: unknown } ? false : true) : false;

// ---- the tables ------------------------------------------------------------------------

const PATH_TEXT = textValue({ maxLength: 260 });

export const REGISTRATION_INFO = group('RegistrationInfo', {
  /** When the task was registered; Windows writes it. */
  date: leaf('Date', dateTimeValue, { compare: 'never' }),
  /** Who registered the task; Windows writes the registering user unless declared. */
  author: leaf('Author', textValue(), { compare: 'when-declared' }),
  /** A version number for the task. */
  version: leaf('Version', textValue(), { compare: 'when-declared' }),
  /** What the task is for. */
  description: leaf('Description', proseValue),
  /** Extra documentation. */
  documentation: leaf('Documentation', proseValue),
  /** The task's own path; Windows writes it. */
  uri: leaf('URI', textValue(), { compare: 'never' }),
  /** Who or what registered it (an application, a component). */
  source: leaf('Source', textValue(), { compare: 'when-declared' }),
  /** SDDL: who may read, run or change the task. Compared when declared; a change changes access. */
  securityDescriptor: leaf('SecurityDescriptor', textValue({ trim: true }), { compare: 'when-declared', behavioural: true }),
});

export const PRINCIPAL = group('Principal', {
  /** The principal's id; actions run in its context. Windows writes `Author`. */
  id: attribute('id', idValue, { compare: 'never' }),
  /** A user account (name or SID). Exclusive with `groupId`. */
  userId: leaf('UserId', accountValue),
  /** A group (name or SID). Exclusive with `userId`. */
  groupId: leaf('GroupId', accountValue),
  /** A display name for the principal. */
  displayName: leaf('DisplayName', textValue({ emptyIsAbsent: true })),
  /** How the account logs on. */
  logonType: leaf('LogonType', enumValue(LOGON_TYPES)),
  /** @default 'LeastPrivilege' */
  runLevel: leaf('RunLevel', enumValue(RUN_LEVELS), { default: 'LeastPrivilege' }),
  /** @default 'Default' */
  processTokenSidType: leaf('ProcessTokenSidType', enumValue(PROCESS_TOKEN_SID_TYPES, { absentAs: 'Default' }), { since: '1.3' }),
  /** Privilege constants such as `SeBackupPrivilege`, at most 64. */
  requiredPrivileges: list('RequiredPrivileges', 'Privilege', privilegeValue, { since: '1.3', max: 64 }),
}, { behavioural: true });

const IDLE_SETTINGS = group('IdleSettings', {
  /** How long the computer must be idle. @default 'PT10M' */
  duration: leaf('Duration', durationValue({ min: 'PT1M' }), { default: 'PT10M' }),
  /** How long to wait for idleness. @default 'PT1H' */
  waitTimeout: leaf('WaitTimeout', durationValue({ min: 'PT1M' }), { default: 'PT1H' }),
  /** @default true */
  stopOnIdleEnd: leaf('StopOnIdleEnd', booleanValue, { default: true }),
  /** @default false */
  restartOnIdle: leaf('RestartOnIdle', booleanValue, { default: false }),
}, { fillWhenAbsent: true });

export const SETTINGS = group('Settings', {
  /** What happens when a run is due while one is still running. @default 'IgnoreNew' */
  multipleInstancesPolicy: leaf('MultipleInstancesPolicy', enumValue(MULTIPLE_INSTANCES_POLICIES), {
    default: 'IgnoreNew', alwaysRendered: true, behavioural: true, declaredAs: 'multipleInstances',
  }),
  /** @default true */
  disallowStartIfOnBatteries: leaf('DisallowStartIfOnBatteries', booleanValue, { default: true }),
  /** @default true */
  stopIfGoingOnBatteries: leaf('StopIfGoingOnBatteries', booleanValue, { default: true }),
  /** @default true */
  allowHardTerminate: leaf('AllowHardTerminate', booleanValue, { default: true }),
  /** Run a missed start as soon as possible. @default false */
  startWhenAvailable: leaf('StartWhenAvailable', booleanValue, { default: false }),
  /** @default false */
  runOnlyIfNetworkAvailable: leaf('RunOnlyIfNetworkAvailable', booleanValue, { default: false }),
  /** Shown by the Task Scheduler UI only. */
  networkProfileName: leaf('NetworkProfileName', textValue({ emptyIsAbsent: true })),
  /** The network that must be available. */
  networkSettings: group('NetworkSettings', {
    name: leaf('Name', textValue({ emptyIsAbsent: true })),
    /** The network profile's GUID. */
    id: leaf('Id', guidValue),
  }),
  /** @default { duration: 'PT10M', waitTimeout: 'PT1H', stopOnIdleEnd: true, restartOnIdle: false } */
  idleSettings: IDLE_SETTINGS,
  /** @default true */
  allowStartOnDemand: leaf('AllowStartOnDemand', booleanValue, { default: true }),
  /** @default true */
  enabled: leaf('Enabled', booleanValue, { default: true, behavioural: true, declaredAs: 'enabled' }),
  /** @default false */
  hidden: leaf('Hidden', booleanValue, { default: false }),
  /** @default false */
  runOnlyIfIdle: leaf('RunOnlyIfIdle', booleanValue, { default: false }),
  /** @default false */
  disallowStartOnRemoteAppSession: leaf('DisallowStartOnRemoteAppSession', booleanValue, { default: false, since: '1.3' }),
  /** @default false */
  useUnifiedSchedulingEngine: leaf('UseUnifiedSchedulingEngine', booleanValue, { default: false, since: '1.3' }),
  /** @default false */
  wakeToRun: leaf('WakeToRun', booleanValue, { default: false }),
  /** Longest a run may take; `PT0S` = no limit (pitfalls 9, 10). @default 'PT72H' */
  executionTimeLimit: leaf('ExecutionTimeLimit', durationValue({ zero: 'allowed' }), { default: 'PT72H', behavioural: true, declaredAs: 'timeLimit' }),
  /** Delete the task this long after it expires (`PT0S` = at once). @default never */
  deleteExpiredTaskAfter: leaf('DeleteExpiredTaskAfter', durationValue({ zero: 'allowed' })),
  /** 0 (highest) … 10 (lowest). @default 7 */
  priority: leaf('Priority', intValue(0, 10), { default: 7 }),
  /** Restart a failed run. @default no restart */
  restartOnFailure: group('RestartOnFailure', {
    /** Wait between restarts: PT1M … P31D. */
    interval: leaf('Interval', durationValue({ min: 'PT1M', max: 'P31D' }), { required: true }),
    /** How many restarts. */
    count: leaf('Count', intValue(1, 255), { required: true }),
  }),
  /** @default false */
  volatile: leaf('Volatile', booleanValue, { default: false, since: '1.4' }),
  /** Automatic maintenance. @default none */
  maintenanceSettings: group('MaintenanceSettings', {
    /** How often the task needs to run during automatic maintenance, ≥ P1D. */
    period: leaf('Period', durationValue({ min: 'P1D' }), { required: true }),
    /** When to run it in emergency maintenance if it missed, ≥ P1D. The XSD requires it (minOccurs 1) and has no default. */
    deadline: leaf('Deadline', durationValue({ min: 'P1D' }), { required: true }),
    /** The XSD requires it inside MaintenanceSettings, so it is always written there. @default false */
    exclusive: leaf('Exclusive', booleanValue, { default: false, required: true }),
  }, { since: '1.4' }),
});

export const REPETITION = group('Repetition', {
  /** Time between runs: PT1M … P31D. */
  interval: leaf('Interval', durationValue({ min: 'PT1M', max: 'P31D' }), { required: true }),
  /** How long to keep repeating after each firing; absent (or PT0S) = indefinitely (pitfall 11). */
  duration: leaf('Duration', durationValue({ min: 'PT1M', zero: 'absent' })),
  /** Stop a running instance when the repetition duration ends. @default false */
  stopAtDurationEnd: leaf('StopAtDurationEnd', booleanValue, { default: false }),
}, { declaredAs: 'repeat' });

/** `triggerBaseType`, in the order Windows writes it. */
const TRIGGER_BASE = {
  /** An id for the trigger. */
  id: attribute('id', idValue),
  /** Repeat every `interval` after the trigger fires. */
  repetition: REPETITION,
  /** When the trigger becomes active; local, or with an offset to fire at one instant everywhere. */
  startBoundary: leaf('StartBoundary', dateTimeValue, { declaredAs: 'start' }),
  /** When the trigger stops firing. */
  endBoundary: leaf('EndBoundary', dateTimeValue, { declaredAs: 'end' }),
  /** Longest a run started by this trigger may take. @default 'PT72H' */
  executionTimeLimit: leaf('ExecutionTimeLimit', durationValue({ zero: 'allowed' }), { default: 'PT72H', behavioural: true }),
  /** @default true */
  enabled: leaf('Enabled', booleanValue, { default: true, behavioural: true }),
};
/** Each run starts at a random moment up to this long after the scheduled time. @default 'PT0M' */
const RANDOM_DELAY = leaf('RandomDelay', durationValue({ zero: 'allowed' }), { default: 'PT0M' });
/** Wait this long after the event before starting. @default 'PT0M' */
const DELAY = leaf('Delay', durationValue({ zero: 'allowed' }), { default: 'PT0M' });
const DAYS_OF_WEEK = list('DaysOfWeek', 'markers', enumValue(WEEKDAYS), { order: WEEKDAYS, required: true });
/** @default every month */
const MONTHS_OF_YEAR = list('Months', 'markers', enumValue(MONTHS), { order: MONTHS, allIsAbsent: true });

function compareDaysOfMonth(a: DayOfMonth, b: DayOfMonth): number {
  return (a === 'Last' ? 32 : a) - (b === 'Last' ? 32 : b);
}

/** `CalendarTrigger` schedules: exactly one. */
export const CALENDAR_SCHEDULE = choice({
  ByDay: group('ScheduleByDay', {
    /** 1–365. @default 1 */
    daysInterval: leaf('DaysInterval', intValue(1, 365), { default: 1 }),
  }),
  ByWeek: group('ScheduleByWeek', {
    /** 1–52. @default 1 */
    weeksInterval: leaf('WeeksInterval', intValue(1, 52), { default: 1 }),
    daysOfWeek: DAYS_OF_WEEK,
  }),
  ByMonth: group('ScheduleByMonth', {
    daysOfMonth: list('DaysOfMonth', 'Day', dayOfMonthValue, { max: 32, required: true, sort: compareDaysOfMonth }),
    months: MONTHS_OF_YEAR,
  }),
  ByMonthDayOfWeek: group('ScheduleByMonthDayOfWeek', {
    weeks: list('Weeks', 'Week', enumValue(WEEKS_OF_MONTH), { order: WEEKS_OF_MONTH, max: 5, required: true }),
    daysOfWeek: DAYS_OF_WEEK,
    months: MONTHS_OF_YEAR,
  }),
}, { required: true });

/** Every typed trigger, by element name. */
export const TRIGGERS = {
  TimeTrigger: group('TimeTrigger', { ...TRIGGER_BASE, randomDelay: RANDOM_DELAY }),
  CalendarTrigger: group('CalendarTrigger', { ...TRIGGER_BASE, randomDelay: RANDOM_DELAY, schedule: CALENDAR_SCHEDULE }),
  BootTrigger: group('BootTrigger', { ...TRIGGER_BASE, delay: DELAY }),
  RegistrationTrigger: group('RegistrationTrigger', { ...TRIGGER_BASE, delay: DELAY }),
  IdleTrigger: group('IdleTrigger', { ...TRIGGER_BASE }),
  LogonTrigger: group('LogonTrigger', { ...TRIGGER_BASE, /** @default any user */ userId: leaf('UserId', accountValue), delay: DELAY }),
  SessionStateChangeTrigger: group('SessionStateChangeTrigger', {
    ...TRIGGER_BASE,
    stateChange: leaf('StateChange', enumValue(SESSION_STATE_CHANGES), { required: true }),
    /** @default any user */
    userId: leaf('UserId', accountValue),
    delay: DELAY,
  }),
  EventTrigger: group('EventTrigger', {
    ...TRIGGER_BASE,
    /** The event query: a `<QueryList>` document as text; whitespace around it is layout. */
    subscription: leaf('Subscription', textValue({ trim: true }), { required: true }),
    delay: DELAY,
    /** Window in which `numberOfOccurrences` events must happen. @default 'PT0M' */
    periodOfOccurrence: leaf('PeriodOfOccurrence', durationValue({ zero: 'allowed' }), { default: 'PT0M' }),
    /** 1–32. @default 1 */
    numberOfOccurrences: leaf('NumberOfOccurrences', intValue(1, 32), { default: 1 }),
    matchingElement: leaf('MatchingElement', textValue({ emptyIsAbsent: true })),
    /** Named XPath queries whose results the action receives as `$(name)`; at most 32. */
    valueQueries: { node: 'namedValues', element: 'ValueQueries', item: 'Value', max: 32 } as NamedValuesNode,
  }),
};

/** Every typed action, by element name. */
export const ACTIONS = {
  Exec: group('Exec', {
    id: attribute('id', idValue),
    /** The program to run; at most 260 characters (put the rest in the arguments). */
    command: leaf('Command', PATH_TEXT, { required: true }),
    arguments: leaf('Arguments', textValue({ emptyIsAbsent: true })),
    /** The directory the program starts in; at most 260 characters. */
    workingDirectory: leaf('WorkingDirectory', textValue({ maxLength: 260, emptyIsAbsent: true })),
  }),
  ComHandler: group('ComHandler', {
    id: attribute('id', idValue),
    /** The handler's CLSID. */
    classId: leaf('ClassId', guidValue, { required: true }),
    /** The handler's `Data` payload (often CDATA), passed verbatim. */
    data: leaf('Data', textValue({ emptyIsAbsent: true })),
  }),
};

// ---- the wire model's types ------------------------------------------------------------

type RegistrationInfo = ModelOf<typeof REGISTRATION_INFO.fields>;
export type Principal = ModelOf<typeof PRINCIPAL.fields>;
export type Settings = ModelOf<typeof SETTINGS.fields>;
export type Repetition = ModelOf<typeof REPETITION.fields>;
export type CalendarSchedule = ValueOf<typeof CALENDAR_SCHEDULE>;
type TypedTrigger<K extends keyof typeof TRIGGERS> = { kind: K } & ModelOf<(typeof TRIGGERS)[K]['fields']>;
export type TimeTrigger = TypedTrigger<'TimeTrigger'>;
export type CalendarTrigger = TypedTrigger<'CalendarTrigger'>;

/**
 * A trigger or action element the model has no typed form for (the undocumented
 * `WnfStateChangeTrigger`, `SendEmail`), or a known one missing a part it needs, carried
 * verbatim so nothing is ever dropped.
 */
export interface RawElement<K extends 'Raw' = 'Raw'> {
  kind: K;
  /** The element's local name, e.g. `WnfStateChangeTrigger`. */
  element: string;
  /** The whole element serialized, namespace-free. */
  xml: string;
}

export type Trigger = { [K in keyof typeof TRIGGERS]: TypedTrigger<K> }[keyof typeof TRIGGERS] | RawElement;
export type ExecAction = { kind: 'Exec' } & ModelOf<typeof ACTIONS.Exec.fields>;
type ComHandlerAction = { kind: 'ComHandler' } & ModelOf<typeof ACTIONS.ComHandler.fields>;
export type Action = ExecAction | ComHandlerAction | RawElement;

/** A whole task: what one `<Task>` document says. */
export interface TaskDefinition {
  /** `Task@version` as written in the source; the renderer computes its own. */
  version?: string;
  registrationInfo: RegistrationInfo;
  /** In document order; at most 48. */
  triggers: Trigger[];
  /** `Principals/Principal`: exactly one, or none (the registering user). */
  principal?: Principal;
  settings: Settings;
  /** `Actions@Context`: the id of the principal the actions run as. */
  actionsContext?: string;
  /** In run order; 1..32. */
  actions: Action[];
  /** `Task/Data`: free text an application stores with the task. */
  data?: string;
}

/** The schema defaults of a table's leaves: what Task Scheduler assumes for an element not written. */
export type DefaultsOf<F> = { readonly [K in keyof F as F[K] extends { default: unknown } ? K : never]: ValueOf<F[K]> };

function defaultsOf<F extends Fields>(fields: F): DefaultsOf<F> {
  const out: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(fields)) if (n.default !== undefined) out[key] = n.default;
  return out as DefaultsOf<F>;
}

/** `SETTINGS_DEFAULTS.executionTimeLimit` is `'PT72H'`, and so on: read from the table, never restated. */
export const SETTINGS_DEFAULTS = defaultsOf(SETTINGS.fields);
export const TRIGGER_DEFAULTS = defaultsOf({ ...TRIGGERS.TimeTrigger.fields, ...TRIGGERS.EventTrigger.fields, ...REPETITION.fields });

/** `value` without its `undefined`-valued keys: in the model, "absent" has one spelling, no key at all. */
export function dropUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  // for…in, not Object.entries: no array of pairs per call (the model's values are plain objects).
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/**
 * The limits, one table, applied where declarations are checked, where a live task is
 * read and where a task file is written: taskctl never writes what it can't read back.
 */
export const LIMITS = {
  /** XSD `maxOccurs` of Triggers. */
  triggers: 48,
  /** XSD `maxOccurs` of Actions. */
  actions: 32,
  /**
   * Program plus arguments: CreateProcess takes a command line of at most 32,767 characters
   * including the terminating null. (Command and WorkingDirectory are 260 each, the XSD's pathType.)
   */
  commandLine: 32_766,
  /**
   * The largest task document, in characters of XML (a file holds two bytes each, UTF-16LE).
   * Task Scheduler documents no limit for Description or Data; real tasks are a few KB, and a
   * document of megabytes is an accident or an attack. Everything is bounded by this one figure.
   */
  taskXmlChars: 512 * 1024,
  /** The largest `--live` snapshot or `doctor --snapshot` file read, in bytes. */
  snapshotBytes: 256 * 1024 * 1024,
} as const;

/** A live task as every reader returns it (PowerShell, snapshot JSON, store folder). */
export interface LiveTaskRecord {
  /** The folder, `\` or `\Sub\` as `Get-ScheduledTask` prints `TaskPath`. */
  taskPath: string;
  taskName: string;
  /** `Ready`, `Disabled`, `Running`, `Queued`, `Unknown` (numbers from PowerShell 5.1 mapped to these). */
  state: string;
  /** The task XML as text (already decoded). */
  xml: string;
  /** The original bytes, when the reader had a file (store/dir); backups keep these exactly. */
  bytes?: Uint8Array;
  /** The file it was read from (store/dir), for messages. */
  source?: string;
  /** Why the task can't be read at all (over the size limit): it is reported by name and left alone. */
  unreadable?: string;
}
