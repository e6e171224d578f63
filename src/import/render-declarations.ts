/**
 * Imported declarations as a file people keep: the contract's JSON (notes in `$comment`,
 * which compile ignores) or an idiomatic TypeScript config — one `defineTask` block per
 * task, sorted by path, its notes above it as comments, then `export default defineConfig`.
 * TypeScript literals read as if a person wrote them: single quotes, unquoted keys,
 * trailing commas, short values on one line, multi-line text (event queries, task XML) as
 * template literals. Deterministic: same data, same text.
 */
import type { ImportedTask } from './import-tasks.js';

/** What `taskctl import` writes: the prefix and one declaration (with its notes) per live task. */
export interface ImportedConfig {
  prefix: string;
  tasks: ImportedTask[];
  /** What is not tied to one written task: a live task that could not be read at all, and the once-per-kind summary lines. */
  notes?: string[];
}

/** The header both formats carry, so a reader knows where the file came from and what it promises. */
function importHeader(config: ImportedConfig): string[] {
  return [
    `Declarations written by \`taskctl import\` for the live tasks under the prefix "${config.prefix}".`,
    '`taskctl plan --config <this file>` against the same source reports no changes.',
  ];
}

/** Tasks in path order (case-insensitively, as Windows compares them), for a stable file. */
function sortedTasks(config: ImportedConfig): ImportedTask[] {
  const key = (t: ImportedTask) => `${t.task.folder ?? '\\'}${t.task.name}`;
  return [...config.tasks].sort((a, b) => compare(key(a).toUpperCase(), key(b).toUpperCase()) || compare(key(a), key(b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function renderDeclarationsJson(config: ImportedConfig): string {
  const document = {
    $comment: [...importHeader(config), ...(config.notes ?? [])],
    prefix: config.prefix,
    tasks: sortedTasks(config).map(({ task, notes }) => (notes.length > 0 ? { $comment: notes, ...task } : task)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export interface RenderTsOptions {
  /**
   * Where `defineConfig`/`defineTask` come from: `'taskctl'` for a user's file, or a
   * relative path such as `'../declaration/index.js'` for a config inside this repository.
   * @default 'taskctl'
   */
  importFrom?: string;
}

export function renderDeclarationsTs(config: ImportedConfig, options: RenderTsOptions = {}): string {
  const tasks = sortedTasks(config);
  const names = variableNames(tasks.map(({ task }) => task.name));
  const lines: string[] = [
    ...importHeader(config).map((line) => `// ${line}`),
    ...(config.notes ?? []).flatMap((note) => commentLines(`NOTE: ${note}`)),
    `import { defineConfig, defineTask } from ${stringLiteral(options.importFrom ?? 'taskctl')};`,
    '',
  ];
  tasks.forEach(({ task, notes }, i) => {
    for (const note of notes) lines.push(...commentLines(`NOTE: ${note}`));
    lines.push(`const ${names[i]} = defineTask(${toTsLiteral(task, '', true)});`, '');
  });
  lines.push('export default defineConfig({');
  lines.push(`  prefix: ${stringLiteral(config.prefix)},`);
  lines.push(names.length === 0 ? '  tasks: [],' : `  tasks: [\n${names.map((name) => `    ${name},\n`).join('')}  ],`);
  lines.push('});', '');
  return lines.join('\n');
}

/**
 * A comment that can't be ended early by its text, one `//` line per text line. Every line
 * terminator JavaScript knows ends a `//` comment — a lone CR, U+2028, U+2029 too (a task's
 * text can hold any of them) — so each starts a new comment line.
 */
function commentLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).map((line) => `// ${line}`);
}

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'await',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'defineConfig', 'defineTask', 'undefined', 'NaN',
  'Infinity', 'arguments', 'eval',
]);

/** `AGI_Health_Check` → `agiHealthCheck`; unique, and never a keyword or an imported name. */
export function variableNames(taskNames: string[]): string[] {
  const used = new Set<string>();
  return taskNames.map((taskName) => {
    const words = taskName.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
    let name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join('') || 'task';
    if (/^\d/.test(name)) name = `task${name}`;
    if (RESERVED.has(name)) name = `${name}Task`;
    let unique = name;
    for (let n = 2; used.has(unique); n += 1) unique = `${name}${n}`;
    used.add(unique);
    return unique;
  });
}

// ---- TypeScript literals ---------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const LINE_WIDTH = 100;
const INDENT = '  ';

/** `expand` writes the outermost object across lines even when it would fit on one. */
export function toTsLiteral(value: unknown, indent = '', expand = false): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return arrayLiteral(value, indent);
  if (typeof value === 'object') return objectLiteral(value as Record<string, unknown>, indent, expand);
  throw new TypeError(`cannot write a ${typeof value} as a TypeScript literal`);
}

function arrayLiteral(items: unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = indent + INDENT;
  const parts = items.map((item) => toTsLiteral(item, inner));
  const oneLine = `[${parts.join(', ')}]`;
  if (fitsOnOneLine(oneLine, indent)) return oneLine;
  return `[\n${parts.map((part) => `${inner}${part},\n`).join('')}${indent}]`;
}

function objectLiteral(record: Record<string, unknown>, indent: string, expand: boolean): string {
  const entries = Object.entries(record).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const inner = indent + INDENT;
  const parts = entries.map(([key, v]) => `${propertyKey(key)}: ${toTsLiteral(v, inner)}`);
  const oneLine = `{ ${parts.join(', ')} }`;
  if (!expand && fitsOnOneLine(oneLine, indent) && entries.length <= 4) return oneLine;
  return `{\n${parts.map((part) => `${inner}${part},\n`).join('')}${indent}}`;
}

function fitsOnOneLine(text: string, indent: string): boolean {
  return !text.includes('\n') && indent.length + text.length <= LINE_WIDTH - 20;
}

function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/**
 * Single-quoted (double-quoted when that saves escapes), or a template literal when the
 * text has line breaks (kept as real lines).
 */
export function stringLiteral(text: string): string {
  if (text.includes('\n')) return templateLiteral(text);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) out += char === quote ? `\\${quote}` : escapeCommon(char);
  return `${out}${quote}`;
}

function templateLiteral(text: string): string {
  const chars = Array.from(text);
  let out = '`';
  chars.forEach((char, i) => {
    if (char === '\n') out += '\n';
    else if (char === '`') out += '\\`';
    else if (char === '$' && chars[i + 1] === '{') out += '\\$';
    else out += escapeCommon(char);
  });
  return `${out}\``;
}

/** Backslashes, control characters (CR included: a template literal would turn CRLF into LF) and line separators. */
function escapeCommon(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default: {
      const code = char.codePointAt(0) ?? 0;
      const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
      if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 || loneSurrogate) return `\\u${code.toString(16).padStart(4, '0')}`;
      return char;
    }
  }
}
