/**
 * Small builders for the triggers a fleet file writes most. Each returns a plain
 * declaration, so anything they don't cover can still be written out in full.
 * None of them has a "now" default: every schedule names its start.
 */
import type { Weekday } from '../schtasks/model.js';
import { dropUndefined } from '../schtasks/object-utils.js';
import type { DateTimeInput } from './date-time-input.js';
import type { DurationInput } from './duration-input.js';
import type {
  BootTriggerDeclarationInput, DailyTriggerDeclarationInput, LogonTriggerDeclarationInput,
  TimeTriggerDeclarationInput, TriggerDeclarationInput, WeeklyTriggerDeclarationInput,
} from './trigger-schema.js';

export interface EveryOptions {
  /** The first run; later runs follow every interval from this instant (and its time of day). */
  from: DateTimeInput;
  /** Stop repeating after this long. @default indefinitely */
  for?: DurationInput;
  /** @default none */
  randomDelay?: DurationInput;
  /** @default never */
  until?: DateTimeInput;
  /** @default true */
  enabled?: boolean;
}

/** Runs every `interval` from `from` on: a time trigger with an indefinite repetition. */
export function every(interval: DurationInput, options: EveryOptions): TimeTriggerDeclarationInput {
  return dropUndefined({
    type: 'time' as const,
    start: options.from,
    end: options.until,
    enabled: options.enabled,
    randomDelay: options.randomDelay,
    repeat: dropUndefined({ interval, duration: options.for }),
  });
}

/** No triggers: the task runs only when started by hand (`triggers: onDemand()`). */
export function onDemand(): TriggerDeclarationInput[] {
  return [];
}

/** Every `daysInterval` days at the time of day of `start`. */
export function daily(start: DateTimeInput, options: Omit<DailyTriggerDeclarationInput, 'type' | 'start'> = {}): DailyTriggerDeclarationInput {
  return { type: 'daily', start, ...options };
}

/** On the given weekdays at the time of day of `start`. */
export function weekly(
  daysOfWeek: Weekday[],
  start: DateTimeInput,
  options: Omit<WeeklyTriggerDeclarationInput, 'type' | 'start' | 'daysOfWeek'> = {},
): WeeklyTriggerDeclarationInput {
  return { type: 'weekly', start, daysOfWeek, ...options };
}

/** When the computer starts, optionally after `delay`. */
export function atBoot(delay?: DurationInput): BootTriggerDeclarationInput {
  return dropUndefined({ type: 'boot' as const, delay });
}

/** When `userId` (or any user) logs on. */
export function atLogon(userId?: string, options: Omit<LogonTriggerDeclarationInput, 'type' | 'userId'> = {}): LogonTriggerDeclarationInput {
  return dropUndefined({ type: 'logon' as const, userId, ...options });
}

