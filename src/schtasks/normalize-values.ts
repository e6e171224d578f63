/** Canonical spellings of single values, shared by the normalizers. */
import { MONTHS, type Month } from './model.js';

/** Free prose Windows and editors reflow: line endings and edge whitespace do not count. */
export function normalizeProse(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/\r\n?/g, '\n').trim();
  return t === '' ? undefined : t;
}

/** GUIDs compare case-insensitively and with or without braces: `{UPPER-CASE}`. */
export function normalizeGuid(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*\{?([0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})\}?\s*$/.exec(text);
  return m ? `{${m[1]!.toUpperCase()}}` : text.trim();
}

/** Month lists: every month ≡ absent (absent means every month). */
export function normalizeMonths(months: string[] | undefined): Month[] | undefined {
  if (months === undefined) return undefined;
  const sorted = MONTHS.filter((m) => months.includes(m));
  return sorted.length === MONTHS.length ? undefined : sorted;
}
