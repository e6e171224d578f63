/**
 * Every other element of `settingsType`. `multipleInstances`, `enabled` and the time limit
 * live on the task itself because every task has an opinion on them.
 */
import { z } from 'zod';
import { durationToMs } from '../schtasks/duration.js';
import { durationSchema } from './duration-input.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const atLeast = (minMs: number, label: string) =>
  durationSchema.superRefine((iso, ctx) => {
    if ((durationToMs(iso) ?? 0) < minMs) ctx.addIssue({ code: 'custom', message: `"${iso}" is shorter than ${label}, the least Task Scheduler accepts` });
  });

export const restartOnFailureSchema = z.strictObject({
  /** Wait between restarts: PT1M … P31D. */
  interval: durationSchema.superRefine((iso, ctx) => {
    const ms = durationToMs(iso) ?? 0;
    if (ms < MINUTE_MS || ms > 31 * DAY_MS) ctx.addIssue({ code: 'custom', message: `"${iso}" is outside PT1M … P31D, the range Task Scheduler accepts` });
  }),
  /** How many restarts, ≥ 1. */
  count: z.int().min(1),
});

export const idleSettingsSchema = z.strictObject({
  /** How long the computer must be idle. @default 'PT10M' */
  duration: atLeast(MINUTE_MS, 'PT1M').optional(),
  /** How long to wait for idleness. @default 'PT1H' */
  waitTimeout: atLeast(MINUTE_MS, 'PT1M').optional(),
  /** @default true */
  stopOnIdleEnd: z.boolean().optional(),
  /** @default false */
  restartOnIdle: z.boolean().optional(),
});

export const networkSettingsSchema = z.strictObject({
  /** @default none */
  name: z.string().optional(),
  /** The network profile's GUID. @default none */
  id: z.string().regex(/^\{?[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$/, 'expected a GUID').optional(),
});

export const maintenanceSettingsSchema = z.strictObject({
  /** How often the task needs to run during automatic maintenance, ≥ P1D. */
  period: atLeast(DAY_MS, 'P1D'),
  /** When to run it in emergency maintenance if it missed, ≥ P1D. @default none */
  deadline: atLeast(DAY_MS, 'P1D').optional(),
  /** @default false */
  exclusive: z.boolean().optional(),
});

export const settingsSchema = z.strictObject({
  /** @default true */
  allowStartOnDemand: z.boolean().optional(),
  /** Restart a failed run. @default no restart */
  restartOnFailure: restartOnFailureSchema.optional(),
  /** @default true */
  disallowStartIfOnBatteries: z.boolean().optional(),
  /** @default true */
  stopIfGoingOnBatteries: z.boolean().optional(),
  /** @default true */
  allowHardTerminate: z.boolean().optional(),
  /** Run a missed start as soon as possible. @default false */
  startWhenAvailable: z.boolean().optional(),
  /** @default none */
  networkProfileName: z.string().optional(),
  /** @default false */
  runOnlyIfNetworkAvailable: z.boolean().optional(),
  /** @default none */
  networkSettings: networkSettingsSchema.optional(),
  /** @default false */
  wakeToRun: z.boolean().optional(),
  /** @default false */
  hidden: z.boolean().optional(),
  /** Delete the task this long after it expires (`PT0S` = at once). @default never */
  deleteExpiredTaskAfter: durationSchema.optional(),
  /** @default { duration: 'PT10M', waitTimeout: 'PT1H', stopOnIdleEnd: true, restartOnIdle: false } */
  idleSettings: idleSettingsSchema.optional(),
  /** 0 (highest) … 10 (lowest). @default 7 */
  priority: z.int().min(0).max(10).optional(),
  /** @default false */
  runOnlyIfIdle: z.boolean().optional(),
  /** @default false */
  useUnifiedSchedulingEngine: z.boolean().optional(),
  /** @default false */
  disallowStartOnRemoteAppSession: z.boolean().optional(),
  /** @default none */
  maintenanceSettings: maintenanceSettingsSchema.optional(),
  /** @default false */
  volatile: z.boolean().optional(),
});
export type RestartOnFailureDeclaration = z.infer<typeof restartOnFailureSchema>;
export type IdleSettingsDeclaration = z.infer<typeof idleSettingsSchema>;
export type NetworkSettingsDeclaration = z.infer<typeof networkSettingsSchema>;
export type MaintenanceSettingsDeclaration = z.infer<typeof maintenanceSettingsSchema>;
export type SettingsDeclaration = z.infer<typeof settingsSchema>;
export type SettingsDeclarationInput = z.input<typeof settingsSchema>;
