/**
 * The canonical form the plan diff compares: two definitions that Task
 * Scheduler treats the same normalize to deep-equal plain objects.
 *
 * - every schema default filled in (defaults.ts; pitfalls 9, 10, 25);
 * - durations, date-times, booleans, GUIDs and accounts in one spelling
 *   (pitfalls 7, 14–18); offsets are kept as declared, never converted (2–4);
 * - a repetition Duration of `PT0S` is "indefinite", the same as absent (11);
 * - metadata Windows writes on its own is dropped: RegistrationInfo Date,
 *   Author, URI, Source, Version, SecurityDescriptor, Principal `id`,
 *   Actions `Context`, `Task@version`;
 * - Description/Documentation: CRLF/CR → LF, leading and trailing whitespace
 *   trimmed, empty ≡ absent (13, 24);
 * - lists of days/months/weeks/privileges sorted and de-duplicated;
 * - raw trigger/action XML in one spelling.
 *
 * Logon type, decided from the real exports in the corpus: Windows never
 * writes `LogonType` for a group principal (13 of 13 GroupId files) nor,
 * usually, for SYSTEM/LOCAL SERVICE/NETWORK SERVICE, and the COM API reports
 * TASK_LOGON_GROUP / TASK_LOGON_SERVICE_ACCOUNT for them. So an absent
 * LogonType is `Group` for a group principal and `ServiceAccount` for a
 * service account; a user principal's absent LogonType stays absent (Windows
 * picks it at registration).
 *
 * The result is for comparison; it renders, but the filled-in 1.3/1.4
 * settings raise the rendered schema version.
 */
import { canonicalDuration } from './duration.js';
import { IDLE_SETTINGS_DEFAULTS, MAINTENANCE_DEFAULTS, PRINCIPAL_DEFAULTS, SETTINGS_DEFAULTS } from './defaults.js';
import { type Action, type Principal, type Settings, type TaskDefinition } from './model.js';
import { normalizeTrigger } from './normalize-trigger.js';
import { normalizeGuid, normalizeProse } from './normalize-values.js';
import { dropUndefined } from './object-utils.js';
import { canonicalRawXml } from './raw-element.js';
import { canonicalAccount, isServiceAccount } from './well-known-accounts.js';

export function normalizeTask(def: TaskDefinition): TaskDefinition {
  const info = def.registrationInfo;
  return dropUndefined({
    registrationInfo: dropUndefined({
      description: normalizeProse(info.description),
      documentation: normalizeProse(info.documentation),
    }),
    triggers: def.triggers.map(normalizeTrigger),
    principal: def.principal && normalizePrincipal(def.principal),
    settings: normalizeSettings(def.settings),
    actions: def.actions.map(normalizeAction),
    data: def.data === '' ? undefined : def.data,
  });
}


const optionalDuration = (text: string | undefined) => (text === undefined ? undefined : canonicalDuration(text.trim()));
const optionalText = (text: string | undefined) => (text === undefined || text === '' ? undefined : text);

function normalizePrincipal(p: Principal): Principal {
  const userId = p.userId === undefined || p.userId.trim() === '' ? undefined : canonicalAccount(p.userId);
  const groupId = p.groupId === undefined || p.groupId.trim() === '' ? undefined : canonicalAccount(p.groupId);
  let logonType = p.logonType;
  if (logonType === undefined && groupId !== undefined && userId === undefined) logonType = 'Group';
  if (logonType === undefined && userId !== undefined && isServiceAccount(userId)) logonType = 'ServiceAccount';
  const privileges = p.requiredPrivileges && [...new Set(p.requiredPrivileges.map((x) => x.trim()))].sort();
  return dropUndefined({
    userId,
    groupId,
    displayName: optionalText(p.displayName),
    logonType,
    runLevel: p.runLevel ?? PRINCIPAL_DEFAULTS.runLevel,
    processTokenSidType: p.processTokenSidType === 'Default' ? undefined : p.processTokenSidType,
    requiredPrivileges: privileges && privileges.length > 0 ? privileges : undefined,
  });
}

function normalizeSettings(s: Settings): Settings {
  const d = SETTINGS_DEFAULTS;
  const idle = s.idleSettings ?? {};
  const network = s.networkSettings && dropUndefined({ name: optionalText(s.networkSettings.name), id: normalizeGuid(s.networkSettings.id) });
  return dropUndefined<Settings>({
    allowStartOnDemand: s.allowStartOnDemand ?? d.allowStartOnDemand,
    restartOnFailure: s.restartOnFailure && { interval: canonicalDuration(s.restartOnFailure.interval.trim()), count: s.restartOnFailure.count },
    multipleInstancesPolicy: s.multipleInstancesPolicy ?? d.multipleInstancesPolicy,
    disallowStartIfOnBatteries: s.disallowStartIfOnBatteries ?? d.disallowStartIfOnBatteries,
    stopIfGoingOnBatteries: s.stopIfGoingOnBatteries ?? d.stopIfGoingOnBatteries,
    allowHardTerminate: s.allowHardTerminate ?? d.allowHardTerminate,
    startWhenAvailable: s.startWhenAvailable ?? d.startWhenAvailable,
    networkProfileName: optionalText(s.networkProfileName),
    runOnlyIfNetworkAvailable: s.runOnlyIfNetworkAvailable ?? d.runOnlyIfNetworkAvailable,
    wakeToRun: s.wakeToRun ?? d.wakeToRun,
    enabled: s.enabled ?? d.enabled,
    hidden: s.hidden ?? d.hidden,
    deleteExpiredTaskAfter: optionalDuration(s.deleteExpiredTaskAfter),
    idleSettings: {
      duration: canonicalDuration((idle.duration ?? IDLE_SETTINGS_DEFAULTS.duration).trim()),
      waitTimeout: canonicalDuration((idle.waitTimeout ?? IDLE_SETTINGS_DEFAULTS.waitTimeout).trim()),
      stopOnIdleEnd: idle.stopOnIdleEnd ?? IDLE_SETTINGS_DEFAULTS.stopOnIdleEnd,
      restartOnIdle: idle.restartOnIdle ?? IDLE_SETTINGS_DEFAULTS.restartOnIdle,
    },
    networkSettings: network && Object.keys(network).length > 0 ? network : undefined,
    executionTimeLimit: canonicalDuration((s.executionTimeLimit ?? d.executionTimeLimit).trim()),
    priority: s.priority ?? d.priority,
    runOnlyIfIdle: s.runOnlyIfIdle ?? d.runOnlyIfIdle,
    useUnifiedSchedulingEngine: s.useUnifiedSchedulingEngine ?? d.useUnifiedSchedulingEngine,
    disallowStartOnRemoteAppSession: s.disallowStartOnRemoteAppSession ?? d.disallowStartOnRemoteAppSession,
    maintenanceSettings: s.maintenanceSettings && dropUndefined({
      period: canonicalDuration(s.maintenanceSettings.period.trim()),
      deadline: optionalDuration(s.maintenanceSettings.deadline),
      exclusive: s.maintenanceSettings.exclusive ?? MAINTENANCE_DEFAULTS.exclusive,
    }),
    volatile: s.volatile ?? d.volatile,
  });
}


function normalizeAction(a: Action): Action {
  switch (a.kind) {
    case 'Exec':
      return dropUndefined({
        kind: 'Exec' as const,
        id: a.id,
        command: a.command,
        arguments: optionalText(a.arguments),
        workingDirectory: optionalText(a.workingDirectory),
      });
    case 'ComHandler':
      return dropUndefined({ kind: 'ComHandler' as const, id: a.id, classId: normalizeGuid(a.classId)!, data: optionalText(a.data) });
    case 'Raw':
      return { kind: 'Raw', element: a.element, xml: canonicalRawXml(a.xml) };
  }
}
