/**
 * `taskctl import` minus the I/O: live task records → declarations such that
 * `plan --config <that file>` against the same source reports no changes.
 *
 * Each task is decompiled field by field from the schema tables — only what differs from
 * a default is written, durations in their short spelling — and then proved: the
 * declaration is compiled and compared by meaning with the live task, exactly as plan
 * will. A task that does not survive that (an element taskctl does not model, a value the
 * declaration language refuses, an empty command in an exported template) is written
 * whole as XML instead (`{ name, folder, xml }`), and a task Task Scheduler itself would
 * refuse is kept that way too, with a warning that apply would fail on it. So an import
 * always plans back to no changes.
 *
 * Notes: what happens to one task (kept as XML, a password to give, a raw trigger) is said
 * per task, on stderr and in the file; what is dropped or respelled in many tasks alike
 * (Windows' own metadata, defaults, duration spellings) once per kind, with a count.
 */
import { describeError, type Issue } from '../core/errors.js';
import {
  CALENDAR_SCHEDULE, PASSWORD_LOGON_TYPES, PRINCIPAL, SETTINGS, TRIGGERS, dropUndefined,
  type Action, type Fields, type LiveTaskRecord, type SchemaNode, type TaskDefinition, type Trigger,
} from '../schtasks/model.js';
import { alignUndeclared, normalizeTask } from '../schtasks/normalize-task.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';
import { fullTaskPath, normalizeFolder } from '../schtasks/task-path.js';
import { validateDefinition } from '../schtasks/validate-definition.js';
import { compileConfig } from '../declaration/compile-config.js';
import { SETTINGS_ON_TASK } from '../declaration/plain-declaration.js';
import type { TaskDeclarationInput } from '../declaration/task-schema.js';
import { renderDeclarationsJson, renderDeclarationsTs } from './render-declarations.js';

export interface ImportOptions {
  prefix: string;
  format: 'ts' | 'json';
  /** Module specifier the TypeScript file imports `defineConfig`/`defineTask` from. @default 'taskctl' */
  importFrom?: string;
}

/** One imported task: its declaration and what a person must know about it. */
export interface ImportedTask {
  task: TaskDeclarationInput;
  notes: string[];
}

export interface ImportResult {
  /** The declarations file. */
  text: string;
  /** Per task: kept as XML, passwords to give, raw elements; tasks that could not be read. */
  notes: string[];
  /** Once per kind: what was dropped or respelled, and in how many tasks. */
  summary: string[];
  /** How many tasks were written. */
  count: number;
  /** Live tasks that could not be read at all (left out of the file). */
  errors: string[];
}

export function importTasks(records: readonly LiveTaskRecord[], options: ImportOptions): ImportResult {
  const tasks: ImportedTask[] = [];
  const errors: string[] = [];
  const kinds = new Map<string, Set<string>>();
  const note = (kind: string, task: string) => kinds.set(kind, (kinds.get(kind) ?? new Set()).add(task));
  for (const record of records) {
    const path = fullTaskPath(record.taskPath, record.taskName);
    if (record.unreadable !== undefined) {
      errors.push(`${path}: ${record.unreadable}; it is not in the file`);
      continue;
    }
    let parsed: ReturnType<typeof parseTaskXml>;
    try {
      parsed = parseTaskXml(record.xml, path);
    } catch (error) {
      // The message names the task already (XmlParseError carries `where`).
      errors.push(`${describeError(error)}; it is not in the file`);
      continue;
    }
    tasks.push(importTask(record, parsed.definition, parsed.warnings, options.prefix, (kind) => note(kind, path)));
  }
  const summary = [...kinds].map(([kind, paths]) => `${kind}: ${paths.size} task${paths.size === 1 ? '' : 's'} (${[...paths].slice(0, 3).join(', ')}${paths.size > 3 ? ', …' : ''})`);
  // The file says what the import dropped or respelled too, not only the terminal it ran in.
  const config = { prefix: options.prefix, tasks, notes: [...errors, ...summary] };
  const text = options.format === 'json' ? renderDeclarationsJson(config) : renderDeclarationsTs(config, { importFrom: options.importFrom });
  return { text, notes: [...errors, ...tasks.flatMap((t) => t.notes)], summary, count: tasks.length, errors };
}

function importTask(record: LiveTaskRecord, live: TaskDefinition, warnings: string[], prefix: string, note: (kind: string) => void): ImportedTask {
  const path = fullTaskPath(record.taskPath, record.taskName);
  const folder = normalizeFolder(record.taskPath);
  const asXml = (why: string[]): ImportedTask => ({
    task: dropUndefined({ name: record.taskName, folder: folder === '\\' ? undefined : folder, xml: record.xml }),
    notes: why.map((reason) => `${path}: kept whole as XML: ${reason}`),
  });

  const refused = validateDefinition(live);
  if (refused.length > 0) {
    return asXml(refused.map((issue) => `Task Scheduler would refuse ${issue.path}: ${issue.message}; apply would fail on it until it is fixed`));
  }
  if (warnings.length > 0) return asXml(warnings.map((warning) => `${warning.replace(/^Task\//, '')}, which a field-by-field declaration would lose`));

  const notes: string[] = [];
  const task = definitionToDeclaration(record.taskName, folder, live, path, notes, note);
  const problems = roundTripProblems(task, live, prefix);
  if (problems.length > 0) return asXml(problems);
  return { task, notes };
}

/** Why the declaration would not plan back to the live task (compile refuses it, or it means something else). */
function roundTripProblems(task: TaskDeclarationInput, live: TaskDefinition, prefix: string): string[] {
  let compiled;
  try {
    compiled = compileConfig({ prefix, tasks: [task] }, { prefix }).tasks[0]!;
  } catch (error) {
    const issues = (error as { issues?: Issue[] }).issues ?? [{ path: '', message: describeError(error) }];
    return issues.filter((i) => !i.path.endsWith('.name')).map((i) => `taskctl refuses ${i.path.replace(/^tasks\[0\]\.?/, '') || 'the task'}: ${i.message}`);
  }
  const declared = normalizeTask(compiled.definition);
  const same = JSON.stringify(alignUndeclared(normalizeTask(live), declared)) === JSON.stringify(declared);
  return same ? [] : ['its fields do not compile back to the same task'];
}

// ---- wire model → declaration ------------------------------------------------------------

function definitionToDeclaration(
  name: string, folder: string, def: TaskDefinition, path: string, notes: string[], note: (kind: string) => void,
): TaskDeclarationInput {
  const info = def.registrationInfo;
  if (info.date !== undefined || info.uri !== undefined) note('RegistrationInfo Date and URI are written by Windows; not declared');
  if (def.principal?.id !== undefined || def.actionsContext !== undefined) note('the Principal id and Actions Context are written by Windows; not declared');
  const settings = def.settings;
  // Triggers first: notes come in document order.
  const triggers = def.triggers.map((trigger, i) => triggerToDeclaration(trigger, `${path} triggers[${i}]`, notes));
  return dropUndefined({
    name,
    folder: folder === '\\' ? undefined : folder,
    description: nonEmpty(info.description),
    documentation: nonEmpty(info.documentation),
    author: nonEmpty(info.author),
    version: nonEmpty(info.version),
    source: nonEmpty(info.source),
    securityDescriptor: nonEmpty(info.securityDescriptor?.trim()),
    actions: def.actions.map((action, i) => actionToDeclaration(action, `${path} actions[${i}]`, notes)),
    triggers: triggers.length > 0 ? triggers : undefined,
    // Always written: a live task without ExecutionTimeLimit runs for up to 72 hours, and a declaration must say so.
    timeLimit: short(SETTINGS.fields.executionTimeLimit, settings.executionTimeLimit ?? SETTINGS.fields.executionTimeLimit.default),
    multipleInstances: unlessDefault(SETTINGS.fields.multipleInstancesPolicy, settings.multipleInstancesPolicy),
    enabled: unlessDefault(SETTINGS.fields.enabled, settings.enabled),
    principal: def.principal && principalToDeclaration(def.principal, path, notes),
    settings: emptyToUndefined(fieldsToDeclaration(omitOnTask(SETTINGS.fields), settings, note)),
    data: nonEmpty(def.data),
  }) as TaskDeclarationInput;
}

function omitOnTask(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !(SETTINGS_ON_TASK as readonly string[]).includes(key)));
}

/** Every field of a table that differs from its default, by the table's own value types. */
function fieldsToDeclaration(fields: Fields, value: object, note: (kind: string) => void): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(fields) as [string, SchemaNode][]) {
    if (n.compare === 'never') continue;
    const v = source[key];
    if (v === undefined) continue;
    if (n.node === 'group') {
      const inner = fieldsToDeclaration(n.fields, v as object, note);
      out[key] = n.fillWhenAbsent ? emptyToUndefined(inner) : inner;
    } else if (n.node === 'leaf' || n.node === 'attribute') {
      // A value that means "not set" (a repetition Duration of PT0S: indefinitely) is written by leaving it out.
      if (n.value.canonical(v as never) === undefined) continue;
      const written = unlessDefault(n, v);
      if (written === undefined) note('values equal to the schema default are left out (the default applies)');
      out[key] = n.value.spec.type === 'duration' && typeof written === 'string' ? short(n, written) : written;
    } else if (n.node === 'list' || n.node === 'namedValues') {
      out[key] = (v as unknown[]).length > 0 ? v : undefined;
    }
  }
  return dropUndefined(out);
}

/** `v` unless it means the same as the field's default. */
function unlessDefault<V>(n: { default?: V; value: { canonical(v: V): V | undefined } }, v: V | undefined): V | undefined {
  if (v === undefined || n.default === undefined) return v;
  return n.value.canonical(v) === n.value.canonical(n.default) ? undefined : v;
}

/** A duration in its shortest ISO spelling (`PT12M0S` → `PT12M`). */
function short(n: { value: { canonical(v: string): string | undefined } }, v: string): string {
  return n.value.canonical(v) ?? v;
}

function principalToDeclaration(p: NonNullable<TaskDefinition['principal']>, path: string, notes: string[]): Record<string, unknown> {
  if (p.logonType !== undefined && PASSWORD_LOGON_TYPES.includes(p.logonType)) {
    notes.push(`${path}: runs as ${p.userId ?? 'its user'} with logon type ${p.logonType}; apply will ask for the password (it is never stored in declarations)`);
  }
  const principal = fieldsToDeclaration(PRINCIPAL.fields, p, () => undefined);
  // A principal with only defaults still differs from none (none = the registering user).
  return Object.keys(principal).length > 0 ? principal : { runLevel: 'LeastPrivilege' };
}

function actionToDeclaration(action: Action, where: string, notes: string[]): unknown {
  switch (action.kind) {
    case 'Exec':
      return dropUndefined({ command: action.command, arguments: nonEmpty(action.arguments), workingDirectory: nonEmpty(action.workingDirectory), id: action.id });
    case 'ComHandler':
      return dropUndefined({ type: 'comHandler', classId: action.classId.trim(), data: nonEmpty(action.data), id: action.id });
    case 'Raw':
      notes.push(`${where}: <${action.element}> has no typed form in taskctl; it is carried verbatim as a raw action`);
      return { raw: action.xml };
  }
}

const DECLARED_TYPE: Record<string, string> = {
  TimeTrigger: 'time', BootTrigger: 'boot', LogonTrigger: 'logon', IdleTrigger: 'idle', EventTrigger: 'event',
  RegistrationTrigger: 'registration', SessionStateChangeTrigger: 'sessionStateChange',
};
const SCHEDULE_TYPE: Record<string, string> = { ByDay: 'daily', ByWeek: 'weekly', ByMonth: 'monthly', ByMonthDayOfWeek: 'monthlyDayOfWeek' };

/** The inverse of compile's trigger mapping: `start`/`end`/`repeat`, calendar schedules flattened by type. */
function triggerToDeclaration(t: Trigger, where: string, notes: string[]): unknown {
  if (t.kind === 'Raw') {
    notes.push(`${where}: <${t.element}> has no typed form in taskctl; it is carried verbatim as a raw trigger`);
    return { type: 'raw', xml: t.xml };
  }
  const fields = fieldsToDeclaration((TRIGGERS[t.kind] as { fields: Fields }).fields, t, () => undefined);
  const { startBoundary, endBoundary, repetition, ...rest } = fields;
  const common = dropUndefined({ ...rest, start: trimmed(startBoundary), end: trimmed(endBoundary), repeat: repetition });
  if (t.kind !== 'CalendarTrigger') return { type: DECLARED_TYPE[t.kind], ...common };
  const { kind, ...scheduleFields } = t.schedule;
  const option = CALENDAR_SCHEDULE.options[kind] as { fields: Fields };
  return { type: SCHEDULE_TYPE[kind], ...common, ...fieldsToDeclaration(option.fields, scheduleFields, () => undefined) };
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Text that is absent when empty (Windows writes empty elements for "nothing"). */
function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

function emptyToUndefined(value: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}
