/**
 * Field-level differences between two normalized task definitions, as the plan shows
 * them: one line per leaf (`triggers[0].repeat.interval: "PT5M" -> "PT15M"`), a whole list
 * on one line, an added or removed trigger or action as a one-line summary. Works on plain
 * data only; `computePlan` normalizes both sides first, so any difference found here is a
 * difference in meaning. Which fields are compared, and which changes are behaviour changes
 * `(!)`, is the schema tables' say (`fieldPolicy`).
 */
import type { Action, CalendarSchedule, Repetition, TaskDefinition, Trigger } from '../schtasks/model.js';
import { alignUndeclared, fieldPolicy, planKey } from '../schtasks/normalize-task.js';


/** A value as the plan shows it: the leaf's own value, or a one-line summary of an added/removed element. */
export type FieldValue = string | number | boolean | null;

/** One changed field of an updated task. */
export interface FieldChange {
  /** Readable path into the task, e.g. `triggers[0].repeat.interval`, `settings.multipleInstancesPolicy`. */
  path: string;
  /** The live value; `null` when the live task does not have it. */
  before: FieldValue;
  /** The declared value; `null` when the declaration does not have it. */
  after: FieldValue;
  /** True when the change alters how the task runs in a way that is easy to overlook (policy, time limit, enabled, principal). */
  behavioural?: boolean;
}

/** Compares field paths with their array indexes as numbers. */
function compareFieldPaths(a: string, b: string): number {
  const left = a.split(/(\d+)/);
  const right = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    // split() with a capture group puts the digit runs at odd indexes.
    if (i % 2 === 1) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Every field that differs, `before` from `live`, `after` from `declared`, sorted by path. */
export function diffDefinitions(live: TaskDefinition, declared: TaskDefinition): FieldChange[] {
  const changes: FieldChange[] = [];
  // Metadata compared only where declared (Author, Source, Version, SecurityDescriptor).
  diffValue(alignUndeclared(live, declared), declared, '', changes);
  // What Windows writes on its own never shows as a change (normalizeTask drops it already; checking
  // again keeps a gap in normalization from becoming a perpetual update). Behaviour changes are flagged.
  return changes
    .filter((change) => fieldPolicy(change.path).compare !== 'never' && !/^(version|actionsContext)$/.test(change.path))
    .map((change) => (fieldPolicy(change.path).behavioural ? { ...change, behavioural: true } : change))
    .sort((a, b) => compareFieldPaths(a.path, b.path));
}

/** True when the two definitions mean the same task (no field differs). */
export function definitionsMatch(live: TaskDefinition, declared: TaskDefinition): boolean {
  return diffDefinitions(live, declared).length === 0;
}

type Plain = Record<string, unknown>;

function diffValue(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (before === after) return;
  if (isList(before) || isList(after)) {
    // Lists need the deep check (a list of weekdays is one line, equal or not); objects don't:
    // their keys are walked below, and checking every level first made the cost grow with depth².
    if (sameValue(before, after)) return;
    diffList(asList(before), asList(after), path, out);
    return;
  }
  if (isPlain(before) || isPlain(after)) {
    const b = isPlain(before) ? before : {};
    const a = isPlain(after) ? after : {};
    // A trigger that became another kind of trigger is a replacement, not a field edit.
    if (isPlain(before) && isPlain(after) && 'kind' in b && 'kind' in a && b.kind !== a.kind) {
      out.push({ path, before: toFieldValue(before, path), after: toFieldValue(after, path) });
      return;
    }
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      diffValue(b[key], a[key], joinPath(path, key), out);
    }
    return;
  }
  out.push({ path, before: toFieldValue(before, path), after: toFieldValue(after, path) });
}

function diffList(before: unknown[], after: unknown[], path: string, out: FieldChange[]): void {
  // Weekdays, months, privileges: one line for the whole list reads better than index by index.
  if ([...before, ...after].every((item) => !isPlain(item) && !isList(item))) {
    out.push({ path, before: toFieldValue(before.length ? before : undefined, path), after: toFieldValue(after.length ? after : undefined, path) });
    return;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const elementPath = `${path}[${i}]`;
    if (i >= before.length || i >= after.length) {
      out.push({ path: elementPath, before: toFieldValue(before[i], elementPath), after: toFieldValue(after[i], elementPath) });
    } else {
      diffValue(before[i], after[i], elementPath, out);
    }
  }
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${planKey(key)}` : planKey(key);
}

/** A leaf as the plan shows it; whole triggers and actions as one readable line. */
function toFieldValue(value: unknown, path: string): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  if (/^triggers\[\d+\]$/.test(path)) return summarizeTrigger(value as Trigger);
  if (/^actions\[\d+\]$/.test(path)) return summarizeAction(value as Action);
  return JSON.stringify(value);
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Deep equality where an absent key, `undefined` and (for lists) an empty list are the same. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isList(a) || isList(b)) {
    const x = asList(a);
    const y = asList(b);
    if ((a !== undefined && !isList(a)) || (b !== undefined && !isList(b))) return false;
    return x.length === y.length && x.every((item, i) => sameValue(item, y[i]));
  }
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

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
