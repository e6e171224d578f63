/**
 * Turns Task Scheduler's terse failures — `0x80041318` and `(35,23):Command:` —
 * into a message that names the task, the element, the line and what is wrong
 * with it, quoting the offending line of the XML that was handed over
 * (pitfalls 35, 40, 52). The code table is in `hresult-table.ts`.
 */
import { describeHresult, normalizeHresult } from './hresult-table.js';

export { describeHresult, normalizeHresult } from './hresult-table.js';

/** Where in the task XML Task Scheduler says the problem is. */
export interface XmlPosition {
  line: number;
  column: number;
  /** The element it names (`Command`, `UserId`), when it names one. */
  element?: string;
}

export interface SchedulerFailure {
  /** Windows' own message. */
  message: string;
  /** The HRESULT as reported (`0x80041318`, `-2147216616`), when known. */
  hresult?: string | number | null;
  /** The XML exactly as it was handed to Task Scheduler: positions refer to it. */
  xml?: string;
  /** Full task path, for the message. */
  task?: string;
}

/** Finds `(35,23):Command:` (or `(1,2)::ERROR:`) in a Task Scheduler message. */
export function findXmlPosition(message: string): XmlPosition | undefined {
  const match = /\((\d+),(\d+)\):([A-Za-z_][\w.-]*)?:/.exec(message);
  if (!match) return undefined;
  const element = match[3];
  return { line: Number(match[1]), column: Number(match[2]), ...(element ? { element } : {}) };
}

/** The HRESULT written in a message (`0x80041318`, `(Exception from HRESULT: 0x8004131A)`). */
function findHresultInMessage(message: string): string | undefined {
  const match = /\b0x([0-9a-f]{8})\b/i.exec(message) ?? /\b(8004[0-9a-f]{4}|8007[0-9a-f]{4})\b/i.exec(message);
  return match?.[1] === undefined ? undefined : normalizeHresult(match[1]);
}

const MAX_QUOTE_WIDTH = 160;

const ACCOUNT_ELEMENTS = new Set(['UserId', 'GroupId', 'LogonType']);
const DURATION_ELEMENTS = new Set([
  'Interval', 'Duration', 'ExecutionTimeLimit', 'Delay', 'RandomDelay', 'DeleteExpiredTaskAfter', 'WaitTimeout', 'PeriodOfOccurrence', 'Period', 'Deadline',
]);

/** Advice for the element Task Scheduler named, sharper than the code's general hint. */
function elementHint(element: string | undefined): string | undefined {
  if (element === undefined) return undefined;
  if (ACCOUNT_ELEMENTS.has(element)) {
    return 'the account could not be resolved or is not allowed for this logon type: write it as a SID (S-1-5-18) or fully qualified (DOMAIN\\user), and check its rights (Log on as a batch job) and password';
  }
  if (DURATION_ELEMENTS.has(element)) return `<${element}> must be an ISO 8601 duration (PT15M, P1D); repetition intervals run from PT1M to P31D`;
  if (element === 'StartBoundary' || element === 'EndBoundary') return `<${element}> must be a date-time YYYY-MM-DDTHH:MM:SS (optionally with Z or an offset), within the years Windows accepts`;
  if (element === 'Command' || element === 'WorkingDirectory') return `<${element}> holds at most 260 characters: put the program in Command and the rest in Arguments`;
  return undefined;
}

/** The line `line` of `xml` with a caret under `column` (1-based), or undefined when out of range. */
export function quoteXmlLine(xml: string, line: number, column: number): string | undefined {
  const lines = xml.split(/\r\n|\n|\r/);
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  let start = 0;
  let caretAt = Math.max(0, Math.min(column - 1, text.length));
  // Long lines (a 2 KB Arguments) are cut to a window around the column.
  if (text.length > MAX_QUOTE_WIDTH) start = Math.max(0, Math.min(caretAt - MAX_QUOTE_WIDTH / 2, text.length - MAX_QUOTE_WIDTH));
  const shown = text.slice(start, start + MAX_QUOTE_WIDTH);
  caretAt -= start;
  const gutter = String(line);
  const pad = shown.slice(0, caretAt).replace(/[^\t]/g, ' ');
  return `    ${gutter} | ${start > 0 ? '…' : ''}${shown}${start + MAX_QUOTE_WIDTH < text.length ? '…' : ''}\n` +
    `    ${' '.repeat(gutter.length)} | ${start > 0 ? ' ' : ''}${pad}^`;
}

/** A readable, actionable message for a Task Scheduler failure. */
export function decodeSchedulerError(failure: SchedulerFailure): string {
  const message = failure.message.trim();
  const code = normalizeHresult(failure.hresult ?? undefined) ?? findHresultInMessage(message);
  const info = describeHresult(code);
  const position = findXmlPosition(message);

  const where = failure.task ? `${failure.task}: ` : '';
  const parts: string[] = [];
  if (position) {
    const element = position.element ? `<${position.element}> ` : '';
    parts.push(`${where}Task Scheduler rejected ${element}at line ${position.line}, column ${position.column} of the task XML`);
  } else {
    parts.push(`${where}Task Scheduler refused`);
  }
  if (info) parts[0] += `: ${info.meaning} (${info.code} ${info.symbol})`;
  else if (code) parts[0] += ` (HRESULT ${code})`;

  const quote = position && failure.xml !== undefined ? quoteXmlLine(failure.xml, position.line, position.column) : undefined;
  if (quote) parts.push(quote);
  const hint = elementHint(position?.element) ?? info?.hint;
  if (hint) parts.push(`  hint: ${hint}`);
  // Windows' own words (worth searching for), unless they are nothing but the position decoded above.
  const rest = message.replace(/\((\d+),(\d+)\):([A-Za-z_][\w.-]*)?:/, '').trim();
  if (rest.length > 0) parts.push(`  Windows said: ${message.replace(/\s+/g, ' ')}`);
  return parts.join('\n');
}

/**
 * A computer that could not be reached or read (`--computer`): what happened, Windows' words,
 * and what to check on that computer (the table's `remoteHint`; else its `hint`).
 */
export function describeComputerFailure(computer: string, failure: SchedulerFailure): string {
  const message = failure.message.trim();
  const code = normalizeHresult(failure.hresult ?? undefined) ?? findHresultInMessage(message);
  const info = describeHresult(code);
  const lines = [`${computer}: ${info ? `${info.meaning} (${info.code} ${info.symbol})` : code ? `failed (HRESULT ${code})` : 'failed'}`];
  if (message) lines.push(`  Windows said: ${message.replace(/\s+/g, ' ')}`);
  if (info?.remoteHint) lines.push(`  what to check: ${info.remoteHint}`);
  else if (info?.hint) lines.push(`  hint: ${info.hint}`);
  return lines.join('\n');
}
