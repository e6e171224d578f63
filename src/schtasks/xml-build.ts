/** Tiny constructors for the `XmlElement` trees the renderer writes. */
import type { XmlChild, XmlElement } from './xml-tree.js';

type Part = XmlElement | undefined | false;

/** An element with child elements; absent parts are skipped. */
export function node(name: string, parts: Part[], attrs: Record<string, string | undefined> = {}): XmlElement {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) defined[key] = value;
  return { name, attrs: defined, children: parts.filter((p): p is XmlElement => !!p) as XmlChild[] };
}

/** A text element, or nothing when the value is absent. Booleans are written lower-case. */
export function leaf(name: string, value: string | number | boolean | undefined): XmlElement | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  return { name, attrs: {}, children: text === '' ? [] : [text] };
}

/** An empty marker element such as `<Monday />`. */
export function marker(name: string): XmlElement {
  return { name, attrs: {}, children: [] };
}
