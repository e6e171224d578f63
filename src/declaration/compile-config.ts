/**
 * Declarations (whatever a config file gave us) checked field by field with zod, then compiled
 * (`compile-tasks.ts`). zod names every problem, each with the path people see in their file;
 * a task in the common, surely valid shape skips it (`plainTaskDeclaration`, same result).
 *
 * The CLI asks `compilePlainConfig` first and loads this module only when that cannot answer:
 * zod is the largest module taskctl has.
 */
import type { z } from 'zod';
import type { Issue } from '../core/errors.js';
import { compileReadings, type CompileOptions, type CompiledConfig, type TaskReading } from './compile-tasks.js';
import { DEFAULT_PREFIX, plainTaskDeclaration } from './plain-declaration.js';
import { configSchema, prefixSchema, taskFolderSchema, taskNameSchema, taskSchemaFor } from './task-schema.js';

export function compileConfig(input: unknown, options: CompileOptions = {}): CompiledConfig {
  const parsed = configSchema.safeParse(input, { reportInput: true });
  const issues: Issue[] = parsed.success ? [] : zodIssuesToIssues(parsed.error.issues);

  let prefix = parsed.success ? parsed.data.prefix : DEFAULT_PREFIX;
  if (options.prefix !== undefined) {
    const override = prefixSchema.safeParse(options.prefix, { reportInput: true });
    if (override.success) prefix = override.data;
    else issues.push(...zodIssuesToIssues(override.error.issues).map((issue) => ({ ...issue, path: '--prefix' })));
  } else if (!parsed.success) {
    const own = prefixSchema.safeParse(readField(input, 'prefix') ?? DEFAULT_PREFIX);
    if (own.success) prefix = own.data;
  }
  const rawTasks = readField(input, 'tasks');
  const { doctor, computers } = parsed.data ?? {};
  return compileReadings(
    { prefix, issues, ...(doctor !== undefined ? { doctor } : {}), ...(computers !== undefined ? { computers } : {}) },
    (Array.isArray(rawTasks) ? rawTasks : []).map(readTask),
    options,
  );
}

/** The common shape without zod; anything else, and every problem, through it. */
function readTask(raw: unknown, index: number): TaskReading {
  const plain = plainTaskDeclaration(raw);
  if (plain) return { ok: true, task: plain };
  const result = taskSchemaFor(raw).safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, task: result.data };
  const placement = placementOf(raw);
  return { ok: false, issues: zodIssuesToIssues(result.error.issues, ['tasks', index]), ...(placement ? { placement } : {}) };
}

/** Name and folder of a task whose other fields are malformed, when those two are fine. */
function placementOf(raw: unknown): { name: string; folder: string } | undefined {
  const name = taskNameSchema.safeParse(readField(raw, 'name'));
  const folder = taskFolderSchema.safeParse(readField(raw, 'folder') ?? '\\');
  return name.success && folder.success ? { name: name.data, folder: folder.data } : undefined;
}

function readField(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}

// ---- zod issues → taskctl issues ---------------------------------------------------------

type ZodIssue = z.core.$ZodIssue;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['tasks', 2, 'triggers', 0, 'repeat']` → `tasks[2].triggers[0].repeat`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** zod issues (parsed with `reportInput: true`) → one readable line per problem, under `base`, with the offending value. */
export function zodIssuesToIssues(issues: readonly ZodIssue[], base: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => convert(issue, [...base, ...issue.path]));
}

function convert(issue: ZodIssue, path: PropertyKey[]): Issue[] {
  const at = formatIssuePath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatIssuePath([...path, key]), message: `unknown field "${key}" (check its spelling and where it is placed)` }));
    case 'invalid_union': {
      if (issue.discriminator !== undefined || issue.errors.length === 0) {
        const got = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator ?? ''];
        return [{ path: at, message: `${issue.message} (got ${describeValue(got)})` }];
      }
      // The branch whose issues all sit below the value's root is the one whose shape was meant.
      const meant = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
      if (meant.length === 1 && meant[0]) return meant[0].flatMap((inner) => convert(inner, [...path, ...inner.path]));
      return [{ path: at, message: `${issue.message} (got ${describeValue(issue.input)})` }];
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        const message = issue.message.startsWith('Invalid input') ? `is required (expected ${issue.expected})` : issue.message.includes('required') ? issue.message : `is required: ${issue.message}`;
        return [{ path: at, message }];
      }
      return [{ path: at, message: withValue(issue.message, issue.input) }];
    case 'too_big':
    case 'too_small':
      return [{ path: at, message: issue.origin === 'array' ? issue.message : withValue(issue.message, issue.input) }];
    case 'invalid_value':
    case 'invalid_format':
      return [{ path: at, message: withValue(issue.message, issue.input) }];
    default:
      return [{ path: at, message: issue.message }];
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function withValue(message: string, input: unknown): string {
  return input === undefined || message.includes('(got ') ? message : `${message} (got ${describeValue(input)})`;
}
