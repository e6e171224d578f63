/** Hand-made live definitions for the decompiler: every trigger type, escape hatches, defaults written out, awkward text. */
import type { TaskDefinition } from '../../src/schtasks/model.js';

const subscription = '<QueryList><Query Id="0" Path="System"><Select Path="System">*[System[EventID=6005]]</Select></Query></QueryList>';

export const everyTriggerType: TaskDefinition = {
  version: '1.4',
  registrationInfo: { date: '2024-05-22T10:42:19', author: 'CONTOSO\\ops', uri: '\\AGI_Every', description: 'Every trigger' },
  triggers: [
    {
      kind: 'TimeTrigger', id: 't-time', enabled: true, startBoundary: '2024-01-01T08:00:00+02:00', endBoundary: '2025-01-01T08:00:00+02:00',
      executionTimeLimit: 'PT1H', repetition: { interval: 'PT15M', duration: 'PT1H', stopAtDurationEnd: true }, randomDelay: 'PT5M',
    },
    { kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByDay', daysInterval: 2 }, randomDelay: 'PT1M' },
    { kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByWeek', weeksInterval: 2, daysOfWeek: ['Monday', 'Friday'] } },
    { kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByMonth', daysOfMonth: [1, 15, 'Last'], months: ['January', 'July'] } },
    { kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByMonthDayOfWeek', weeks: ['2', 'Last'], daysOfWeek: ['Tuesday'] } },
    { kind: 'BootTrigger', id: 't-boot', delay: 'PT2M' },
    { kind: 'LogonTrigger', userId: 'CONTOSO\\ops', delay: 'PT30S' },
    { kind: 'IdleTrigger', enabled: false },
    {
      kind: 'EventTrigger', subscription, delay: 'PT1M', periodOfOccurrence: 'PT10M', numberOfOccurrences: 2, matchingElement: 'EventID',
      valueQueries: [{ name: 'eventId', value: 'Event/System/EventID' }],
    },
    { kind: 'RegistrationTrigger', delay: 'PT1M' },
    { kind: 'SessionStateChangeTrigger', stateChange: 'SessionUnlock', userId: 'CONTOSO\\ops', delay: 'PT1M' },
    { kind: 'Raw', element: 'WnfStateChangeTrigger', xml: '<WnfStateChangeTrigger><StateName>7508BCA323098541</StateName><Data>01</Data></WnfStateChangeTrigger>' },
  ],
  principal: {
    id: 'Author', userId: 'S-1-5-18', displayName: 'Local System', logonType: 'S4U', runLevel: 'HighestAvailable',
    processTokenSidType: 'Unrestricted', requiredPrivileges: ['SeBackupPrivilege', 'SeRestorePrivilege'],
  },
  settings: {
    allowStartOnDemand: false, restartOnFailure: { interval: 'PT5M', count: 3 }, multipleInstancesPolicy: 'StopExisting',
    disallowStartIfOnBatteries: false, stopIfGoingOnBatteries: false, allowHardTerminate: false, startWhenAvailable: true,
    networkProfileName: 'Office LAN', runOnlyIfNetworkAvailable: true, wakeToRun: true, enabled: false, hidden: true,
    deleteExpiredTaskAfter: 'P30D', idleSettings: { duration: 'PT15M', waitTimeout: 'PT2H', stopOnIdleEnd: false, restartOnIdle: true },
    networkSettings: { name: 'Office LAN', id: '{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}' }, executionTimeLimit: 'PT2H', priority: 4,
    runOnlyIfIdle: true, useUnifiedSchedulingEngine: true, disallowStartOnRemoteAppSession: true,
    maintenanceSettings: { period: 'P1D', deadline: 'P2D', exclusive: true }, volatile: true,
  },
  data: 'free <application> data & more',
  actionsContext: 'Author',
  actions: [
    { kind: 'Exec', id: 'a-exec', command: 'C:\\Program Files\\Tool\\tool.exe', arguments: '--out "C:\\Temp Dir\\x.log" 2>&1', workingDirectory: 'C:\\Temp Dir' },
    { kind: 'ComHandler', id: 'a-com', classId: '{58FB76B9-AC85-4E55-AC04-427593B1D060}', data: '<![CDATA[not really]]> USER' },
    { kind: 'Raw', element: 'ShowMessage', xml: '<ShowMessage><Title>Hi</Title><Body>There</Body></ShowMessage>' },
  ],
};

/** Every default written out, the way some exporters do: the declaration should say nothing about them. */
export const defaultsWrittenOut: TaskDefinition = {
  registrationInfo: { description: '' },
  triggers: [
    {
      kind: 'CalendarTrigger', enabled: true, startBoundary: '2025-01-01T03:45:00', executionTimeLimit: 'P3D', randomDelay: 'PT0S',
      repetition: { interval: 'PT1H', duration: 'PT0S', stopAtDurationEnd: false }, schedule: { kind: 'ByDay', daysInterval: 1 },
    },
    { kind: 'BootTrigger', delay: 'PT0M' },
    { kind: 'EventTrigger', subscription, delay: 'PT0S', periodOfOccurrence: 'PT0M', numberOfOccurrences: 1, matchingElement: '', valueQueries: [] },
  ],
  principal: { id: 'Author', userId: 'S-1-5-18', runLevel: 'LeastPrivilege', processTokenSidType: 'Default' },
  settings: {
    allowStartOnDemand: true, multipleInstancesPolicy: 'IgnoreNew', disallowStartIfOnBatteries: true, stopIfGoingOnBatteries: true,
    allowHardTerminate: true, startWhenAvailable: false, runOnlyIfNetworkAvailable: false, wakeToRun: false, enabled: true, hidden: false,
    idleSettings: { duration: 'PT10M', waitTimeout: 'PT1H', stopOnIdleEnd: true, restartOnIdle: false }, executionTimeLimit: 'PT72H',
    priority: 7, runOnlyIfIdle: false, useUnifiedSchedulingEngine: false, disallowStartOnRemoteAppSession: false, volatile: false,
  },
  actionsContext: 'Author',
  actions: [{ kind: 'Exec', command: 'python.exe', arguments: '', workingDirectory: '' }],
  data: '',
};

/** No ExecutionTimeLimit, no principal, no triggers: Windows' 72 hours must still be declared. */
export const bareMinimum: TaskDefinition = {
  registrationInfo: {},
  triggers: [],
  settings: {},
  actions: [{ kind: 'Exec', command: 'notepad.exe' }],
};

/** Text that trips writers: quotes of both kinds, backticks, `${`, backslashes, CRLF, tabs, non-ASCII. */
export const awkwardText: TaskDefinition = {
  registrationInfo: { description: "It's \"quoted\" `ticked` ${not.a.template} C:\\path\\ \r\nline two\ttab – ünïcødé ✓", documentation: "only 'single'" },
  triggers: [
    {
      kind: 'EventTrigger',
      subscription: '<QueryList>\r\n  <Query Id="0" Path="Application">\r\n    <Select Path="Application">*[System[(EventID=1000)]] and *[EventData[Data=\'a${b}\']]</Select>\r\n  </Query>\r\n</QueryList>',
      valueQueries: [{ name: 'dup', value: 'a' }, { name: 'dup', value: 'b' }],
    },
  ],
  principal: { groupId: 'S-1-5-32-545' },
  settings: { executionTimeLimit: 'PT0S', multipleInstancesPolicy: 'Parallel' },
  actions: [{ kind: 'Exec', command: 'powershell.exe', arguments: '-NoProfile -Command "& { Write-Host `"$env:USERNAME`" }"' }],
  data: 'line1\nline2\u2028sep',
};

export const samples: Record<string, TaskDefinition> = { everyTriggerType, defaultsWrittenOut, bareMinimum, awkwardText };
