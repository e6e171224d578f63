/**
 * What Task Scheduler would refuse, found before anything reaches it — its own answer is
 * "a value which is incorrectly formatted or out of range" (0x80041318) with no hint which
 * (pitfall 40). Every problem is returned at once, each with the path of its field in the
 * wire model (`triggers[0].repetition.interval`; the declaration language re-spells it).
 *
 * Per-value checks come from the schema tables (each value type's range, a required child
 * missing, a list too long); the rules that need more than one field are written here,
 * once: time and calendar triggers need a start, the end is not before the start, a
 * repetition interval fits its duration, a user or a group (not both), unique ids, the
 * action context names the principal, the Windows command-line length, characters XML
 * cannot carry.
 */
import type { Issue } from '../core/errors.js';
import { dateTimeToEpochMs, hasOffset, isXsDateTime } from './datetime.js';
import { durationToMs } from './duration.js';
import {
  ACTIONS, LIMITS, PRINCIPAL, REGISTRATION_INFO, SETTINGS, TRIGGERS,
  type Fields, type GroupNode, type SchemaNode, type TaskDefinition, type Trigger,
} from './model.js';
import { ILLEGAL_XML_CHAR } from './xml.js';

export function validateDefinition(def: TaskDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  checkFields(REGISTRATION_INFO.fields, def.registrationInfo, 'registrationInfo', add);
  if (def.triggers.length > LIMITS.triggers) add('triggers', `${def.triggers.length} triggers; Task Scheduler allows at most ${LIMITS.triggers}`);
  def.triggers.forEach((t, i) => {
    if (t.kind === 'Raw') return;
    checkFields((TRIGGERS[t.kind] as GroupNode).fields, t, `triggers[${i}]`, add);
    checkTrigger(t, `triggers[${i}]`, add);
  });
  if (def.actions.length === 0) add('actions', 'a task needs at least one action');
  if (def.actions.length > LIMITS.actions) add('actions', `${def.actions.length} actions; Task Scheduler allows at most ${LIMITS.actions}`);
  def.actions.forEach((a, i) => {
    if (a.kind === 'Raw') return;
    checkFields((ACTIONS[a.kind] as GroupNode).fields, a, `actions[${i}]`, add);
    if (a.kind === 'Exec') {
      if (a.command.trim() === '') add(`actions[${i}].command`, 'the command is empty');
      const commandLine = a.command.length + 1 + (a.arguments?.length ?? 0);
      if (commandLine > LIMITS.commandLine) {
        add(`actions[${i}].arguments`, `the command line is ${commandLine} characters; Windows starts programs with at most ${LIMITS.commandLine} (CreateProcess)`);
      }
    }
  });
  if (def.principal) {
    checkFields(PRINCIPAL.fields, def.principal, 'principal', add);
    if (def.principal.userId !== undefined && def.principal.groupId !== undefined) {
      add('principal.groupId', `give either userId ("${def.principal.userId}") or groupId ("${def.principal.groupId}"), not both`);
    }
  }
  checkFields(SETTINGS.fields, def.settings, 'settings', add);
  checkIds(def, add);
  findIllegalCharacters(def, '', add);
  return issues;
}

type Add = (path: string, message: string) => void;

/** Each value's range, required children, list sizes — from the tables. */
function checkFields(fields: Fields, value: object, path: string, add: Add): void {
  const source = value as Record<string, unknown>;
  for (const key in fields) {
    const n = fields[key] as SchemaNode;
    const v = source[key];
    if (v === undefined) {
      if (n.required && n.default === undefined) add(`${path}.${key}`, `is required here (${describeNode(n)})`);
      continue;
    }
    const at = `${path}.${key}`;
    switch (n.node) {
      case 'leaf':
      case 'attribute': {
        const problem = n.value.problem(v as never);
        if (problem) add(at, problem);
        break;
      }
      case 'group':
        checkFields(n.fields, v as object, at, add);
        break;
      case 'choice': {
        const option = n.options[(v as { kind: string }).kind];
        if (option) checkFields(option.fields, v as object, at, add);
        break;
      }
      case 'list': {
        const items = v as unknown[];
        if (n.required && items.length === 0) add(at, n.order ? `needs at least one of ${n.order.join(', ')}` : `needs at least one ${n.item}`);
        if (!n.required && items.length === 0 && n.allIsAbsent) add(at, 'an empty list never runs; leave it out for all of them');
        if (n.max !== undefined && items.length > n.max) add(at, `${items.length} entries; Task Scheduler allows at most ${n.max}`);
        items.forEach((item, i) => {
          const problem = n.value.problem(item as never);
          if (problem) add(`${at}[${i}]`, problem);
        });
        break;
      }
      case 'namedValues': {
        const items = v as { name: string }[];
        if (items.length > n.max) add(at, `${items.length} entries; Task Scheduler allows at most ${n.max}`);
        items.forEach((q, i) => q.name.trim() === '' && add(`${at}[${i}].name`, 'the name is empty'));
        break;
      }
    }
  }
}

function describeNode(n: SchemaNode): string {
  if (n.node === 'choice') return Object.values(n.options).map((o) => o.element).join(' or ');
  if (n.node === 'attribute') return `attribute ${n.attribute}`;
  return `<${n.element}>`;
}

function checkTrigger(t: Exclude<Trigger, { kind: 'Raw' }>, path: string, add: Add): void {
  if ((t.kind === 'TimeTrigger' || t.kind === 'CalendarTrigger') && t.startBoundary === undefined) {
    add(`${path}.startBoundary`, `a ${t.kind} needs a start boundary`);
  }
  // Equal is accepted: a genuine Windows task (win10-pushtoinstall) has them equal. Only comparable when
  // both are local or both carry an offset (local time has no fixed instant here).
  const { startBoundary: start, endBoundary: end } = t;
  if (start !== undefined && end !== undefined && isXsDateTime(start.trim()) && isXsDateTime(end.trim()) && hasOffset(start.trim()) === hasOffset(end.trim())) {
    if (dateTimeToEpochMs(end.trim())! < dateTimeToEpochMs(start.trim())!) add(`${path}.endBoundary`, `"${end}" is before the start "${start}"`);
  }
  const repetition = t.repetition;
  if (repetition?.duration !== undefined) {
    const interval = durationToMs(repetition.interval.trim());
    const duration = durationToMs(repetition.duration.trim());
    // PT0S means "indefinitely" (pitfall 11); an interval longer than its duration never repeats, and Task Scheduler refuses it.
    if (interval !== undefined && duration !== undefined && duration > 0 && interval > duration) {
      add(`${path}.repetition.interval`, `the interval "${repetition.interval}" is longer than the repetition duration "${repetition.duration}"; Task Scheduler rejects that`);
    }
  }
}

/** `Actions@Context` must name the principal; ids must be unique (XSD key/unique constraints). */
function checkIds(def: TaskDefinition, add: Add): void {
  if (def.actionsContext !== undefined && def.actionsContext !== def.principal?.id) {
    add('actionsContext', `"${def.actionsContext}" does not name the principal (its id is ${def.principal?.id === undefined ? 'absent' : `"${def.principal.id}"`})`);
  }
  const seen = new Map<string, string>();
  const note = (id: string | undefined, path: string) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first) add(`${path}.id`, `the id "${id}" is already used by ${first}; ids must be unique within a task`);
    else seen.set(id, path);
  };
  note(def.principal?.id, 'principal');
  def.triggers.forEach((t, i) => t.kind !== 'Raw' && note(t.id, `triggers[${i}]`));
  def.actions.forEach((a, i) => a.kind !== 'Raw' && note(a.id, `actions[${i}]`));
}

/** Text XML 1.0 cannot carry (most C0 controls, lone surrogates) would make rendering fail. */
function findIllegalCharacters(value: unknown, path: string, add: Add): void {
  // Nearly every definition is clean: say so without building a path for every value.
  if (path === '' && !holdsIllegalCharacter(value)) return;
  if (typeof value === 'string') {
    const bad = ILLEGAL_XML_CHAR.exec(value);
    if (bad) add(path, `contains U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findIllegalCharacters(v, `${path}[${i}]`, add));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findIllegalCharacters(v, path ? `${path}.${k}` : k, add);
  }
}

function holdsIllegalCharacter(value: unknown): boolean {
  if (typeof value === 'string') return ILLEGAL_XML_CHAR.test(value);
  if (Array.isArray(value)) return value.some(holdsIllegalCharacter);
  if (value && typeof value === 'object') {
    for (const key in value) if (holdsIllegalCharacter((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}
