/**
 * computePlan: declarations vs live tasks under the prefix → the changes apply
 * would make. Pure: no clock, no I/O; the live tasks are passed in as read.
 */
import { TaskctlError, XmlParseError, describeError } from '../core/errors.js';
import type { LiveTaskRecord, TaskDefinition } from '../schtasks/model.js';
import { normalizeTask } from '../schtasks/normalize-task.js';
import { fullTaskPath, matchesPrefix, taskPathKey } from '../schtasks/task-path.js';
import { parseTaskXml } from '../schtasks/parse-task-xml.js';
import type { DeclaredTask } from '../declaration/compile-config.js';
import { diffDefinitions } from './diff-definitions.js';
import { compareTaskPaths } from './natural-order.js';
import type { Plan, PlanChange, PlanError, PlanWarning } from './plan-types.js';
import { ACTION_ORDER } from './plan-types.js';
import { warningsForRegistration } from './plan-warnings.js';

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
  const liveFingerprint: Record<string, string> = {};
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
    liveFingerprint[path] = record.xml;
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
    liveFingerprint,
  };
}

/** Without a clock every start boundary counts as in the future, so no "runs at once" warning is made up. */
const NO_TIME = new Date(-8.64e15);

function readLive(record: LiveTaskRecord, path: string, errors: PlanError[]): TaskDefinition | undefined {
  try {
    return normalizeTask(parseTaskXml(record.xml, path).definition);
  } catch (error) {
    // XmlParseError's message repeats the task path; the plan already names it.
    const why = error instanceof XmlParseError ? error.message.slice(error.where.length + 2) : describeError(error);
    errors.push({ task: path, reason: `its XML can't be read, so it is left alone: ${why}` });
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
