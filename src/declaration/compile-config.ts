/**
 * Declarations (whatever a config file gave us) → `CompiledConfig`: every problem is
 * collected first, with its path, and thrown as one `ValidationError` before anything
 * is read or changed; then each task becomes its wire-model definition, sorted by path.
 */
import { ValidationError, type Issue } from '../core/errors.js';
import type { TaskDefinition } from '../schtasks/model.js';
import { validateDefinition } from '../schtasks/validate-definition.js';
import { fullTaskPath, taskPathKey } from '../schtasks/task-path.js';
import { checkPlacement, checkTask, checkUniquePaths, type TaskPlacement } from './check-declarations.js';
import type { CompiledConfig, DeclaredTask } from './compiled.js';
import { configSchema, DEFAULT_PREFIX, prefixSchema } from './config-schema.js';
import { zodIssuesToIssues } from './format-issues.js';
import { PASSWORD_LOGON_TYPES } from './principal-schema.js';
import { taskDeclarationSchema, taskFolderSchema, taskNameSchema, type TaskDeclaration } from './task-schema.js';
import { toDefinition } from './to-definition.js';

export interface CompileOptions {
  /** `--prefix`: overrides the config's own prefix. */
  prefix?: string;
  /** Where the declarations came from (a file path), named in the error heading. */
  source?: string;
}

export function compileConfig(input: unknown, options: CompileOptions = {}): CompiledConfig {
  const heading = `The declarations${options.source ? ` in ${options.source}` : ''} are not valid`;
  const parsed = configSchema.safeParse(input, { reportInput: true });
  const issues: Issue[] = parsed.success ? [] : zodIssuesToIssues(parsed.error.issues);

  let prefix = parsed.success ? parsed.data.prefix : DEFAULT_PREFIX;
  if (options.prefix !== undefined) {
    const override = prefixSchema.safeParse(options.prefix, { reportInput: true });
    if (override.success) prefix = override.data;
    else issues.push(...zodIssuesToIssues(override.error.issues).map((issue) => ({ ...issue, path: '--prefix' })));
  } else if (!parsed.success) {
    const own = prefixSchema.safeParse(readField(input, 'prefix') ?? DEFAULT_PREFIX);
    if (own.success) prefix = own.data;
  }

  // Tasks are checked one by one so that one bad task does not hide the others' problems.
  const valid: Array<{ index: number; task: TaskDeclaration }> = [];
  const placed: Array<{ index: number; task: TaskPlacement }> = [];
  const rawTasks = readField(input, 'tasks');
  (Array.isArray(rawTasks) ? rawTasks : []).forEach((raw, index) => {
    const task = taskDeclarationSchema.safeParse(raw);
    if (task.success) {
      valid.push({ index, task: task.data });
      placed.push({ index, task: task.data });
      issues.push(...checkTask(task.data, index, prefix));
      return;
    }
    const placement = placementOf(raw);
    if (placement === undefined) return;
    placed.push({ index, task: placement });
    issues.push(...checkPlacement(placement, index, prefix));
  });
  issues.push(...checkUniquePaths(placed));
  const tasks = valid.map(({ task }) => declaredTask(task));
  valid.forEach(({ index }, i) => issues.push(...checkDefinition(tasks[i]?.definition, index)));
  if (issues.length > 0) throw new ValidationError(sortByTask(issues), heading);

  tasks.sort((a, b) => compareKeys(taskPathKey(a.path), taskPathKey(b.path)) || compareKeys(a.path, b.path));
  const doctor = parsed.data?.doctor;
  return { prefix, tasks, ...(doctor !== undefined ? { doctor } : {}) };
}

function declaredTask(task: TaskDeclaration): DeclaredTask {
  const path = fullTaskPath(task.folder, task.name);
  const logonType = task.principal?.logonType;
  return {
    folder: task.folder,
    name: task.name,
    path,
    ...(task.group !== undefined ? { group: task.group } : {}),
    definition: toDefinition(task),
    needsPassword: logonType !== undefined && (PASSWORD_LOGON_TYPES as readonly string[]).includes(logonType),
  };
}

/** Task Scheduler's own rules on the compiled definition (illegal XML characters, ranges zod did not see). */
function checkDefinition(definition: TaskDefinition | undefined, index: number): Issue[] {
  if (definition === undefined) return [];
  return validateDefinition(definition).map((issue) => ({ ...issue, path: declarationPath(index, issue.path) }));
}

/** Wire-model paths (`triggers[0].repetition.interval`) spelled as the declaration spells them. */
const DECLARATION_SPELLINGS: Array<[RegExp, string]> = [
  [/^registrationInfo\./, ''],
  [/^settings\.executionTimeLimit/, 'timeLimit'],
  [/^settings\.multipleInstancesPolicy/, 'multipleInstances'],
  [/^settings\.enabled/, 'enabled'],
  [/\.repetition\b/, '.repeat'],
  [/\.startBoundary\b/, '.start'],
  [/\.endBoundary\b/, '.end'],
  [/\.schedule\b/, ''],
];

function declarationPath(index: number, path: string): string {
  const spelled = DECLARATION_SPELLINGS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), path);
  return `tasks[${index}]${spelled === '' ? '' : spelled.startsWith('[') ? spelled : `.${spelled}`}`;
}

/** Name and folder of a task whose other fields are malformed, when those two are fine. */
function placementOf(raw: unknown): TaskPlacement | undefined {
  const name = taskNameSchema.safeParse(readField(raw, 'name'));
  const folder = taskFolderSchema.safeParse(readField(raw, 'folder') ?? '\\');
  return name.success && folder.success ? { name: name.data, folder: folder.data } : undefined;
}

function readField(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems of the config itself first, then task by task (stable within a task). */
function sortByTask(issues: Issue[]): Issue[] {
  const taskIndex = (issue: Issue) => Number(/^tasks\[(\d+)\]/.exec(issue.path)?.[1] ?? -1);
  return issues.map((issue, order) => ({ issue, order })).sort((a, b) => taskIndex(a.issue) - taskIndex(b.issue) || a.order - b.order).map((x) => x.issue);
}
