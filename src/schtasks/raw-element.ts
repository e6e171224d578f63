/**
 * Elements the model carries verbatim (`RawTrigger`, `RawAction`): how they
 * are serialized when read, parsed back when rendered, and compared.
 */
import { TaskctlError } from '../core/errors.js';
import { writeCompact } from './xml-write.js';
import { parseXmlElements, type XmlChild, type XmlElement } from './xml-tree.js';

function withoutNamespaceDeclarations(element: XmlElement): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(element.attrs)) if (!name.startsWith('xmlns')) attrs[name] = value;
  return {
    name: element.name,
    attrs,
    children: element.children.map((c) => (typeof c === 'string' ? c : withoutNamespaceDeclarations(c))),
  };
}

/** The element serialized exactly as read (whitespace kept), namespace-free. */
export function rawXmlOf(element: XmlElement): string {
  return writeCompact(withoutNamespaceDeclarations(element));
}

/** Parses a raw element's `xml` back into a tree (for rendering). */
export function parseRawXml(xml: string, what: string): XmlElement {
  try {
    const [root] = parseXmlElements(xml, what);
    if (!root) throw new TaskctlError(`${what}: the raw XML has no element`);
    return withoutNamespaceDeclarations(root);
  } catch (error) {
    throw new TaskctlError(`${what}: the raw XML ${JSON.stringify(xml.slice(0, 80))} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function dropLayoutWhitespace(element: XmlElement): XmlElement {
  const hasElements = element.children.some((c) => typeof c !== 'string');
  const children: XmlChild[] = element.children
    .filter((c) => !(hasElements && typeof c === 'string' && c.trim() === ''))
    .map((c) => (typeof c === 'string' ? c : dropLayoutWhitespace(c)));
  const attrs = Object.fromEntries(Object.entries(element.attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name: element.name, attrs, children };
}

/**
 * One spelling for one raw element: whitespace between tags dropped, attributes
 * sorted, entities and quotes written one way. Unreadable XML falls back to
 * collapsing whitespace between tags.
 */
export function canonicalRawXml(xml: string): string {
  try {
    const [root] = parseXmlElements(xml, 'raw element');
    if (root) return writeCompact(dropLayoutWhitespace(withoutNamespaceDeclarations(root)));
  } catch {
    // fall through
  }
  return xml.replace(/>\s+</g, '><').trim();
}
