import { ValidationError, type Issue } from '../../src/core/errors.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import type { CompileOptions } from '../../src/declaration/compile-tasks.js';

/** A task with every required field, to be overridden per test. */
export function minimalTask(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'AGI_Job', actions: [{ command: 'python.exe' }], timeLimit: 'PT5M', ...overrides };
}

/** The issues `compileConfig` throws (fails the test when it does not throw a ValidationError). */
export function problemsOf(input: unknown, options?: CompileOptions): Issue[] {
  try {
    compileConfig(input, options);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError, but the declarations compiled');
}

/** `path: message` lines, for whole-list comparisons. */
export function problemPaths(input: unknown, options?: CompileOptions): string[] {
  return problemsOf(input, options).map((issue) => issue.path);
}
