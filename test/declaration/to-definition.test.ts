import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../src/declaration/compile-config.js';
import type { Trigger } from '../../src/schtasks/model.js';
import { minimalTask } from './helpers.js';

function compiledTrigger(trigger: unknown): Trigger | undefined {
  return compileConfig({ tasks: [minimalTask({ triggers: [trigger] })] }).tasks[0]?.definition.triggers[0];
}

const start = '2025-01-01T03:00:00';

describe('every trigger type maps onto the wire model', () => {
  it.each<[string, unknown, Trigger]>([
    ['time', { type: 'time', start, randomDelay: 'PT1H' }, { kind: 'TimeTrigger', startBoundary: start, randomDelay: 'PT1H' }],
    ['daily', { type: 'daily', start, daysInterval: 2 }, { kind: 'CalendarTrigger', startBoundary: start, schedule: { kind: 'ByDay', daysInterval: 2 } }],
    [
      'weekly',
      { type: 'weekly', start, daysOfWeek: ['Monday', 'Friday'], weeksInterval: 2 },
      { kind: 'CalendarTrigger', startBoundary: start, schedule: { kind: 'ByWeek', weeksInterval: 2, daysOfWeek: ['Monday', 'Friday'] } },
    ],
    [
      'monthly',
      { type: 'monthly', start, daysOfMonth: [1, 15, 'Last'], months: ['January', 'July'] },
      { kind: 'CalendarTrigger', startBoundary: start, schedule: { kind: 'ByMonth', daysOfMonth: [1, 15, 'Last'], months: ['January', 'July'] } },
    ],
    [
      'monthlyDayOfWeek',
      { type: 'monthlyDayOfWeek', start, weeks: [2, 'Last'], daysOfWeek: ['Monday'] },
      { kind: 'CalendarTrigger', startBoundary: start, schedule: { kind: 'ByMonthDayOfWeek', weeks: ['2', 'Last'], daysOfWeek: ['Monday'] } },
    ],
    ['boot', { type: 'boot', delay: '5m' }, { kind: 'BootTrigger', delay: 'PT5M' }],
    ['logon', { type: 'logon', userId: 'CONTOSO\\ops', delay: 'PT30S' }, { kind: 'LogonTrigger', userId: 'CONTOSO\\ops', delay: 'PT30S' }],
    ['idle', { type: 'idle' }, { kind: 'IdleTrigger' }],
    [
      'event',
      {
        type: 'event',
        subscription: '<QueryList><Query Id="0" Path="System"><Select Path="System">*</Select></Query></QueryList>',
        delay: 'PT1M',
        periodOfOccurrence: 'PT10M',
        numberOfOccurrences: 3,
        matchingElement: 'Event/System/EventID',
        valueQueries: { Id: 'Event/System/EventID' },
      },
      {
        kind: 'EventTrigger',
        subscription: '<QueryList><Query Id="0" Path="System"><Select Path="System">*</Select></Query></QueryList>',
        delay: 'PT1M',
        periodOfOccurrence: 'PT10M',
        numberOfOccurrences: 3,
        matchingElement: 'Event/System/EventID',
        valueQueries: [{ name: 'Id', value: 'Event/System/EventID' }],
      },
    ],
    ['registration', { type: 'registration', delay: 'PT2M' }, { kind: 'RegistrationTrigger', delay: 'PT2M' }],
    [
      'sessionStateChange',
      { type: 'sessionStateChange', stateChange: 'SessionUnlock', userId: 'S-1-5-21-1-2-3-1001' },
      { kind: 'SessionStateChangeTrigger', stateChange: 'SessionUnlock', userId: 'S-1-5-21-1-2-3-1001' },
    ],
    [
      'raw',
      { type: 'raw', xml: '<WnfStateChangeTrigger><StateName>7508BCA3</StateName></WnfStateChangeTrigger>' },
      { kind: 'Raw', element: 'WnfStateChangeTrigger', xml: '<WnfStateChangeTrigger><StateName>7508BCA3</StateName></WnfStateChangeTrigger>' },
    ],
  ])('%s', (_, declared, wire) => {
    expect(compiledTrigger(declared)).toEqual(wire);
  });

  it('maps the common fields of a trigger', () => {
    expect(
      compiledTrigger({
        type: 'boot',
        id: 'AtBoot',
        enabled: false,
        start: '2025-01-01T00:00',
        end: '2026-01-01T00:00:00Z',
        executionTimeLimit: '1h',
        repeat: { interval: 'PT5M', duration: 'PT1H', stopAtDurationEnd: true },
      }),
    ).toEqual({
      kind: 'BootTrigger',
      id: 'AtBoot',
      enabled: false,
      startBoundary: '2025-01-01T00:00:00',
      endBoundary: '2026-01-01T00:00:00Z',
      executionTimeLimit: 'PT1H',
      repetition: { interval: 'PT5M', duration: 'PT1H', stopAtDurationEnd: true },
    });
  });
});

describe('task fields map onto the wire model', () => {
  it('maps registration info, principal, every setting, actions and data', () => {
    const [task] = compileConfig({
      tasks: [
        minimalTask({
          description: 'Checks health',
          documentation: 'runbook',
          source: 'ops',
          version: '2.0',
          author: 'CONTOSO\\ops',
          timeLimit: 'PT0S',
          multipleInstances: 'Queue',
          enabled: false,
          data: '<cfg/>',
          principal: {
            id: 'Runner',
            userId: 'CONTOSO\\svc',
            logonType: 'Password',
            runLevel: 'HighestAvailable',
            displayName: 'Service',
            requiredPrivileges: ['SeBackupPrivilege'],
            processTokenSidType: 'Unrestricted',
          },
          actions: [
            { command: 'a.exe', id: 'First' },
            { type: 'comHandler', classId: '{0C1D0A8C-9F53-4E5E-B5D2-3C9C1E1A2B3F}', data: 'payload' },
            { raw: '<ShowMessage><Title>t</Title><Body>b</Body></ShowMessage>' },
          ],
          settings: {
            allowStartOnDemand: false,
            restartOnFailure: { interval: 'PT5M', count: 3 },
            disallowStartIfOnBatteries: false,
            stopIfGoingOnBatteries: false,
            allowHardTerminate: false,
            startWhenAvailable: true,
            networkProfileName: 'Office',
            runOnlyIfNetworkAvailable: true,
            networkSettings: { name: 'Office', id: '{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}' },
            wakeToRun: true,
            hidden: true,
            deleteExpiredTaskAfter: 'P30D',
            idleSettings: { duration: 'PT15M', waitTimeout: 'PT2H', stopOnIdleEnd: false, restartOnIdle: true },
            priority: 4,
            runOnlyIfIdle: true,
            useUnifiedSchedulingEngine: true,
            disallowStartOnRemoteAppSession: true,
            maintenanceSettings: { period: 'P1D', deadline: 'P2D', exclusive: true },
            volatile: true,
          },
        }),
      ],
    }).tasks;
    expect(task?.needsPassword).toBe(true);
    expect(task?.definition).toEqual({
      registrationInfo: { description: 'Checks health', documentation: 'runbook', source: 'ops', version: '2.0', author: 'CONTOSO\\ops' },
      triggers: [],
      principal: {
        id: 'Runner',
        userId: 'CONTOSO\\svc',
        logonType: 'Password',
        runLevel: 'HighestAvailable',
        displayName: 'Service',
        requiredPrivileges: ['SeBackupPrivilege'],
        processTokenSidType: 'Unrestricted',
      },
      actionsContext: 'Runner',
      settings: {
        allowStartOnDemand: false,
        restartOnFailure: { interval: 'PT5M', count: 3 },
        multipleInstancesPolicy: 'Queue',
        disallowStartIfOnBatteries: false,
        stopIfGoingOnBatteries: false,
        allowHardTerminate: false,
        startWhenAvailable: true,
        networkProfileName: 'Office',
        runOnlyIfNetworkAvailable: true,
        networkSettings: { name: 'Office', id: '{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}' },
        wakeToRun: true,
        enabled: false,
        hidden: true,
        deleteExpiredTaskAfter: 'P30D',
        idleSettings: { duration: 'PT15M', waitTimeout: 'PT2H', stopOnIdleEnd: false, restartOnIdle: true },
        executionTimeLimit: 'PT0S',
        priority: 4,
        runOnlyIfIdle: true,
        useUnifiedSchedulingEngine: true,
        disallowStartOnRemoteAppSession: true,
        maintenanceSettings: { period: 'P1D', deadline: 'P2D', exclusive: true },
        volatile: true,
      },
      actions: [
        { kind: 'Exec', id: 'First', command: 'a.exe' },
        { kind: 'ComHandler', classId: '{0C1D0A8C-9F53-4E5E-B5D2-3C9C1E1A2B3F}', data: 'payload' },
        { kind: 'Raw', element: 'ShowMessage', xml: '<ShowMessage><Title>t</Title><Body>b</Body></ShowMessage>' },
      ],
      data: '<cfg/>',
    });
  });

  it('normalizes the folder spelling', () => {
    const paths = compileConfig({
      tasks: [minimalTask({ name: 'AGI_1', folder: 'Ops' }), minimalTask({ name: 'AGI_2', folder: '/Ops/Nightly/' }), minimalTask({ name: 'AGI_3', folder: '\\Ops\\' })],
    }).tasks.map((t) => [t.folder, t.path]);
    expect(paths).toEqual([
      ['\\Ops\\', '\\Ops\\AGI_1'],
      ['\\Ops\\', '\\Ops\\AGI_3'],
      ['\\Ops\\Nightly\\', '\\Ops\\Nightly\\AGI_2'],
    ]);
  });
});
