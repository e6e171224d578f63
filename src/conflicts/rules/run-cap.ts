/**
 * `run-cap` (info): a trigger produced more runs than expansion keeps
 * (MAX_RUNS_PER_TRIGGER); the analysis saw only the first ones.
 */
import type { Conflict } from '../types.js';
import type { ConflictRule } from './rule.js';

export const runCapRule: ConflictRule = {
  check(context) {
    return context.notes.flatMap((note): Conflict[] =>
      note.kind !== 'run-cap'
        ? []
        : [{
            kind: 'run-cap',
            severity: 'info',
            source: context.source,
            tasks: [note.path],
            message: `${note.path} trigger ${note.triggerIndex} starts more than ${note.cap} runs in the horizon; only the first ${note.cap} were analysed. Shorten --horizon for a complete picture.`,
          }],
    );
  },
};
