/**
 * Task definitions generated from the schema tables (src/schtasks/model.ts), for the XSD
 * tests: every element a table holds is generated from its descriptor — value type, range,
 * required flag, list order and size — so an element added to a table is covered here
 * without editing this file. Two forms:
 *
 * - `definitionArbitrary`: random definitions in which every optional block (RestartOnFailure,
 *   IdleSettings, NetworkSettings, MaintenanceSettings, Repetition, each calendar schedule,
 *   RequiredPrivileges, ValueQueries …) is present or absent;
 * - `blockVariants`: one definition per optional element of every table, present with only
 *   what its table marks required (elements with a default left out, for render to fill):
 *   the case where a block the XSD requires inside a parent would be missing.
 *
 * Values are ones Task Scheduler takes AND the published XSD lists. What the model carries
 * beyond the XSD because Windows writes it (`BEYOND_XSD`, non-NCName ids) is left out here
 * on purpose; those are tested against real files (xsd.test.ts, corpus-wide).
 */
import fc from 'fast-check';
import {
  ACTIONS, PRINCIPAL, REGISTRATION_INFO, SETTINGS, TRIGGERS,
  type Action, type Fields, type GroupNode, type SchemaNode, type TaskDefinition, type Trigger,
} from '../../src/schtasks/model.js';
import { durationToMs } from '../../src/schtasks/duration.js';
import { idValue, privilegeValue, type ValueType } from '../../src/schtasks/values.js';
import { taskSchemaXsd } from './xsd-validate.js';
import { corpusAvailable } from './corpus-files.js';

/**
 * Enumeration values the model knows that the published XSD does not (model.ts LOGON_TYPES:
 * COM logon types seen in real exports; ProcessTokenSidType `Default`, which Windows writes).
 */
const BEYOND_XSD: Record<string, readonly string[]> = {
  LogonType: ['Group', 'ServiceAccount', 'None'],
  ProcessTokenSidType: ['Default'],
};

const DURATIONS = ['PT1M', 'PT10M', 'PT90S', 'PT1H30M', 'PT72H', 'P1D', 'P2D', 'P7D', 'P31D', 'PT0S'];
const DATE_TIMES = ['2025-01-01T03:45:00', '2025-06-30T23:59:59', '2025-03-30T02:30:00Z', '2025-10-26T02:30:00+02:00'];
const TEXTS = ['Nightly "backup" & <cleanup>', 'Ж 日本語 😀', 'plain'];
const ACCOUNTS = ['S-1-5-18', 'NT AUTHORITY\\SYSTEM', 'CONTOSO\\ops', 'BUILTIN\\Users'];
const GUIDS = ['{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}', '58fb76b9-ac85-4e55-ac04-427593b1d060'];
/** Principal and action ids are `xs:ID`s in the XSD: NCNames. */
const IDS = ['Author', 'LocalSystem', 'Trigger1', 'a-1.b_2'];
const NAMED_VALUES = [{ name: 'eventId', value: 'Event/System/EventID' }, { name: 'source', value: 'Event/System/Provider/@Name' }];

/**
 * The privilege constants the XSD's `privilegeType` enumerates, read from the schema itself.
 * Without the corpus (and so without the XSD) nothing is validated against the schema; the
 * round-trip tests that still run then use four constants Windows documents.
 */
function xsdPrivileges(): string[] {
  if (!corpusAvailable) return ['SeBackupPrivilege', 'SeRestorePrivilege', 'SeChangeNotifyPrivilege', 'SeIncreaseQuotaPrivilege'];
  const type = /<xs:simpleType name="privilegeType">([\s\S]*?)<\/xs:simpleType>/.exec(taskSchemaXsd())?.[1] ?? '';
  const values = [...type.matchAll(/<xs:enumeration value="(\w+)"/g)].map((m) => m[1]!);
  if (values.length === 0) throw new Error('the XSD has no privilegeType enumeration');
  return values;
}

/** Valid sample values for one leaf or attribute (the first is the one `minimal` uses). */
function samples(n: SchemaNode & { value: ValueType<unknown> }, elementName: string): unknown[] {
  const ok = (v: unknown) => n.value.problem(v as never) === undefined;
  if (n.value === idValue) return IDS;
  if (n.value === privilegeValue) return xsdPrivileges().slice(0, 4);
  const spec = n.value.spec;
  switch (spec.type) {
    case 'boolean': return [false, true];
    case 'int': return [...new Set([spec.min, spec.max, Math.floor((spec.min + spec.max) / 2)])];
    case 'dayOfMonth': return [1, 15, 31, 'Last'];
    // Not a value that means "absent" (a repetition Duration of PT0S): declarations refuse it, and the XSD's minimum is PT1M.
    case 'duration': return DURATIONS.filter((v) => ok(v) && n.value.canonical(v as never) !== undefined);
    case 'dateTime': return DATE_TIMES;
    case 'text': return TEXTS.filter(ok);
    case 'enum': return spec.values.filter((v) => !(BEYOND_XSD[elementName] ?? []).includes(v));
    case 'guid': return GUIDS;
    case 'account': return ACCOUNTS;
  }
}

type Named = { kind: string } & Record<string, unknown>;

function nodeName(n: SchemaNode): string {
  return n.node === 'attribute' ? `@${n.attribute}` : n.node === 'choice' ? Object.values(n.options).map((o) => o.element).join('|') : n.element;
}

/** Whether a table's parent must hold the node (required without a default to stand in). */
function mustHold(n: SchemaNode): boolean {
  return n.required === true && n.default === undefined;
}

// ---- random definitions ------------------------------------------------------------------

function nodeArbitrary(n: SchemaNode): fc.Arbitrary<unknown> {
  switch (n.node) {
    case 'leaf':
    case 'attribute':
      return fc.constantFrom(...samples(n, nodeName(n)));
    case 'list': {
      const values = n.order ? [...n.order] : samples(n as SchemaNode & { value: ValueType<unknown> }, n.element);
      return fc.subarray(values, { minLength: 1, maxLength: Math.min(n.max ?? values.length, values.length) });
    }
    case 'namedValues':
      return fc.subarray(NAMED_VALUES, { minLength: 1 });
    case 'group':
      return fieldsArbitrary(n.fields);
    case 'choice':
      return fc.oneof(...Object.entries(n.options).map(([kind, option]) => fieldsArbitrary(option.fields).map((v) => ({ kind, ...v }))));
  }
}

function fieldsArbitrary(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields) as [string, SchemaNode][];
  return fc.record(Object.fromEntries(entries.map(([key, n]) => [key, nodeArbitrary(n)])), {
    requiredKeys: entries.filter(([, n]) => mustHold(n)).map(([key]) => key),
  });
}

/** `WnfStateChangeTrigger` as Windows writes it (the structure of the extended schema, xsd-validate.ts). */
const wnfTrigger: fc.Arbitrary<Trigger> = fc
  .record({
    id: fc.option(fc.constantFrom('WnfTrigger', 'OobeTrigger'), { nil: undefined }),
    enabled: fc.option(fc.boolean(), { nil: undefined }),
    delay: fc.option(fc.constantFrom('PT1M', 'PT10M'), { nil: undefined }),
    stateName: fc.constantFrom('7508BCA3380C960C', '75C0BCA33E06830D'),
    data: fc.option(fc.constantFrom('01', '03', '0A0B'), { nil: undefined }),
    dataOffset: fc.option(fc.nat({ max: 64 }), { nil: undefined }),
  })
  .map(({ id, enabled, delay, stateName, data, dataOffset }) => ({ kind: 'Raw', element: 'WnfStateChangeTrigger', xml: wnfXml({ id, enabled, delay, stateName, data, dataOffset }) }));

export function wnfXml(t: { id?: string; enabled?: boolean; delay?: string; stateName: string; data?: string; dataOffset?: number }): string {
  const child = (name: string, value: unknown) => (value === undefined ? '' : `<${name}>${String(value)}</${name}>`);
  return `<WnfStateChangeTrigger${t.id === undefined ? '' : ` id="${t.id}"`}>${child('Enabled', t.enabled)}${child('Delay', t.delay)}${child('StateName', t.stateName)}${child('Data', t.data)}${child('DataOffset', t.dataOffset)}</WnfStateChangeTrigger>`;
}

const typedTrigger = fc.oneof(...Object.entries(TRIGGERS).map(([kind, g]) => fieldsArbitrary((g as GroupNode).fields).map((v) => ({ kind, ...v }) as Named)));
const typedAction = fc.oneof(...Object.entries(ACTIONS).map(([kind, g]) => fieldsArbitrary((g as GroupNode).fields).map((v) => ({ kind, ...v }) as Named)));

/** Random definitions from the tables, made to satisfy the rules that span several fields (`conform`). */
export const definitionArbitrary: fc.Arbitrary<TaskDefinition> = fc
  .record({
    registrationInfo: fieldsArbitrary(REGISTRATION_INFO.fields),
    triggers: fc.array(fc.oneof({ weight: 5, arbitrary: typedTrigger as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wnfTrigger }), { maxLength: 4 }),
    principal: fc.option(fieldsArbitrary(PRINCIPAL.fields), { nil: undefined }),
    settings: fieldsArbitrary(SETTINGS.fields),
    actions: fc.array(typedAction, { minLength: 1, maxLength: 3 }),
    actionsInPrincipalContext: fc.boolean(),
    data: fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
  })
  .map(({ actionsInPrincipalContext, ...def }) =>
    conform({ ...(def as unknown as TaskDefinition), actionsContext: actionsInPrincipalContext ? (def.principal?.['id'] as string | undefined) : undefined }));

/**
 * The rules validate-definition.ts writes across fields, applied to a generated definition:
 * a start for time and calendar triggers, the end not before the start, an interval that fits
 * its repetition duration, a user or a group, unique ids, the action context naming the principal.
 */
function conform(def: TaskDefinition): TaskDefinition {
  const ids = new Set<string>();
  const unique = (id: string | undefined, i: number): string | undefined => {
    if (id === undefined) return undefined;
    const free = ids.has(id) ? `${id}_${i}` : id;
    ids.add(free);
    return free;
  };
  // The XSD's PrincipalKey needs every Principal to have an id (Windows does not; declarations always give one).
  const principal = def.principal && { ...def.principal, id: unique(def.principal.id ?? IDS[0], 0) };
  if (principal?.userId !== undefined && principal.groupId !== undefined) delete principal.groupId;
  const triggers = def.triggers.map((t, i): Trigger => {
    if (t.kind === 'Raw') return t;
    const out = { ...t, id: unique(t.id, i + 1) };
    if ((out.kind === 'TimeTrigger' || out.kind === 'CalendarTrigger') && out.startBoundary === undefined) out.startBoundary = DATE_TIMES[0]!;
    if (out.startBoundary !== undefined && out.endBoundary !== undefined) out.endBoundary = '2030-12-31T23:59:59';
    const r = out.repetition;
    if (r?.duration !== undefined && durationToMs(r.duration)! > 0 && durationToMs(r.interval)! > durationToMs(r.duration)!) {
      out.repetition = { ...r, interval: r.duration, duration: r.interval };
    }
    return dropUndefinedKeys(out) as Trigger;
  });
  const actions = def.actions.map((a, i): Action => (a.kind === 'Raw' ? a : (dropUndefinedKeys({ ...a, id: unique(a.id, 100 + i) }) as Action)));
  return dropUndefinedKeys({
    ...def,
    principal: principal && dropUndefinedKeys(principal),
    triggers,
    actions,
    actionsContext: def.actionsContext === undefined ? undefined : principal?.id,
  }) as TaskDefinition;
}

function dropUndefinedKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- one optional element at a time -----------------------------------------------------

/** The least a node can be: its first sample, a one-item list, a group of its required fields only. */
function minimal(n: SchemaNode): unknown {
  switch (n.node) {
    case 'leaf':
    case 'attribute':
      return samples(n, nodeName(n))[0];
    case 'list':
      return [n.order ? n.order[0] : samples(n as SchemaNode & { value: ValueType<unknown> }, n.element)[0]];
    case 'namedValues':
      return [NAMED_VALUES[0]];
    case 'group':
      return minimalFields(n.fields);
    case 'choice': {
      const [kind, option] = Object.entries(n.options)[0]!;
      return { kind, ...minimalFields(option.fields) };
    }
  }
}

function minimalFields(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(fields) as [string, SchemaNode][]) if (mustHold(n)) out[key] = minimal(n);
  return out;
}

/**
 * The group of `fields` at its least, once per optional element with that element added at
 * its least, and again for each variant inside a group or schedule: every element of the
 * table appears in some variant, in the smallest company.
 */
function fieldVariants(fields: Fields, path: string): { name: string; value: Record<string, unknown> }[] {
  const base = minimalFields(fields);
  const out = [{ name: path || '(least)', value: base }];
  for (const [key, n] of Object.entries(fields) as [string, SchemaNode][]) {
    const at = `${path}/${nodeName(n)}`;
    if (n.node === 'group') {
      for (const inner of fieldVariants(n.fields, at)) out.push({ name: inner.name, value: { ...base, [key]: inner.value } });
    } else if (n.node === 'choice') {
      for (const [kind, option] of Object.entries(n.options)) {
        for (const inner of fieldVariants(option.fields, `${path}/${option.element}`)) out.push({ name: inner.name, value: { ...base, [key]: { kind, ...inner.value } } });
      }
    } else if (!mustHold(n)) {
      out.push({ name: at, value: { ...base, [key]: minimal(n) } });
    }
  }
  return out;
}

/** The least task: one Exec action with its required command. */
export const leastTask: TaskDefinition = conform({
  registrationInfo: {},
  triggers: [],
  settings: {},
  actions: [{ kind: 'Exec', ...minimalFields(ACTIONS.Exec.fields) } as Action],
});

/** One definition per optional element of every table (see the file comment), named by its element path. */
export function blockVariants(): { name: string; def: TaskDefinition }[] {
  const out: { name: string; def: TaskDefinition }[] = [];
  const add = (name: string, def: Partial<TaskDefinition>) => out.push({ name, def: conform({ ...leastTask, ...def }) });
  for (const v of fieldVariants(REGISTRATION_INFO.fields, 'RegistrationInfo')) add(v.name, { registrationInfo: v.value });
  for (const v of fieldVariants(SETTINGS.fields, 'Settings')) add(v.name, { settings: v.value });
  for (const v of fieldVariants(PRINCIPAL.fields, 'Principal')) add(v.name, { principal: v.value, actionsContext: v.value['id'] as string | undefined });
  for (const [kind, g] of Object.entries(TRIGGERS)) {
    for (const v of fieldVariants((g as GroupNode).fields, kind)) add(v.name, { triggers: [{ kind, ...v.value } as Trigger] });
  }
  for (const [kind, g] of Object.entries(ACTIONS)) {
    for (const v of fieldVariants((g as GroupNode).fields, kind)) add(v.name, { actions: [{ kind, ...v.value } as Action] });
  }
  add('WnfStateChangeTrigger (least)', { triggers: [{ kind: 'Raw', element: 'WnfStateChangeTrigger', xml: wnfXml({ stateName: '7508BCA3380C960C' }) }] });
  add('WnfStateChangeTrigger (every child)', {
    triggers: [{ kind: 'Raw', element: 'WnfStateChangeTrigger', xml: wnfXml({ id: 'Wnf', enabled: false, delay: 'PT10M', stateName: '7510BCA33E0B8441', data: '03', dataOffset: 0 }) }],
  });
  return out;
}
