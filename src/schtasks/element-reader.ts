/**
 * Reads the children of one XML element by name (never by position) and
 * remembers which it used, so that `finish()` can report every element and
 * attribute the model does not know instead of dropping it silently.
 */
import { textOf, type XmlElement } from './xml-tree.js';

/** xs:boolean: `true`, `false`, `1`, `0` (Windows also writes `True`, so case is ignored). */
export function parseXsBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

export class ElementReader {
  private readonly used = new Set<XmlElement>();
  private readonly usedAttrs = new Set<string>(['xmlns']);

  constructor(
    readonly element: XmlElement,
    /** Where this element is, for warnings: `Triggers/CalendarTrigger[1]`. */
    readonly path: string,
    private readonly warnings: string[],
  ) {}

  warn(message: string, name?: string): void {
    this.warnings.push(`${name ? `${this.path}/${name}` : this.path}: ${message}`);
  }

  /** Every child element called `name`, in document order. */
  all(name: string): XmlElement[] {
    const found = this.element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
    for (const e of found) this.used.add(e);
    return found;
  }

  /** The first child element called `name`; a second one is reported and ignored. */
  child(name: string): XmlElement | undefined {
    const found = this.all(name);
    if (found.length > 1) this.warn(`appears ${found.length} times; only the first is used`, name);
    return found[0];
  }

  reader(name: string): ElementReader | undefined {
    const e = this.child(name);
    return e ? new ElementReader(e, `${this.path}/${name}`, this.warnings) : undefined;
  }

  /** The exact text of a child (free text: descriptions, commands, subscriptions). */
  text(name: string): string | undefined {
    const e = this.child(name);
    if (!e) return undefined;
    if (e.children.some((c) => typeof c !== 'string')) this.warn('expected text but found child elements; they are ignored', name);
    return textOf(e);
  }

  /** A token value (duration, date-time, enum): surrounding whitespace is not part of it. */
  token(name: string): string | undefined {
    return this.text(name)?.trim();
  }

  bool(name: string): boolean | undefined {
    const t = this.text(name);
    if (t === undefined) return undefined;
    const value = parseXsBoolean(t);
    if (value === undefined) this.warn(`"${t}" is not a boolean (true/false/1/0); ignored`, name);
    return value;
  }

  int(name: string): number | undefined {
    const t = this.text(name);
    if (t === undefined) return undefined;
    if (!/^\s*[+-]?\d+\s*$/.test(t)) {
      this.warn(`"${t}" is not an integer; ignored`, name);
      return undefined;
    }
    return Number.parseInt(t, 10);
  }

  /** A token that must be one of `allowed`; anything else is kept but reported. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const t = this.token(name);
    if (t === undefined) return undefined;
    if (!allowed.includes(t as T)) this.warn(`"${t}" is not one of ${allowed.join(', ')}`, name);
    return t as T;
  }

  attr(name: string): string | undefined {
    this.usedAttrs.add(name);
    return this.element.attrs[name];
  }

  /** Reports every child element and attribute nobody asked for, and stray text. */
  finish(): void {
    for (const c of this.element.children) {
      if (typeof c === 'string') {
        if (c.trim() !== '') {
          this.warn(`unexpected text ${JSON.stringify(c.trim().slice(0, 40))}; ignored`);
        }
      } else if (!this.used.has(c)) {
        this.warn('unknown element; ignored', c.name);
      }
    }
    for (const name of Object.keys(this.element.attrs)) {
      if (!this.usedAttrs.has(name) && !name.startsWith('xmlns')) this.warn(`unknown attribute "${name}"; ignored`);
    }
  }
}
