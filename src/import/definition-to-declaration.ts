/**
 * The decompiler: a live task's wire model → the declaration that compiles back to it
 * (compile + normalize gives the same model as normalize of the live definition).
 * Only what differs from the schema defaults is written; what the declaration language
 * can't express as typed fields travels through the raw escape hatches, with a note.
 */
import { IDLE_SETTINGS_DEFAULTS, SETTINGS_DEFAULTS } from '../schtasks/defaults.js';
import { fullTaskPath, matchesPrefix, normalizeFolder } from '../schtasks/task-path.js';
import type { Action, Principal, Settings, TaskDefinition } from '../schtasks/model.js';
import { dropUndefined } from '../schtasks/object-utils.js';
import type { ActionDeclarationInput } from '../declaration/action-schema.js';
import type { PrincipalDeclarationInput } from '../declaration/principal-schema.js';
import type { SettingsDeclarationInput } from '../declaration/settings-schema.js';
import { taskDeclarationSchema, type TaskDeclarationInput } from '../declaration/task-schema.js';
import { checkTask } from '../declaration/check-declarations.js';
import { zodIssuesToIssues } from '../declaration/format-issues.js';
import { PASSWORD_LOGON_TYPES } from '../declaration/principal-schema.js';
import { durationUnlessDefault, nonEmpty, readableDuration, unlessDefault } from './readable-values.js';
import { triggerToDeclaration } from './trigger-to-declaration.js';

export interface ImportedTask {
  task: TaskDeclarationInput;
  /** What a person should know: raw escape hatches used, passwords to give, values to fix. */
  notes: string[];
}

export function definitionToDeclaration(folder: string, name: string, def: TaskDefinition, prefix: string): ImportedTask {
  const path = fullTaskPath(folder, name);
  const notes: string[] = [];
  if (!matchesPrefix(name, prefix)) notes.push(`${path}: the name does not start with the prefix "${prefix}", so this declaration will be refused`);
  const triggers = def.triggers.map((trigger, i) => {
    const imported = triggerToDeclaration(trigger, `${path} triggers[${i}]`);
    notes.push(...imported.notes);
    return imported.trigger;
  });
  const actions = def.actions.map((action, i) => actionToDeclaration(action, `${path} actions[${i}]`, notes));
  const settings = settingsToDeclaration(def.settings);
  const principal = def.principal && principalToDeclaration(def.principal, path, notes);
  const task: TaskDeclarationInput = dropUndefined({
    name,
    folder: normalizeFolder(folder) === '\\' ? undefined : normalizeFolder(folder),
    description: nonEmpty(def.registrationInfo.description),
    documentation: nonEmpty(def.registrationInfo.documentation),
    actions,
    triggers: triggers.length > 0 ? triggers : undefined,
    // Always written: a live task without ExecutionTimeLimit runs for up to 72 hours, and a declaration must say so.
    timeLimit: readableDuration(def.settings.executionTimeLimit ?? SETTINGS_DEFAULTS.executionTimeLimit),
    multipleInstances: unlessDefault(def.settings.multipleInstancesPolicy, SETTINGS_DEFAULTS.multipleInstancesPolicy),
    enabled: unlessDefault(def.settings.enabled, true),
    principal,
    settings: Object.keys(settings).length > 0 ? settings : undefined,
    data: nonEmpty(def.data),
  });
  notes.push(...refusals(task, path, prefix));
  return { task, notes };
}

/** Live values the declaration language refuses (an empty command, say): said loudly, never silently changed. */
function refusals(task: TaskDeclarationInput, path: string, prefix: string): string[] {
  const parsed = taskDeclarationSchema.safeParse(task, { reportInput: true });
  const issues = parsed.success
    ? checkTask(parsed.data, 0, prefix).filter((issue) => !issue.path.endsWith('.name'))
    : zodIssuesToIssues(parsed.error.issues, ['tasks', 0]);
  return issues.map((issue) => `${path}: the live value is refused by taskctl, fix it before applying: ${issue.path.replace(/^tasks\[0\]\.?/, '')}: ${issue.message}`);
}

function actionToDeclaration(action: Action, where: string, notes: string[]): ActionDeclarationInput {
  switch (action.kind) {
    case 'Exec':
      return dropUndefined({
        command: action.command,
        arguments: nonEmpty(action.arguments),
        workingDirectory: nonEmpty(action.workingDirectory),
        id: action.id,
      });
    case 'ComHandler':
      return dropUndefined({ type: 'comHandler' as const, classId: action.classId.trim(), data: nonEmpty(action.data), id: action.id });
    case 'Raw':
      notes.push(`${where}: <${action.element}> has no typed form in taskctl; it is carried verbatim as a raw action`);
      return { raw: action.xml };
  }
}

function principalToDeclaration(p: Principal, path: string, notes: string[]): PrincipalDeclarationInput {
  if (p.logonType !== undefined && (PASSWORD_LOGON_TYPES as readonly string[]).includes(p.logonType)) {
    notes.push(`${path}: runs as ${p.userId ?? 'its user'} with logon type ${p.logonType}; apply will ask for the password (it is never stored in declarations)`);
  }
  const principal = dropUndefined<PrincipalDeclarationInput>({
    userId: nonEmpty(p.userId),
    groupId: nonEmpty(p.groupId),
    displayName: nonEmpty(p.displayName),
    logonType: p.logonType,
    runLevel: unlessDefault(p.runLevel, 'LeastPrivilege'),
    processTokenSidType: unlessDefault(p.processTokenSidType, 'Default'),
    requiredPrivileges: p.requiredPrivileges && p.requiredPrivileges.length > 0 ? p.requiredPrivileges : undefined,
  });
  // A principal with only defaults still differs from none (none = the registering user).
  return Object.keys(principal).length > 0 ? principal : { runLevel: 'LeastPrivilege' };
}

function settingsToDeclaration(s: Settings): SettingsDeclarationInput {
  const d = SETTINGS_DEFAULTS;
  const idle = s.idleSettings && dropUndefined({
    duration: durationUnlessDefault(s.idleSettings.duration, IDLE_SETTINGS_DEFAULTS.duration),
    waitTimeout: durationUnlessDefault(s.idleSettings.waitTimeout, IDLE_SETTINGS_DEFAULTS.waitTimeout),
    stopOnIdleEnd: unlessDefault(s.idleSettings.stopOnIdleEnd, IDLE_SETTINGS_DEFAULTS.stopOnIdleEnd),
    restartOnIdle: unlessDefault(s.idleSettings.restartOnIdle, IDLE_SETTINGS_DEFAULTS.restartOnIdle),
  });
  const network = s.networkSettings && dropUndefined({ name: nonEmpty(s.networkSettings.name), id: nonEmpty(s.networkSettings.id) });
  return dropUndefined<SettingsDeclarationInput>({
    allowStartOnDemand: unlessDefault(s.allowStartOnDemand, d.allowStartOnDemand),
    restartOnFailure: s.restartOnFailure && { interval: readableDuration(s.restartOnFailure.interval), count: s.restartOnFailure.count },
    disallowStartIfOnBatteries: unlessDefault(s.disallowStartIfOnBatteries, d.disallowStartIfOnBatteries),
    stopIfGoingOnBatteries: unlessDefault(s.stopIfGoingOnBatteries, d.stopIfGoingOnBatteries),
    allowHardTerminate: unlessDefault(s.allowHardTerminate, d.allowHardTerminate),
    startWhenAvailable: unlessDefault(s.startWhenAvailable, d.startWhenAvailable),
    networkProfileName: nonEmpty(s.networkProfileName),
    runOnlyIfNetworkAvailable: unlessDefault(s.runOnlyIfNetworkAvailable, d.runOnlyIfNetworkAvailable),
    networkSettings: network && Object.keys(network).length > 0 ? network : undefined,
    wakeToRun: unlessDefault(s.wakeToRun, d.wakeToRun),
    hidden: unlessDefault(s.hidden, d.hidden),
    deleteExpiredTaskAfter: s.deleteExpiredTaskAfter === undefined ? undefined : readableDuration(s.deleteExpiredTaskAfter),
    idleSettings: idle && Object.keys(idle).length > 0 ? idle : undefined,
    priority: unlessDefault(s.priority, d.priority),
    runOnlyIfIdle: unlessDefault(s.runOnlyIfIdle, d.runOnlyIfIdle),
    useUnifiedSchedulingEngine: unlessDefault(s.useUnifiedSchedulingEngine, d.useUnifiedSchedulingEngine),
    disallowStartOnRemoteAppSession: unlessDefault(s.disallowStartOnRemoteAppSession, d.disallowStartOnRemoteAppSession),
    maintenanceSettings:
      s.maintenanceSettings &&
      dropUndefined({
        period: readableDuration(s.maintenanceSettings.period),
        deadline: s.maintenanceSettings.deadline === undefined ? undefined : readableDuration(s.maintenanceSettings.deadline),
        exclusive: unlessDefault(s.maintenanceSettings.exclusive, false),
      }),
    volatile: unlessDefault(s.volatile, d.volatile),
  });
}
