/**
 * Typed helpers for config files: `defineConfig`/`defineTask` check what you write against
 * the declaration types (friendly durations and argv arrays included) and return it
 * unchanged; `every`, `daily`, `weekly`, `atBoot`, `atLogon`, `onDemand` build the triggers a
 * fleet file writes most. Each returns a plain declaration, so anything they don't cover
 * can still be written out in full. None of them has a "now" default: every schedule
 * names its start.
 *
 * ```ts
 * import { defineConfig, defineTask, every } from 'taskctl';
 * const health = defineTask({ name: 'AGI_Health', actions: [{ command: 'python.exe', arguments: ['check.py'] }],
 *   triggers: [every('15m', { from: '2025-01-01T00:12:00' })], timeLimit: '2m' });
 * export default defineConfig({ tasks: [health] });
 * ```
 */
import { dropUndefined, type Weekday } from '../schtasks/model.js';

/** Arguments as an argv array, quoted the way Windows programs split them (CommandLineToArgvW). */
export { quoteWindowsArgument, joinWindowsArguments, splitWindowsArguments } from '../schtasks/command-line.js';
import type {
  BootTriggerDeclarationInput, ConfigDeclarationInput, DailyTriggerDeclarationInput, LogonTriggerDeclarationInput,
  TaskDeclarationInput, TimeTriggerDeclarationInput, TriggerDeclarationInput, WeeklyTriggerDeclarationInput,
} from './task-schema.js';
import type { DateTimeInput, DurationInput } from './value-input.js';

/** Declares the whole config (what a config module default-exports). */
export function defineConfig(config: ConfigDeclarationInput): ConfigDeclarationInput {
  return config;
}

/** Declares one task. */
export function defineTask<T extends TaskDeclarationInput>(task: T): T {
  return task;
}


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

