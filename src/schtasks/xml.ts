/**
 * Task XML as text, read and written safely — the one place that knows XML itself.
 *
 * Reading: one checker for every piece of XML taskctl accepts (whole task documents, a
 * declaration's raw trigger or action, a store write): no DOCTYPE (internal entities
 * allow "billion laughs", external ones XXE, and task XML never needs one), only the five
 * predefined entities and character references, only characters XML 1.0 can carry, and
 * well-formed by fast-xml-parser's validator; then a tree of elements (names as written,
 * attributes and text decoded in one pass, so `&amp;lt;` stays the literal `&lt;`),
 * comments and processing instructions dropped, CDATA as text.
 *
 * Writing: every text node and attribute is escaped (`& < > " '`, `]]>`, newlines), a
 * carriage return inside a value as `&#13;` (a parser turns a literal CR into LF), and
 * the layout Windows uses (two-space indent, CRLF, `<Empty />`).
 */
import type { XMLParser } from 'fast-xml-parser';
import { TaskctlError, XmlParseError } from '../core/errors.js';
import { requireVendored } from '../core/vendored.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlChild[];
}
type XmlChild = XmlElement | string;

// ---- reading ---------------------------------------------------------------------------

/** Characters XML 1.0 forbids: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
export const ILLEGAL_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

let longWay: { parser: XMLParser; validate: typeof import('fast-xml-parser').XMLValidator.validate } | undefined;

/**
 * fast-xml-parser, required on the first document the one-pass reader is not sure of: most
 * runs never meet one, and the parser is 160 KB to load (CommonJS, so it loads synchronously).
 */
function fastXmlParser(): NonNullable<typeof longWay> {
  if (longWay) return longWay;
  const { XMLParser: Parser, XMLValidator } = requireVendored('fast-xml-parser');
  const parser = new Parser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Entities are decoded by `decodeEntities` below, never by the parser (no DOCTYPE entities).
    processEntities: false,
    htmlEntities: false,
    cdataPropName: '#cdata',
    commentPropName: '#comment',
  });
  return (longWay = { parser, validate: XMLValidator.validate });
}

/**
 * Parses a document (or a fragment with one root) into its top-level elements. Throws
 * `XmlParseError` naming `where`, the line and column, and what is wrong.
 */
export function parseXmlElements(text: string, where: string): XmlElement[] {
  // XML end-of-line handling (XML 1.0 §2.11): CRLF and lone CR become LF before anything else.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim() === '') throw new XmlParseError(where, 'the XML is empty');
  // Nearly every document is well-formed: one strict pass reads it. Anything that pass is not
  // sure of goes the long way below, which makes every refusal and names it.
  const root = ILLEGAL_XML_CHAR.test(source) ? undefined : readWellFormed(source);
  return root !== undefined ? [root] : readCheckedXml(source, where);
}

/**
 * The long way, for whatever `readWellFormed` is not sure of: the hazard scan, fast-xml-parser's
 * validator (its message made plain), its parser, and the conversion of its tree. `source` has
 * LF line ends. Exported so the tests can hold the one pass to it.
 */
export function readCheckedXml(source: string, where: string): XmlElement[] {
  scanHazards(source, where);
  const { parser, validate } = fastXmlParser();
  const verdict = validate(source, { allowBooleanAttributes: false });
  if (verdict !== true) {
    throw new XmlParseError(where, `not well-formed XML: ${plainValidatorMessage(verdict.err.msg)}`, verdict.err.line, verdict.err.col);
  }
  const roots = convertNodes(parser.parse(source) as unknown[]).filter((c): c is XmlElement => typeof c !== 'string');
  if (roots.length > 1) {
    const second = roots[1]!;
    const { line, column } = positionOf(source, source.indexOf(`<${second.name}`, source.indexOf(`</${roots[0]!.name}`)));
    throw new XmlParseError(where, `not well-formed XML: more than one root element (<${roots[0]!.name}>, <${second.name}>)`, line, column);
  }
  return roots;
}

const XML_DECLARATION = /<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<>&?]*"|'[^'<>&?]*'))*\s*\?>/y;
const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)="([^"<>]*)"|\s+([A-Za-z_][\w.:-]*)='([^'<>]*)'/y;
const TAG_END = /\s*(\/?)>/y;
const NOT_SPACE = /[^ \t\n]/;

/**
 * One pass over a document that is plainly well-formed: an optional XML declaration at the very
 * start, one root element, comments and CDATA, only the five predefined entities and character
 * references, ASCII names, no DOCTYPE or other processing instruction. It builds the same tree as
 * the long way (validator, then parser, then conversion) and returns undefined the moment it meets
 * anything else, so that the long way decides, with its messages. `source` has LF line ends and
 * no character XML forbids.
 */
export function readWellFormed(source: string): XmlElement | undefined {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  if (source.startsWith('<?xml', 0)) {
    XML_DECLARATION.lastIndex = 0;
    if (!XML_DECLARATION.test(source)) return undefined;
    i = XML_DECLARATION.lastIndex;
  }
  const length = source.length;
  while (i < length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i) {
      const raw = source.slice(i, textEnd);
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (NOT_SPACE.test(raw)) return undefined;
      } else {
        if (raw.includes(']]>')) return undefined;
        const text = decodeReferences(raw);
        if (text === undefined) return undefined;
        appendText(parent.children, text);
      }
    }
    if (lt < 0) break;
    const next = source.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const open = stack.pop();
      if (open === undefined || !source.startsWith(open.name, lt + 2) || source.charCodeAt(lt + 2 + open.name.length) !== 0x3e /* > */) return undefined;
      i = lt + 3 + open.name.length;
    } else if (next === 0x21 /* ! */) {
      if (source.startsWith('<!--', lt)) {
        const end = source.indexOf('-->', lt + 4);
        if (end < 0 || source.slice(lt + 4, end).includes('--')) return undefined;
        i = end + 3;
      } else if (source.startsWith('<![CDATA[', lt) && stack.length > 0) {
        const end = source.indexOf(']]>', lt + 9);
        if (end < 0) return undefined;
        appendText(stack[stack.length - 1]!.children, source.slice(lt + 9, end));
        i = end + 3;
      } else {
        return undefined;
      }
    } else {
      if (root !== undefined && stack.length === 0) return undefined; // a second root
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(source)?.[0];
      if (name === undefined || NAME.lastIndex !== lt + 1 + name.length) return undefined;
      const attrs: Record<string, string> = {};
      let at = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(source);
        if (m === null) break;
        const attrName = (m[1] ?? m[3])!;
        if (attrName === '__proto__' || Object.hasOwn(attrs, attrName)) return undefined;
        // Attribute-value normalization (XML 1.0 §3.3.3), as convertNodes does it.
        const value = decodeReferences((m[2] ?? m[4])!.replace(/[\t\n]/g, ' '));
        if (value === undefined) return undefined;
        attrs[attrName] = value;
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      const end = TAG_END.exec(source);
      if (end === null) return undefined;
      const element: XmlElement = { name, attrs, children: [] };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = element;
      else parent.children.push(element);
      if (end[1] === '') stack.push(element);
      i = TAG_END.lastIndex;
    }
  }
  return stack.length === 0 ? root : undefined;
}

/** Text with its references decoded, or undefined when one is not a defined entity or a character XML can carry. */
function decodeReferences(raw: string): string | undefined {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(raw);
    if (m === null) return undefined;
    let decoded: string;
    if (m[3] !== undefined) {
      decoded = PREDEFINED[m[3]]!;
    } else {
      const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2]!, 10);
      if (!isXmlChar(code)) return undefined;
      decoded = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + decoded;
    from = REFERENCE.lastIndex;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/**
 * fast-xml-parser names a tag by the path it built so far (`Invalid '[ "Task", "Actions"]'
 * found`); a person wants to hear which elements were left open.
 */
function plainValidatorMessage(message: string): string {
  const open = /^Invalid '\[\s*(.*)\]' found\.?$/.exec(message);
  if (!open) return message;
  const names = [...open[1]!.matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`);
  return `the text ends while ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} still open (truncated or not XML)`;
}

/** Parses one raw element (a declaration's `<WnfStateChangeTrigger>…`); returns it namespace-free. */
export function parseRawElement(xml: string, where: string): XmlElement {
  const roots = parseXmlElements(xml, where);
  if (roots.length !== 1) throw new XmlParseError(where, 'must be exactly one XML element such as "<SendEmail>…</SendEmail>"');
  return withoutNamespaces(roots[0]!);
}

/** Why `xml` can't be a raw element, or undefined when it can (the declaration checks this). */
export function rawElementProblem(xml: string): string | undefined {
  try {
    const element = parseRawElement(xml.trim(), 'the raw XML');
    return /^\s*</.test(xml) && !/^\s*<[?!]/.test(xml) ? undefined : `must start with the element itself, <${element.name}>, not a declaration or comment`;
  } catch (error) {
    return `is ${error instanceof XmlParseError ? error.message.replace(/^the raw XML: /, '') : String(error)}`;
  }
}

type FxpNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function convertNodes(nodes: unknown[]): XmlChild[] {
  const out: XmlChild[] = [];
  for (const raw of nodes) {
    const node = raw as FxpNode;
    const key = Object.keys(node).find((k) => k !== ':@');
    if (key === undefined || key === '#comment' || key.startsWith('?')) continue;
    const value = node[key];
    if (key === '#text') {
      appendText(out, decodeEntities(String(value)));
    } else if (key === '#cdata') {
      // CDATA content is literal: no entity decoding.
      appendText(out, (value as { '#text'?: unknown }[]).map((t) => String(t['#text'] ?? '')).join(''));
    } else {
      const attrs: Record<string, string> = {};
      // Attribute-value normalization (XML 1.0 §3.3.3): literal tab/newline become spaces, references survive.
      for (const [name, v] of Object.entries(node[':@'] ?? {})) attrs[name] = decodeEntities(String(v).replace(/[\t\n]/g, ' '));
      out.push({ name: key, attrs, children: convertNodes(value as unknown[]) });
    }
  }
  return out;
}

function appendText(out: XmlChild[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (typeof last === 'string') out[out.length - 1] = last + text;
  else out.push(text);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text of a document the long way accepted: `scanHazards` has refused every reference `decodeReferences` would not decode. */
function decodeEntities(text: string): string {
  return decodeReferences(text) ?? text;
}

/** The concatenated text children of an element (text and CDATA), exactly. */
export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}

/** The name without its namespace prefix. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The element with namespace prefixes and declarations removed, everywhere under it. */
export function withoutNamespaces(element: XmlElement): XmlElement {
  // Copies only what changes: a task document's elements rarely carry a prefix, and only its root an xmlns.
  let attrs = element.attrs;
  for (const name in element.attrs) {
    if (!name.startsWith('xmlns')) continue;
    attrs = {};
    for (const [kept, value] of Object.entries(element.attrs)) if (!kept.startsWith('xmlns')) attrs[kept] = value;
    break;
  }
  let children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (typeof child === 'string') continue;
    const plain = withoutNamespaces(child);
    if (plain === child) continue;
    if (children === element.children) children = [...children];
    children[i] = plain;
  }
  const name = localName(element.name);
  return name === element.name && attrs === element.attrs && children === element.children ? element : { name, attrs, children };
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/y;

/** What fast-xml-parser's validator does not check: DOCTYPE, undefined entities, illegal characters. */
function scanHazards(text: string, where: string): void {
  const fail = (offset: number, reason: string): never => {
    const { line, column } = positionOf(text, offset);
    throw new XmlParseError(where, reason, line, column);
  };
  const illegal = ILLEGAL_XML_CHAR.exec(text);
  if (illegal) fail(illegal.index, `character U+${illegal[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<!', i);
    const amp = text.indexOf('&', i);
    const next = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
    if (next < 0) break;
    if (text.startsWith('<!--', next)) {
      const end = text.indexOf('-->', next + 4);
      if (end < 0) fail(next, 'not well-formed XML: a comment is never closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', next)) {
      const end = text.indexOf(']]>', next + 9);
      if (end < 0) fail(next, 'not well-formed XML: a CDATA section is never closed');
      i = end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(next, next + 9))) {
      fail(next, 'a DOCTYPE declaration is not accepted in task XML (entity expansion and external entities are a security hazard)');
    } else if (text[next] === '&') {
      REFERENCE.lastIndex = next;
      const m = REFERENCE.exec(text);
      if (!m) {
        const shown = /^&[^\s;<&]{0,30};?/.exec(text.slice(next, next + 32))![0];
        fail(next, `not well-formed XML: "${shown}" is not a defined entity or character reference (write & as &amp;)`);
      }
      const code = m![1] !== undefined ? Number.parseInt(m![1], 16) : m![2] !== undefined ? Number.parseInt(m![2], 10) : undefined;
      if (code !== undefined && !isXmlChar(code)) fail(next, `character reference ${m![0]} names a character XML cannot carry`);
      i = next + m![0].length;
    } else {
      i = next + 1;
    }
  }
}

// ---- writing ---------------------------------------------------------------------------

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
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;').replace(/\n/g, newline);
}

/** Escapes an attribute value for double quotes; whitespace that attribute normalization would eat becomes references. */
export function escapeAttribute(text: string): string {
  assertXmlText(text);
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function openTag(element: XmlElement): string {
  return `<${element.name}${Object.entries(element.attrs).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('')}`;
}

/** Writes the element exactly as held: no whitespace added or removed. */
function writeCompact(element: XmlElement, newline = '\n'): string {
  if (element.children.length === 0) return `${openTag(element)} />`;
  const inner = element.children.map((c) => (typeof c === 'string' ? escapeText(c, newline) : writeCompact(c, newline))).join('');
  return `${openTag(element)}>${inner}</${element.name}>`;
}

/**
 * Writes the element indented the way Windows does (two spaces, `<Empty />`). Text-only
 * elements are written inline so their whitespace is kept exactly; whitespace-only text
 * between child elements is layout and is replaced; mixed content is written compactly.
 */
export function writePretty(element: XmlElement, newline = '\r\n', depth = 0): string {
  const pad = '  '.repeat(depth);
  if (element.children.length === 0) return `${pad}${openTag(element)} />`;
  const elements = element.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (elements.length === 0) return `${pad}${openTag(element)}>${escapeText(element.children.join(''), newline)}</${element.name}>`;
  if (element.children.some((c) => typeof c === 'string' && c.trim() !== '')) return `${pad}${writeCompact(element, newline)}`;
  const inner = elements.map((c) => writePretty(c, newline, depth + 1)).join(newline);
  return `${pad}${openTag(element)}>${newline}${inner}${newline}${pad}</${element.name}>`;
}

/** An element with children; absent parts are skipped. */
export function node(name: string, parts: (XmlElement | undefined | false)[], attrs: Record<string, string | undefined> = {}): XmlElement {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) defined[key] = value;
  return { name, attrs: defined, children: parts.filter((p): p is XmlElement => !!p) };
}

/** A text element (`<Name>text</Name>`, `<Name />` for empty text). */
export function leafElement(name: string, text: string, attrs: Record<string, string> = {}): XmlElement {
  return { name, attrs, children: text === '' ? [] : [text] };
}

// ---- raw elements ----------------------------------------------------------------------

/** A raw element serialized exactly as read (whitespace kept), namespace-free. */
export function rawXmlOf(element: XmlElement): string {
  return writeCompact(withoutNamespaces(element));
}

function dropLayoutWhitespace(element: XmlElement): XmlElement {
  const hasElements = element.children.some((c) => typeof c !== 'string');
  const children = element.children
    .filter((c) => !(hasElements && typeof c === 'string' && c.trim() === ''))
    .map((c) => (typeof c === 'string' ? c : dropLayoutWhitespace(c)));
  const attrs = Object.fromEntries(Object.entries(element.attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name: element.name, attrs, children };
}

/**
 * One spelling for one raw element: whitespace between tags dropped, attributes sorted,
 * entities and quotes written one way. Unreadable XML falls back to collapsing whitespace.
 */
export function canonicalRawXml(xml: string): string {
  try {
    return writeCompact(dropLayoutWhitespace(parseRawElement(xml, 'raw element')));
  } catch {
    return xml.replace(/>\s+</g, '><').trim();
  }
}
