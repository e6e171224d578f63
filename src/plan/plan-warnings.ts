/**
 * What a person should know before saying yes: registering a task can run it
 * at once, and re-registering undoes an operator's "Disable". Computed from the
 * normalized definitions, so the wording does not depend on how XML was spelled.
 */
import type { TaskDefinition, Trigger } from '../schtasks/model.js';
import { instantOf, MACHINE_ZONE, offsetMsOf, parseXsDateTime, wallMsOf } from '../schtasks/datetime.js';
import { durationToMs } from '../schtasks/duration.js';
import type { PlanWarning } from './plan.js';

export interface WarningInput {
  action: 'create' | 'update';
  task: string;
  /** The normalized declaration. */
  declared: TaskDefinition;
  /** The normalized live task (updates only). */
  live?: TaskDefinition;
  /** `State` as the reader reported it (`Disabled` when an operator switched the task off). */
  liveState?: string;
  needsPassword: boolean;
  now: Date;
  /** The IANA zone boundaries without an offset are read in (Task Scheduler reads them on the target's clock). @default the machine's */
  timeZone?: string;
}

/** The warnings for one task that apply will register (create or update). */
export function warningsForRegistration(input: WarningInput): PlanWarning[] {
  const messages: string[] = [];
  input.declared.triggers.forEach((trigger, index) => {
    const message = triggerWarning(trigger, index, input);
    if (message) messages.push(message);
  });
  if (input.action === 'update' && isOperatorDisabled(input) && input.declared.settings.enabled !== false) {
    // Pitfall 28: re-registering silently switches back on a task someone turned off on purpose.
    messages.push(
      'is disabled on the target (perhaps by an operator); apply enables it again. Declare `enabled: false` to keep it off.',
    );
  }
  if (input.needsPassword) {
    messages.push("runs with a stored password: apply needs the account's password to register it (never shown or saved).");
  }
  return messages.map((message) => ({ task: input.task, message }));
}

function isOperatorDisabled(input: WarningInput): boolean {
  return input.live?.settings.enabled === false || input.liveState?.toLowerCase() === 'disabled';
}

function triggerWarning(trigger: Trigger, index: number, input: WarningInput): string | undefined {
  if (trigger.kind === 'Raw' || trigger.enabled === false) return undefined;
  const where = `triggers[${index}]`;
  if (trigger.kind === 'RegistrationTrigger') {
    // TASK_CREATION docs: a task with a registration trigger runs whenever it is registered, updates included.
    return input.action === 'create'
      ? `${where} is a registration trigger: the task runs as soon as apply creates it.`
      : `${where} is a registration trigger: Task Scheduler runs the task right after apply updates it.`;
  }
  if (!trigger.repetition || trigger.startBoundary === undefined) return undefined;
  const zone = input.timeZone ?? MACHINE_ZONE;
  const now = input.now.getTime();
  const start = compareBoundary(trigger.startBoundary, now, zone);
  if (start === undefined || start >= 0) return undefined;
  if (trigger.endBoundary !== undefined && (compareBoundary(trigger.endBoundary, now, zone) ?? 1) <= 0) return undefined;
  if (trigger.kind === 'TimeTrigger') {
    const window = trigger.repetition.duration === undefined ? undefined : durationToMs(trigger.repetition.duration);
    if (window !== undefined && window > 0 && (compareBoundary(trigger.startBoundary, now - window, zone) ?? 1) <= 0) return undefined;
    // Pitfalls 62–63: the repetition window is already open, so registration starts a run at once.
    return `${where} starts at ${trigger.startBoundary} (in the past) and repeats every ${trigger.repetition.interval}: the task starts running as soon as it is registered.`;
  }
  if (trigger.kind === 'CalendarTrigger') {
    // Pitfall 62: a calendar trigger's repetition only begins at its next scheduled day.
    return `${where} repeats every ${trigger.repetition.interval} within a calendar schedule: after registration the repetition only begins at the next scheduled day, not now.`;
  }
  return undefined;
}

/** No zone's clock is more than 14 hours from UTC (Kiribati +14:00, Baker Island −12:00). */
const MAX_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * The sign of (the instant a boundary names − `t`): with an offset as written, without one on
 * the target's wall clock; undefined when it is no date-time. The zone's offset is computed
 * only when the wall time is within 14 hours of `t`: further away the answer is the same in
 * every zone, and a named zone's offsets go through an ICU formatter (~20 ms to build).
 */
function compareBoundary(text: string, t: number, zone: string): number | undefined {
  const value = parseXsDateTime(text);
  if (!value) return undefined;
  if (offsetMsOf(value) === undefined) {
    const wall = wallMsOf(value);
    if (wall - MAX_ZONE_OFFSET_MS > t) return 1;
    if (wall + MAX_ZONE_OFFSET_MS < t) return -1;
  }
  return Math.sign(instantOf(value, zone).instant - t);
}
