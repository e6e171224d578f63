/**
 * `unmanaged` (warning): a live task under the prefix that no declaration names.
 * It is invisible to review, and `apply` plans to delete it (unless `--no-prune`).
 */
import type { Conflict } from '../types.js';
import type { ConflictRule } from './rule.js';

export const unmanagedRule: ConflictRule = {
  check(context) {
    if (context.source !== 'live') return [];
    return context.subjects
      .filter((subject) => !subject.declared)
      .map((subject): Conflict => ({
        kind: 'unmanaged',
        severity: 'warning',
        source: 'live',
        tasks: [subject.path],
        message:
          `${subject.path} is a live task under the prefix that no declaration names: nobody reviews it, ` +
          `and apply will delete it unless it is declared (or --no-prune is given). \`taskctl import\` writes a declaration for it.`,
      }));
  },
};
