/** normalizeTask: one canonical, JSON-serializable form for the plan diff. */
import { describe, expect, it } from 'vitest';
import { alignUndeclared, normalizeTask } from '../../src/schtasks/normalize-task.js';
import type { TaskDefinition, Trigger } from '../../src/schtasks/model.js';

const task = (patch: Partial<TaskDefinition> = {}): TaskDefinition => ({
  registrationInfo: {}, triggers: [], settings: {}, actions: [{ kind: 'Exec', command: 'a.exe' }], ...patch,
});
const calendar = (schedule: Extract<Trigger, { kind: 'CalendarTrigger' }>['schedule']): TaskDefinition =>
  task({ triggers: [{ kind: 'CalendarTrigger', startBoundary: '2024-01-01T00:00:00', schedule }] });

describe('normalizeTask', () => {
  it('fills every default of an empty definition', () => {
    expect(normalizeTask(task({ triggers: [{ kind: 'BootTrigger' }], principal: { userId: 'CONTOSO\\me' } }))).toEqual({
      registrationInfo: {},
      triggers: [{ kind: 'BootTrigger', enabled: true, executionTimeLimit: 'P3D', delay: 'PT0S' }],
      principal: { userId: 'CONTOSO\\me', runLevel: 'LeastPrivilege' },
      settings: {
        allowStartOnDemand: true, multipleInstancesPolicy: 'IgnoreNew', disallowStartIfOnBatteries: true, stopIfGoingOnBatteries: true,
        allowHardTerminate: true, startWhenAvailable: false, runOnlyIfNetworkAvailable: false, wakeToRun: false, enabled: true,
        hidden: false, idleSettings: { duration: 'PT10M', waitTimeout: 'PT1H', stopOnIdleEnd: true, restartOnIdle: false },
        executionTimeLimit: 'P3D', priority: 7, runOnlyIfIdle: false, useUnifiedSchedulingEngine: false,
        disallowStartOnRemoteAppSession: false, volatile: false,
      },
      actions: [{ kind: 'Exec', command: 'a.exe' }],
    });
  });

  it('drops what Windows writes by itself (Date, URI, ids, Context, version); keeps Author, Source, Version and SecurityDescriptor for when they are declared', () => {
    const withMeta = task({
      version: '1.4',
      registrationInfo: { date: '2024-01-01T00:00:00', author: 'me', uri: '\\X', source: 's', version: '1', securityDescriptor: ' D: ', description: 'd' },
      principal: { id: 'Author', userId: 'S-1-5-18' },
      actionsContext: 'Author',
    });
    const plain = task({ registrationInfo: { description: 'd' }, principal: { userId: 'SYSTEM' } });
    expect(normalizeTask(withMeta).registrationInfo).toEqual({ author: 'me', version: '1', description: 'd', source: 's', securityDescriptor: 'D:' });
    // Not declared: the live task's metadata is no difference.
    expect(alignUndeclared(normalizeTask(withMeta), normalizeTask(plain))).toEqual(normalizeTask(plain));
    // Declared: compared.
    const declared = normalizeTask(task({ registrationInfo: { description: 'd', securityDescriptor: 'D:(A;;FA;;;BA)' }, principal: { userId: 'SYSTEM' } }));
    expect(alignUndeclared(normalizeTask(withMeta), declared).registrationInfo).toEqual({ description: 'd', securityDescriptor: 'D:' });
  });

  it('sorts and de-duplicates day, month, week and privilege lists; all twelve months equal absent', () => {
    const a = normalizeTask(calendar({ kind: 'ByMonth', daysOfMonth: ['Last', 15, 1, 15], months: ['July', 'January'] }));
    expect(a.triggers[0]).toMatchObject({ schedule: { kind: 'ByMonth', daysOfMonth: [1, 15, 'Last'], months: ['January', 'July'] } });
    const allMonths = ['December', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November'] as const;
    expect(normalizeTask(calendar({ kind: 'ByMonth', daysOfMonth: [1], months: [...allMonths] })))
      .toEqual(normalizeTask(calendar({ kind: 'ByMonth', daysOfMonth: [1] })));
    expect(normalizeTask(calendar({ kind: 'ByWeek', daysOfWeek: ['Friday', 'Monday', 'Friday'] })).triggers[0])
      .toMatchObject({ schedule: { kind: 'ByWeek', weeksInterval: 1, daysOfWeek: ['Monday', 'Friday'] } });
    expect(normalizeTask(calendar({ kind: 'ByMonthDayOfWeek', weeks: ['Last', '1'], daysOfWeek: ['Sunday'] })).triggers[0])
      .toMatchObject({ schedule: { weeks: ['1', 'Last'] } });
    expect(normalizeTask(task({ principal: { userId: 'x', requiredPrivileges: ['SeDebugPrivilege', 'SeBackupPrivilege', 'SeDebugPrivilege'] } })).principal?.requiredPrivileges)
      .toEqual(['SeBackupPrivilege', 'SeDebugPrivilege']);
  });

  it('canonicalizes GUIDs, empty texts and raw XML spellings', () => {
    const com = (classId: string) => normalizeTask(task({ actions: [{ kind: 'ComHandler', classId, data: '' }] }));
    expect(com('58fb76b9-ac85-4e55-ac04-427593b1d060')).toEqual(com('{58FB76B9-AC85-4E55-AC04-427593B1D060}'));
    expect(com('{58FB76B9-AC85-4E55-AC04-427593B1D060}').actions[0]).toEqual({ kind: 'ComHandler', classId: '{58FB76B9-AC85-4E55-AC04-427593B1D060}' });
    const raw = (xml: string) => normalizeTask(task({ triggers: [{ kind: 'Raw', element: 'WnfStateChangeTrigger', xml }] }));
    expect(raw('<WnfStateChangeTrigger b="2" a="1">\n  <StateName>7</StateName>\n  <Data></Data>\n</WnfStateChangeTrigger>'))
      .toEqual(raw(`<WnfStateChangeTrigger a='1' b="2"><StateName>&#55;</StateName><Data/></WnfStateChangeTrigger>`));
    expect(raw('<W><StateName>7</StateName></W>')).not.toEqual(raw('<W><StateName>8</StateName></W>'));
  });

  it('a service account with no LogonType is ServiceAccount; a group with none is Group; a user keeps none', () => {
    expect(normalizeTask(task({ principal: { userId: 'NETWORK SERVICE' } })).principal?.logonType).toBe('ServiceAccount');
    expect(normalizeTask(task({ principal: { groupId: 'Everyone' } })).principal).toEqual({ groupId: 'S-1-1-0', logonType: 'Group', runLevel: 'LeastPrivilege' });
    expect(normalizeTask(task({ principal: { userId: 'CONTOSO\\me' } })).principal?.logonType).toBeUndefined();
    expect(normalizeTask(task({ principal: { userId: 'S-1-5-18', logonType: 'InteractiveToken' } })).principal?.logonType).toBe('InteractiveToken');
  });

  it('trims the layout around an event subscription, not inside it', () => {
    const event = (subscription: string) => normalizeTask(task({ triggers: [{ kind: 'EventTrigger', subscription }] })).triggers[0];
    expect(event('\n   <QueryList> a  b </QueryList>\n  ')).toEqual(event('<QueryList> a  b </QueryList>'));
    expect(event('<QueryList> a  b </QueryList>')).not.toEqual(event('<QueryList> a b </QueryList>'));
  });

  it('is idempotent and leaves its input alone', () => {
    const input = calendar({ kind: 'ByWeek', daysOfWeek: ['Friday', 'Monday'] });
    const copy = structuredClone(input);
    const once = normalizeTask(input);
    expect(normalizeTask(once)).toEqual(once);
    expect(input).toEqual(copy);
  });
});
