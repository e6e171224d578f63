/**
 * Every conflict rule, in one list. A new rule is a new file and a new line here.
 */
import { catchUpStormRule } from './catch-up-storm.js';
import { continuousLoopRule } from './continuous-loop.js';
import { disabledRule } from './disabled.js';
import { dstRule } from './dst.js';
import { duplicateRule } from './duplicate.js';
import { overlapRule } from './overlap.js';
import type { ConflictRule } from './rule.js';
import { runCapRule } from './run-cap.js';
import { selfOverlapRule } from './self-overlap.js';
import { unboundedRule } from './unbounded.js';
import { unmanagedRule } from './unmanaged.js';
import { unpredictableRule } from './unpredictable.js';

export const CONFLICT_RULES: readonly ConflictRule[] = [
  overlapRule,
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

export type { ConflictRule, RuleContext } from './rule.js';
