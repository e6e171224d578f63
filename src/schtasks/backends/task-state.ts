/**
 * Task states as `Get-ScheduledTask` and the COM `IRegisteredTask.State` report them.
 * Windows PowerShell 5.1's ConvertTo-Json prints the enum's number, PowerShell 7 and
 * people print the name; every reader maps both to the name.
 */

/** TASK_STATE: the index is the number Windows uses. */
const TASK_STATES = ['Unknown', 'Disabled', 'Queued', 'Ready', 'Running'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * The state's name for a number (`3`), a numeric string (`"3"`) or a name in any case
 * (`"ready"`); undefined for anything else.
 */
export function taskStateName(value: unknown): TaskState | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? TASK_STATES[value] : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return TASK_STATES[Number(text)];
  return TASK_STATES.find((name) => name.toLowerCase() === text.toLowerCase());
}
