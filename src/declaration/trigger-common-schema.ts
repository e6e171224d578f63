/**
 * What every trigger has (`triggerBaseType`): enabled, id, start/end boundaries, a
 * per-trigger time limit and repetition.
 */
import { z } from 'zod';
import { durationToMs } from '../schtasks/duration.js';
import { durationSchema } from './duration-input.js';
import { dateTimeField, dateTimeSchema } from './date-time-input.js';
import { elementIdSchema } from './action-schema.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Repeat a run every `interval` after the trigger fires. */
export const repeatSchema = z
  .strictObject({
    /** Time between runs: `PT1M` … `P31D`. */
    interval: durationSchema,
    /**
     * How long to keep repeating after each firing (≥ the interval).
     * @default indefinitely (no `Duration` element)
     */
    duration: durationSchema.optional(),
    /**
     * Stop a running instance when the repetition duration ends.
     * @default false
     */
    stopAtDurationEnd: z.boolean().optional(),
  })
  .superRefine((repeat, ctx) => {
    const interval = durationToMs(repeat.interval) ?? 0;
    if (interval < MINUTE_MS || interval > 31 * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['interval'],
        message: `"${repeat.interval}" is outside PT1M … P31D, the range Task Scheduler accepts for a repetition interval`,
      });
    }
    if (repeat.duration === undefined) return;
    const duration = durationToMs(repeat.duration) ?? 0;
    if (duration < MINUTE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `"${repeat.duration}" is shorter than PT1M; leave duration out to repeat indefinitely`,
      });
    } else if (interval > duration) {
      ctx.addIssue({
        code: 'custom',
        path: ['interval'],
        message: `the interval "${repeat.interval}" is longer than the repetition duration "${repeat.duration}"; Task Scheduler rejects that`,
      });
    }
  });
export type Repeat = z.infer<typeof repeatSchema>;
export type RepeatInput = z.input<typeof repeatSchema>;

/** Fields every trigger type accepts. */
export const triggerCommonFields = {
  /** An id for the trigger. @default none */
  id: elementIdSchema.optional(),
  /**
   * Whether the trigger fires.
   * @default true
   */
  enabled: z.boolean().optional(),
  /**
   * When the trigger becomes active (required for time and calendar triggers).
   * Local `YYYY-MM-DDTHH:MM:SS`, or with `Z`/offset to fire at one instant in every time zone.
   * @default none for event-style triggers (active at once); never "now"
   */
  start: dateTimeSchema.optional(),
  /** When the trigger stops firing. @default never */
  end: dateTimeSchema.optional(),
  /**
   * Longest a run started by this trigger may take.
   * @default 'PT72H' (`PT0S` = no limit)
   */
  executionTimeLimit: durationSchema.optional(),
  /** Repeat every `interval` after the trigger fires. @default no repetition */
  repeat: repeatSchema.optional(),
};

/** The start of time and calendar triggers: mandatory, and never defaulted to "now". */
export const requiredStartSchema = dateTimeField(
  'start is required for time and calendar triggers, e.g. "2025-01-01T03:00:00": Task Scheduler needs a StartBoundary, ' +
    'and a start that defaults to "now" would make the task differ from its declaration every day',
);

/** `randomDelay` of time and calendar triggers. */
export const randomDelayField = {
  /**
   * Each run starts at a random moment up to this long after the scheduled time.
   * @default 'PT0M' (none)
   */
  randomDelay: durationSchema.optional(),
};

/** `delay` of boot, logon, event, registration and session-state triggers. */
export const delayField = {
  /**
   * Wait this long after the event before starting.
   * @default 'PT0M' (none)
   */
  delay: durationSchema.optional(),
};
