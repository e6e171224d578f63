/**
 * Task paths as Windows spells them and allows them: a folder `\` or `\Sub\Folder\` and a
 * name; the full path is folder + name (`\Sub\Folder\AGI_X`). Task Scheduler stores every
 * task as a file under `C:\Windows\System32\Tasks\<folder>\<name>`, so names follow
 * file-name rules (ITaskFolder::RegisterTask; pitfall 50).
 */

/** `\`, or `\A\B\`: no forward slashes, no doubled or missing separators. */
const NORMALIZED_FOLDER = /^\\(?:[^\\/]+\\)*$/;

/** `\`-rooted, `\`-terminated folder; accepts `Sub`, `\Sub`, `/Sub/`, `` (root). */
export function normalizeFolder(folder: string | undefined): string {
  // Already in this form (nearly always: `\`): called for every task on every read and plan.
  if (folder !== undefined && NORMALIZED_FOLDER.test(folder)) return folder;
  const parts = (folder ?? '').split(/[\\/]+/).filter((p) => p.length > 0);
  return parts.length === 0 ? '\\' : `\\${parts.join('\\')}\\`;
}

export function fullTaskPath(folder: string, name: string): string {
  return `${normalizeFolder(folder)}${name}`;
}

/** Splits `\A\B\Name` into `{ folder: '\A\B\', name: 'Name' }`. */
export function splitTaskPath(path: string): { folder: string; name: string } {
  const i = path.lastIndexOf('\\');
  return { folder: normalizeFolder(path.slice(0, Math.max(i, 0))), name: path.slice(i + 1) };
}

/** Windows compares task names case-insensitively; so does the prefix scope. */
export function matchesPrefix(name: string, prefix: string): boolean {
  return name.toUpperCase().startsWith(prefix.toUpperCase());
}

/** The key two paths are equal by (case-insensitive, like Windows). */
export function taskPathKey(path: string): string {
  return path.toUpperCase();
}


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
   
  return text.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
