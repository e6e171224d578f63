/**
 * A minimal XML element tree for task XML: element names without namespace
 * prefixes, attributes as decoded strings, children as elements or text.
 * Comments and processing instructions are gone; CDATA sections are text
 * (their content is not escaped, so it reads back the same as escaped text).
 *
 * fast-xml-parser does the tokenizing; entity decoding is done here, in one
 * pass, so `&amp;lt;` stays the literal text `&lt;` (pitfall: double-escaped
 * subscriptions) and no DOCTYPE-defined entity can ever be expanded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlParseError } from '../core/errors.js';
import { positionOf, scanXmlHazards } from './xml-scan.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlChild[];
}

export type XmlChild = XmlElement | string;

export function isElement(child: XmlChild): child is XmlElement {
  return typeof child !== 'string';
}

const parser = new XMLParser({
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

/**
 * Parses a whole document (or a fragment with a single root) into its
 * top-level elements. Throws `XmlParseError` with line/column when the text
 * is not well-formed or declares a DOCTYPE.
 */
export function parseXmlElements(text: string, where: string): XmlElement[] {
  // XML end-of-line handling (XML 1.0 §2.11): CRLF and lone CR become LF before anything else.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  scanXmlHazards(source, where);
  const verdict = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (verdict !== true) {
    throw new XmlParseError(where, `not well-formed XML: ${verdict.err.msg}`, verdict.err.line, verdict.err.col);
  }
  const nodes = parser.parse(source) as unknown[];
  const roots = convertNodes(nodes).filter(isElement);
  if (roots.length > 1) {
    const second = roots[1]!;
    const { line, column } = positionOf(source, source.indexOf(`<${second.name}`, source.indexOf(`</${roots[0]!.name}`)));
    throw new XmlParseError(where, `not well-formed XML: more than one root element (<${roots[0]!.name}>, <${second.name}>)`, line, column);
  }
  return roots;
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
      for (const [name, v] of Object.entries(node[':@'] ?? {})) attrs[name] = decodeEntities(normalizeAttributeWhitespace(String(v)));
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

/** Attribute-value normalization (XML 1.0 §3.3.3): literal tab/newline become spaces, references survive. */
function normalizeAttributeWhitespace(value: string): string {
  return value.replace(/[\t\n]/g, ' ');
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references, in one pass. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? whole;
  });
}

/** The concatenated text children of an element (text and CDATA), exactly. */
export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}

/** Strips a namespace prefix from every element name under (and including) `element`. */
export function stripPrefix(element: XmlElement, prefix: string): XmlElement {
  const name = element.name.startsWith(`${prefix}:`) ? element.name.slice(prefix.length + 1) : element.name;
  return {
    name,
    attrs: element.attrs,
    children: element.children.map((c) => (typeof c === 'string' ? c : stripPrefix(c, prefix))),
  };
}
