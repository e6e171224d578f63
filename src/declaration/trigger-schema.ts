/**
 * Triggers, one `type` per Task Scheduler trigger (calendar triggers split by schedule),
 * plus `raw` for elements the language has no typed form for (e.g. `WnfStateChangeTrigger`).
 */
import { z } from 'zod';
import { MONTHS, SESSION_STATE_CHANGES, WEEKDAYS } from '../schtasks/model.js';
import { delayField, randomDelayField, requiredStartSchema, triggerCommonFields } from './trigger-common-schema.js';
import { durationSchema } from './duration-input.js';
import { checkRawElement } from './raw-element.js';

const weekdaySchema = z.enum(WEEKDAYS, { error: `expected a weekday spelled as Task Scheduler does: ${WEEKDAYS.join(', ')}` });
const monthSchema = z.enum(MONTHS, { error: `expected a month spelled as Task Scheduler does: ${MONTHS.join(', ')}` });
const daysOfWeekSchema = z.array(weekdaySchema).min(1, 'name at least one day of the week');
/** Absent = every month. */
const monthsSchema = z.array(monthSchema).min(1, 'name at least one month, or leave months out for every month');

const calendarFields = {
  ...triggerCommonFields,
  ...randomDelayField,
  /** Required: the first run (its time of day is the schedule's time of day). Never defaulted to "now". */
  start: requiredStartSchema,
};

/** Fires once at `start` (then repeats, with `repeat`). */
export const timeTriggerSchema = z.strictObject({ type: z.literal('time'), ...calendarFields });

/** Fires every `daysInterval` days at the time of day of `start`. */
export const dailyTriggerSchema = z.strictObject({
  type: z.literal('daily'),
  ...calendarFields,
  /** 1–365. @default 1 */
  daysInterval: z.int().min(1).max(365).optional(),
});

/** Fires on the given weekdays every `weeksInterval` weeks, at the time of day of `start`. */
export const weeklyTriggerSchema = z.strictObject({
  type: z.literal('weekly'),
  ...calendarFields,
  daysOfWeek: daysOfWeekSchema,
  /** 1–52. @default 1 */
  weeksInterval: z.int().min(1).max(52).optional(),
});

/** Fires on the given days of the month (`'Last'` = the month's last day). */
export const monthlyTriggerSchema = z.strictObject({
  type: z.literal('monthly'),
  ...calendarFields,
  daysOfMonth: z
    .array(z.union([z.int().min(1).max(31), z.literal('Last')], { error: 'expected a day of the month 1–31 or "Last"' }))
    .min(1, 'name at least one day of the month')
    .max(32),
  /** @default every month */
  months: monthsSchema.optional(),
});

const weekOfMonthSchema = z
  .union([z.literal([1, 2, 3, 4]), z.literal(['1', '2', '3', '4', 'Last'])], {
    error: 'expected a week of the month: 1, 2, 3, 4 or "Last"',
  })
  .transform((week) => String(week) as '1' | '2' | '3' | '4' | 'Last');

/** Fires on given weekdays of given weeks of the month (e.g. the second Monday). */
export const monthlyDayOfWeekTriggerSchema = z.strictObject({
  type: z.literal('monthlyDayOfWeek'),
  ...calendarFields,
  weeks: z.array(weekOfMonthSchema).min(1, 'name at least one week of the month').max(5),
  daysOfWeek: daysOfWeekSchema,
  /** @default every month */
  months: monthsSchema.optional(),
});

/** Fires when the computer starts. */
export const bootTriggerSchema = z.strictObject({ type: z.literal('boot'), ...triggerCommonFields, ...delayField });

/** Fires when a user (or `userId`) logs on. */
export const logonTriggerSchema = z.strictObject({
  type: z.literal('logon'),
  ...triggerCommonFields,
  ...delayField,
  /** @default any user */
  userId: z.string().min(1).optional(),
});

/** Fires when the computer becomes idle (see `settings.idleSettings`). */
export const idleTriggerSchema = z.strictObject({ type: z.literal('idle'), ...triggerCommonFields });

const valueQueriesSchema = z
  .union(
    [
      z.record(z.string(), z.string()).transform((record) => Object.entries(record).map(([name, value]) => ({ name, value }))),
      z.array(z.strictObject({ name: z.string().min(1), value: z.string() })),
    ],
    { error: 'expected valueQueries as { name: "XPath" } or [{ name, value }]' },
  )
  .refine((queries) => queries.length <= 32, 'at most 32 value queries');

/** Fires when an event matching `subscription` (an event-log QueryList) is logged. */
export const eventTriggerSchema = z.strictObject({
  type: z.literal('event'),
  ...triggerCommonFields,
  ...delayField,
  /** The event query: a `<QueryList>…</QueryList>` document as text. */
  subscription: z.string().min(1, 'the subscription (a <QueryList> query) must not be empty'),
  /** Window in which `numberOfOccurrences` events must happen. @default 'PT0M' */
  periodOfOccurrence: durationSchema.optional(),
  /** 1–32. @default 1 */
  numberOfOccurrences: z.int().min(1).max(32).optional(),
  /** @default none */
  matchingElement: z.string().optional(),
  /** Named XPath queries whose results are passed to the action (`$(name)`). @default none */
  valueQueries: valueQueriesSchema.optional(),
});

/** Fires when the task is registered or updated. */
export const registrationTriggerSchema = z.strictObject({ type: z.literal('registration'), ...triggerCommonFields, ...delayField });

/** Fires on a session change (lock, unlock, connect, disconnect). */
export const sessionStateChangeTriggerSchema = z.strictObject({
  type: z.literal('sessionStateChange'),
  ...triggerCommonFields,
  ...delayField,
  stateChange: z.enum(SESSION_STATE_CHANGES),
  /** @default any user */
  userId: z.string().min(1).optional(),
});

/** A whole trigger element carried verbatim (no typed form), e.g. `<WnfStateChangeTrigger>…</WnfStateChangeTrigger>`. */
export const rawTriggerSchema = z.strictObject({
  type: z.literal('raw'),
  xml: z.string().superRefine((xml, ctx) => {
    const result = checkRawElement(xml);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: `the raw trigger ${result.message}`, input: xml });
  }),
});

export const TRIGGER_TYPES = [
  'time', 'daily', 'weekly', 'monthly', 'monthlyDayOfWeek', 'boot', 'logon', 'idle', 'event', 'registration',
  'sessionStateChange', 'raw',
] as const;

export const triggerSchema = z.discriminatedUnion(
  'type',
  [
    timeTriggerSchema, dailyTriggerSchema, weeklyTriggerSchema, monthlyTriggerSchema, monthlyDayOfWeekTriggerSchema,
    bootTriggerSchema, logonTriggerSchema, idleTriggerSchema, eventTriggerSchema, registrationTriggerSchema,
    sessionStateChangeTriggerSchema, rawTriggerSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown trigger type; expected one of ${TRIGGER_TYPES.map((t) => `"${t}"`).join(', ')}`
        : 'expected a trigger object such as { type: "daily", start: "2025-01-01T03:00:00" }',
  },
);
export type TriggerDeclaration = z.infer<typeof triggerSchema>;
export type TriggerDeclarationInput = z.input<typeof triggerSchema>;
export type TimeTriggerDeclaration = z.infer<typeof timeTriggerSchema>;
export type DailyTriggerDeclaration = z.infer<typeof dailyTriggerSchema>;
export type WeeklyTriggerDeclaration = z.infer<typeof weeklyTriggerSchema>;
export type MonthlyTriggerDeclaration = z.infer<typeof monthlyTriggerSchema>;
export type MonthlyDayOfWeekTriggerDeclaration = z.infer<typeof monthlyDayOfWeekTriggerSchema>;
export type BootTriggerDeclaration = z.infer<typeof bootTriggerSchema>;
export type LogonTriggerDeclaration = z.infer<typeof logonTriggerSchema>;
export type IdleTriggerDeclaration = z.infer<typeof idleTriggerSchema>;
export type EventTriggerDeclaration = z.infer<typeof eventTriggerSchema>;
export type RegistrationTriggerDeclaration = z.infer<typeof registrationTriggerSchema>;
export type SessionStateChangeTriggerDeclaration = z.infer<typeof sessionStateChangeTriggerSchema>;
export type RawTriggerDeclaration = z.infer<typeof rawTriggerSchema>;
export type TimeTriggerDeclarationInput = z.input<typeof timeTriggerSchema>;
export type DailyTriggerDeclarationInput = z.input<typeof dailyTriggerSchema>;
export type WeeklyTriggerDeclarationInput = z.input<typeof weeklyTriggerSchema>;
export type BootTriggerDeclarationInput = z.input<typeof bootTriggerSchema>;
export type LogonTriggerDeclarationInput = z.input<typeof logonTriggerSchema>;
