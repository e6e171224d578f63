/**
 * Typed identity helpers for config files: they check what you write against the
 * declaration types (friendly durations and argv arrays included) and return it unchanged.
 *
 * ```ts
 * import { defineConfig, defineTask, every } from 'taskctl';
 * const health = defineTask({ name: 'AGI_Health', actions: [{ command: 'python.exe', arguments: ['check.py'] }],
 *   triggers: [every('15m', { from: '2025-01-01T00:12:00' })], timeLimit: '2m' });
 * export default defineConfig({ tasks: [health] });
 * ```
 */
import type { ConfigDeclarationInput } from './config-schema.js';
import type { TaskDeclarationInput } from './task-schema.js';

/** Declares the whole config (what a config module default-exports). */
export function defineConfig(config: ConfigDeclarationInput): ConfigDeclarationInput {
  return config;
}

/** Declares one task. */
export function defineTask(task: TaskDeclarationInput): TaskDeclarationInput {
  return task;
}
