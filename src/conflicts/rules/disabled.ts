/**
 * `disabled` (info): a task that is switched off (`Settings/Enabled` false). It
 * runs nothing now, so no other rule counts its schedule; worth a line because
 * enabling it changes the picture.
 */
import type { Conflict } from '../types.js';
import { isTaskEnabled, type ConflictRule } from './rule.js';

export const disabledRule: ConflictRule = {
  check(context) {
    return context.subjects
      .filter((subject) => !isTaskEnabled(subject))
      .map((subject): Conflict => ({
        kind: 'disabled',
        severity: 'info',
        source: context.source,
        tasks: [subject.path],
        message: `${subject.path} is disabled: its schedule is left out of the overlap analysis until it is enabled.`,
      }));
  },
};
