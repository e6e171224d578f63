/**
 * One declared task: where it lives, what it runs, when, as whom, and how.
 * Every optional field left out means Task Scheduler's own default for it.
 */
import { z } from 'zod';
import { MULTIPLE_INSTANCES_POLICIES } from '../schtasks/model.js';
import { normalizeFolder } from '../schtasks/task-path.js';
import { actionSchema } from './action-schema.js';
import { durationField } from './duration-input.js';
import { principalSchema } from './principal-schema.js';
import { settingsSchema } from './settings-schema.js';
import { taskFolderProblems, taskNameProblems } from '../schtasks/task-path.js';
import { triggerSchema } from './trigger-schema.js';

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

/** A note kept in the declarations (import writes what it could not express here); ignored by compile. */
export const commentSchema = z.union([z.string(), z.array(z.string())]).optional();

export const taskDeclarationSchema = z.strictObject({
  /** The task name; must start with the prefix (case-insensitively) and be unique in its folder. */
  name: taskNameSchema,
  /** The task folder. @default '\\' (the root folder) */
  folder: taskFolderSchema.default('\\'),
  /** @default none */
  description: z.string().optional(),
  /** `RegistrationInfo/Documentation`. @default none */
  documentation: z.string().optional(),
  /** `RegistrationInfo/Source`. @default none */
  source: z.string().optional(),
  /** `RegistrationInfo/Version`. @default none */
  version: z.string().optional(),
  /** `RegistrationInfo/Author`. @default none (Windows writes the registering user) */
  author: z.string().optional(),
  /** What to run, in order: 1 to 32 actions. */
  actions: z.array(actionSchema).min(1, 'a task needs at least one action').max(32, 'Task Scheduler allows at most 32 actions'),
  /** When to run. @default [] (started on demand only) */
  triggers: z.array(triggerSchema).max(48, 'Task Scheduler allows at most 48 triggers').optional(),
  /** Longest a run may take (`ExecutionTimeLimit`); `PT0S` means no limit. Required: Windows' silent default is 72 hours. */
  timeLimit: durationField(
    'timeLimit is required: the longest a run may take, e.g. "PT2M" ("PT0S" = no limit); left out, Windows would silently stop runs after 72 hours',
  ),
  /** Tasks of one group must never run at the same time (checked by `list-conflicts`). @default none */
  group: z.string().min(1).optional(),
  /** What happens when a run is due while one is still running. @default 'IgnoreNew' */
  multipleInstances: z.enum(MULTIPLE_INSTANCES_POLICIES).default('IgnoreNew'),
  /** @default true */
  enabled: z.boolean().optional(),
  /** Who the task runs as. @default the user who registers it */
  principal: principalSchema.optional(),
  /** Every other Task Scheduler setting. @default all Task Scheduler defaults */
  settings: settingsSchema.optional(),
  /** `Task/Data`: free text stored with the task. @default none */
  data: z.string().optional(),
  /** Notes for people (import writes its notes here); ignored. @default none */
  $comment: commentSchema,
});
export type TaskDeclaration = z.infer<typeof taskDeclarationSchema>;
/** What people write (friendly durations, argv arrays, defaults left out). */
export type TaskDeclarationInput = z.input<typeof taskDeclarationSchema>;
