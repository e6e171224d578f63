/**
 * Live task records as PowerShell prints them (`{ TaskPath, TaskName, State, Xml }`,
 * contract "Live snapshot JSON"), checked and turned into `LiveTaskRecord`s. Used by
 * the Windows backend (read-tasks.ps1 output) and the `--live FILE` snapshot.
 */
import { LIMITS, type LiveTaskRecord } from '../model.js';
import { BackendError } from '../../core/errors.js';
import { fullTaskPath, matchesPrefix, normalizeFolder, taskPathKey } from '../task-path.js';
import { taskStateName } from './task-state.js';
import { liveSnapshotCommand } from './scheduler-errors.js';
import { taskFolderProblems, taskNameProblems } from '../task-path.js';


/** `52.4 MB`, for messages about sizes. */
export function formatSize(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
}

/**
 * The records under `prefix` in `value` (an array of records or one record, as
 * ConvertTo-Json prints one object without an array). Records outside the prefix
 * are skipped without looking at anything but their name. Every problem in the
 * records under the prefix is reported at once, naming the entry and field.
 */
export function parseLiveRecords(value: unknown, prefix: string, where: string): LiveTaskRecord[] {
  const entries = Array.isArray(value) ? value : [value];
  const problems: string[] = [];
  const records: LiveTaskRecord[] = [];
  entries.forEach((entry, index) => {
    const at = `entry [${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at} is not an object with TaskPath, TaskName, State and Xml`);
      return;
    }
    const field = (name: string): unknown => fieldOf(entry as Record<string, unknown>, name);
    const taskName = field('TaskName');
    if (typeof taskName !== 'string' || taskName.length === 0) {
      problems.push(`${at} has no "TaskName" (a non-empty string)`);
      return;
    }
    if (!matchesPrefix(taskName, prefix)) return;
    const before = problems.length;
    const taskPath = field('TaskPath');
    const xml = field('Xml');
    if (typeof taskPath !== 'string' || taskPath.length === 0) problems.push(`${at} (${taskName}) has no "TaskPath" (a folder such as "\\")`);
    else problems.push(...taskFolderProblems(taskPath).map((p) => `${at} (${taskName}) "TaskPath": ${p}`));
    problems.push(...taskNameProblems(taskName).map((p) => `${at} "TaskName": ${p}`));
    if (typeof xml !== 'string' || xml.trim().length === 0) problems.push(`${at} (${taskName}) has no "Xml" (the task XML as a string)`);
    if (problems.length > before) return;
    // Over the size limit: reported by name and left alone; the other tasks are still read.
    const tooLarge = (xml as string).length > LIMITS.taskXmlChars;
    records.push({
      taskPath: normalizeFolder(taskPath as string),
      taskName,
      state: stateOf(field('State')),
      xml: tooLarge ? '' : (xml as string),
      ...(tooLarge ? { unreadable: `its XML is ${(xml as string).length} characters; taskctl reads and writes task XML up to ${LIMITS.taskXmlChars} (a real task is a few KB)` } : {}),
    });
  });
  if (problems.length > 0) {
    // `Get-ScheduledTask | ConvertTo-Json` alone gives records without Xml: say how to make a good one.
    const hint = where.startsWith('--live') && problems.some((p) => p.includes('has no "Xml"')) ? `\nMake the snapshot with:\n  ${liveSnapshotCommand(prefix)}` : '';
    throw new BackendError(`${where}: ${problems.length} problem(s) in the live task records:\n${problems.map((p) => `  - ${p}`).join('\n')}${hint}`);
  }
  assertUniqueTasks(records, where);
  return sortRecords(records);
}

/** PowerShell spells the fields `TaskPath`…; people may not: look them up case-insensitively. */
function fieldOf(entry: Record<string, unknown>, name: string): unknown {
  if (name in entry) return entry[name];
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : entry[key];
}

/** A missing State means nothing is known about it; an unknown spelling is kept as written. */
function stateOf(value: unknown): string {
  if (value === undefined || value === null) return 'Unknown';
  return taskStateName(value) ?? String(value);
}

/** Two records for one task path (Windows compares paths case-insensitively) is an error. */
export function assertUniqueTasks(records: LiveTaskRecord[], where: string): void {
  const seen = new Map<string, string>();
  for (const record of records) {
    const path = fullTaskPath(record.taskPath, record.taskName);
    const key = taskPathKey(path);
    const previous = seen.get(key);
    if (previous !== undefined) {
      throw new BackendError(`${where}: the task ${path} appears twice (also as ${previous}); Windows task paths are case-insensitive, so one of them is a stray copy.`);
    }
    seen.set(key, path);
  }
}

/** Sorted by full task path, for deterministic output. */
export function sortRecords(records: LiveTaskRecord[]): LiveTaskRecord[] {
  const key = (r: LiveTaskRecord) => taskPathKey(fullTaskPath(r.taskPath, r.taskName));
  return records.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
