/**
 * Actions, run in order: a program (`exec`, the usual), a COM handler, or a raw element
 * (`SendEmail` / `ShowMessage`, deprecated since Windows 8, or anything newer).
 */
import { z } from 'zod';
import { joinWindowsArguments } from '../schtasks/command-line.js';
import { checkRawElement } from './raw-element.js';

/** An `id` attribute (triggers, actions, principal). Windows itself writes ids that are not xs:IDs, so any text is kept. */
export const elementIdSchema = z.string().min(1, 'an id must not be empty');

const pathTypeSchema = (what: string) =>
  z.string().min(1, `${what} must not be empty`).max(260, `${what} is longer than 260 characters, the Task Scheduler limit`);

/** `arguments` as one command-line string, or as an argv array quoted the CommandLineToArgvW way. */
export const argumentsSchema = z.union(
  [z.string(), z.array(z.string({ error: 'each argument must be a string' })).transform(joinWindowsArguments)],
  { error: 'expected the arguments as one string or as an array of strings (argv)' },
);

const execFields = {
  /** The program to run (`python.exe`, `C:\AGI\tool.exe`); at most 260 characters. */
  command: pathTypeSchema('command'),
  /** One string passed as is, or an argv array joined with Windows quoting. @default none */
  arguments: argumentsSchema.optional(),
  /** The directory the program starts in; at most 260 characters. @default Windows' choice (usually System32) */
  workingDirectory: pathTypeSchema('workingDirectory').optional(),
  /** An id for the action. @default none */
  id: elementIdSchema.optional(),
};

/** Starts a program. */
export const execActionSchema = z.strictObject({ type: z.literal('exec'), ...execFields });
export type ExecActionDeclaration = z.infer<typeof execActionSchema>;

/** Calls a COM handler (`ComHandler`), as many built-in Windows tasks do. */
export const comHandlerActionSchema = z.strictObject({
  type: z.literal('comHandler'),
  /** The handler's CLSID, e.g. `{0C1D0A8C-…}`. */
  classId: z
    .string()
    .regex(/^\{?[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$/, 'classId must be a GUID such as "{01234567-89AB-CDEF-0123-456789ABCDEF}"'),
  /** The handler's `Data` payload, passed verbatim. @default none */
  data: z.string().optional(),
  /** An id for the action. @default none */
  id: elementIdSchema.optional(),
});
export type ComHandlerActionDeclaration = z.infer<typeof comHandlerActionSchema>;

/** One whole action element carried verbatim, e.g. `<SendEmail>…</SendEmail>`. */
export const rawActionSchema = z.strictObject({
  type: z.literal('raw'),
  raw: z.string().superRefine((xml, ctx) => {
    const result = checkRawElement(xml);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: `the raw action ${result.message}`, input: xml });
  }),
});
export type RawActionDeclaration = z.infer<typeof rawActionSchema>;

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
