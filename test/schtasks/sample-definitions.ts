/** Hand-built definitions covering every trigger type, every setting, both typed actions and a full principal. */
import type { TaskDefinition } from '../../src/schtasks/model.js';

const settingsEverything: TaskDefinition['settings'] = {
  allowStartOnDemand: false,
  restartOnFailure: { interval: 'PT5M', count: 3 },
  multipleInstancesPolicy: 'StopExisting',
  disallowStartIfOnBatteries: false,
  stopIfGoingOnBatteries: false,
  allowHardTerminate: false,
  startWhenAvailable: true,
  networkProfileName: 'Office LAN',
  runOnlyIfNetworkAvailable: true,
  wakeToRun: true,
  enabled: false,
  hidden: true,
  deleteExpiredTaskAfter: 'P30D',
  idleSettings: { duration: 'PT15M', waitTimeout: 'PT2H', stopOnIdleEnd: false, restartOnIdle: true },
  networkSettings: { name: 'Office LAN', id: '{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}' },
  executionTimeLimit: 'PT2H',
  priority: 4,
  runOnlyIfIdle: true,
  useUnifiedSchedulingEngine: true,
  disallowStartOnRemoteAppSession: true,
  maintenanceSettings: { period: 'P1D', deadline: 'P2D', exclusive: true },
  volatile: false,
};

/** Every trigger kind, every base field. */
const everyTrigger: TaskDefinition = {
  registrationInfo: {
    date: '2024-05-22T10:42:19',
    author: 'CONTOSO\\ops',
    version: '1.0',
    description: 'Nightly "backup" & <cleanup>',
    documentation: 'See runbook',
    uri: '\\AGI\\Everything',
    source: 'taskctl',
  },
  triggers: [
    {
      kind: 'TimeTrigger', id: 't-time', enabled: true, startBoundary: '2024-01-01T08:00:00+02:00', endBoundary: '2025-01-01T08:00:00+02:00',
      executionTimeLimit: 'PT1H', repetition: { interval: 'PT15M', duration: 'PT1H', stopAtDurationEnd: true }, randomDelay: 'PT5M',
    },
    { kind: 'CalendarTrigger', id: 't-day', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByDay', daysInterval: 2 }, randomDelay: 'PT1M' },
    { kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByWeek', weeksInterval: 2, daysOfWeek: ['Monday', 'Friday'] } },
    { kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00', schedule: { kind: 'ByMonth', daysOfMonth: [1, 15, 'Last'], months: ['January', 'July'] } },
    {
      kind: 'CalendarTrigger', startBoundary: '2024-01-01T03:00:00',
      schedule: { kind: 'ByMonthDayOfWeek', weeks: ['2', 'Last'], daysOfWeek: ['Tuesday'], months: ['March'] },
    },
    { kind: 'BootTrigger', id: 't-boot', delay: 'PT2M' },
    { kind: 'LogonTrigger', id: 't-logon', userId: 'CONTOSO\\ops', delay: 'PT30S' },
    { kind: 'IdleTrigger', id: 't-idle', enabled: false },
    {
      kind: 'EventTrigger', id: 't-event',
      subscription: '<QueryList><Query Id="0" Path="System"><Select Path="System">*[System[EventID=6005]]</Select></Query></QueryList>',
      delay: 'PT1M', periodOfOccurrence: 'PT10M', numberOfOccurrences: 2, matchingElement: 'EventID',
      valueQueries: [{ name: 'eventId', value: 'Event/System/EventID' }],
    },
    { kind: 'RegistrationTrigger', id: 't-reg', delay: 'PT1M' },
    { kind: 'SessionStateChangeTrigger', id: 't-session', stateChange: 'SessionUnlock', userId: 'CONTOSO\\ops', delay: 'PT1M' },
  ],
  principal: {
    id: 'Author', userId: 'S-1-5-18', displayName: 'Local System', logonType: 'S4U', runLevel: 'HighestAvailable',
    processTokenSidType: 'Unrestricted', requiredPrivileges: ['SeBackupPrivilege', 'SeRestorePrivilege'],
  },
  settings: settingsEverything,
  data: 'free <application> data & more',
  actionsContext: 'Author',
  actions: [
    { kind: 'Exec', id: 'a-exec', command: 'C:\\Program Files\\Tool\\tool.exe', arguments: '--out "C:\\Temp Dir\\x.log" 2>&1', workingDirectory: 'C:\\Temp Dir' },
    { kind: 'ComHandler', id: 'a-com', classId: '{58FB76B9-AC85-4E55-AC04-427593B1D060}', data: '<![CDATA[not really]]> USER' },
  ],
};

/** A group principal and defaults only. */
const groupMinimal: TaskDefinition = {
  registrationInfo: {},
  triggers: [{ kind: 'LogonTrigger' }],
  principal: { id: 'Users', groupId: 'S-1-5-32-545' },
  settings: {},
  actionsContext: 'Users',
  actions: [{ kind: 'Exec', command: 'notepad.exe' }],
};

/** A user principal with a password logon, the 1.2 feature set. */
const passwordUser: TaskDefinition = {
  registrationInfo: { description: 'Line one\nLine two' },
  triggers: [{ kind: 'CalendarTrigger', startBoundary: '2024-05-22T00:00:00Z', schedule: { kind: 'ByDay' } }],
  principal: { id: 'Author', userId: 'CONTOSO\\svc', logonType: 'Password', runLevel: 'LeastPrivilege' },
  settings: { multipleInstancesPolicy: 'Queue', executionTimeLimit: 'PT0S', restartOnFailure: { interval: 'PT1M', count: 1 } },
  actionsContext: 'Author',
  actions: [{ kind: 'Exec', command: 'cmd.exe', arguments: '/c echo $(whoami) ; `ls` | @{a=1}' }],
};

export const sampleDefinitions: Record<string, TaskDefinition> = { everyTrigger, groupMinimal, passwordUser };
