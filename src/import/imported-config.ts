import type { ImportedTask } from './definition-to-declaration.js';

/** What `taskctl import` writes: the prefix and one declaration (with its notes) per live task. */
export interface ImportedConfig {
  prefix: string;
  tasks: ImportedTask[];
  /** Problems not tied to one written task (a live task that could not be read at all). */
  notes?: string[];
}

/** The header both formats carry, so a reader knows where the file came from and what it promises. */
export function importHeader(config: ImportedConfig): string[] {
  return [
    `Declarations written by \`taskctl import\` for the live tasks under the prefix "${config.prefix}".`,
    '`taskctl plan --config <this file>` against the same source reports no changes.',
  ];
}

/** Tasks in path order (case-insensitively, as Windows compares them), for a stable file. */
export function sortedTasks(config: ImportedConfig): ImportedTask[] {
  const key = (t: ImportedTask) => `${t.task.folder ?? '\\'}${t.task.name}`;
  return [...config.tasks].sort((a, b) => compare(key(a).toUpperCase(), key(b).toUpperCase()) || compare(key(a), key(b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
