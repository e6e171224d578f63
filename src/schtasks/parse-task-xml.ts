/**
 * Task XML text (or bytes) → `TaskDefinition`. Elements are read by name, in
 * whatever order the file has them (real exports disagree with the XSD's
 * order); anything the model does not know is either carried verbatim
 * (`RawTrigger`, `RawAction`) or reported in `warnings`, never dropped silently.
 */
import { XmlParseError } from '../core/errors.js';
import { ElementReader } from './element-reader.js';
import { decodeTaskBytes } from './encoding.js';
import {
  LOGON_TYPES, PROCESS_TOKEN_SID_TYPES, RUN_LEVELS, TASK_NAMESPACE,
  type Action, type Principal, type RegistrationInfo, type TaskDefinition, type Trigger,
} from './model.js';
import { dropUndefined } from './object-utils.js';
import { readSettings } from './parse-settings.js';
import { readTrigger } from './parse-trigger.js';
import { rawXmlOf } from './raw-element.js';
import { positionOf } from './xml-scan.js';
import { parseXmlElements, stripPrefix, textOf, type XmlElement } from './xml-tree.js';

export interface ParsedTask {
  definition: TaskDefinition;
  /** Things read but not understood (unknown elements, bad values), each with its element path. */
  warnings: string[];
}

/**
 * Parses task XML text. Throws `XmlParseError` (with line/column where known)
 * for text that is not well-formed, has a DOCTYPE, whose root is not `Task`,
 * or whose namespace is not exactly the task namespace.
 */
export function parseTaskXml(text: string, where = 'task XML'): ParsedTask {
  const [found] = parseXmlElements(text, where);
  const at = (needle: string) => {
    const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    return positionOf(source, Math.max(0, source.indexOf(needle)));
  };
  if (!found) throw new XmlParseError(where, 'the document has no root element');
  const colon = found.name.indexOf(':');
  const prefix = colon >= 0 ? found.name.slice(0, colon) : undefined;
  const localName = colon >= 0 ? found.name.slice(colon + 1) : found.name;
  if (localName !== 'Task') {
    const { line, column } = at(`<${found.name}`);
    throw new XmlParseError(where, `the root element is <${found.name}>, but task XML must have a <Task> root`, line, column);
  }
  const namespace = found.attrs[prefix ? `xmlns:${prefix}` : 'xmlns'];
  if (namespace !== TASK_NAMESPACE) {
    const { line, column } = at(`<${found.name}`);
    const said = namespace === undefined ? 'no namespace' : `namespace "${namespace}"`;
    throw new XmlParseError(where, `<Task> has ${said}; Task Scheduler requires exactly "${TASK_NAMESPACE}"`, line, column);
  }
  const root = prefix ? stripPrefix(found, prefix) : found;
  const warnings: string[] = [];
  return { definition: readTask(root, warnings), warnings };
}

/**
 * Why `xml` can't be stored as a task file taskctl reads back (not well-formed, not a
 * `<Task>` in the task namespace), or undefined when it can. The store's stand-in for
 * Task Scheduler's own refusal, through the same parser every reader uses.
 */
export function taskDocumentProblem(xml: string): string | undefined {
  try {
    parseTaskXml(xml, 'the task XML');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Decodes task file bytes (BOM and byte pattern decide, not the declaration) and parses them. */
export function parseTaskBytes(bytes: Uint8Array, where = 'task XML'): ParsedTask {
  return parseTaskXml(decodeTaskBytes(bytes).text, where);
}

function readTask(root: XmlElement, warnings: string[]): TaskDefinition {
  const task = new ElementReader(root, 'Task', warnings);
  const version = task.attr('version');
  const registration = task.reader('RegistrationInfo');
  const registrationInfo: RegistrationInfo = registration ? readRegistrationInfo(registration) : {};

  const triggers: Trigger[] = [];
  const triggersReader = task.reader('Triggers');
  if (triggersReader) {
    triggersReader.element.children.forEach((c) => {
      if (typeof c === 'string') return;
      triggers.push(readTrigger(c, `Task/Triggers/${c.name}[${triggers.length}]`, warnings));
      triggersReader.all(c.name);
    });
    triggersReader.finish();
  }

  const principal = readPrincipal(task, warnings);
  const settingsReader = task.reader('Settings');
  const settings = settingsReader ? readSettings(settingsReader) : {};

  const actions: Action[] = [];
  let actionsContext: string | undefined;
  const actionsReader = task.reader('Actions');
  if (actionsReader) {
    actionsContext = actionsReader.attr('Context');
    actionsReader.element.children.forEach((c) => {
      if (typeof c === 'string') return;
      actions.push(readAction(c, `Task/Actions/${c.name}[${actions.length}]`, warnings));
      actionsReader.all(c.name);
    });
    actionsReader.finish();
  } else {
    task.warn('no <Actions> element: Task Scheduler requires at least one action');
  }
  const data = task.text('Data');
  task.finish();
  return dropUndefined({ version, registrationInfo, triggers, principal, settings, actionsContext, actions, data });
}

function readRegistrationInfo(r: ElementReader): RegistrationInfo {
  const info = dropUndefined({
    uri: r.text('URI'),
    securityDescriptor: r.text('SecurityDescriptor'),
    source: r.text('Source'),
    date: r.token('Date'),
    author: r.text('Author'),
    version: r.text('Version'),
    description: r.text('Description'),
    documentation: r.text('Documentation'),
  });
  r.finish();
  return info;
}

function readPrincipal(task: ElementReader, warnings: string[]): Principal | undefined {
  const principals = task.reader('Principals');
  if (!principals) return undefined;
  const all = principals.all('Principal');
  principals.finish();
  if (all.length > 1) principals.warn(`has ${all.length} Principal elements; Task Scheduler allows one, only the first is used`);
  const first = all[0];
  if (!first) return undefined;
  const r = new ElementReader(first, 'Task/Principals/Principal', warnings);
  const privileges = r.reader('RequiredPrivileges');
  let requiredPrivileges: string[] | undefined;
  if (privileges) {
    requiredPrivileges = privileges.all('Privilege').map((p) => textOf(p).trim());
    privileges.finish();
  }
  const principal = dropUndefined<Principal>({
    id: r.attr('id'),
    userId: r.text('UserId'),
    groupId: r.text('GroupId'),
    displayName: r.text('DisplayName'),
    logonType: r.oneOf('LogonType', LOGON_TYPES),
    runLevel: r.oneOf('RunLevel', RUN_LEVELS),
    processTokenSidType: r.oneOf('ProcessTokenSidType', PROCESS_TOKEN_SID_TYPES),
    requiredPrivileges,
  });
  r.finish();
  return principal;
}

function readAction(element: XmlElement, path: string, warnings: string[]): Action {
  const raw = (): Action => ({ kind: 'Raw', element: element.name, xml: rawXmlOf(element) });
  const has = (name: string) => element.children.some((c) => typeof c !== 'string' && c.name === name);
  if (element.name === 'Exec' && !has('Command')) {
    warnings.push(`${path}: Exec without Command; kept verbatim as a raw action`);
    return raw();
  }
  if (element.name === 'ComHandler' && !has('ClassId')) {
    warnings.push(`${path}: ComHandler without ClassId; kept verbatim as a raw action`);
    return raw();
  }
  if (element.name !== 'Exec' && element.name !== 'ComHandler') return raw();
  const r = new ElementReader(element, path, warnings);
  const action: Action =
    element.name === 'Exec'
      ? { kind: 'Exec', id: r.attr('id'), command: r.text('Command')!, arguments: r.text('Arguments'), workingDirectory: r.text('WorkingDirectory') }
      : { kind: 'ComHandler', id: r.attr('id'), classId: r.token('ClassId')!, data: r.text('Data') };
  r.finish();
  return dropUndefined(action);
}
