/**
 * Local range checks before anything reaches Task Scheduler, whose own
 * answer is "a value which is incorrectly formatted or out of range"
 * (0x80041318) with no hint which (pitfall 40). Every problem is returned at
 * once, each with the path of its field.
 */
import type { Issue } from '../core/errors.js';
import { isXsDateTime } from './datetime.js';
import { durationToMs, isDuration } from './duration.js';
import {
  LOGON_TYPES, MULTIPLE_INSTANCES_POLICIES, PROCESS_TOKEN_SID_TYPES, RUN_LEVELS,
  type Action, type Principal, type Settings, type TaskDefinition,
} from './model.js';
import { validateTrigger } from './validate-trigger.js';
import { ILLEGAL_XML_CHAR } from './xml-scan.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const GUID = /^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$/;

/** Collects issues for one definition; `check*` helpers are shared with `validate-trigger.ts`. */
export class IssueCollector {
  readonly issues: Issue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** A duration that must parse and lie in [min, max] (milliseconds). */
  duration(path: string, value: string | undefined, min?: number, max?: number, allowZero = false): void {
    if (value === undefined) return;
    if (!isDuration(value)) {
      this.add(path, `"${value}" is not an ISO 8601 duration such as PT15M or P1D`);
      return;
    }
    const ms = durationToMs(value)!;
    if (allowZero && ms === 0) return;
    if (min !== undefined && ms < min) this.add(path, `"${value}" is shorter than the minimum ${describe(min)}`);
    if (max !== undefined && ms > max) this.add(path, `"${value}" is longer than the maximum ${describe(max)}`);
  }

  dateTime(path: string, value: string | undefined): void {
    if (value !== undefined && !isXsDateTime(value)) {
      this.add(path, `"${value}" is not a date-time such as 2024-05-22T08:00:00 (optionally with Z or an offset like +02:00)`);
    }
  }

  integer(path: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) this.add(path, `${value} is not a whole number from ${min} to ${max}`);
  }

  oneOf(path: string, value: string | undefined, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value)) this.add(path, `"${value}" is not one of ${allowed.join(', ')}`);
  }
}

function describe(ms: number): string {
  if (ms % DAY === 0) return `P${ms / DAY}D`;
  return `PT${ms / MINUTE}M`;
}

export function validateDefinition(def: TaskDefinition): Issue[] {
  const c = new IssueCollector();
  c.dateTime('registrationInfo.date', def.registrationInfo.date);
  if (def.triggers.length > 48) c.add('triggers', `${def.triggers.length} triggers; Task Scheduler allows at most 48`);
  def.triggers.forEach((t, i) => validateTrigger(c, t, `triggers[${i}]`));
  if (def.actions.length === 0) c.add('actions', 'a task needs at least one action');
  if (def.actions.length > 32) c.add('actions', `${def.actions.length} actions; Task Scheduler allows at most 32`);
  def.actions.forEach((a, i) => validateAction(c, a, `actions[${i}]`));
  if (def.principal) validatePrincipal(c, def.principal);
  validateSettings(c, def.settings);
  validateIds(c, def);
  findIllegalCharacters(c, def, '');
  return c.issues;
}

function validateAction(c: IssueCollector, a: Action, path: string): void {
  if (a.kind === 'Exec') {
    if (a.command.trim() === '') c.add(`${path}.command`, 'the command is empty');
    if (a.command.length > 260) c.add(`${path}.command`, `${a.command.length} characters; Command allows at most 260 (put the rest in arguments)`);
    if (a.workingDirectory !== undefined && a.workingDirectory.length > 260) {
      c.add(`${path}.workingDirectory`, `${a.workingDirectory.length} characters; WorkingDirectory allows at most 260`);
    }
  } else if (a.kind === 'ComHandler') {
    if (!GUID.test(a.classId.trim())) c.add(`${path}.classId`, `"${a.classId}" is not a GUID such as {01234567-89AB-CDEF-0123-456789ABCDEF}`);
  }
}

function validatePrincipal(c: IssueCollector, p: Principal): void {
  if (p.userId !== undefined && p.groupId !== undefined) c.add('principal', 'userId and groupId are mutually exclusive');
  if (p.userId !== undefined && p.userId.trim() === '') c.add('principal.userId', 'the user id is empty');
  if (p.groupId !== undefined && p.groupId.trim() === '') c.add('principal.groupId', 'the group id is empty');
  c.oneOf('principal.logonType', p.logonType, LOGON_TYPES);
  c.oneOf('principal.runLevel', p.runLevel, RUN_LEVELS);
  c.oneOf('principal.processTokenSidType', p.processTokenSidType, PROCESS_TOKEN_SID_TYPES);
  if (p.requiredPrivileges && p.requiredPrivileges.length > 64) c.add('principal.requiredPrivileges', 'at most 64 privileges');
}

function validateSettings(c: IssueCollector, s: Settings): void {
  c.oneOf('settings.multipleInstancesPolicy', s.multipleInstancesPolicy, MULTIPLE_INSTANCES_POLICIES);
  c.integer('settings.priority', s.priority, 0, 10);
  c.duration('settings.executionTimeLimit', s.executionTimeLimit);
  c.duration('settings.deleteExpiredTaskAfter', s.deleteExpiredTaskAfter);
  if (s.restartOnFailure) {
    c.duration('settings.restartOnFailure.interval', s.restartOnFailure.interval, MINUTE, 31 * DAY);
    c.integer('settings.restartOnFailure.count', s.restartOnFailure.count, 1, 255);
  }
  if (s.idleSettings) {
    c.duration('settings.idleSettings.duration', s.idleSettings.duration, MINUTE);
    c.duration('settings.idleSettings.waitTimeout', s.idleSettings.waitTimeout, MINUTE);
  }
  if (s.networkSettings?.id !== undefined && !GUID.test(s.networkSettings.id.trim())) {
    c.add('settings.networkSettings.id', `"${s.networkSettings.id}" is not a GUID`);
  }
  if (s.maintenanceSettings) {
    c.duration('settings.maintenanceSettings.period', s.maintenanceSettings.period, DAY);
    c.duration('settings.maintenanceSettings.deadline', s.maintenanceSettings.deadline, DAY);
  }
}

/** `Actions@Context` must name the principal; ids must be unique (XSD key/unique constraints). */
function validateIds(c: IssueCollector, def: TaskDefinition): void {
  if (def.actionsContext !== undefined && def.actionsContext !== def.principal?.id) {
    c.add('actionsContext', `"${def.actionsContext}" does not name the principal (its id is ${def.principal?.id === undefined ? 'absent' : `"${def.principal.id}"`})`);
  }
  const seen = new Map<string, string>();
  const note = (id: string | undefined, path: string) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first) c.add(`${path}.id`, `id "${id}" is also used by ${first}`);
    else seen.set(id, path);
  };
  note(def.principal?.id, 'principal');
  def.triggers.forEach((t, i) => t.kind !== 'Raw' && note(t.id, `triggers[${i}]`));
  def.actions.forEach((a, i) => a.kind !== 'Raw' && note(a.id, `actions[${i}]`));
}

/** Text XML 1.0 cannot carry (most C0 controls, lone surrogates) would make rendering fail. */
function findIllegalCharacters(c: IssueCollector, value: unknown, path: string): void {
  if (typeof value === 'string') {
    const bad = ILLEGAL_XML_CHAR.exec(value);
    if (bad) c.add(path, `contains U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findIllegalCharacters(c, v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findIllegalCharacters(c, v, path ? `${path}.${k}` : k);
  }
}
