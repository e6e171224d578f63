/**
 * Field-level differences between two normalized task definitions. Works on
 * plain data only; `computePlan` normalizes both sides first, so any
 * difference found here is a difference in meaning.
 */
import type { Action, TaskDefinition, Trigger } from '../schtasks/model.js';
import type { FieldChange, FieldValue } from './plan-types.js';
import { compareFieldPaths } from './natural-order.js';
import { summarizeAction, summarizeTrigger } from './summarize.js';

/**
 * What Windows (or taskctl) writes on its own; the contract says it never shows up as a change.
 * `normalizeTask` removes these already; stripping them again here keeps a gap in normalization
 * from turning into a perpetual update that apply can never settle.
 */
const NOT_OURS: readonly RegExp[] = [
  /^version$/,
  /^registrationInfo\.(uri|securityDescriptor|source|date|author|version)$/,
  /^principal\.id$/,
  /^actionsContext$/,
];

/** Changes a reader could miss although they change how the task runs (pitfalls 28, 77). */
const BEHAVIOURAL: readonly RegExp[] = [
  /^settings\.(multipleInstancesPolicy|executionTimeLimit|enabled)$/,
  /^principal(\.|$)/,
  /^triggers\[\d+\]\.(enabled|executionTimeLimit)$/,
];

/** The model's names where the contract speaks differently (`repeat`, as declarations spell it). */
const SEGMENT_NAMES: Readonly<Record<string, string>> = { repetition: 'repeat' };

/** Every field that differs, `before` from `live`, `after` from `declared`, sorted by path. */
export function diffDefinitions(live: TaskDefinition, declared: TaskDefinition): FieldChange[] {
  const changes: FieldChange[] = [];
  diffValue(live, declared, '', changes);
  return changes
    .filter((change) => !NOT_OURS.some((pattern) => pattern.test(change.path)))
    .map((change) => (BEHAVIOURAL.some((pattern) => pattern.test(change.path)) ? { ...change, behavioural: true } : change))
    .sort((a, b) => compareFieldPaths(a.path, b.path));
}

/** True when the two definitions mean the same task (no field differs). */
export function definitionsMatch(live: TaskDefinition, declared: TaskDefinition): boolean {
  return diffDefinitions(live, declared).length === 0;
}

type Plain = Record<string, unknown>;

function diffValue(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (sameValue(before, after)) return;
  if (isList(before) || isList(after)) {
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
  const segment = SEGMENT_NAMES[key] ?? key;
  return path ? `${path}.${segment}` : segment;
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
