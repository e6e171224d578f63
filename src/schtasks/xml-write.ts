/**
 * Writes an `XmlElement` tree as text. Escaping is the whole point of this
 * file: every text node and attribute goes through `escapeText` /
 * `escapeAttribute`, so `& < > " '`, `]]>`, `<!--` and newlines all survive.
 *
 * Carriage returns: an XML parser turns every CRLF or lone CR into LF, so a CR
 * that is part of a value is written as `&#13;` (which survives parsing), while
 * LF is written as the document's line ending.
 */
import { TaskctlError } from '../core/errors.js';
import { ILLEGAL_XML_CHAR } from './xml-scan.js';
import type { XmlElement } from './xml-tree.js';

export interface WriteOptions {
  /** Line ending used between elements and for LF inside text. @default '\r\n' */
  newline?: string;
  /** @default '  ' */
  indent?: string;
}

function assertXmlText(text: string): void {
  const bad = ILLEGAL_XML_CHAR.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new TaskctlError(`Cannot write U+${code} in task XML: XML 1.0 cannot carry that character (in ${JSON.stringify(text.slice(0, 60))})`);
  }
}

/** Escapes character data. `>` is always escaped so `]]>` can never appear. */
export function escapeText(text: string, newline = '\r\n'): string {
  assertXmlText(text);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, newline);
}

/** Escapes an attribute value for double quotes; whitespace that attribute normalization would eat becomes references. */
export function escapeAttribute(text: string): string {
  assertXmlText(text);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function openTag(element: XmlElement): string {
  const attrs = Object.entries(element.attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<${element.name}${attrs}`;
}

/** Writes the element exactly as held: no whitespace added or removed. */
export function writeCompact(element: XmlElement, newline = '\n'): string {
  if (element.children.length === 0) return `${openTag(element)} />`;
  const inner = element.children
    .map((c) => (typeof c === 'string' ? escapeText(c, newline) : writeCompact(c, newline)))
    .join('');
  return `${openTag(element)}>${inner}</${element.name}>`;
}

/**
 * Writes the element indented the way Windows does (two spaces, `<Empty />`).
 * Text-only elements are written inline so their whitespace is kept exactly;
 * whitespace-only text between child elements is layout and is replaced.
 * Mixed content (text beside elements) is written compactly, untouched.
 */
export function writePretty(element: XmlElement, options: WriteOptions = {}, depth = 0): string {
  const newline = options.newline ?? '\r\n';
  const indent = options.indent ?? '  ';
  const pad = indent.repeat(depth);
  if (element.children.length === 0) return `${pad}${openTag(element)} />`;
  const elements = element.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (elements.length === 0) {
    return `${pad}${openTag(element)}>${escapeText(element.children.join(''), newline)}</${element.name}>`;
  }
  const mixed = element.children.some((c) => typeof c === 'string' && c.trim() !== '');
  if (mixed) return `${pad}${writeCompact(element, newline)}`;
  const inner = elements.map((c) => writePretty(c, options, depth + 1)).join(newline);
  return `${pad}${openTag(element)}>${newline}${inner}${newline}${pad}</${element.name}>`;
}
