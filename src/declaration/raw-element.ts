/**
 * The escape hatch for elements the declaration language has no typed form for
 * (`WnfStateChangeTrigger`, `SendEmail`, `ShowMessage`): one whole XML element, passed
 * through verbatim. It must at least be well-formed, and be exactly one element.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type RawElementResult = { ok: true; element: string } | { ok: false; message: string };

const ELEMENT_NAME = /^<([A-Za-z_][\w.:-]*)/;

/** Checks a raw element and returns its local name. */
export function checkRawElement(xml: string): RawElementResult {
  const text = xml.trim();
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    return { ok: false, message: `is not well-formed XML: ${msg} (line ${line}, column ${col})` };
  }
  const roots = (new XMLParser({ preserveOrder: true, commentPropName: '#comment' }).parse(text) as object[]).filter(
    (node) => !Object.keys(node).some((key) => key === '#text' || key === '#comment' || key.startsWith('?')),
  );
  const name = ELEMENT_NAME.exec(text)?.[1];
  if (roots.length !== 1) {
    return { ok: false, message: `must be exactly one XML element such as "<SendEmail>…</SendEmail>" (found ${roots.length})` };
  }
  if (name === undefined) {
    return { ok: false, message: 'must start with the element itself (no declaration or comment before it)' };
  }
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  return { ok: true, element: local };
}
