/**
 * Every conflict rule over a source's subjects, in one list. A new rule is a new file and
 * a new line here. (`overlap` and `over-capacity` are found in the pass over each group's
 * runs: see find-conflicts.ts.)
 */
import { catchUpStormRule } from './catch-up-storm.js';
import { continuousLoopRule } from './continuous-loop.js';
import { disabledRule } from './disabled.js';
import { dstRule } from './dst.js';
import { duplicateRule } from './duplicate.js';
import type { ConflictRule } from './rule.js';
import { runCapRule } from './run-cap.js';
import { selfOverlapRule } from './self-overlap.js';
import { unboundedRule } from './unbounded.js';
import { unmanagedRule } from './unmanaged.js';
import { unpredictableRule } from './unpredictable.js';

export const CONFLICT_RULES: readonly ConflictRule[] = [
  selfOverlapRule,
  unboundedRule,
  continuousLoopRule,
  duplicateRule,
  unmanagedRule,
  unpredictableRule,
  catchUpStormRule,
  dstRule,
  disabledRule,
  runCapRule,
];

export type { ConflictRule } from './rule.js';
