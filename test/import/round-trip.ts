/** compile(declaration) → normalize, the way `plan` will compare it with the live task. */
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import type { DeclaredTask } from '../../src/declaration/compile-tasks.js';

/** The compiled tasks of a loaded declarations document, by full path. */
export function compiledByPath(input: unknown, prefix?: string): Map<string, DeclaredTask> {
  return new Map(compileConfig(input, prefix === undefined ? {} : { prefix }).tasks.map((task) => [task.path, task]));
}

export function normalizedOf(task: DeclaredTask | undefined): TaskDefinition | undefined {
  return task && normalizeTask(task.definition);
}
