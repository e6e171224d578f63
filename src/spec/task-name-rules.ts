/**
 * What Windows accepts as a task name or folder name. Task Scheduler stores every task as
 * a file under `C:\Windows\System32\Tasks\<folder>\<name>`, so names follow file-name rules
 * (ITaskFolder::RegisterTask; pitfall 50).
 */

/** Characters Windows refuses in task and folder names. */
export const FORBIDDEN_NAME_CHARACTERS = ['\\', '/', ':', '*', '?', '"', '<', '>', '|'] as const;

/**
 * Longest full task path (folder + name) accepted, in UTF-16 code units. The real limit comes
 * from MAX_PATH under `C:\Windows\System32\Tasks` and was not measured; 200 is a safe bound.
 */
export const MAX_TASK_PATH_LENGTH = 200;

/** Every reason `name` can't be a task (or folder) name; empty when it is fine. */
export function taskNameProblems(name: string, what = 'a task name'): string[] {
  if (name.length === 0) return [`${what} must not be empty`];
  const problems: string[] = [];
  if (name === '.' || name === '..') {
    problems.push(`"${name}" can't be ${what}: "." and ".." are folder references`);
    return problems;
  }
  const forbidden = FORBIDDEN_NAME_CHARACTERS.filter((c) => name.includes(c));
  for (const c of forbidden) {
    problems.push(`"${name}" contains "${c}", which Windows does not allow in ${what} (\\ / : * ? " < > |)`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) problems.push(`"${escapeControls(name)}" contains a control character, which Windows does not allow in ${what}`);
  if (/^\s/.test(name)) problems.push(`"${name}" starts with whitespace; Windows does not allow ${what} to start with a space`);
  if (/\s$/.test(name)) problems.push(`"${name}" ends with whitespace; Windows does not allow ${what} to end with a space`);
  if (name.endsWith('.') && !/\s$/.test(name)) {
    problems.push(`"${name}" ends with a dot; Windows drops trailing dots from file names, so the task file would not match ${what}`);
  }
  return problems;
}

/** Splits a folder written as `\A\B\`, `A\B`, `/A/B/` into its segments. */
export function folderSegments(folder: string): string[] {
  return folder.split(/[\\/]/).filter((segment) => segment.length > 0);
}

/** Every reason `folder` can't be a task folder; empty when it is fine. */
export function taskFolderProblems(folder: string): string[] {
  return folderSegments(folder).flatMap((segment) => taskNameProblems(segment, 'a folder name'));
}

function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
