/**
 * zod issues → taskctl `Issue`s: one line per problem, with the path people see in their
 * file (`tasks[2].triggers[0].repeat.interval`) and, where zod's message does not say it,
 * the offending value.
 */
import type { z } from 'zod';
import type { Issue } from '../core/errors.js';

type ZodIssue = z.core.$ZodIssue;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['tasks', 2, 'triggers', 0, 'repeat']` → `tasks[2].triggers[0].repeat`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** A short, readable rendering of an offending value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : safeJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Converts zod issues (parsed with `reportInput: true`) to `Issue`s under `base`. */
export function zodIssuesToIssues(issues: readonly ZodIssue[], base: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => convert(issue, [...base, ...issue.path]));
}

function convert(issue: ZodIssue, path: PropertyKey[]): Issue[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: formatIssuePath([...path, key]),
        message: `unknown field "${key}" (check its spelling and where it is placed)`,
      }));
    case 'invalid_union': {
      if (issue.discriminator !== undefined || issue.errors.length === 0) {
        const got = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator ?? ''];
        return [{ path: formatIssuePath(path), message: `${issue.message} (got ${describeValue(got)})` }];
      }
      // The branch whose issues all sit below the value's root is the one whose shape was meant.
      const meant = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
      if (meant.length === 1 && meant[0]) return meant[0].flatMap((inner) => convert(inner, [...path, ...inner.path]));
      return [{ path: formatIssuePath(path), message: `${issue.message} (got ${describeValue(issue.input)})` }];
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        const message = issue.message.startsWith('Invalid input')
          ? `is required (expected ${issue.expected})`
          : issue.message.includes('required') ? issue.message : `is required: ${issue.message}`;
        return [{ path: formatIssuePath(path), message }];
      }
      return [{ path: formatIssuePath(path), message: withValue(issue.message, issue.input) }];
    case 'too_big':
    case 'too_small':
      return [{ path: formatIssuePath(path), message: issue.origin === 'array' ? issue.message : withValue(issue.message, issue.input) }];
    case 'invalid_value':
    case 'invalid_format':
      return [{ path: formatIssuePath(path), message: withValue(issue.message, issue.input) }];
    default:
      return [{ path: formatIssuePath(path), message: issue.message }];
  }
}

function withValue(message: string, input: unknown): string {
  return input === undefined || message.includes('(got ') ? message : `${message} (got ${describeValue(input)})`;
}
