/**
 * The plan: what `apply` would do to make the live tasks under the prefix match the
 * declarations — its vocabulary, and `computePlan` (pure: no clock, no I/O; the live tasks
 * are passed in as read). Declarations and live tasks are matched by full path
 * (case-insensitively, as Windows compares names) and compared by meaning (normalized
 * definitions, `diff.ts`). Changes are sorted by action (create, update, delete: the order
 * apply performs them), then by task path; field paths with their indexes as numbers.
 * Printed by `output/plan-text.ts` / `plan-json.ts`, carried out by `applyPlan`.
 */
import { TaskctlError, XmlParseError, describeError } from '../core/errors.js';
import type { DeclaredTask } from '../declaration/compile-tasks.js';
import type { LiveTaskRecord, TaskDefinition } from '../schtasks/model.js';
import { normalizeTask } from '../schtasks/normalize-task.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';
import { fullTaskPath, matchesPrefix, taskPathKey } from '../schtasks/task-path.js';
import { diffDefinitions, type FieldChange } from './diff.js';
export type { FieldChange, FieldValue } from './diff.js';
import { warningsForRegistration } from './plan-warnings.js';

interface CreateChange {
  action: 'create';
  /** Full task path, folder + name. */
  task: string;
  declared: DeclaredTask;
}

interface UpdateChange {
  action: 'update';
  task: string;
  /** Sorted by path. */
  fields: FieldChange[];
  declared: DeclaredTask;
  /** The live task exactly as read; its bytes (or XML) are what apply backs up. */
  live: LiveTaskRecord;
}

interface DeleteChange {
  action: 'delete';
  task: string;
  live: LiveTaskRecord;
}

export type PlanChange = CreateChange | UpdateChange | DeleteChange;
export type PlanAction = PlanChange['action'];

/** Something a person should know before applying (an immediate run, a re-enabled task). */
export interface PlanWarning {
  task: string;
  message: string;
}

/** A live task under the prefix whose XML could not be read; it is never changed while this stands. */
interface PlanError {
  task: string;
  reason: string;
}

interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  /** Declared tasks whose live task already matches. */
  unchanged: number;
}

export interface Plan {
  /** The prefix the plan was computed under; apply checks every operation against it again. */
  prefix: string;
  /** Sorted by action (create, update, delete), then by task path. */
  changes: PlanChange[];
  summary: PlanSummary;
  /** Sorted by task, then message. */
  warnings: PlanWarning[];
  /** Sorted by task. A plan with errors can be shown but not applied. */
  errors: PlanError[];
  /** Undeclared live tasks under the prefix left alone because pruning is off (sorted full paths). */
  unmanaged: string[];
  /**
   * The live tasks under the prefix the plan was computed from (full path as read → XML text), so apply can
   * refuse when the target changed between plan and apply.
   */
  liveXmlByPath: Record<string, string>;
}

/** The order changes are listed and applied in. */
export const ACTION_ORDER: readonly PlanAction[] = ['create', 'update', 'delete'];

export interface ComputePlanInput {
  /** The compiled declarations; every name must start with `prefix`. */
  declared: readonly DeclaredTask[];
  /** Live tasks as the backend read them; records outside the prefix are ignored entirely. */
  live: readonly LiveTaskRecord[];
  prefix: string;
  /** When false, undeclared live tasks under the prefix are listed as `unmanaged` instead of deleted. */
  prune: boolean;
  /** The moment apply would run, for "runs at once" warnings; without it those warnings are skipped. */
  now?: Date;
  /** The zone local boundaries are read in for those warnings (`TZ`, else the machine's). */
  timeZone?: string;
}

interface LiveEntry {
  path: string;
  record: LiveTaskRecord;
  /** Undefined when the XML could not be read: such a task is never changed. */
  definition?: TaskDefinition;
}

/**
 * Compares declarations with the live tasks under `prefix`, by full path (case-insensitively)
 * and by meaning (normalized definitions). Changes are sorted by action (create, update,
 * delete, the order apply performs them), then by task path.
 */
export function computePlan(input: ComputePlanInput): Plan {
  const { prefix } = input;
  const errors: PlanError[] = [];
  const warnings: PlanWarning[] = [];
  const liveXmlByPath: Record<string, string> = {};
  const liveByKey = new Map<string, LiveEntry>();

  for (const record of input.live) {
    if (!matchesPrefix(record.taskName, prefix)) continue;
    const path = fullTaskPath(record.taskPath, record.taskName);
    const key = taskPathKey(path);
    if (liveByKey.has(key)) {
      errors.push({ task: path, reason: 'the target lists this task twice; not safe to change it' });
      liveByKey.set(key, { path, record });
      continue;
    }
    liveXmlByPath[path] = record.xml;
    liveByKey.set(key, { path, record, definition: readLive(record, path, errors) });
  }

  const changes: PlanChange[] = [];
  let unchanged = 0;
  const declaredKeys = new Set<string>();
  for (const declared of input.declared) {
    const key = checkDeclared(declared, prefix, declaredKeys);
    const live = liveByKey.get(key);
    const wanted = normalizeTask(declared.definition);
    if (!live) {
      changes.push({ action: 'create', task: declared.path, declared });
      warnings.push(...warningsForRegistration({ action: 'create', task: declared.path, declared: wanted, needsPassword: declared.needsPassword, now: input.now ?? NO_TIME, timeZone: input.timeZone }));
      continue;
    }
    if (!live.definition) continue; // Unreadable: reported in errors, left alone.
    const fields = diffDefinitions(live.definition, wanted);
    if (fields.length === 0) {
      unchanged++;
      continue;
    }
    changes.push({ action: 'update', task: declared.path, fields, declared, live: live.record });
    warnings.push(
      ...warningsForRegistration({
        action: 'update', task: declared.path, declared: wanted, live: live.definition,
        liveState: live.record.state, needsPassword: declared.needsPassword, now: input.now ?? NO_TIME, timeZone: input.timeZone,
      }),
    );
  }

  const unmanaged: string[] = [];
  for (const [key, live] of liveByKey) {
    if (declaredKeys.has(key) || !live.definition) continue;
    if (input.prune) changes.push({ action: 'delete', task: live.path, live: live.record });
    else unmanaged.push(live.path);
  }

  changes.sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || compareTaskPaths(a.task, b.task));
  return {
    prefix,
    changes,
    summary: {
      create: changes.filter((c) => c.action === 'create').length,
      update: changes.filter((c) => c.action === 'update').length,
      delete: changes.filter((c) => c.action === 'delete').length,
      unchanged,
    },
    warnings: warnings.sort((a, b) => compareTaskPaths(a.task, b.task) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)),
    errors: errors.sort((a, b) => compareTaskPaths(a.task, b.task)),
    unmanaged: unmanaged.sort(compareTaskPaths),
    liveXmlByPath,
  };
}

/** Without a clock every start boundary counts as in the future, so no "runs at once" warning is made up. */
const NO_TIME = new Date(-8.64e15);

function readLive(record: LiveTaskRecord, path: string, errors: PlanError[]): TaskDefinition | undefined {
  if (record.unreadable !== undefined) {
    errors.push({ task: path, reason: `it can't be read, so it is left alone: ${record.unreadable}` });
    return undefined;
  }
  try {
    return normalizeTask(parseTaskXml(record.xml, path).definition);
  } catch (error) {
    // XmlParseError's message repeats the task path; the plan already names it, and the file where there is one.
    const why = error instanceof XmlParseError ? error.message.slice(error.where.length + 2) : describeError(error);
    errors.push({ task: path, reason: `its XML${record.source ? ` (${record.source})` : ''} can't be read, so it is left alone: ${why}` });
    return undefined;
  }
}

/** Apply must never touch a task outside the prefix, so a declaration outside it is a bug upstream: stop. */
function checkDeclared(declared: DeclaredTask, prefix: string, seen: Set<string>): string {
  if (!matchesPrefix(declared.name, prefix)) {
    throw new TaskctlError(`The declared task ${declared.path} does not start with the prefix '${prefix}'; taskctl only manages tasks under its prefix.`);
  }
  const key = taskPathKey(fullTaskPath(declared.folder, declared.name));
  if (seen.has(key)) throw new TaskctlError(`The task ${declared.path} is declared twice.`);
  seen.add(key);
  return key;
}

/** Case-insensitive like Windows, with a case-sensitive tie-break so the order is total. */
function compareTaskPaths(a: string, b: string): number {
  const x = taskPathKey(a);
  const y = taskPathKey(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
