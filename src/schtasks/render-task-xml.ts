/**
 * `TaskDefinition` → task XML text, the way Windows writes it: UTF-16 declaration, default
 * namespace, two-space indentation, CRLF, and one fixed element order — the schema
 * tables' order (RegistrationInfo, Triggers, Principals, Settings, Data, Actions; inside
 * each, Windows' export order, which satisfies the dahall XSD).
 *
 * Only what the model holds is written — absent stays absent, so the schema default
 * applies — except elements the tables mark `alwaysRendered` (MultipleInstancesPolicy, so
 * the most behaviour-relevant setting is visible in every file) and elements a present
 * parent requires (MaintenanceSettings/Exclusive), written as their default.
 * `Task@version` is the lowest that holds every element written (`schemaVersion`).
 * Encode the text with `encodeTaskFile` (encoding.ts) for a file on disk.
 */
import {
  ACTIONS, PRINCIPAL, REGISTRATION_INFO, SETTINGS, TASK_NAMESPACE, TRIGGERS,
  type Action, type Fields, type GroupNode, type Principal, type SchemaNode, type SchemaVersion, type TaskDefinition, type Trigger,
} from './model.js';
import { isServiceAccount } from './well-known-accounts.js';
import { leafElement, node, parseRawElement, writePretty, type XmlElement } from './xml.js';

const NEWLINE = '\r\n';

export function renderTaskXml(def: TaskDefinition): string {
  const task = node('Task', [
    writeGroup(REGISTRATION_INFO, def.registrationInfo) ?? node('RegistrationInfo', []),
    node('Triggers', def.triggers.map(triggerElement)),
    def.principal && node('Principals', [writeGroup(PRINCIPAL, { ...def.principal, logonType: writtenLogonType(def.principal) })!]),
    writeGroup(SETTINGS, def.settings) ?? node('Settings', []),
    def.data !== undefined && leafElement('Data', def.data),
    node('Actions', def.actions.map(actionElement), { Context: def.actionsContext }),
  ], { version: renderedSchemaVersion(def), xmlns: TASK_NAMESPACE });
  return `<?xml version="1.0" encoding="UTF-16"?>${NEWLINE}${writePretty(task, NEWLINE)}`;
}

/**
 * A bound on `renderTaskXml(def).length` that costs one `JSON.stringify`, for a caller that only
 * needs to know the task fits a limit (rendering every declared task to measure it was a few
 * percent of a plan). Every character of the XML comes from a value (escaped: at most 6 for 1,
 * `&quot;`) or from the element of a field, list item or object (name twice, brackets,
 * indentation, CRLF; defaults a present group requires), and each of those has at least one
 * character of JSON; 64 per JSON character plus 64 KiB for the document's own frame is far above
 * both. Undefined when the task holds a raw element: it is re-indented by its depth, so its size
 * has no such bound.
 */
export function renderedLengthAtMost(def: TaskDefinition): number | undefined {
  if (def.triggers.some((t) => t.kind === 'Raw') || def.actions.some((a) => a.kind === 'Raw')) return undefined;
  return 64 * JSON.stringify(def).length + 64 * 1024;
}

function triggerElement(trigger: Trigger, index: number): XmlElement {
  if (trigger.kind === 'Raw') return parseRawElement(trigger.xml, `triggers[${index}] (${trigger.element})`);
  return writeGroup(TRIGGERS[trigger.kind] as GroupNode, trigger)!;
}

function actionElement(action: Action, index: number): XmlElement {
  if (action.kind === 'Raw') return parseRawElement(action.xml, `actions[${index}] (${action.element})`);
  return writeGroup(ACTIONS[action.kind] as GroupNode, action)!;
}

/**
 * `ServiceAccount` and `Group` are COM logon types the task XSD does not list. Windows
 * infers them (a service account's SID, a GroupId) and its own exports usually leave them
 * out, so they are written only where they would not be implied.
 */
function writtenLogonType(p: Principal): Principal['logonType'] {
  if (p.logonType === 'ServiceAccount' && p.userId !== undefined && isServiceAccount(p.userId)) return undefined;
  if (p.logonType === 'Group' && p.groupId !== undefined && p.userId === undefined) return undefined;
  return p.logonType;
}

/** The element for `value` by its table, or undefined when the value is absent. */
function writeGroup(descriptor: GroupNode, value: object | undefined): XmlElement | undefined {
  if (value === undefined) return undefined;
  return writeFields(descriptor.element, descriptor.fields, value as Record<string, unknown>);
}

function writeFields(element: string, fields: Fields, value: Record<string, unknown>): XmlElement {
  const attrs: Record<string, string | undefined> = {};
  const children: (XmlElement | undefined)[] = [];
  for (const key in fields) {
    const n = fields[key] as SchemaNode;
    const v = value[key];
    if (n.node === 'attribute') {
      if (v !== undefined) attrs[n.attribute] = n.value.write(v as never);
      continue;
    }
    children.push(writeNode(n, v));
  }
  return node(element, children, attrs);
}

function writeNode(n: Exclude<SchemaNode, { node: 'attribute' }>, v: unknown): XmlElement | undefined {
  switch (n.node) {
    case 'leaf': {
      const present = v ?? (n.alwaysRendered || n.required ? n.default : undefined);
      return present === undefined ? undefined : leafElement(n.element, n.value.write(present as never));
    }
    case 'group':
      return v === undefined ? undefined : writeFields(n.element, n.fields, v as Record<string, unknown>);
    case 'choice': {
      if (v === undefined) return undefined;
      const { kind, ...rest } = v as { kind: string };
      const option = n.options[kind]!;
      return writeFields(option.element, option.fields, rest);
    }
    case 'list': {
      const items = v as unknown[] | undefined;
      if (items === undefined || (items.length === 0 && !n.required)) return undefined;
      const ordered = n.order ? n.order.filter((x) => items.includes(x)) : n.sort ? [...new Set(items)].sort(n.sort as (a: unknown, b: unknown) => number) : items;
      return node(n.element, ordered.map((item) => (n.item === 'markers' ? node(String(item), []) : leafElement(n.item, n.value.write(item as never)))));
    }
    case 'namedValues': {
      const items = v as { name: string; value: string }[] | undefined;
      if (items === undefined || items.length === 0) return undefined;
      return node(n.element, items.map((q) => leafElement(n.item, q.value, { name: q.name })));
    }
  }
}

// ---- schema version ------------------------------------------------------------------

const ORDER: readonly SchemaVersion[] = ['1.2', '1.3', '1.4'];

/**
 * The lowest `Task@version` that holds every element present (pitfalls.md §4.3), floor 1.2.
 * Windows rejects an element its declared version does not know, and a needlessly high
 * version fails on older hosts (dahall#789). Presence decides, not value:
 * `<UseUnifiedSchedulingEngine>false</…>` is still a 1.3 element.
 */
export function schemaVersion(def: TaskDefinition): SchemaVersion {
  let highest: SchemaVersion = '1.2';
  const visit = (fields: Fields, value: Record<string, unknown> | undefined) => {
    if (value === undefined) return;
    for (const [key, n] of Object.entries(fields) as [string, SchemaNode][]) {
      const v = value[key];
      if (v === undefined) continue;
      if (n.since !== undefined && ORDER.indexOf(n.since) > ORDER.indexOf(highest)) highest = n.since;
      if (n.node === 'group') visit(n.fields, v as Record<string, unknown>);
    }
  };
  visit(SETTINGS.fields, def.settings as Record<string, unknown>);
  visit(PRINCIPAL.fields, def.principal as Record<string, unknown> | undefined);
  return highest;
}

/**
 * The version written: the lowest that holds the typed elements, raised to the source's
 * `version` when the task carries raw elements (an undocumented trigger such as
 * `WnfStateChangeTrigger` may need the version it came with).
 */
function renderedSchemaVersion(def: TaskDefinition): string {
  const lowest = schemaVersion(def);
  const hasRaw = def.triggers.some((t) => t.kind === 'Raw') || def.actions.some((a) => a.kind === 'Raw');
  const source = def.version?.trim();
  if (hasRaw && source && /^\d+(\.\d+){1,3}$/.test(source) && compareVersions(source, lowest) > 0) return source;
  return lowest;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
