/**
 * `TaskDefinition` → task XML text, the way Windows writes it: UTF-16
 * declaration, default namespace, two-space indentation, CRLF, one fixed
 * element order (RegistrationInfo, Triggers, Principals, Settings, Data,
 * Actions; inside each, Windows' export order, which satisfies the dahall XSD).
 *
 * Only what the model holds is written — absent stays absent, so the schema
 * default applies — except `MultipleInstancesPolicy`, always written (IgnoreNew
 * when absent) so the most behaviour-relevant setting is visible in every file.
 * Encode the text with `encodeTaskFile` (encoding.ts) for a file on disk.
 */
import { TASK_NAMESPACE, type Action, type Principal, type RegistrationInfo, type Settings, type TaskDefinition } from './model.js';
import { SETTINGS_DEFAULTS } from './defaults.js';
import { isServiceAccount } from './well-known-accounts.js';
import { parseRawXml } from './raw-element.js';
import { triggerElement } from './render-trigger.js';
import { renderedSchemaVersion } from './schema-version.js';
import { leaf, node } from './xml-build.js';
import type { XmlElement } from './xml-tree.js';
import { writePretty } from './xml-write.js';

const NEWLINE = '\r\n';

export function renderTaskXml(def: TaskDefinition): string {
  const task = node('Task', [
    registrationInfoElement(def.registrationInfo),
    node('Triggers', def.triggers.map(triggerElement)),
    def.principal && node('Principals', [principalElement(def.principal)]),
    settingsElement(def.settings),
    leaf('Data', def.data),
    node('Actions', def.actions.map(actionElement), { Context: def.actionsContext }),
  ], { version: renderedSchemaVersion(def), xmlns: TASK_NAMESPACE });
  return `<?xml version="1.0" encoding="UTF-16"?>${NEWLINE}${writePretty(task, { newline: NEWLINE })}`;
}

function registrationInfoElement(info: RegistrationInfo): XmlElement {
  return node('RegistrationInfo', [
    leaf('Date', info.date),
    leaf('Author', info.author),
    leaf('Version', info.version),
    leaf('Description', info.description),
    leaf('Documentation', info.documentation),
    leaf('URI', info.uri),
    leaf('Source', info.source),
    leaf('SecurityDescriptor', info.securityDescriptor),
  ]);
}

function principalElement(p: Principal): XmlElement {
  return node('Principal', [
    leaf('UserId', p.userId),
    leaf('GroupId', p.groupId),
    leaf('DisplayName', p.displayName),
    leaf('LogonType', writtenLogonType(p)),
    leaf('RunLevel', p.runLevel),
    leaf('ProcessTokenSidType', p.processTokenSidType),
    p.requiredPrivileges && p.requiredPrivileges.length > 0 && node('RequiredPrivileges', p.requiredPrivileges.map((x) => leaf('Privilege', x))),
  ], { id: p.id });
}

/**
 * `ServiceAccount` and `Group` are COM logon types the task XSD does not list.
 * Windows infers them (a service account's SID, a GroupId) and its own exports
 * usually leave them out, so they are written only where they would not be implied.
 */
function writtenLogonType(p: Principal): Principal['logonType'] {
  if (p.logonType === 'ServiceAccount' && p.userId !== undefined && isServiceAccount(p.userId)) return undefined;
  if (p.logonType === 'Group' && p.groupId !== undefined && p.userId === undefined) return undefined;
  return p.logonType;
}

function settingsElement(s: Settings): XmlElement {
  const idle = s.idleSettings;
  const network = s.networkSettings;
  const maintenance = s.maintenanceSettings;
  const restart = s.restartOnFailure;
  return node('Settings', [
    leaf('MultipleInstancesPolicy', s.multipleInstancesPolicy ?? SETTINGS_DEFAULTS.multipleInstancesPolicy),
    leaf('DisallowStartIfOnBatteries', s.disallowStartIfOnBatteries),
    leaf('StopIfGoingOnBatteries', s.stopIfGoingOnBatteries),
    leaf('AllowHardTerminate', s.allowHardTerminate),
    leaf('StartWhenAvailable', s.startWhenAvailable),
    leaf('RunOnlyIfNetworkAvailable', s.runOnlyIfNetworkAvailable),
    leaf('NetworkProfileName', s.networkProfileName),
    network && node('NetworkSettings', [leaf('Name', network.name), leaf('Id', network.id)]),
    idle && node('IdleSettings', [
      leaf('Duration', idle.duration),
      leaf('WaitTimeout', idle.waitTimeout),
      leaf('StopOnIdleEnd', idle.stopOnIdleEnd),
      leaf('RestartOnIdle', idle.restartOnIdle),
    ]),
    leaf('AllowStartOnDemand', s.allowStartOnDemand),
    leaf('Enabled', s.enabled),
    leaf('Hidden', s.hidden),
    leaf('RunOnlyIfIdle', s.runOnlyIfIdle),
    leaf('DisallowStartOnRemoteAppSession', s.disallowStartOnRemoteAppSession),
    leaf('UseUnifiedSchedulingEngine', s.useUnifiedSchedulingEngine),
    leaf('WakeToRun', s.wakeToRun),
    leaf('ExecutionTimeLimit', s.executionTimeLimit),
    leaf('DeleteExpiredTaskAfter', s.deleteExpiredTaskAfter),
    leaf('Priority', s.priority),
    restart && node('RestartOnFailure', [leaf('Interval', restart.interval), leaf('Count', restart.count)]),
    leaf('Volatile', s.volatile),
    maintenance && node('MaintenanceSettings', [
      leaf('Period', maintenance.period),
      leaf('Deadline', maintenance.deadline),
      leaf('Exclusive', maintenance.exclusive),
    ]),
  ]);
}

function actionElement(action: Action, index: number): XmlElement {
  switch (action.kind) {
    case 'Exec':
      return node('Exec', [
        leaf('Command', action.command),
        leaf('Arguments', action.arguments),
        leaf('WorkingDirectory', action.workingDirectory),
      ], { id: action.id });
    case 'ComHandler':
      return node('ComHandler', [leaf('ClassId', action.classId), leaf('Data', action.data)], { id: action.id });
    case 'Raw':
      return parseRawXml(action.xml, `actions[${index}] (${action.element})`);
  }
}
