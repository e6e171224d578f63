/**
 * `unpredictable` (warning): a grouped task that starts at moments no schedule
 * can foresee — at boot, logon, idle, on an event, on registration, on a session
 * change, or only on demand (no enabled trigger). It may collide with any other
 * member of its group, and no stagger can prevent that.
 */
import { durationToMs } from '../../schtasks/duration.js';
import type { Trigger } from '../../schtasks/model.js';
import { describeDuration, listTasks } from '../describe.js';
import { groupMembers } from '../group-members.js';
import type { Conflict, ConflictSubject } from '../types.js';
import type { ConflictRule } from './rule.js';

const withDelay = (text: string, delay: string | undefined): string => {
  const ms = delay === undefined ? 0 : (durationToMs(delay) ?? 0);
  return ms > 0 ? `${text} (after ${describeDuration(ms)})` : text;
};

/** How a non-time trigger starts the task, for the message; undefined for time-based triggers. */
function describeEventTrigger(trigger: Trigger): string | undefined {
  switch (trigger.kind) {
    case 'TimeTrigger':
    case 'CalendarTrigger':
      return undefined;
    case 'BootTrigger':
      return withDelay('at boot', trigger.delay);
    case 'LogonTrigger':
      return withDelay(trigger.userId ? `at logon of ${trigger.userId}` : 'at any logon', trigger.delay);
    case 'IdleTrigger':
      return 'when the computer goes idle';
    case 'EventTrigger':
      return withDelay('when an event is logged', trigger.delay);
    case 'RegistrationTrigger':
      return withDelay('when it is registered or updated', trigger.delay);
    case 'SessionStateChangeTrigger':
      return withDelay(`on session change ${trigger.stateChange}`, trigger.delay);
    case 'Raw':
      return `on a ${trigger.element}`;
  }
}

/** The unforeseeable ways a task starts; empty when it only runs on its schedule. */
export function unpredictableStarts(subject: ConflictSubject): string[] {
  const enabled = subject.definition.triggers.filter((t) => t.kind === 'Raw' || t.enabled !== false);
  const starts = enabled.map(describeEventTrigger).filter((d): d is string => d !== undefined);
  if (enabled.length === 0 && subject.definition.settings.allowStartOnDemand !== false) starts.push('on demand only (no enabled trigger)');
  return [...new Set(starts)];
}

export const unpredictableRule: ConflictRule = {
  check(context) {
    const conflicts: Conflict[] = [];
    for (const [group, members] of groupMembers(context.subjects)) {
      if (members.length < 2) continue;
      for (const member of members) {
        const starts = unpredictableStarts(member);
        if (starts.length === 0) continue;
        const others = members.filter((m) => m !== member).map((m) => m.path);
        conflicts.push({
          kind: 'unpredictable',
          severity: 'warning',
          source: context.source,
          tasks: [member.path, ...others],
          message:
            `${member.path} starts ${starts.join(', ')}: moments no schedule can foresee, so it may collide with ` +
            `${listTasks(others)} of group '${group}', and no stagger can prevent that.`,
        });
      }
    }
    return conflicts;
  },
};
