/**
 * Declarations, once read, → `CompiledConfig`: every problem is collected first, each with the
 * path people see in their file, and thrown as one `ValidationError` before anything is read
 * or changed; then each task becomes its wire model, sorted by path.
 *
 * Reading each field is the step before (`compileConfig` with zod, or `compilePlainConfig`
 * without it for what is surely valid); the checks here follow in order: where tasks live
 * (the prefix, unique paths, path length); Task Scheduler's rules on the compiled definition
 * (`validateDefinition`: ranges, cross-field rules, characters XML can't carry); and the size
 * limit — taskctl never writes a task it could not read back. A task kept whole as XML must
 * parse; what Task Scheduler would refuse in it is a warning, since the XML is registered as
 * given and Task Scheduler has the last word.
 */
import { ValidationError, type Issue } from '../core/errors.js';
import { LIMITS, PASSWORD_LOGON_TYPES, SETTINGS, TRIGGERS, dropUndefined, type Action, type TaskDefinition, type Trigger } from '../schtasks/model.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';
import { renderTaskXml, renderedLengthAtMost } from '../schtasks/render-task-xml.js';
import { fullTaskPath, matchesPrefix, MAX_TASK_PATH_LENGTH, taskPathKey } from '../schtasks/task-path.js';
import { validateDefinition } from '../schtasks/validate-definition.js';
import { parseRawElement } from '../schtasks/xml.js';
import { isXmlTask, plainConfig, plainTaskDeclaration, SETTINGS_ON_TASK } from './plain-declaration.js';
import type { ActionDeclaration, FieldTaskDeclaration, TaskDeclaration, TriggerDeclaration } from './task-schema.js';

/** One declared task, compiled. */
export interface DeclaredTask {
  /** `\` or `\Sub\`. */
  folder: string;
  name: string;
  /** Full path, folder + name. */
  path: string;
  /** Tasks of one group must never run at the same time. */
  group?: string;
  /** With `--computer`: the computers or roles it goes to (absent: every computer named). */
  computers?: string[];
  /** The wire model, as it will be registered (not normalized). */
  definition: TaskDefinition;
  /** A task declared as XML: registered exactly as given. */
  xml?: string;
  /** True when the principal's logon type needs a password at registration (never stored). */
  needsPassword: boolean;
}

export interface CompiledConfig {
  prefix: string;
  /** Sorted by path. */
  tasks: DeclaredTask[];
  /** What will likely fail at apply in tasks kept as XML (Task Scheduler has the last word). */
  warnings: Issue[];
  /** Roles: role name → computer names (`--computer`). */
  computers?: Record<string, string[]>;
  /** `taskctl doctor`'s thresholds, where the config overrides them. */
  doctor?: { cpuPercent?: number; memoryPercent?: number; pythonProcesses?: number };
}

export interface CompileOptions {
  /** `--prefix`: overrides the config's own prefix. */
  prefix?: string;
  /** Where the declarations came from (a file path), named in the error heading. */
  source?: string;
}

/** The config's own fields, read: what compiling needs of them, and their problems (and `--prefix`'s). */
export interface ConfigReading extends Pick<CompiledConfig, 'prefix' | 'computers' | 'doctor'> {
  issues: Issue[];
}

/** One task, read: its declaration, or its problems (and where it lives, when its name and folder are fine). */
export type TaskReading = { ok: true; task: TaskDeclaration } | { ok: false; issues: Issue[]; placement?: { name: string; folder: string } };

/** Compiles a config from its readings: tasks were read one by one, so one bad task does not hide the others' problems. */
export function compileReadings(config: ConfigReading, readings: readonly TaskReading[], options: CompileOptions): CompiledConfig {
  const heading = `The declarations${options.source ? ` in ${options.source}` : ''} are not valid`;
  const issues: Issue[] = [...config.issues];
  const warnings: Issue[] = [];
  const tasks: DeclaredTask[] = [];
  const placed: Placement[] = [];
  readings.forEach((reading, index) => {
    const where = reading.ok ? reading.task : reading.placement;
    if (where) {
      const placement = { index, name: where.name, folder: where.folder };
      placed.push(placement);
      issues.push(...checkPlacement(placement, config.prefix));
    }
    if (!reading.ok) {
      issues.push(...reading.issues);
      return;
    }
    const compiled = compileTask(reading.task, index, issues, warnings);
    if (compiled) tasks.push(compiled);
  });
  issues.push(...checkUniquePaths(placed));
  if (issues.length > 0) throw new ValidationError(sortByTask(issues), heading);

  tasks.sort((a, b) => compareKeys(taskPathKey(a.path), taskPathKey(b.path)) || compareKeys(a.path, b.path));
  const { prefix, doctor, computers } = config;
  return { prefix, tasks, warnings, ...(doctor !== undefined ? { doctor } : {}), ...(computers !== undefined ? { computers } : {}) };
}

/**
 * The config compiled without zod, when the config and every task in it are in the common,
 * surely valid shape (`plain-declaration.ts`); undefined otherwise, and then `compileConfig`
 * decides. Where both answer, they answer the same: the same readings go through the same checks.
 */
export function compilePlainConfig(input: unknown, options: CompileOptions = {}): CompiledConfig | undefined {
  const config = plainConfig(input, options.prefix);
  if (!config) return undefined;
  const readings: TaskReading[] = [];
  for (const raw of config.tasks) {
    const task = plainTaskDeclaration(raw);
    if (!task) return undefined;
    readings.push({ ok: true, task });
  }
  return compileReadings({ ...config, issues: [] }, readings, options);
}

function compileTask(task: TaskDeclaration, index: number, issues: Issue[], warnings: Issue[]): DeclaredTask | undefined {
  const at = (path: string) => `tasks[${index}]${path === '' ? '' : path.startsWith('[') ? path : `.${path}`}`;
  let definition: TaskDefinition;
  if (isXmlTask(task)) {
    try {
      definition = parseTaskXml(task.xml, at('xml')).definition;
    } catch (error) {
      issues.push({ path: at('xml'), message: (error as Error).message.replace(`${at('xml')}: `, '') });
      return undefined;
    }
    if (task.xml.length > LIMITS.taskXmlChars) issues.push({ path: at('xml'), message: tooLarge(task.xml.length) });
    for (const problem of validateDefinition(definition)) {
      warnings.push({ path: at('xml'), message: `${problem.path}: ${problem.message} (Task Scheduler will likely refuse it at apply)` });
    }
  } else {
    definition = toDefinition(task);
    const problems = validateDefinition(definition);
    issues.push(...problems.map((problem) => ({ ...problem, path: at(declarationPath(problem.path)) })));
    // Rendered only when the cheap bound does not already show it fits.
    if (problems.length === 0 && !((renderedLengthAtMost(definition) ?? Infinity) <= LIMITS.taskXmlChars)) {
      const size = renderTaskXml(definition).length;
      if (size > LIMITS.taskXmlChars) issues.push({ path: at(''), message: tooLarge(size) });
    }
  }
  const logonType = definition.principal?.logonType;
  const path = fullTaskPath(task.folder, task.name);
  return dropUndefined({
    folder: task.folder, name: task.name, path, group: task.group, computers: task.computers, definition,
    xml: isXmlTask(task) ? task.xml : undefined,
    needsPassword: logonType !== undefined && PASSWORD_LOGON_TYPES.includes(logonType),
  });
}

function tooLarge(chars: number): string {
  return `the task's XML would be ${chars} characters; taskctl reads and writes at most ${LIMITS.taskXmlChars} (a real task is a few KB): shorten the description, arguments or data`;
}

// ---- declaration → wire model ------------------------------------------------------------

/** A validated field-by-field declaration → the wire model, as it will be rendered. */
export function toDefinition(task: FieldTaskDeclaration): TaskDefinition {
  const principal = task.principal && { ...task.principal, id: task.principal.id ?? DEFAULT_PRINCIPAL_ID };
  return dropUndefined<TaskDefinition>({
    registrationInfo: dropUndefined({
      source: task.source, author: task.author, version: task.version, description: task.description,
      documentation: task.documentation, securityDescriptor: task.securityDescriptor,
    }),
    triggers: (task.triggers ?? []).map(triggerToDefinition),
    principal,
    settings: dropUndefined({ ...task.settings, multipleInstancesPolicy: task.multipleInstances, enabled: task.enabled, executionTimeLimit: task.timeLimit }),
    // Windows itself writes `id="Author"` with `Actions Context="Author"`; both are metadata the plan ignores.
    actionsContext: principal?.id,
    actions: task.actions.map(actionToDefinition),
    data: task.data,
  });
}

const DEFAULT_PRINCIPAL_ID = 'Author';

function actionToDefinition(action: ActionDeclaration): Action {
  if (action.type === 'raw') return { kind: 'Raw', element: parseRawElement(action.raw, 'raw action').name, xml: action.raw };
  const { type, ...fields } = action;
  return { kind: type === 'exec' ? 'Exec' : 'ComHandler', ...fields } as Action;
}

function triggerToDefinition(trigger: TriggerDeclaration): Trigger {
  if (trigger.type === 'raw') return { kind: 'Raw', element: parseRawElement(trigger.xml, 'raw trigger').name, xml: trigger.xml };
  const { type, start, end, repeat, ...rest } = trigger;
  const base = { ...rest, startBoundary: start, endBoundary: end, repetition: repeat };
  switch (type) {
    case 'daily': {
      const { daysInterval, ...common } = base as typeof base & { daysInterval?: number };
      return dropUndefined({ kind: 'CalendarTrigger', ...common, schedule: dropUndefined({ kind: 'ByDay', daysInterval }) }) as Trigger;
    }
    case 'weekly': {
      const { weeksInterval, daysOfWeek, ...common } = base as typeof base & { weeksInterval?: number; daysOfWeek: string[] };
      return dropUndefined({ kind: 'CalendarTrigger', ...common, schedule: dropUndefined({ kind: 'ByWeek', weeksInterval, daysOfWeek }) }) as Trigger;
    }
    case 'monthly': {
      const { daysOfMonth, months, ...common } = base as typeof base & { daysOfMonth: unknown[]; months?: string[] };
      return dropUndefined({ kind: 'CalendarTrigger', ...common, schedule: dropUndefined({ kind: 'ByMonth', daysOfMonth, months }) }) as Trigger;
    }
    case 'monthlyDayOfWeek': {
      const { weeks, daysOfWeek, months, ...common } = base as typeof base & { weeks: string[]; daysOfWeek: string[]; months?: string[] };
      return dropUndefined({ kind: 'CalendarTrigger', ...common, schedule: dropUndefined({ kind: 'ByMonthDayOfWeek', weeks, daysOfWeek, months }) }) as Trigger;
    }
    default:
      return dropUndefined({ kind: TRIGGER_KINDS[type], ...base }) as Trigger;
  }
}

/** The declaration's trigger types that map one to one onto a Task Scheduler trigger. */
const TRIGGER_KINDS = {
  time: 'TimeTrigger', boot: 'BootTrigger', logon: 'LogonTrigger', idle: 'IdleTrigger', event: 'EventTrigger',
  registration: 'RegistrationTrigger', sessionStateChange: 'SessionStateChangeTrigger',
} as const satisfies Record<string, keyof typeof TRIGGERS>;

/**
 * A wire-model path (`settings.executionTimeLimit`, `triggers[0].repetition.interval`) as the
 * declaration spells it (`timeLimit`, `triggers[0].repeat.interval`), from the tables' `declaredAs`.
 */
function declarationPath(path: string): string {
  let spelled = path.replace(/^registrationInfo\./, '').replace(/(triggers\[\d+\])\.schedule\b/, '$1');
  for (const key of SETTINGS_ON_TASK) spelled = spelled.replace(new RegExp(`^settings\\.${key}\\b`), SETTINGS.fields[key].declaredAs);
  for (const [key, node] of Object.entries(TRIGGERS.TimeTrigger.fields)) {
    if (node.declaredAs) spelled = spelled.replace(new RegExp(`(triggers\\[\\d+\\])\\.${key}\\b`), `$1.${node.declaredAs}`);
  }
  return spelled;
}

// ---- where tasks live --------------------------------------------------------------------

interface Placement {
  index: number;
  name: string;
  /** Normalized: `\` or `\Sub\`. */
  folder: string;
}

/** The prefix and the path length: checked even when the rest of the task is malformed. */
function checkPlacement({ index, name, folder }: Placement, prefix: string): Issue[] {
  const issues: Issue[] = [];
  const at = `tasks[${index}].name`;
  if (!matchesPrefix(name, prefix)) {
    issues.push({ path: at, message: `"${name}" does not start with the prefix "${prefix}" (compared case-insensitively, as Windows compares names); taskctl only manages tasks under its prefix` });
  }
  const path = fullTaskPath(folder, name);
  if (path.length > MAX_TASK_PATH_LENGTH) {
    issues.push({
      path: at,
      message: `the full task path "${path}" is ${path.length} UTF-16 code units long; keep it within ${MAX_TASK_PATH_LENGTH} (a safe bound: Windows stores each task as a file under C:\\Windows\\System32\\Tasks, where path length is limited)`,
    });
  }
  return issues;
}

/** Tasks that would land on the same path (Windows compares paths case-insensitively). */
function checkUniquePaths(placed: readonly Placement[]): Issue[] {
  const firstAt = new Map<string, number>();
  const issues: Issue[] = [];
  for (const { index, name, folder } of placed) {
    const path = fullTaskPath(folder, name);
    const first = firstAt.get(taskPathKey(path));
    if (first === undefined) firstAt.set(taskPathKey(path), index);
    else issues.push({ path: `tasks[${index}].name`, message: `"${path}" is already declared by tasks[${first}]; a task path must be unique in its folder (Windows compares names case-insensitively)` });
  }
  return issues;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems of the config itself first, then task by task (stable within a task). */
function sortByTask(issues: Issue[]): Issue[] {
  const taskIndex = (issue: Issue) => Number(/^tasks\[(\d+)\]/.exec(issue.path)?.[1] ?? -1);
  return issues.map((issue, order) => ({ issue, order })).sort((a, b) => taskIndex(a.issue) - taskIndex(b.issue) || a.order - b.order).map((x) => x.issue);
}
