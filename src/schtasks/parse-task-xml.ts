/**
 * Task XML text (or bytes) → `TaskDefinition`, by walking the schema tables (`model.ts`).
 * Elements are found by name, in whatever order the file has them (real exports disagree
 * with the XSD's order). Nothing is dropped silently: a trigger or action the tables have
 * no typed form for — or a typed one missing a part it needs — is carried verbatim as a
 * raw element; any other element, attribute or value not understood is reported in
 * `warnings` with its path.
 */
import { XmlParseError } from '../core/errors.js';
import { decodeTaskBytes } from './encoding.js';
import {
  ACTIONS, PRINCIPAL, REGISTRATION_INFO, SETTINGS, TASK_NAMESPACE, TRIGGERS, dropUndefined,
  type Action, type ModelOf, type Fields, type GroupNode, type Principal, type RawElement, type SchemaNode, type TaskDefinition, type Trigger,
} from './model.js';
import { localName, parseXmlElements, positionOf, rawXmlOf, textOf, withoutNamespaces, type XmlElement } from './xml.js';

export interface ParsedTask {
  definition: TaskDefinition;
  /** Things read but not understood (unknown elements, bad values), each with its element path. */
  warnings: string[];
}

/**
 * Parses task XML text. Throws `XmlParseError` (naming `where`, with line and column where
 * known) for text that is not well-formed, has a DOCTYPE, whose root is not `Task`, or
 * whose namespace is not exactly the task namespace.
 */
export function parseTaskXml(text: string, where = 'task XML'): ParsedTask {
  const [found] = parseXmlElements(text, where);
  if (!found) throw new XmlParseError(where, 'the document has no root element');
  const prefix = found.name.includes(':') ? found.name.slice(0, found.name.indexOf(':')) : undefined;
  if (localName(found.name) !== 'Task' || found.attrs[prefix ? `xmlns:${prefix}` : 'xmlns'] !== TASK_NAMESPACE) {
    const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const { line, column } = positionOf(source, Math.max(0, source.indexOf(`<${found.name}`)));
    const namespace = found.attrs[prefix ? `xmlns:${prefix}` : 'xmlns'];
    const reason =
      localName(found.name) !== 'Task'
        ? `the root element is <${found.name}>, but task XML must have a <Task> root`
        : `<Task> has ${namespace === undefined ? 'no namespace' : `namespace "${namespace}"`}; Task Scheduler requires exactly "${TASK_NAMESPACE}"`;
    throw new XmlParseError(where, reason, line, column);
  }
  const warnings: string[] = [];
  return { definition: readTask(withoutNamespaces(found), warnings), warnings };
}

/** Decodes task file bytes (BOM and byte pattern decide, not the declaration) and parses them. */
export function parseTaskBytes(bytes: Uint8Array, where = 'task XML'): ParsedTask {
  return parseTaskXml(decodeTaskBytes(bytes).text, where);
}

/**
 * Why `xml` can't be stored as a task file taskctl reads back (not well-formed, not a
 * `<Task>` in the task namespace), or undefined when it can.
 */
export function taskDocumentProblem(xml: string): string | undefined {
  try {
    parseTaskXml(xml, 'the task XML');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function readTask(root: XmlElement, warnings: string[]): TaskDefinition {
  const task = new Reader(root, 'Task', warnings);
  const registration = task.child('RegistrationInfo');
  const triggers = task.child('Triggers');
  const principals = task.child('Principals');
  const settings = task.child('Settings');
  const actions = task.child('Actions');
  const data = task.child('Data');
  task.attribute('version');
  if (!actions) warnings.push('Task: no <Actions> element: Task Scheduler requires at least one action');

  const principalElements = principals ? new Reader(principals, 'Task/Principals', warnings).all('Principal', true) : [];
  if (principalElements.length > 1) warnings.push(`Task/Principals: has ${principalElements.length} Principal elements; Task Scheduler allows one, only the first is used`);
  const definition: TaskDefinition = {
    version: root.attrs.version,
    registrationInfo: registration ? readFields(REGISTRATION_INFO.fields, registration, 'Task/RegistrationInfo', warnings) : {},
    triggers: triggers ? elementsOf(triggers, 'Task/Triggers', warnings).map((e, i) => readTrigger(e, `Task/Triggers/${e.name}[${i}]`, warnings)) : [],
    principal: principalElements[0] && (readFields(PRINCIPAL.fields, principalElements[0], 'Task/Principals/Principal', warnings) as Principal),
    settings: settings ? readFields(SETTINGS.fields, settings, 'Task/Settings', warnings) : {},
    actionsContext: actions?.attrs.Context,
    actions: actions ? elementsOf(actions, 'Task/Actions', warnings, ['Context']).map((e, i) => readAction(e, `Task/Actions/${e.name}[${i}]`, warnings)) : [],
    data: data && textOf(data),
  };
  task.finish();
  return dropUndefined(definition);
}

/** The child elements of a list container (`Triggers`, `Actions`), with stray text and unknown attributes reported. */
function elementsOf(container: XmlElement, path: string, warnings: string[], attributes: string[] = []): XmlElement[] {
  const reader = new Reader(container, path, warnings);
  for (const name of attributes) reader.attribute(name);
  const elements = container.children.filter((c): c is XmlElement => typeof c !== 'string');
  for (const e of elements) reader.use(e);
  reader.finish();
  return elements;
}

function raw(element: XmlElement): RawElement {
  return { kind: 'Raw', element: element.name, xml: rawXmlOf(element) };
}

function readTrigger(element: XmlElement, path: string, warnings: string[]): Trigger {
  const descriptor = (TRIGGERS as Record<string, GroupNode>)[element.name];
  if (!descriptor) return raw(element);
  const missing = missingRequired(descriptor.fields, element);
  if (missing !== undefined) {
    warnings.push(`${path}: no ${missing}; the trigger is kept verbatim as a raw trigger`);
    return raw(element);
  }
  return { kind: element.name, ...readFields(descriptor.fields, element, path, warnings) } as Trigger;
}

function readAction(element: XmlElement, path: string, warnings: string[]): Action {
  const descriptor = (ACTIONS as Record<string, GroupNode>)[element.name];
  if (!descriptor) return raw(element);
  const missing = missingRequired(descriptor.fields, element);
  if (missing !== undefined) {
    warnings.push(`${path}: ${element.name} without ${missing}; kept verbatim as a raw action`);
    return raw(element);
  }
  return { kind: element.name, ...readFields(descriptor.fields, element, path, warnings) } as Action;
}

/** The first required child (without a default) the element lacks, by name; undefined when it has them all. */
function missingRequired(fields: Fields, element: XmlElement): string | undefined {
  const has = (name: string) => element.children.some((c) => typeof c !== 'string' && c.name === name);
  for (const node of Object.values(fields) as SchemaNode[]) {
    if (!node.required || node.default !== undefined) continue;
    if (node.node === 'choice') {
      const names = Object.values(node.options).map((o) => o.element);
      if (!names.some(has)) return names.join('/');
    } else if (node.node !== 'attribute' && !has(node.element)) {
      return node.element;
    }
  }
  return undefined;
}

/** Reads every field of a table from `element`; reports what it does not know. */
function readFields<F extends Fields>(fields: F, element: XmlElement, path: string, warnings: string[]): ModelOf<F> {
  const reader = new Reader(element, path, warnings);
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const value = readNode(fields[key] as SchemaNode, reader);
    if (value !== undefined) out[key] = value;
  }
  reader.finish();
  return out as ModelOf<F>;
}

function readNode(node: SchemaNode, reader: Reader): unknown {
  const { warnings } = reader;
  switch (node.node) {
    case 'attribute': {
      const text = reader.attribute(node.attribute);
      return text === undefined ? undefined : readValue(node.value, text, `${reader.path}@${node.attribute}`, warnings);
    }
    case 'leaf': {
      const child = reader.child(node.element);
      if (!child) return undefined;
      const at = `${reader.path}/${node.element}`;
      if (child.children.some((c) => typeof c !== 'string')) warnings.push(`${at}: expected text but found child elements; they are ignored`);
      return readValue(node.value, textOf(child), at, warnings);
    }
    case 'group': {
      const child = reader.child(node.element);
      if (!child) return undefined;
      const at = `${reader.path}/${node.element}`;
      const missing = missingRequired(node.fields, child);
      if (missing !== undefined) {
        warnings.push(`${at}: no ${missing}, which it needs; ignored`);
        return undefined;
      }
      return readFields(node.fields, child, at, warnings);
    }
    case 'choice': {
      const present = Object.entries(node.options).filter(([, option]) => reader.has(option.element));
      if (present.length > 1) reader.warn(`has ${present.map(([, o]) => o.element).join(' and ')}; only ${present[0]![1].element} is used`);
      for (const [, option] of present.slice(1)) reader.all(option.element, true);
      const [kind, option] = present[0] ?? [];
      if (!option) return undefined;
      const child = reader.child(option.element)!;
      return { kind, ...readFields(option.fields, child, `${reader.path}/${option.element}`, warnings) };
    }
    case 'list': {
      const child = reader.child(node.element);
      if (!child) return undefined;
      const at = `${reader.path}/${node.element}`;
      const items = child.children.filter((c): c is XmlElement => typeof c !== 'string');
      const values: unknown[] = [];
      for (const [i, item] of items.entries()) {
        const text = node.item === 'markers' ? item.name : item.name === node.item ? textOf(item) : undefined;
        if (text === undefined) {
          warnings.push(`${at}: unknown element <${item.name}>; ignored`);
          continue;
        }
        const value = readValue(node.value, text, `${at}/${node.item === 'markers' ? item.name : `${node.item}[${i}]`}`, warnings);
        if (value !== undefined && !values.includes(value)) values.push(value);
      }
      return values;
    }
    case 'namedValues': {
      const child = reader.child(node.element);
      if (!child) return undefined;
      return child.children
        .filter((c): c is XmlElement => typeof c !== 'string' && c.name === node.item)
        .map((v) => ({ name: v.attrs.name ?? '', value: textOf(v) }));
    }
  }
}

function readValue<V>(type: { exact: boolean; read(text: string): V | undefined; expected: string }, text: string, at: string, warnings: string[]): V | undefined {
  const value = type.read(type.exact ? text : text.trim());
  if (value === undefined) warnings.push(`${at}: "${text.trim()}" is not ${type.expected}; ignored`);
  return value;
}

const NONE: readonly XmlElement[] = [];

/** Finds children by name (never by position) and remembers which it used, to report the rest. */
class Reader {
  private readonly used = new Set<XmlElement>();
  private readonly usedAttributes = new Set<string>();
  /** The child elements by name, built on the first look-up: a table asks for each of its fields once. */
  private byName: Map<string, XmlElement[]> | undefined;

  constructor(
    readonly element: XmlElement,
    readonly path: string,
    readonly warnings: string[],
  ) {}

  warn(message: string): void {
    this.warnings.push(`${this.path}: ${message}`);
  }

  has(name: string): boolean {
    return this.childrenNamed(name).length > 0;
  }

  private childrenNamed(name: string): readonly XmlElement[] {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (const c of this.element.children) {
        if (typeof c === 'string') continue;
        const same = this.byName.get(c.name);
        if (same) same.push(c);
        else this.byName.set(c.name, [c]);
      }
    }
    return this.byName.get(name) ?? NONE;
  }

  use(element: XmlElement): void {
    this.used.add(element);
  }

  /** Every child called `name`; `quiet` marks them used without warning about repeats. */
  all(name: string, quiet = false): readonly XmlElement[] {
    const found = this.childrenNamed(name);
    for (const e of found) this.used.add(e);
    if (!quiet && found.length > 1) this.warnings.push(`${this.path}/${name}: appears ${found.length} times; only the first is used`);
    return found;
  }

  child(name: string): XmlElement | undefined {
    return this.all(name)[0];
  }

  attribute(name: string): string | undefined {
    this.usedAttributes.add(name);
    return this.element.attrs[name];
  }

  /** Reports every child element and attribute nobody asked for, and stray text. */
  finish(): void {
    for (const c of this.element.children) {
      if (typeof c === 'string') {
        if (c.trim() !== '') this.warn(`unexpected text ${JSON.stringify(c.trim().slice(0, 40))}; ignored`);
      } else if (!this.used.has(c)) {
        this.warnings.push(`${this.path}/${c.name}: unknown element; ignored`);
      }
    }
    for (const name of Object.keys(this.element.attrs)) {
      if (!this.usedAttributes.has(name)) this.warn(`unknown attribute "${name}"; ignored`);
    }
  }
}
