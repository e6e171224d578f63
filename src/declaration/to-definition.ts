/**
 * A validated task declaration → the wire model (`TaskDefinition`), as `renderTaskXml`
 * will write it. Not normalized: only what the declaration says, plus the two settings
 * every declared task states (`MultipleInstancesPolicy`, `ExecutionTimeLimit`).
 */
import type { Action, Principal, Settings, TaskDefinition } from '../schtasks/model.js';
import { dropUndefined as compact } from '../schtasks/object-utils.js';
import type { ActionDeclaration } from './action-schema.js';
import type { PrincipalDeclaration } from './principal-schema.js';
import type { SettingsDeclaration } from './settings-schema.js';
import type { TaskDeclaration } from './task-schema.js';
import { rawElementName, triggerToDefinition } from './trigger-to-definition.js';

export function toDefinition(task: TaskDeclaration): TaskDefinition {
  return compact<TaskDefinition>({
    registrationInfo: compact({
      source: task.source,
      author: task.author,
      version: task.version,
      description: task.description,
      documentation: task.documentation,
    }),
    triggers: (task.triggers ?? []).map(triggerToDefinition),
    principal: task.principal && principalToDefinition(task.principal),
    settings: settingsToDefinition(task),
    // The schema keys principals by id (PrincipalKey), and Windows itself writes
    // `id="Author"` with `Actions Context="Author"`; both are ignored by the plan diff.
    actionsContext: task.principal && (task.principal.id ?? DEFAULT_PRINCIPAL_ID),
    actions: task.actions.map(actionToDefinition),
    data: task.data,
  });
}

const DEFAULT_PRINCIPAL_ID = 'Author';

function principalToDefinition(principal: PrincipalDeclaration): Principal {
  return compact<Principal>({
    id: principal.id ?? DEFAULT_PRINCIPAL_ID,
    userId: principal.userId,
    groupId: principal.groupId,
    displayName: principal.displayName,
    logonType: principal.logonType,
    runLevel: principal.runLevel,
    processTokenSidType: principal.processTokenSidType,
    requiredPrivileges: principal.requiredPrivileges,
  });
}

function settingsToDefinition(task: TaskDeclaration): Settings {
  const s: SettingsDeclaration = task.settings ?? {};
  return compact<Settings>({
    allowStartOnDemand: s.allowStartOnDemand,
    restartOnFailure: s.restartOnFailure,
    multipleInstancesPolicy: task.multipleInstances,
    disallowStartIfOnBatteries: s.disallowStartIfOnBatteries,
    stopIfGoingOnBatteries: s.stopIfGoingOnBatteries,
    allowHardTerminate: s.allowHardTerminate,
    startWhenAvailable: s.startWhenAvailable,
    networkProfileName: s.networkProfileName,
    runOnlyIfNetworkAvailable: s.runOnlyIfNetworkAvailable,
    wakeToRun: s.wakeToRun,
    enabled: task.enabled,
    hidden: s.hidden,
    deleteExpiredTaskAfter: s.deleteExpiredTaskAfter,
    idleSettings: s.idleSettings && compact(s.idleSettings),
    networkSettings: s.networkSettings && compact(s.networkSettings),
    executionTimeLimit: task.timeLimit,
    priority: s.priority,
    runOnlyIfIdle: s.runOnlyIfIdle,
    useUnifiedSchedulingEngine: s.useUnifiedSchedulingEngine,
    disallowStartOnRemoteAppSession: s.disallowStartOnRemoteAppSession,
    maintenanceSettings: s.maintenanceSettings && compact(s.maintenanceSettings),
    volatile: s.volatile,
  });
}

function actionToDefinition(action: ActionDeclaration): Action {
  switch (action.type) {
    case 'exec':
      return compact<Action>({
        kind: 'Exec',
        id: action.id,
        command: action.command,
        arguments: action.arguments,
        workingDirectory: action.workingDirectory,
      });
    case 'comHandler':
      return compact<Action>({ kind: 'ComHandler', id: action.id, classId: action.classId, data: action.data });
    case 'raw':
      return { kind: 'Raw', element: rawElementName(action.raw), xml: action.raw };
  }
}
