/**
 * The canonical form the plan compares: two definitions Task Scheduler treats the same
 * normalize to deep-equal plain objects. Driven by the schema tables:
 * - every schema default filled in (pitfalls 9, 10, 25);
 * - every value in its value type's one spelling: durations (`PT12M0S` ≡ `PT12M`, pitfall
 *   7), date-times (offsets kept as declared, never converted, pitfalls 2–4), GUIDs,
 *   accounts (`SYSTEM` ≡ `S-1-5-18`, pitfalls 14–18), prose (line endings and edge
 *   whitespace, pitfalls 13, 24), values that mean "absent" (a repetition Duration of
 *   PT0S, pitfall 11; ProcessTokenSidType Default; every month);
 * - lists in their canonical order, once each;
 * - what Windows writes on its own (`compare: 'never'`: RegistrationInfo Date and URI,
 *   the Principal id, `Actions@Context`, `Task@version`) dropped; metadata compared only
 *   where declared (`compare: 'when-declared'`) kept for `alignUndeclared`;
 * - raw trigger and action XML in one spelling.
 *
 * One rule is not in the tables, decided from the real exports in the corpus: Windows
 * never writes `LogonType` for a group principal (13 of 13 GroupId files) nor, usually,
 * for SYSTEM/LOCAL SERVICE/NETWORK SERVICE, and the COM API reports TASK_LOGON_GROUP /
 * TASK_LOGON_SERVICE_ACCOUNT for them; so an absent LogonType is `Group` for a group and
 * `ServiceAccount` for a service account. A user's absent LogonType stays absent.
 */
import {
  ACTIONS, PRINCIPAL, REGISTRATION_INFO, SETTINGS, TRIGGERS, dropUndefined,
  type Action, type ComparePolicy, type Fields, type GroupNode, type Principal, type SchemaNode, type TaskDefinition, type Trigger,
} from './model.js';
import { remembered } from '../core/remembered.js';
import { isServiceAccount } from './well-known-accounts.js';
import { canonicalRawXml } from './xml.js';

export function normalizeTask(def: TaskDefinition): TaskDefinition {
  return dropUndefined({
    registrationInfo: normalizeFields(REGISTRATION_INFO.fields, def.registrationInfo),
    triggers: def.triggers.map(normalizeTrigger),
    principal: def.principal && normalizePrincipal(def.principal),
    settings: normalizeFields(SETTINGS.fields, def.settings),
    actions: def.actions.map(normalizeAction),
    data: def.data === '' ? undefined : def.data,
  });
}

function normalizeTrigger(t: Trigger): Trigger {
  if (t.kind === 'Raw') return { kind: 'Raw', element: t.element, xml: canonicalRawXml(t.xml) };
  return { kind: t.kind, ...normalizeFields((TRIGGERS[t.kind] as GroupNode).fields, t) } as Trigger;
}

function normalizeAction(a: Action): Action {
  if (a.kind === 'Raw') return { kind: 'Raw', element: a.element, xml: canonicalRawXml(a.xml) };
  return { kind: a.kind, ...normalizeFields((ACTIONS[a.kind] as GroupNode).fields, a) } as Action;
}

function normalizePrincipal(p: Principal): Principal {
  const principal = normalizeFields(PRINCIPAL.fields, p) as Principal;
  if (principal.logonType !== undefined) return principal;
  if (principal.groupId !== undefined && principal.userId === undefined) return { ...principal, logonType: 'Group' };
  if (principal.userId !== undefined && isServiceAccount(principal.userId)) return { ...principal, logonType: 'ServiceAccount' };
  return principal;
}

/** Normalizes every field of a table (see the module comment); returns a plain object. */
function normalizeFields<F extends Fields>(fields: F, value: object): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const n = fields[key] as SchemaNode;
    if (n.compare === 'never') continue;
    const v = normalizeNode(n, source[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function normalizeNode(n: SchemaNode, v: unknown): unknown {
  switch (n.node) {
    case 'leaf':
    case 'attribute': {
      const present = v ?? n.default;
      return present === undefined ? undefined : n.value.canonical(present as never);
    }
    case 'group':
      if (v === undefined && !n.fillWhenAbsent) return undefined;
      return normalizeFields(n.fields, (v ?? {}) as object);
    case 'choice': {
      if (v === undefined) return undefined;
      const { kind } = v as { kind: string };
      return { kind, ...normalizeFields(n.options[kind]!.fields, v as object) };
    }
    case 'list': {
      const items = [...new Set(((v as unknown[] | undefined) ?? []).map((item) => n.value.canonical(item as never)).filter((item) => item !== undefined))];
      const ordered = n.order ? n.order.filter((x) => items.includes(x)) : n.sort ? items.sort(n.sort as (a: unknown, b: unknown) => number) : items.sort();
      if (ordered.length === 0 || (n.allIsAbsent && n.order && ordered.length === n.order.length)) return undefined;
      return ordered;
    }
    case 'namedValues': {
      const items = (v as { name: string; value: string }[] | undefined) ?? [];
      return items.length === 0 ? undefined : items.map((q) => ({ name: q.name, value: q.value }));
    }
  }
}

// ---- how the plan treats each field ------------------------------------------------------

export interface FieldPolicy {
  compare: ComparePolicy;
  behavioural: boolean;
}

let policies: Map<string, FieldPolicy> | undefined;

/**
 * The comparison policy of a field, by its path in the plan's spelling
 * (`settings.multipleInstancesPolicy`, `triggers[0].repeat.interval`, `principal.userId`):
 * its own, or inherited from the nearest group that has one.
 */
// Asked twice for every changed field of every task: the same few hundred paths.
export const fieldPolicy: (path: string) => FieldPolicy = remembered(lookUpPolicy, 4096);

function lookUpPolicy(path: string): FieldPolicy {
  policies ??= buildPolicies();
  let key = path.replace(/\[\d+\]/g, '[]');
  for (;;) {
    const found = policies.get(key);
    if (found) return found;
    const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    if (cut <= 0) return { compare: 'always', behavioural: false };
    key = key.slice(0, cut);
  }
}

/** The plan's spelling of a field key: `repetition` is `repeat`, as declarations say it. */
export function planKey(key: string): string {
  return key === 'repetition' ? 'repeat' : key;
}

function buildPolicies(): Map<string, FieldPolicy> {
  const map = new Map<string, FieldPolicy>();
  const visit = (prefix: string, fields: Fields, inherited: FieldPolicy) => {
    for (const [key, n] of Object.entries(fields) as [string, SchemaNode][]) {
      const path = `${prefix}.${planKey(key)}`;
      const policy = { compare: n.compare ?? inherited.compare, behavioural: (n.behavioural ?? false) || inherited.behavioural };
      if (policy.compare !== 'always' || policy.behavioural) map.set(path, policy);
      if (n.node === 'group') visit(path, n.fields, policy);
      if (n.node === 'choice') for (const option of Object.values(n.options)) visit(path, option.fields, policy);
    }
  };
  const plain: FieldPolicy = { compare: 'always', behavioural: false };
  visit('registrationInfo', REGISTRATION_INFO.fields, plain);
  const principal = { compare: 'always' as const, behavioural: PRINCIPAL.behavioural === true };
  map.set('principal', principal);
  visit('principal', PRINCIPAL.fields, principal);
  visit('settings', SETTINGS.fields, plain);
  for (const trigger of Object.values(TRIGGERS) as GroupNode[]) visit('triggers[]', trigger.fields, plain);
  for (const action of Object.values(ACTIONS) as GroupNode[]) visit('actions[]', action.fields, plain);
  return map;
}

/**
 * The live definition with every `when-declared` field the declaration does not state
 * removed (both normalized), so that metadata another tool wrote never shows as a change
 * while metadata the declaration states is compared.
 */
export function alignUndeclared(live: TaskDefinition, declared: TaskDefinition): TaskDefinition {
  const info: Record<string, unknown> = { ...live.registrationInfo };
  for (const [key, n] of Object.entries(REGISTRATION_INFO.fields) as [string, SchemaNode][]) {
    if (n.compare === 'when-declared' && (declared.registrationInfo as Record<string, unknown>)[key] === undefined) delete info[key];
  }
  return { ...live, registrationInfo: info };
}
