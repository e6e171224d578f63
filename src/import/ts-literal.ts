/**
 * Plain data → TypeScript source that reads as if a person wrote it: single quotes,
 * unquoted keys, trailing commas, short values on one line, multi-line text (event
 * queries, raw XML) as template literals. Deterministic: same data, same text.
 */

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

export function propertyKey(key: string): string {
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
