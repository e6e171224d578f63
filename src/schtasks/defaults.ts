/**
 * The schema defaults (pitfalls.md §3, dahall XSD `default=` attributes):
 * what Task Scheduler assumes for an element that is not written. Windows
 * drops default-valued elements on export (pitfall 25), so comparisons fill
 * these in first (`normalizeTask`), and the plan can say "absent ⇒ PT72H".
 */
import type { IdleSettings, MultipleInstancesPolicy, RunLevel } from './model.js';

/** Defaults of `settingsType`. Absent `DeleteExpiredTaskAfter` means "never deleted", so it has no entry. */
export const SETTINGS_DEFAULTS = {
  allowStartOnDemand: true,
  multipleInstancesPolicy: 'IgnoreNew' as MultipleInstancesPolicy,
  disallowStartIfOnBatteries: true,
  stopIfGoingOnBatteries: true,
  allowHardTerminate: true,
  startWhenAvailable: false,
  runOnlyIfNetworkAvailable: false,
  wakeToRun: false,
  enabled: true,
  hidden: false,
  /** PT0S means "no limit" (pitfall 9); absent means 72 hours (pitfall 10). */
  executionTimeLimit: 'PT72H',
  priority: 7,
  runOnlyIfIdle: false,
  useUnifiedSchedulingEngine: false,
  disallowStartOnRemoteAppSession: false,
  volatile: false,
} as const;

export const IDLE_SETTINGS_DEFAULTS: Required<IdleSettings> = {
  duration: 'PT10M',
  waitTimeout: 'PT1H',
  stopOnIdleEnd: true,
  restartOnIdle: false,
};

/** Defaults of `triggerBaseType` and the trigger subtypes. */
export const TRIGGER_DEFAULTS = {
  enabled: true,
  executionTimeLimit: 'PT72H',
  /** Delay of Boot, Registration, Event, Logon and SessionStateChange triggers. */
  delay: 'PT0M',
  /** RandomDelay of Time and Calendar triggers. */
  randomDelay: 'PT0M',
  stopAtDurationEnd: false,
  periodOfOccurrence: 'PT0M',
  numberOfOccurrences: 1,
  daysInterval: 1,
  weeksInterval: 1,
} as const;

export const PRINCIPAL_DEFAULTS = {
  runLevel: 'LeastPrivilege' as RunLevel,
} as const;

export const MAINTENANCE_DEFAULTS = {
  exclusive: false,
} as const;
