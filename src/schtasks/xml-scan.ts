/**
 * Checks fast-xml-parser's validator does not make, done before parsing:
 * a DOCTYPE (refused outright: internal entities allow "billion laughs"
 * expansion and external ones XXE, and task XML never needs one), entity and
 * character references that XML does not define, and characters XML 1.0
 * cannot carry. Comments and CDATA sections are skipped, since their content is literal.
 */
import { XmlParseError } from '../core/errors.js';

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Characters XML 1.0 forbids: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
export const ILLEGAL_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

/** Whether a code point may appear in an XML 1.0 document. */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/y;

export function scanXmlHazards(text: string, where: string): void {
  const fail = (offset: number, reason: string): never => {
    const { line, column } = positionOf(text, offset);
    throw new XmlParseError(where, reason, line, column);
  };
  const illegal = ILLEGAL_XML_CHAR.exec(text);
  if (illegal) {
    const code = illegal[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    fail(illegal.index, `character U+${code} is not allowed in XML`);
  }
  let i = 0;
  while (i < text.length) {
    const next = nextSpecial(text, i);
    if (next < 0) break;
    if (text.startsWith('<!--', next)) {
      const end = text.indexOf('-->', next + 4);
      if (end < 0) fail(next, 'not well-formed XML: unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', next)) {
      const end = text.indexOf(']]>', next + 9);
      if (end < 0) fail(next, 'not well-formed XML: unterminated CDATA section');
      i = end + 3;
    } else if (text.startsWith('<!', next) && /^<!DOCTYPE/i.test(text.slice(next, next + 9))) {
      fail(next, 'a DOCTYPE declaration is not accepted in task XML (entity expansion and external entities are a security hazard)');
    } else if (text[next] === '&') {
      REFERENCE.lastIndex = next;
      const m = REFERENCE.exec(text);
      if (!m) {
        const shown = /^&[^\s;<&]{0,30};?/.exec(text.slice(next, next + 32))![0];
        fail(next, `not well-formed XML: "${shown}" is not a defined entity or character reference (write & as &amp;)`);
      }
      const hex = m![1];
      const dec = m![2];
      if (hex !== undefined || dec !== undefined) {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec!, 10);
        if (!isXmlChar(code)) fail(next, `character reference ${m![0]} names a character XML cannot carry`);
      }
      i = next + m![0].length;
    } else {
      i = next + 1;
    }
  }
}

function nextSpecial(text: string, from: number): number {
  const lt = text.indexOf('<!', from);
  const amp = text.indexOf('&', from);
  if (lt < 0) return amp;
  if (amp < 0) return lt;
  return Math.min(lt, amp);
}
