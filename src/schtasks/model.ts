/**
 * The wire model: a faithful TypeScript mirror of Task Scheduler task XML
 * (namespace `http://schemas.microsoft.com/windows/2004/02/mit/task`).
 *
 * Values are kept as the XML spells them where the spelling carries meaning
 * (durations and date-times stay strings; `normalizeTask` makes them canonical),
 * booleans and numbers are typed. An absent optional field means "not written",
 * which Task Scheduler reads as the schema default (see `defaults.ts`).
 *
 * Everything downstream works on this model: `renderTaskXml`, `parseTaskXml`,
 * `normalizeTask`, the plan diff, conflict analysis and import.
 */

export const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
export type Month = (typeof MONTHS)[number];

/** `Weeks/Week` values of a monthly day-of-week schedule. */
export const WEEKS_OF_MONTH = ['1', '2', '3', '4', 'Last'] as const;
export type WeekOfMonth = (typeof WEEKS_OF_MONTH)[number];

/** A day of the month (1–31) or `'Last'`. */
export type DayOfMonth = number | 'Last';

export const MULTIPLE_INSTANCES_POLICIES = ['Parallel', 'Queue', 'IgnoreNew', 'StopExisting'] as const;
export type MultipleInstancesPolicy = (typeof MULTIPLE_INSTANCES_POLICIES)[number];

/**
 * Logon types. The published XSD lists only the first four; `Group`,
 * `ServiceAccount` and `None` come from the COM enum TASK_LOGON_TYPE and appear in real exports.
 */
export const LOGON_TYPES = [
  'S4U', 'Password', 'InteractiveToken', 'InteractiveTokenOrPassword', 'Group', 'ServiceAccount', 'None',
] as const;
export type LogonType = (typeof LOGON_TYPES)[number];

export const RUN_LEVELS = ['LeastPrivilege', 'HighestAvailable'] as const;
export type RunLevel = (typeof RUN_LEVELS)[number];

export const PROCESS_TOKEN_SID_TYPES = ['None', 'Unrestricted', 'Default'] as const;
export type ProcessTokenSidType = (typeof PROCESS_TOKEN_SID_TYPES)[number];

export const SESSION_STATE_CHANGES = [
  'ConsoleConnect', 'ConsoleDisconnect', 'RemoteConnect', 'RemoteDisconnect', 'SessionLock', 'SessionUnlock',
] as const;
export type SessionStateChange = (typeof SESSION_STATE_CHANGES)[number];

/** A whole task: what one `<Task>` document says. */
export interface TaskDefinition {
  /** `Task@version` as written in the source; the renderer computes its own (see `schema-version.ts`). */
  version?: string;
  registrationInfo: RegistrationInfo;
  /** In document order; at most 48. */
  triggers: Trigger[];
  /** `Principals/Principal`: Task Scheduler allows exactly one. Absent = the registering user. */
  principal?: Principal;
  settings: Settings;
  /** `Actions@Context`: the id of the principal the actions run as. */
  actionsContext?: string;
  /** In run order; 1..32. */
  actions: Action[];
  /** `Task/Data`: free text an application stores with the task. */
  data?: string;
}

export interface RegistrationInfo {
  uri?: string;
  securityDescriptor?: string;
  source?: string;
  /** xs:dateTime as written. */
  date?: string;
  author?: string;
  version?: string;
  description?: string;
  documentation?: string;
}

export interface Repetition {
  /** ISO 8601 duration, PT1M … P31D. */
  interval: string;
  /** ISO 8601 duration; absent = repeat indefinitely. */
  duration?: string;
  /** @default false */
  stopAtDurationEnd?: boolean;
}

/** Fields every trigger type has (`triggerBaseType`). */
export interface TriggerBase {
  id?: string;
  /** @default true */
  enabled?: boolean;
  /** xs:dateTime; local when it has no offset. Required for time and calendar triggers. */
  startBoundary?: string;
  endBoundary?: string;
  /** @default 'PT72H' */
  executionTimeLimit?: string;
  repetition?: Repetition;
}

export interface TimeTrigger extends TriggerBase {
  kind: 'TimeTrigger';
  /** @default 'PT0M' */
  randomDelay?: string;
}

export type CalendarSchedule =
  | { kind: 'ByDay'; /** 1–365, default 1 */ daysInterval?: number }
  | { kind: 'ByWeek'; /** 1–52, default 1 */ weeksInterval?: number; daysOfWeek: Weekday[] }
  | { kind: 'ByMonth'; daysOfMonth: DayOfMonth[]; /** absent = every month */ months?: Month[] }
  | { kind: 'ByMonthDayOfWeek'; weeks: WeekOfMonth[]; daysOfWeek: Weekday[]; /** absent = every month */ months?: Month[] };

export interface CalendarTrigger extends TriggerBase {
  kind: 'CalendarTrigger';
  /** @default 'PT0M' */
  randomDelay?: string;
  schedule: CalendarSchedule;
}

export interface BootTrigger extends TriggerBase {
  kind: 'BootTrigger';
  /** @default 'PT0M' */
  delay?: string;
}

export interface LogonTrigger extends TriggerBase {
  kind: 'LogonTrigger';
  /** Absent = any user. */
  userId?: string;
  /** @default 'PT0M' */
  delay?: string;
}

export interface IdleTrigger extends TriggerBase {
  kind: 'IdleTrigger';
}

export interface EventValueQuery {
  name: string;
  /** An XPath expression evaluated against the event. */
  value: string;
}

export interface EventTrigger extends TriggerBase {
  kind: 'EventTrigger';
  /** The QueryList XML, as text. */
  subscription: string;
  /** @default 'PT0M' */
  delay?: string;
  /** @default 'PT0M' */
  periodOfOccurrence?: string;
  /** 1–32. @default 1 */
  numberOfOccurrences?: number;
  matchingElement?: string;
  /** At most 32. */
  valueQueries?: EventValueQuery[];
}

export interface RegistrationTrigger extends TriggerBase {
  kind: 'RegistrationTrigger';
  /** @default 'PT0M' */
  delay?: string;
}

export interface SessionStateChangeTrigger extends TriggerBase {
  kind: 'SessionStateChangeTrigger';
  userId?: string;
  /** @default 'PT0M' */
  delay?: string;
  stateChange: SessionStateChange;
}

/**
 * A trigger element the model has no typed form for (e.g. the undocumented
 * `WnfStateChangeTrigger`), carried verbatim so nothing is ever dropped.
 */
export interface RawTrigger {
  kind: 'Raw';
  /** The element's local name, e.g. `WnfStateChangeTrigger`. */
  element: string;
  /** The whole element serialized, namespace-free (`<WnfStateChangeTrigger>…</WnfStateChangeTrigger>`). */
  xml: string;
}

export type Trigger =
  | TimeTrigger
  | CalendarTrigger
  | BootTrigger
  | LogonTrigger
  | IdleTrigger
  | EventTrigger
  | RegistrationTrigger
  | SessionStateChangeTrigger
  | RawTrigger;

export type TriggerKind = Trigger['kind'];

export interface ExecAction {
  kind: 'Exec';
  id?: string;
  /** ≤ 260 characters. */
  command: string;
  arguments?: string;
  /** ≤ 260 characters. */
  workingDirectory?: string;
}

export interface ComHandlerAction {
  kind: 'ComHandler';
  id?: string;
  /** A GUID, with braces as Windows writes it. */
  classId: string;
  /** The `Data` payload (often CDATA in the source), as text. */
  data?: string;
}

/** `SendEmail` / `ShowMessage` (deprecated since Windows 8) or anything unknown, carried verbatim. */
export interface RawAction {
  kind: 'Raw';
  element: string;
  xml: string;
}

export type Action = ExecAction | ComHandlerAction | RawAction;

export interface Principal {
  id?: string;
  /** A user account name or SID. Mutually exclusive with `groupId`. */
  userId?: string;
  /** A group name or SID. */
  groupId?: string;
  displayName?: string;
  logonType?: LogonType;
  /** @default 'LeastPrivilege' */
  runLevel?: RunLevel;
  processTokenSidType?: ProcessTokenSidType;
  /** Privilege constants, e.g. `SeBackupPrivilege`; at most 64. */
  requiredPrivileges?: string[];
}

export interface IdleSettings {
  /** @default 'PT10M' */
  duration?: string;
  /** @default 'PT1H' */
  waitTimeout?: string;
  /** @default true */
  stopOnIdleEnd?: boolean;
  /** @default false */
  restartOnIdle?: boolean;
}

export interface NetworkSettings {
  name?: string;
  /** A GUID. */
  id?: string;
}

export interface RestartOnFailure {
  /** PT1M … P31D. */
  interval: string;
  /** ≥ 1. */
  count: number;
}

export interface MaintenanceSettings {
  /** ≥ P1D. */
  period: string;
  deadline?: string;
  /** @default false */
  exclusive?: boolean;
}

/** Every element of `settingsType`. */
export interface Settings {
  /** @default true */
  allowStartOnDemand?: boolean;
  restartOnFailure?: RestartOnFailure;
  /** @default 'IgnoreNew' */
  multipleInstancesPolicy?: MultipleInstancesPolicy;
  /** @default true */
  disallowStartIfOnBatteries?: boolean;
  /** @default true */
  stopIfGoingOnBatteries?: boolean;
  /** @default true */
  allowHardTerminate?: boolean;
  /** @default false */
  startWhenAvailable?: boolean;
  networkProfileName?: string;
  /** @default false */
  runOnlyIfNetworkAvailable?: boolean;
  /** @default false */
  wakeToRun?: boolean;
  /** @default true */
  enabled?: boolean;
  /** @default false */
  hidden?: boolean;
  /** Absent = never deleted. */
  deleteExpiredTaskAfter?: string;
  idleSettings?: IdleSettings;
  networkSettings?: NetworkSettings;
  /** @default 'PT72H'; 'PT0S' = no limit. */
  executionTimeLimit?: string;
  /** 0–10. @default 7 */
  priority?: number;
  /** @default false */
  runOnlyIfIdle?: boolean;
  /** @default false */
  useUnifiedSchedulingEngine?: boolean;
  /** @default false */
  disallowStartOnRemoteAppSession?: boolean;
  maintenanceSettings?: MaintenanceSettings;
  /** @default false */
  volatile?: boolean;
}

/** Where a task lives: `folder` is `\` or `\Sub\Folder\` (leading and trailing backslash). */
export interface TaskPath {
  folder: string;
  name: string;
}

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
}
