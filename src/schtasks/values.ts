/**
 * The kinds of value a Task Scheduler element holds — boolean, integer, duration,
 * date-time, free text, prose, token, enumeration, GUID, account — each written once:
 * how its text is read, how it is written, the one spelling equal values share, and
 * which values Task Scheduler refuses. The schema tables (`model.ts`) give every element
 * one of these; parse, render, normalize, validation, the declaration language (zod) and
 * import all ask the value type instead of knowing the element.
 */
import { remembered } from '../core/remembered.js';
import { canonicalDateTime, isXsDateTime } from './datetime.js';
import { canonicalDuration, durationToMs, isDuration } from './duration.js';
import { canonicalAccount } from './well-known-accounts.js';

/** What the declaration language and import need to know about a value type. */
type ValueSpec =
  | { type: 'boolean' }
  | { type: 'int'; min: number; max: number }
  | { type: 'dayOfMonth' }
  | { type: 'duration'; min?: string; max?: string; zero?: 'allowed' | 'absent' }
  | { type: 'dateTime' }
  | { type: 'text'; maxLength?: number; trim?: boolean }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'guid' }
  | { type: 'account' };

export interface ValueType<V> {
  readonly spec: ValueSpec;
  /** How a valid value looks, for messages: `a duration such as PT15M`. */
  readonly expected: string;
  /** Read with its surrounding whitespace (free text, accounts) or without (tokens: durations, numbers, enums). */
  readonly exact: boolean;
  /** Element text → value; undefined when the text is not one (the caller reports it). */
  read(text: string): V | undefined;
  /** Value → element text, as Windows writes it (booleans lower-case). */
  write(value: V): string;
  /** The one spelling every equal value shares; undefined where the value means "absent". */
  canonical(value: V): V | undefined;
  /** Why Task Scheduler would refuse the value, or undefined. */
  problem(value: V): string | undefined;
}

export const booleanValue: ValueType<boolean> = {
  spec: { type: 'boolean' },
  expected: 'true or false',
  exact: false,
  // xs:boolean is true/false/1/0; Windows' own files have been seen with `True`, so case is ignored on read.
  read: (text) => ({ true: true, '1': true, false: false, '0': false })[text.toLowerCase()],
  write: (value) => String(value),
  canonical: (value) => value,
  problem: (value) => (typeof value === 'boolean' ? undefined : `${String(value)} is not true or false`),
};

export function intValue(min: number, max: number): ValueType<number> {
  return {
    spec: { type: 'int', min, max },
    expected: `a whole number from ${min} to ${max}`,
    exact: false,
    read: (text) => (/^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined),
    write: (value) => String(value),
    canonical: (value) => value,
    problem: (value) => (Number.isInteger(value) && value >= min && value <= max ? undefined : `${value} is not a whole number from ${min} to ${max}`),
  };
}

/**
 * An ISO 8601 duration. `min`/`max` are the schema's range; `zero: 'allowed'` accepts PT0S
 * below `min` (ExecutionTimeLimit: no limit), `zero: 'absent'` reads PT0S as "not set"
 * (Repetition/Duration: indefinitely, pitfall 11).
 */
export function durationValue(range: { min?: string; max?: string; zero?: 'allowed' | 'absent' } = {}): ValueType<string> {
  const minMs = range.min === undefined ? undefined : durationToMs(range.min)!;
  const maxMs = range.max === undefined ? undefined : durationToMs(range.max)!;
  const canonical = remembered((value: string) => {
    const spelled = canonicalDuration(value.trim());
    return range.zero === 'absent' && durationToMs(spelled) === 0 ? undefined : spelled;
  });
  const problem = remembered((value: string) => {
    const ms = durationToMs(value.trim());
    if (ms === undefined) return `"${value}" is not an ISO 8601 duration such as PT15M or P1D`;
    if (ms === 0 && range.zero !== undefined) return undefined;
    if (minMs !== undefined && ms < minMs) return `"${value}" is shorter than ${range.min}, the least Task Scheduler accepts here`;
    if (maxMs !== undefined && ms > maxMs) return `"${value}" is longer than ${range.max}, the most Task Scheduler accepts here`;
    return undefined;
  });
  return {
    spec: { type: 'duration', ...range },
    expected: 'an ISO 8601 duration such as PT15M or P1D',
    exact: false,
    read: (text) => (isDuration(text) ? text : undefined),
    write: (value) => value,
    canonical,
    problem,
  };
}

export const dateTimeValue: ValueType<string> = {
  spec: { type: 'dateTime' },
  expected: 'a date-time such as 2025-01-01T03:00:00 (optionally with Z or an offset like +09:00)',
  exact: false,
  read: (text) => text,
  write: (value) => value,
  canonical: remembered((value) => canonicalDateTime(value.trim())),
  problem: remembered((value) => (isXsDateTime(value.trim()) ? undefined : `"${value}" is not a date-time such as 2025-01-01T03:00:00 (optionally with Z or an offset like +09:00)`)),
};

/**
 * Text kept exactly as written (commands, arguments, subscriptions). `maxLength` is the
 * schema's (`pathType`: 260); `emptyIsAbsent` where Windows writes an empty element for "none".
 */
export function textValue(options: { maxLength?: number; emptyIsAbsent?: boolean; trim?: boolean } = {}): ValueType<string> {
  return {
    spec: { type: 'text', ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}), ...(options.trim ? { trim: true } : {}) },
    expected: options.maxLength === undefined ? 'text' : `text of at most ${options.maxLength} characters`,
    exact: true,
    read: (text) => text,
    write: (value) => value,
    canonical: (value) => {
      const v = options.trim ? value.trim() : value;
      return options.emptyIsAbsent && v.trim() === '' ? undefined : v;
    },
    problem: (value) =>
      options.maxLength !== undefined && value.length > options.maxLength
        ? `${value.length} characters; Task Scheduler allows at most ${options.maxLength} here`
        : undefined,
  };
}

/** Prose that editors and Windows reflow (Description, Documentation): line endings and edge whitespace do not count, empty ≡ absent (pitfalls 13, 24). */
export const proseValue: ValueType<string> = {
  ...textValue(),
  canonical: (value) => {
    const t = value.replace(/\r\n?/g, '\n').trim();
    return t === '' ? undefined : t;
  },
};

export function enumValue<T extends string>(values: readonly T[], options: { absentAs?: T } = {}): ValueType<T> {
  return {
    spec: { type: 'enum', values },
    expected: `one of ${values.join(', ')}`,
    exact: false,
    read: (text) => ((values as readonly string[]).includes(text) ? (text as T) : undefined),
    write: (value) => value,
    // `absentAs`: the value that means the same as leaving the element out (ProcessTokenSidType Default).
    canonical: (value) => (value === options.absentAs ? undefined : value),
    problem: (value) => ((values as readonly string[]).includes(value) ? undefined : `"${value}" is not one of ${values.join(', ')}`),
  };
}

const GUID = /^\s*\{?([0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})\}?\s*$/;

/** GUIDs compare case-insensitively and with or without braces: `{UPPER-CASE}`. */
export const guidValue: ValueType<string> = {
  spec: { type: 'guid' },
  expected: 'a GUID such as {01234567-89AB-CDEF-0123-456789ABCDEF}',
  exact: false,
  read: (text) => text,
  write: (value) => value,
  canonical: (value) => {
    const m = GUID.exec(value);
    return m ? `{${m[1]!.toUpperCase()}}` : value.trim();
  },
  problem: (value) => (GUID.test(value) ? undefined : `"${value}" is not a GUID such as {01234567-89AB-CDEF-0123-456789ABCDEF}`),
};

/** A user or group: `SYSTEM`, `NT AUTHORITY\SYSTEM` and `S-1-5-18` are one account (pitfalls 14–18). */
export const accountValue: ValueType<string> = {
  spec: { type: 'account' },
  expected: 'an account name such as DOMAIN\\user or a SID such as S-1-5-18',
  exact: true,
  read: (text) => text,
  write: (value) => value,
  canonical: (value) => (value.trim() === '' ? undefined : canonicalAccount(value)),
  problem: (value) => (value.trim() === '' ? 'the account must not be empty' : undefined),
};

/** An `id` attribute (triggers, actions, principal). Windows writes ids that are not xs:IDs, so any text but none. */
export const idValue: ValueType<string> = {
  ...textValue(),
  problem: (value) => (value === '' ? 'an id must not be empty' : undefined),
};

/** A privilege constant such as `SeBackupPrivilege`. */
export const privilegeValue: ValueType<string> = {
  ...textValue({ trim: true }),
  expected: 'a privilege constant such as SeBackupPrivilege',
  problem: (value) => (/^Se\w+Privilege$/.test(value.trim()) ? undefined : `"${value}" is not a privilege constant such as "SeBackupPrivilege"`),
};

/** A day of the month (1–31) or `'Last'`. */
export type DayOfMonth = number | 'Last';

export const dayOfMonthValue: ValueType<DayOfMonth> = {
  spec: { type: 'dayOfMonth' },
  expected: 'a day of the month (1–31 or Last)',
  exact: false,
  read: (text) => (text === 'Last' ? 'Last' : /^\d{1,2}$/.test(text) ? Number(text) : undefined),
  write: (value) => String(value),
  canonical: (value) => value,
  problem: (value) => (value === 'Last' || (Number.isInteger(value) && value >= 1 && value <= 31) ? undefined : `${value} is not a day of the month (1–31 or Last)`),
};
