/**
 * `catch-up-storm`: tasks with StartWhenAvailable run every start they missed
 * as soon as the machine is back (after a shutdown, sleep or outage), so they
 * all start together. Within one group that breaks the group's promise
 * (warning); across the whole fleet it is a load spike worth knowing (info,
 * from three tasks on).
 */
import { listTasks } from '../describe.js';
import type { Conflict, ConflictSubject } from '../types.js';
import { isTaskEnabled, type ConflictRule } from './rule.js';

const hasSchedule = (subject: ConflictSubject): boolean =>
  subject.definition.triggers.some((t) => (t.kind === 'TimeTrigger' || t.kind === 'CalendarTrigger') && t.enabled !== false);

/** Fleet-wide catch-up starts below this count are not worth a line. */
const FLEET_STORM_MIN = 3;

export const catchUpStormRule: ConflictRule = {
  check(context) {
    const catchingUp = context.subjects.filter(
      (s) => isTaskEnabled(s) && s.definition.settings.startWhenAvailable === true && hasSchedule(s),
    );
    const conflicts: Conflict[] = [];
    const byGroup = new Map<string, string[]>();
    for (const subject of catchingUp) {
      if (subject.group === undefined) continue;
      byGroup.set(subject.group, [...(byGroup.get(subject.group) ?? []), subject.path]);
    }
    for (const [group, tasks] of byGroup) {
      if (tasks.length < 2) continue;
      conflicts.push({
        kind: 'catch-up-storm',
        severity: 'warning',
        source: context.source,
        tasks,
        message:
          `${listTasks(tasks)} of group '${group}' all have StartWhenAvailable: after a reboot or downtime each runs its missed start ` +
          `at once, so they run together despite the group. Turn it off for all but one.`,
      });
    }
    const grouped = byGroup.size === 1 && catchingUp.every((s) => s.group !== undefined);
    if (catchingUp.length >= FLEET_STORM_MIN && !grouped) {
      const tasks = catchingUp.map((s) => s.path);
      conflicts.push({
        kind: 'catch-up-storm',
        severity: 'info',
        source: context.source,
        tasks,
        message: `${tasks.length} tasks have StartWhenAvailable (${listTasks(tasks)}): after a reboot or downtime they all start within moments of each other.`,
      });
    }
    return conflicts;
  },
};
