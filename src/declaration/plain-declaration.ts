/**
 * The declaration language read without zod, for what is surely valid: a config in the shape
 * configs are written in (tasks with exec or COM actions; time, calendar, boot, logon, idle,
 * registration and session triggers; principal and settings) comes out exactly as the zod
 * schemas of `task-schema.ts` would yield it — the same readers and checks (`plainInput`
 * mirrors `zodFor`), fields in the schemas' order, defaults filled the same way. Anything else,
 * valid or not, is `undefined`: zod then decides and names every problem.
 *
 * Why: zod is the largest module taskctl loads (390 KB) and builds every schema of the
 * language when it loads; a plan of one task spent a fifth of its time there. Property tests
 * hold each reader here to its schema (test/declaration/plain-task.test.ts).
 *
 * Also here, being zod-free: the few facts of the language the CLI needs before any parsing
 * (the default prefix, the settings a task states at its top level, a computer name's rules).
 */
import {
  ACTIONS, CALENDAR_SCHEDULE, PRINCIPAL, REPETITION, SETTINGS, TRIGGERS,
  type Fields, type SchemaNode,
} from '../schtasks/model.js';
import type { ValueType } from '../schtasks/values.js';
import { joinWindowsArguments } from '../schtasks/command-line.js';
import { readDateTime } from '../schtasks/datetime.js';
import { parseDurationInput } from '../schtasks/duration.js';
import { normalizeFolder, taskFolderProblems, taskNameProblems } from '../schtasks/task-path.js';
import type { CompiledConfig } from './compile-tasks.js';
import type { FieldTaskDeclaration, TaskDeclaration, XmlTaskDeclaration } from './task-schema.js';

export const DEFAULT_PREFIX = 'AGI';

/** The settings a task states at its top level instead (`timeLimit`, `multipleInstances`, `enabled`). */
export const SETTINGS_ON_TASK = ['executionTimeLimit', 'multipleInstancesPolicy', 'enabled'] as const;

/** Which form a task declaration is in: `xml` present means the whole-task form. */
export function isXmlTask(task: TaskDeclaration): task is XmlTaskDeclaration {
  return 'xml' in task;
}

/**
 * A computer's name as `--computer` and declarations write it: a NetBIOS or DNS name
 * (`lab-2`, `gpu-1.contoso.local`) or an IP address; 1 to 253 characters. Undefined when it is one.
 */
export function computerNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a computer name must not be empty';
  if (name.length > 253) return `a computer name is at most 253 characters ('${name.slice(0, 20)}…' has ${name.length})`;
  if (/^[0-9a-f:]+$/i.test(name) && name.includes(':')) return undefined;
  if (!/^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?$/i.test(name) || name.includes('..')) {
    return `'${name}' is not a computer name (letters, digits, '-', '_' and '.' between them, or an IP address)`;
  }
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- one value --------------------------------------------------------------------------

/**
 * What `zodFor(type)` yields for `input` when it surely accepts it, without zod: the same
 * readers and checks, in the same order. Undefined whenever the field might refuse the input:
 * the caller then asks zod, which names the problem.
 */
function plainInput<V>(type: ValueType<V>, input: unknown): { value: V } | undefined {
  const spec = type.spec;
  switch (spec.type) {
    case 'boolean':
      return typeof input === 'boolean' ? { value: input as V } : undefined;
    case 'int':
      return Number.isSafeInteger(input) && (input as number) >= spec.min && (input as number) <= spec.max ? { value: input as V } : undefined;
    case 'dayOfMonth':
      return input === 'Last' || (Number.isSafeInteger(input) && (input as number) >= 1 && (input as number) <= 31) ? { value: input as V } : undefined;
    case 'duration': {
      if (typeof input !== 'string') return undefined;
      const result = parseDurationInput(input);
      return result.ok && type.problem(result.iso as V) === undefined ? { value: result.iso as V } : undefined;
    }
    case 'dateTime': {
      if (typeof input !== 'string') return undefined;
      const reading = readDateTime(input, 'declaration');
      return reading.ok ? { value: reading.text as V } : undefined;
    }
    case 'enum':
      return typeof input === 'string' && spec.values.includes(input) ? { value: input as V } : undefined;
    case 'account':
    case 'guid':
    case 'text':
      return typeof input === 'string' && type.problem(input as V) === undefined ? { value: input as V } : undefined;
  }
}

// ---- tables (principal, settings, repetition, schedules) --------------------------------

type Plain = Record<string, unknown>;

/** Every key of `value` is one of `keys` and none is set to undefined (zod keeps such a key; this path does not). */
function hasOnly(value: Plain, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key) || value[key] === undefined) return false;
  return true;
}

/**
 * The fields of a table (`shapeOf` in task-schema.ts: each optional unless required without a
 * default; groups strict, lists bounded) read into `out` in the table's order. False when one
 * is missing or not surely valid.
 */
function readFields(fields: Fields, keys: readonly string[], value: Plain, out: Plain): boolean {
  for (const key of keys) {
    const node = fields[key] as SchemaNode;
    const input = value[key];
    if (input === undefined) {
      if (node.required && node.default === undefined) return false;
      continue;
    }
    const read = readNode(node, input);
    if (read === undefined) return false;
    out[key] = read;
  }
  return true;
}

function readNode(node: SchemaNode, input: unknown): unknown {
  switch (node.node) {
    case 'leaf':
    case 'attribute':
      return plainInput(node.value, input)?.value;
    case 'group':
      return readGroup(node.fields, input);
    case 'list': {
      if (!Array.isArray(input) || (node.max !== undefined && input.length > node.max)) return undefined;
      const items: unknown[] = [];
      for (const item of input) {
        const read = plainInput(node.value as ValueType<unknown>, item);
        if (read === undefined) return undefined;
        items.push(read.value);
      }
      return items;
    }
    default:
      // Named values (event value queries) and choices: zod's.
      return undefined;
  }
}

/** The keys a group allows, in the table's order. */
interface GroupKeys {
  keys: string[];
  set: Set<string>;
}

function groupKeys(fields: Fields, omitted: readonly string[] = []): GroupKeys {
  const keys = Object.keys(fields).filter((key) => !omitted.includes(key));
  return { keys, set: new Set(keys) };
}

const keysOfGroup = new WeakMap<Fields, GroupKeys>();

/** A strict group of a table's fields: all of them allowed, or those of `known`. */
function readGroup(fields: Fields, input: unknown, known?: GroupKeys): Plain | undefined {
  if (!known) {
    known = keysOfGroup.get(fields);
    if (!known) keysOfGroup.set(fields, (known = groupKeys(fields)));
  }
  if (!isPlainObject(input) || !hasOnly(input, known.set)) return undefined;
  const out: Plain = {};
  return readFields(fields, known.keys, input, out) ? out : undefined;
}

// ---- tasks ------------------------------------------------------------------------------

/**
 * `fieldTaskSchema`'s output for a task when every part of it is surely valid, else undefined
 * (a task kept as XML, event triggers, raw parts, or anything that might be a problem).
 */
export function plainTaskDeclaration(value: unknown): FieldTaskDeclaration | undefined {
  if (!isPlainObject(value) || !hasOnly(value, TASK_KEYS)) return undefined;
  const out: Plain = {};
  for (const [key, readField] of TASK_READERS) {
    const read = readField(value[key]);
    if (read === INVALID) return undefined;
    if (read !== undefined) out[key] = read;
  }
  return out as FieldTaskDeclaration;
}

/** A reader's answer that zod would refuse (or that this path does not mirror). */
const INVALID = Symbol('invalid');
type Reader = (input: unknown) => unknown;

const optional = (read: Reader): Reader => (input) => (input === undefined ? undefined : read(input));
const text: Reader = (input) => (typeof input === 'string' ? input : INVALID);
const nonEmptyText: Reader = (input) => (typeof input === 'string' && input !== '' ? input : INVALID);
const value = (type: ValueType<unknown>): Reader => (input) => plainInput(type, input)?.value ?? INVALID;
const listOf = (read: Reader, min: number, max: number): Reader => (input) => {
  if (!Array.isArray(input) || input.length < min || input.length > max) return INVALID;
  const items = input.map(read);
  return items.includes(INVALID) || items.includes(undefined) ? INVALID : items;
};
/** `$comment`, of a task or of the config: a string or a list of them. */
const comment: Reader = (input) => (typeof input === 'string' ? input : listOf(text, 0, Infinity)(input));
/** The settings a task writes under `settings`: all but those it states at its top level. */
const SETTINGS_KEYS = groupKeys(SETTINGS.fields, SETTINGS_ON_TASK);

/** Every field of `fieldTaskSchema`, in its order, with how it is read. */
const TASK_FIELDS: Record<string, Reader> = {
  name: (input) => (typeof input === 'string' && taskNameProblems(input).length === 0 ? input : INVALID),
  folder: (input) =>
    input === undefined ? '\\' : typeof input === 'string' && taskFolderProblems(input).length === 0 ? normalizeFolder(input) : INVALID,
  group: optional(nonEmptyText),
  computers: optional(listOf((name) => (typeof name === 'string' && computerNameProblem(name) === undefined ? name : INVALID), 1, Infinity)),
  $comment: optional(comment),
  description: optional(text),
  documentation: optional(text),
  source: optional(text),
  version: optional(text),
  author: optional(text),
  securityDescriptor: optional(nonEmptyText),
  actions: listOf(plainAction, 1, 32),
  triggers: optional(listOf(plainTrigger, 0, 48)),
  timeLimit: value(SETTINGS.fields.executionTimeLimit.value),
  multipleInstances: (input) => (input === undefined ? 'IgnoreNew' : value(SETTINGS.fields.multipleInstancesPolicy.value)(input)),
  enabled: optional((input) => (typeof input === 'boolean' ? input : INVALID)),
  principal: optional((input) => readGroup(PRINCIPAL.fields, input) ?? INVALID),
  settings: optional((input) => readGroup(SETTINGS.fields, input, SETTINGS_KEYS) ?? INVALID),
  data: optional(text),
};
const TASK_READERS = Object.entries(TASK_FIELDS);
const TASK_KEYS = new Set(Object.keys(TASK_FIELDS));

// ---- actions ----------------------------------------------------------------------------

const EXEC_FIELDS = ACTIONS.Exec.fields;
const EXEC_KEYS = new Set(['type', ...Object.keys(EXEC_FIELDS)]);
const COM_FIELDS = ACTIONS.ComHandler.fields;
const COM_KEYS = new Set(['type', ...Object.keys(COM_FIELDS)]);

/** An exec action (`type` may be left out) or a COM handler; `arguments` as a string or an argv array. */
function plainAction(input: unknown): Plain | typeof INVALID {
  if (!isPlainObject(input)) return INVALID;
  if (input['type'] === 'comHandler') {
    if (!hasOnly(input, COM_KEYS)) return INVALID;
    const out: Plain = { type: 'comHandler' };
    return readFields(COM_FIELDS, Object.keys(COM_FIELDS), input, out) ? out : INVALID;
  }
  if ((input['type'] !== undefined && input['type'] !== 'exec') || !hasOnly(input, EXEC_KEYS)) return INVALID;
  const out: Plain = { type: 'exec' };
  if (!readFields(EXEC_FIELDS, EXEC_ORDER_WITHOUT_ARGUMENTS, input, out)) return INVALID;
  const args = input['arguments'];
  if (args !== undefined) {
    if (typeof args === 'string') out['arguments'] = args;
    else if (Array.isArray(args) && args.every((arg) => typeof arg === 'string')) out['arguments'] = joinWindowsArguments(args);
    else return INVALID;
  }
  return inOrder(EXEC_ORDER, out);
}
const EXEC_ORDER = ['type', ...Object.keys(EXEC_FIELDS)];
const EXEC_ORDER_WITHOUT_ARGUMENTS = Object.keys(EXEC_FIELDS).filter((key) => key !== 'arguments');

function inOrder(order: readonly string[], fields: Plain): Plain {
  const out: Plain = {};
  for (const key of order) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

// ---- triggers ---------------------------------------------------------------------------

/** The time trigger's table under the declaration's names (`start` for `startBoundary`, `repeat` for `repetition`). */
const COMMON: Fields = Object.fromEntries(Object.entries(TRIGGERS.TimeTrigger.fields).map(([key, node]) => [node.declaredAs ?? key, node]));
interface TriggerShape {
  /** The fields after `type`, in the schema's order. */
  order: string[];
  /** Where each is read from, by its declared name. */
  fields: Fields;
  required: Set<string>;
}

/**
 * Each trigger type this path reads, built as task-schema.ts builds its schemas: the common
 * fields first (`triggerCommonFields`, all optional), `randomDelay` and a required `start` for
 * calendar triggers, then the type's own (a schedule's table, with its required fields).
 */
const TRIGGER_SHAPES: Record<string, TriggerShape> = (() => {
  const common = ['id', 'enabled', 'start', 'end', 'executionTimeLimit', 'repeat'];
  const shape = (order: string[], own: Fields, required: string[]): TriggerShape => ({ order: [...order, ...Object.keys(own)], fields: { ...COMMON, ...own }, required: new Set(required) });
  const requiredOf = (fields: Fields) => Object.keys(fields).filter((key) => fields[key]?.required && fields[key].default === undefined);
  const calendar = (own: Fields = {}) => shape([...common, 'randomDelay'], own, ['start', ...requiredOf(own)]);
  const schedules = CALENDAR_SCHEDULE.options;
  const { delay } = TRIGGERS.BootTrigger.fields;
  const logon = TRIGGERS.LogonTrigger.fields;
  const session = TRIGGERS.SessionStateChangeTrigger.fields;
  return {
    time: calendar(),
    daily: calendar(schedules.ByDay.fields),
    weekly: calendar(schedules.ByWeek.fields),
    monthly: calendar(schedules.ByMonth.fields),
    boot: shape(common, { delay }, []),
    registration: shape(common, { delay }, []),
    idle: shape(common, {}, []),
    logon: shape(common, { delay, userId: logon.userId }, []),
    sessionStateChange: shape(common, { delay, stateChange: session.stateChange, userId: session.userId }, ['stateChange']),
  };
})();
const TRIGGER_KEYS = new Map(Object.entries(TRIGGER_SHAPES).map(([type, { order }]) => [type, new Set(['type', ...order])]));

function plainTrigger(input: unknown): Plain | typeof INVALID {
  if (!isPlainObject(input)) return INVALID;
  const type = input['type'];
  const shape = typeof type === 'string' ? TRIGGER_SHAPES[type] : undefined;
  if (!shape || !hasOnly(input, TRIGGER_KEYS.get(type as string)!)) return INVALID;
  const out: Plain = { type };
  for (const key of shape.order) {
    const given = input[key];
    if (given === undefined) {
      if (shape.required.has(key)) return INVALID;
      continue;
    }
    const read = key === 'repeat' ? plainRepeat(given) : readNode(shape.fields[key] as SchemaNode, given);
    if (read === undefined) return INVALID;
    out[key] = read;
  }
  return out;
}

/** `repeatSchema`: the repetition table, and its own rule that a duration meaning "indefinitely" is refused. */
function plainRepeat(input: unknown): Plain | undefined {
  const out = readGroup(REPETITION.fields, input);
  if (out?.['duration'] !== undefined && REPETITION.fields.duration.value.canonical(out['duration'] as string) === undefined) return undefined;
  return out;
}

// ---- the config -------------------------------------------------------------------------

/** What `configSchema` yields that compiling needs, when surely valid; `tasks` still unread. */
export interface PlainConfig extends Pick<CompiledConfig, 'prefix' | 'computers' | 'doctor'> {
  tasks: readonly unknown[];
}

const CONFIG_KEYS = new Set(['$schema', '$comment', 'prefix', 'tasks', 'computers', 'doctor']);
const DOCTOR_KEYS = new Set(['cpuPercent', 'memoryPercent', 'pythonProcesses']);
const percent = (input: unknown) => typeof input === 'number' && input >= 0 && input <= 100;

/** `prefixSchema` accepts it. */
const isPrefix = (prefix: unknown): prefix is string => typeof prefix === 'string' && prefix !== '' && taskNameProblems(prefix, 'a task name prefix').length === 0;

/** The config's own fields, and `--prefix` when given, when every one is surely valid. */
export function plainConfig(input: unknown, prefixOption?: string): PlainConfig | undefined {
  if (!isPlainObject(input) || !hasOnly(input, CONFIG_KEYS)) return undefined;
  const { $schema, $comment, prefix = DEFAULT_PREFIX, tasks, computers, doctor } = input;
  if ($schema !== undefined && typeof $schema !== 'string') return undefined;
  if ($comment !== undefined && comment($comment) === INVALID) return undefined;
  if (!isPrefix(prefix) || !Array.isArray(tasks) || (prefixOption !== undefined && !isPrefix(prefixOption))) return undefined;
  const config: PlainConfig = { prefix: prefixOption ?? prefix, tasks };
  if (computers !== undefined) {
    if (!isPlainObject(computers)) return undefined;
    for (const [role, names] of Object.entries(computers)) {
      if (computerNameProblem(role) !== undefined || !Array.isArray(names) || names.length === 0) return undefined;
      if (!names.every((name) => typeof name === 'string' && computerNameProblem(name) === undefined)) return undefined;
    }
    config.computers = computers as Record<string, string[]>;
  }
  if (doctor !== undefined) {
    if (!isPlainObject(doctor) || !hasOnly(doctor, DOCTOR_KEYS)) return undefined;
    const { cpuPercent, memoryPercent, pythonProcesses } = doctor;
    if (cpuPercent !== undefined && !percent(cpuPercent)) return undefined;
    if (memoryPercent !== undefined && !percent(memoryPercent)) return undefined;
    if (pythonProcesses !== undefined && !(Number.isSafeInteger(pythonProcesses) && (pythonProcesses as number) >= 0)) return undefined;
    config.doctor = doctor as NonNullable<PlainConfig['doctor']>;
  }
  return config;
}
