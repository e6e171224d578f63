/**
 * The declaration language: what a config file may say, as zod schemas paired with their
 * types. The settings, the principal, repetition and the per-trigger fields are derived
 * from the schema tables (`schtasks/model.ts`) — names, value kinds, ranges and defaults
 * are never restated here; what is written here is the friendly shape around them:
 * triggers by `type` (calendar triggers split by schedule), `start`/`end`/`repeat`, actions
 * whose `type` may be left out, the three settings every task states at its top level
 * (`timeLimit`, `multipleInstances`, `enabled`), and a task kept whole as XML.
 * Every optional field left out means Task Scheduler's own default for it.
 */
import { z } from 'zod';
import {
  ACTIONS, CALENDAR_SCHEDULE, PRINCIPAL, REPETITION, SETTINGS, TRIGGERS,
  type Fields, type SchemaNode, type ValueOf,
} from '../schtasks/model.js';
import { joinWindowsArguments } from '../schtasks/command-line.js';
import { normalizeFolder, taskFolderProblems, taskNameProblems } from '../schtasks/task-path.js';
import { rawElementProblem } from '../schtasks/xml.js';
import { dateTimeField, durationField, zodFor } from './value-input.js';
import { computerNameProblem, DEFAULT_PREFIX, isPlainObject, SETTINGS_ON_TASK } from './plain-declaration.js';

// ---- fields derived from the schema tables -------------------------------------------------

type IsRequired<N> = N extends { required: true } ? (N extends { default: unknown } ? false : true) : false;
/** The zod shape of a table: one field per element, optional unless the parent needs it. */
type ShapeOf<F> = { -readonly [K in keyof F]: IsRequired<F[K]> extends true ? z.ZodType<ValueOf<F[K]>> : z.ZodOptional<z.ZodType<ValueOf<F[K]>>> };

function fieldOf(n: SchemaNode): z.ZodType {
  switch (n.node) {
    case 'leaf':
    case 'attribute':
      return zodFor(n.value);
    case 'group':
      return z.strictObject(shapeOf(n.fields));
    case 'list': {
      const items = z.array(zodFor(n.value));
      return n.max === undefined ? items : items.max(n.max, `at most ${n.max} entries`);
    }
    case 'namedValues':
      return valueQueriesSchema;
    case 'choice':
      throw new TypeError('a choice has no field of its own');
  }
}

function shapeOf<F extends Fields>(fields: F): ShapeOf<F> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, n] of Object.entries(fields) as [string, SchemaNode][]) {
    const field = fieldOf(n);
    shape[key] = n.required && n.default === undefined ? field : field.optional();
  }
  // Built field by field from the same table the type is derived from.
  return shape as ShapeOf<F>;
}

function omit<F extends Fields, K extends keyof F>(fields: F, keys: readonly K[]): Omit<F, K> {
  const out: Record<string, unknown> = { ...fields };
  for (const key of keys) delete out[key as string];
  return out as Omit<F, K>;
}

/** Named XPath queries: `{ name: "XPath" }` or `[{ name, value }]`. */
const valueQueriesSchema = z
  .union(
    [
      z.record(z.string(), z.string()).transform((record) => Object.entries(record).map(([name, value]) => ({ name, value }))),
      z.array(z.strictObject({ name: z.string().min(1), value: z.string() })),
    ],
    { error: 'expected valueQueries as { name: "XPath" } or [{ name, value }]' },
  )
  .refine((queries) => queries.length <= 32, 'at most 32 value queries');

// ---- principal and settings ----------------------------------------------------------------

/** Who the task runs as. Passwords are never part of a declaration: `apply` asks for one when the logon type needs it. */
export const principalSchema = z.strictObject(shapeOf(PRINCIPAL.fields));
export type PrincipalDeclaration = z.infer<typeof principalSchema>;
export type PrincipalDeclarationInput = z.input<typeof principalSchema>;

/** Every other element of `settingsType`. */
export const settingsSchema = z.strictObject(shapeOf(omit(SETTINGS.fields, SETTINGS_ON_TASK)));
export type SettingsDeclaration = z.infer<typeof settingsSchema>;
export type SettingsDeclarationInput = z.input<typeof settingsSchema>;

// ---- triggers --------------------------------------------------------------------------

/** Repeat a run every `interval` after the trigger fires. */
export const repeatSchema = z.strictObject(shapeOf(REPETITION.fields)).superRefine((repeat, ctx) => {
  // Task Scheduler reads a zero duration as "indefinitely" (pitfall 11); a declaration says that by leaving it out.
  if (repeat.duration !== undefined && REPETITION.fields.duration.value.canonical(repeat.duration) === undefined) {
    ctx.addIssue({ code: 'custom', path: ['duration'], message: `"${repeat.duration}" means "indefinitely"; leave duration out to repeat indefinitely`, input: repeat.duration });
  }
});
export type Repeat = z.infer<typeof repeatSchema>;
export type RepeatInput = z.input<typeof repeatSchema>;

const base = TRIGGERS.TimeTrigger.fields;
/** Fields every trigger type accepts. */
const triggerCommonFields = {
  /** An id for the trigger. @default none */
  id: zodFor(base.id.value).optional(),
  /** Whether the trigger fires. @default true */
  enabled: zodFor(base.enabled.value).optional(),
  /**
   * When the trigger becomes active: local `YYYY-MM-DDTHH:MM:SS`, or with `Z`/an offset to fire
   * at one instant in every time zone. @default none for event-style triggers; never "now"
   */
  start: zodFor(base.startBoundary.value).optional(),
  /** When the trigger stops firing. @default never */
  end: zodFor(base.endBoundary.value).optional(),
  /** Longest a run started by this trigger may take. @default 'PT72H' (`PT0S` = no limit) */
  executionTimeLimit: zodFor(base.executionTimeLimit.value).optional(),
  /** Repeat every `interval` after the trigger fires. @default no repetition */
  repeat: repeatSchema.optional(),
};

const calendarFields = {
  ...triggerCommonFields,
  /** Each run starts at a random moment up to this long after the scheduled time. @default 'PT0M' */
  randomDelay: zodFor(base.randomDelay.value).optional(),
  /** Required: the first run (its time of day is the schedule's). Never defaulted to "now". */
  start: dateTimeField(
    'start is required for time and calendar triggers, e.g. "2025-01-01T03:00:00": Task Scheduler needs a StartBoundary, ' +
      'and a start that defaults to "now" would make the task differ from its declaration every day',
  ),
};
/** Wait this long after the event before starting. @default 'PT0M' */
const delayField = { delay: zodFor(TRIGGERS.BootTrigger.fields.delay.value).optional() };
const schedules = CALENDAR_SCHEDULE.options;

/** Fires once at `start` (then repeats, with `repeat`). */
const timeTriggerSchema = z.strictObject({ type: z.literal('time'), ...calendarFields });
/** Fires every `daysInterval` days at the time of day of `start`. */
const dailyTriggerSchema = z.strictObject({ type: z.literal('daily'), ...calendarFields, ...shapeOf(schedules.ByDay.fields) });
/** Fires on the given weekdays every `weeksInterval` weeks, at the time of day of `start`. */
const weeklyTriggerSchema = z.strictObject({ type: z.literal('weekly'), ...calendarFields, ...shapeOf(schedules.ByWeek.fields) });
/** Fires on the given days of the month (`'Last'` = the month's last day). */
const monthlyTriggerSchema = z.strictObject({ type: z.literal('monthly'), ...calendarFields, ...shapeOf(schedules.ByMonth.fields) });
/** Fires on given weekdays of given weeks of the month (the second Monday). Weeks may be written as numbers. */
const monthlyDayOfWeekTriggerSchema = z.strictObject({
  type: z.literal('monthlyDayOfWeek'),
  ...calendarFields,
  ...shapeOf(schedules.ByMonthDayOfWeek.fields),
  weeks: z.array(z.preprocess((week) => (typeof week === 'number' ? String(week) : week), zodFor(schedules.ByMonthDayOfWeek.fields.weeks.value))).max(5, 'at most 5 weeks'),
});
/** Fires when the computer starts. */
const bootTriggerSchema = z.strictObject({ type: z.literal('boot'), ...triggerCommonFields, ...delayField });
/** Fires when the task is registered or updated. */
const registrationTriggerSchema = z.strictObject({ type: z.literal('registration'), ...triggerCommonFields, ...delayField });
/** Fires when the computer becomes idle (see `settings.idleSettings`). */
const idleTriggerSchema = z.strictObject({ type: z.literal('idle'), ...triggerCommonFields });
/** Fires when a user (or `userId`) logs on. */
const logonTriggerSchema = z.strictObject({
  type: z.literal('logon'), ...triggerCommonFields, ...delayField,
  /** @default any user */
  userId: zodFor(TRIGGERS.LogonTrigger.fields.userId.value).optional(),
});
/** Fires on a session change (lock, unlock, connect, disconnect). */
const sessionStateChangeTriggerSchema = z.strictObject({
  type: z.literal('sessionStateChange'), ...triggerCommonFields, ...delayField,
  stateChange: zodFor(TRIGGERS.SessionStateChangeTrigger.fields.stateChange.value),
  /** @default any user */
  userId: zodFor(TRIGGERS.SessionStateChangeTrigger.fields.userId.value).optional(),
});
const event = TRIGGERS.EventTrigger.fields;
/** Fires when an event matching `subscription` (an event-log QueryList) is logged. */
const eventTriggerSchema = z.strictObject({
  type: z.literal('event'), ...triggerCommonFields, ...delayField,
  /** The event query: a `<QueryList>…</QueryList>` document as text. */
  subscription: z.string().min(1, 'the subscription (a <QueryList> query) must not be empty'),
  /** Window in which `numberOfOccurrences` events must happen. @default 'PT0M' */
  periodOfOccurrence: zodFor(event.periodOfOccurrence.value).optional(),
  /** 1–32. @default 1 */
  numberOfOccurrences: zodFor(event.numberOfOccurrences.value).optional(),
  /** @default none */
  matchingElement: zodFor(event.matchingElement.value).optional(),
  /** Named XPath queries whose results are passed to the action (`$(name)`). @default none */
  valueQueries: valueQueriesSchema.optional(),
});
/** A whole trigger element carried verbatim (no typed form), e.g. `<WnfStateChangeTrigger>…</WnfStateChangeTrigger>`. */
const rawTriggerSchema = z.strictObject({ type: z.literal('raw'), xml: rawXmlSchema('trigger') });

function rawXmlSchema(what: string) {
  return z.string().superRefine((xml, ctx) => {
    const problem = rawElementProblem(xml);
    if (problem) ctx.addIssue({ code: 'custom', message: `the raw ${what} ${problem}`, input: xml });
  });
}

export const TRIGGER_TYPES = [
  'time', 'daily', 'weekly', 'monthly', 'monthlyDayOfWeek', 'boot', 'logon', 'idle', 'event', 'registration', 'sessionStateChange', 'raw',
] as const;

export const triggerSchema = z.discriminatedUnion(
  'type',
  [
    timeTriggerSchema, dailyTriggerSchema, weeklyTriggerSchema, monthlyTriggerSchema, monthlyDayOfWeekTriggerSchema, bootTriggerSchema,
    logonTriggerSchema, idleTriggerSchema, eventTriggerSchema, registrationTriggerSchema, sessionStateChangeTriggerSchema, rawTriggerSchema,
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
export type TimeTriggerDeclarationInput = z.input<typeof timeTriggerSchema>;
export type DailyTriggerDeclarationInput = z.input<typeof dailyTriggerSchema>;
export type WeeklyTriggerDeclarationInput = z.input<typeof weeklyTriggerSchema>;
export type BootTriggerDeclarationInput = z.input<typeof bootTriggerSchema>;
export type LogonTriggerDeclarationInput = z.input<typeof logonTriggerSchema>;

// ---- actions ---------------------------------------------------------------------------

/** `arguments` as one command-line string, or as an argv array quoted the CommandLineToArgvW way. */
const argumentsSchema = z.union(
  [z.string(), z.array(z.string({ error: 'each argument must be a string' })).transform(joinWindowsArguments)],
  { error: 'expected the arguments as one string or as an array of strings (argv)' },
);
/** Starts a program. */
export const execActionSchema = z.strictObject({
  type: z.literal('exec'),
  ...shapeOf(ACTIONS.Exec.fields),
  /** One string passed as is, or an argv array joined with Windows quoting. @default none */
  arguments: argumentsSchema.optional(),
});
/** Calls a COM handler (`ComHandler`), as many built-in Windows tasks do. */
export const comHandlerActionSchema = z.strictObject({ type: z.literal('comHandler'), ...shapeOf(ACTIONS.ComHandler.fields) });
/** One whole action element carried verbatim, e.g. `<SendEmail>…</SendEmail>`. */
export const rawActionSchema = z.strictObject({ type: z.literal('raw'), raw: rawXmlSchema('action') });

const actionVariantsSchema = z.discriminatedUnion('type', [execActionSchema, comHandlerActionSchema, rawActionSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? 'unknown action type; expected "exec" (the default), "comHandler", or a raw action { raw: "<SendEmail>…</SendEmail>" }'
      : 'expected an action object such as { command: "python.exe", arguments: "job.py" }',
});
/** What people write: `type` may be left out for exec actions and raw actions. */
export type ActionDeclarationInput =
  | (Omit<z.input<typeof execActionSchema>, 'type'> & { type?: 'exec' })
  | z.input<typeof comHandlerActionSchema>
  | (Omit<z.input<typeof rawActionSchema>, 'type'> & { type?: 'raw' });
/** An action; `{ command }` is an exec action, `{ raw }` a raw one. */
export const actionSchema = z.preprocess<unknown, typeof actionVariantsSchema, ActionDeclarationInput>(
  (value) => (isPlainObject(value) && value['type'] === undefined ? { ...value, type: 'raw' in value ? 'raw' : 'exec' } : value),
  actionVariantsSchema,
);
export type ActionDeclaration = z.infer<typeof actionSchema>;

// ---- tasks and the config --------------------------------------------------------------

export const taskNameSchema = z.string().superRefine((name, ctx) => {
  for (const message of taskNameProblems(name)) ctx.addIssue({ code: 'custom', message, input: name });
});

/** A task folder written `\`, `\Sub\Folder\`, `Sub\Folder` or `/Sub/Folder`; output is `\Sub\Folder\`. */
export const taskFolderSchema = z
  .string()
  .superRefine((folder, ctx) => {
    for (const message of taskFolderProblems(folder)) ctx.addIssue({ code: 'custom', message, input: folder });
  })
  .transform((folder) => normalizeFolder(folder));

const computerNameSchema = z.string().superRefine((name, ctx) => {
  const problem = computerNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: name });
});

/** A note kept in the declarations (import writes what it could not express here); ignored by compile. */
const commentSchema = z.union([z.string(), z.array(z.string())]).optional();

/** Fields every task form has: where it lives and how taskctl treats it. */
const placementFields = {
  /** The task name; must start with the prefix (case-insensitively) and be unique in its folder. */
  name: taskNameSchema,
  /** The task folder. @default '\\' (the root folder) */
  folder: taskFolderSchema.default('\\'),
  /** Tasks of one group must never run at the same time (checked by `list-conflicts`). @default none */
  group: z.string().min(1).optional(),
  /**
   * The computers the task goes to with `--computer`: computer names or role names of the
   * config's `computers` (compared case-insensitively). Names that are not on the command
   * line simply don't match. Without `--computer`, ignored: the task is planned for this
   * machine. @default every computer named on the command line
   */
  computers: z.array(computerNameSchema).min(1, 'computers: name at least one computer or role, or leave the field out (every computer)').optional(),
  /** Notes for people (import writes its notes here); ignored. @default none */
  $comment: commentSchema,
};

/** A task declared field by field. */
export const fieldTaskSchema = z.strictObject({
  ...placementFields,
  /** What the task is for. @default none */
  description: z.string().optional(),
  /** `RegistrationInfo/Documentation`. @default none */
  documentation: z.string().optional(),
  /** `RegistrationInfo/Source`: who or what registered it. Compared only when declared. @default none */
  source: z.string().optional(),
  /** `RegistrationInfo/Version`. Compared only when declared. @default none */
  version: z.string().optional(),
  /** `RegistrationInfo/Author`. Compared only when declared. @default none (Windows writes the registering user) */
  author: z.string().optional(),
  /**
   * `RegistrationInfo/SecurityDescriptor`: SDDL saying who may read, run or change the task.
   * Compared only when declared; a change is a change of access. @default none (Windows' default access)
   */
  securityDescriptor: z.string().min(1).optional(),
  /** What to run, in order: 1 to 32 actions. */
  actions: z.array(actionSchema).min(1, 'a task needs at least one action').max(32, 'Task Scheduler allows at most 32 actions'),
  /** When to run. @default [] (started on demand only) */
  triggers: z.array(triggerSchema).max(48, 'Task Scheduler allows at most 48 triggers').optional(),
  /** Longest a run may take (`ExecutionTimeLimit`); `PT0S` means no limit. Required: Windows' silent default is 72 hours. */
  timeLimit: durationField(
    'timeLimit is required: the longest a run may take, e.g. "PT2M" ("PT0S" = no limit); left out, Windows would silently stop runs after 72 hours',
  ).superRefine((value, ctx) => {
    const problem = SETTINGS.fields.executionTimeLimit.value.problem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  }),
  /** What happens when a run is due while one is still running. @default 'IgnoreNew' */
  multipleInstances: zodFor(SETTINGS.fields.multipleInstancesPolicy.value).default('IgnoreNew'),
  /** @default true */
  enabled: z.boolean().optional(),
  /** Who the task runs as. @default the user who registers it */
  principal: principalSchema.optional(),
  /** Every other Task Scheduler setting. @default all Task Scheduler defaults */
  settings: settingsSchema.optional(),
  /** `Task/Data`: free text stored with the task. @default none */
  data: z.string().optional(),
});

/**
 * A task kept whole as XML (contract: "A task kept as XML"): plan compares it by meaning
 * like any other, apply registers it as given. Import writes this form for a task it
 * can't express field by field.
 */
export const xmlTaskSchema = z.strictObject({
  ...placementFields,
  /** The whole task document, `<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">…</Task>`. */
  xml: z.string().min(1, 'the task XML must not be empty'),
});

/** The schema a task declaration is checked against: `xml` present means the whole-task form. */
export function taskSchemaFor(value: unknown): typeof xmlTaskSchema | typeof fieldTaskSchema {
  return isPlainObject(value) && 'xml' in value ? xmlTaskSchema : fieldTaskSchema;
}

export type FieldTaskDeclaration = z.infer<typeof fieldTaskSchema>;
export type XmlTaskDeclaration = z.infer<typeof xmlTaskSchema>;
export type TaskDeclaration = FieldTaskDeclaration | XmlTaskDeclaration;
/** What people write (friendly durations, argv arrays, defaults left out). */
export type TaskDeclarationInput = z.input<typeof fieldTaskSchema> | z.input<typeof xmlTaskSchema>;

export const prefixSchema = z
  .string()
  .min(1, 'the prefix must not be empty: it is what keeps taskctl away from every other task')
  .superRefine((prefix, ctx) => {
    if (prefix === '') return;
    for (const message of taskNameProblems(prefix, 'a task name prefix')) ctx.addIssue({ code: 'custom', message, input: prefix });
  });

export const configSchema = z.strictObject(
  {
    /** JSON Schema reference, for editors; ignored. @default none */
    $schema: z.string().optional(),
    /** Notes for people (import writes its notes here); ignored. @default none */
    $comment: commentSchema,
    /** Only tasks whose name starts with it (case-insensitively) are managed. @default 'AGI' */
    prefix: prefixSchema.default(DEFAULT_PREFIX),
    /** The declared tasks. */
    tasks: z.array(z.unknown(), { error: 'expected "tasks": an array of task declarations' }),
    /**
     * Roles: a name for a set of computers (`{ gpu: ['gpu-1', 'gpu-2'] }`), usable in a task's
     * `computers`. Each role names at least one computer. @default none
     */
    computers: z
      .record(computerNameSchema, z.array(computerNameSchema).min(1, 'a role must name at least one computer'))
      .optional(),
    /** `taskctl doctor`'s thresholds: the machine is healthy below each. @default { cpuPercent: 15, memoryPercent: 35, pythonProcesses: 20 } */
    doctor: z
      .strictObject({
        cpuPercent: z.number().min(0).max(100).optional(),
        memoryPercent: z.number().min(0).max(100).optional(),
        pythonProcesses: z.number().int().min(0).optional(),
      })
      .optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'expected the declarations: an object { prefix?, tasks: [...] }' : undefined) },
);
/** The config as people write it (each task checked on its own by `compileConfig`). */
export type ConfigDeclarationInput = Omit<z.input<typeof configSchema>, 'tasks'> & { tasks: TaskDeclarationInput[] };
