/** The whole declarations file: a prefix and the tasks under it. */
import { z } from 'zod';
import { commentSchema, taskDeclarationSchema } from './task-schema.js';
import { taskNameProblems } from '../schtasks/task-path.js';

export const DEFAULT_PREFIX = 'AGI';

export const prefixSchema = z
  .string()
  .min(1, 'the prefix must not be empty: it is what keeps taskctl away from every other task')
  .superRefine((prefix, ctx) => {
    if (prefix === '') return;
    for (const message of taskNameProblems(prefix, 'a task name prefix')) ctx.addIssue({ code: 'custom', message, input: prefix });
  });

export const configSchema = z.strictObject({
  /** JSON Schema reference, for editors; ignored. @default none */
  $schema: z.string().optional(),
  /** Notes for people (import writes its notes here); ignored. @default none */
  $comment: commentSchema,
  /** Only tasks whose name starts with it (case-insensitively) are managed. @default 'AGI' */
  prefix: prefixSchema.default(DEFAULT_PREFIX),
  /** The declared tasks. */
  tasks: z.array(taskDeclarationSchema, { error: 'expected "tasks": an array of task declarations' }),
  /** `taskctl doctor`'s thresholds: the machine is healthy below each. @default { cpuPercent: 15, memoryPercent: 35, pythonProcesses: 20 } */
  doctor: z
    .strictObject({
      cpuPercent: z.number().min(0).max(100).optional(),
      memoryPercent: z.number().min(0).max(100).optional(),
      pythonProcesses: z.number().int().min(0).optional(),
    })
    .optional(),
}, {
  error: (issue) => (issue.code === 'invalid_type' ? 'expected the declarations: an object { prefix?, tasks: [...] }' : undefined),
});
export type ConfigDeclaration = z.infer<typeof configSchema>;
export type ConfigDeclarationInput = z.input<typeof configSchema>;
