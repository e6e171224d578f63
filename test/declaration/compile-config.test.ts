import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { minimalTask, problemPaths, problemsOf } from './helpers.js';

describe('compileConfig: the contract example', () => {
  const contractExample = {
    prefix: 'AGI',
    tasks: [
      {
        name: 'AGI_Health_Check',
        folder: '\\',
        description: '…',
        actions: [{ command: 'python.exe', arguments: 'C:\\AGI\\check_health.py', workingDirectory: 'C:\\AGI' }],
        triggers: [
          { type: 'time', start: '2025-01-01T00:12:00', repeat: { interval: 'PT15M' } },
          { type: 'daily', start: '2025-01-01T03:45:00', daysInterval: 1 },
          { type: 'weekly', start: '2025-01-05T02:15:00', daysOfWeek: ['Sunday'], weeksInterval: 1 },
          { type: 'boot', delay: 'PT5M' },
          { type: 'logon', userId: 'DOMAIN\\user' },
        ],
        timeLimit: 'PT2M',
        group: 'agi',
        multipleInstances: 'IgnoreNew',
        enabled: true,
        principal: { userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' },
      },
    ],
  };

  it('compiles to the wire model with only the fields written', () => {
    const compiled = compileConfig(contractExample);
    expect(compiled.prefix).toBe('AGI');
    expect(compiled.tasks).toEqual([
      {
        folder: '\\',
        name: 'AGI_Health_Check',
        path: '\\AGI_Health_Check',
        group: 'agi',
        needsPassword: false,
        definition: {
          registrationInfo: { description: '…' },
          triggers: [
            { kind: 'TimeTrigger', startBoundary: '2025-01-01T00:12:00', repetition: { interval: 'PT15M' } },
            { kind: 'CalendarTrigger', startBoundary: '2025-01-01T03:45:00', schedule: { kind: 'ByDay', daysInterval: 1 } },
            { kind: 'CalendarTrigger', startBoundary: '2025-01-05T02:15:00', schedule: { kind: 'ByWeek', weeksInterval: 1, daysOfWeek: ['Sunday'] } },
            { kind: 'BootTrigger', delay: 'PT5M' },
            { kind: 'LogonTrigger', userId: 'DOMAIN\\user' },
          ],
          principal: { id: 'Author', userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' },
          actionsContext: 'Author',
          settings: { multipleInstancesPolicy: 'IgnoreNew', executionTimeLimit: 'PT2M', enabled: true },
          actions: [{ kind: 'Exec', command: 'python.exe', arguments: 'C:\\AGI\\check_health.py', workingDirectory: 'C:\\AGI' }],
        },
      },
    ]);
  });

  it('writes multipleInstancesPolicy and executionTimeLimit even when only the required fields are given', () => {
    const [task] = compileConfig({ tasks: [minimalTask()] }).tasks;
    expect(task?.definition).toEqual({
      registrationInfo: {},
      triggers: [],
      settings: { multipleInstancesPolicy: 'IgnoreNew', executionTimeLimit: 'PT5M' },
      actions: [{ kind: 'Exec', command: 'python.exe' }],
    });
  });
});

describe('compileConfig: friendly spellings', () => {
  it('turns friendly durations into ISO 8601 everywhere', () => {
    const [task] = compileConfig({
      tasks: [
        minimalTask({
          timeLimit: '1h30m',
          triggers: [{ type: 'time', start: '2025-01-01T00:00', randomDelay: '90s', repeat: { interval: '15m', duration: '2d' } }],
          settings: { restartOnFailure: { interval: '5m', count: 3 } },
        }),
      ],
    }).tasks;
    expect(task?.definition.settings.executionTimeLimit).toBe('PT1H30M');
    expect(task?.definition.triggers[0]).toEqual({
      kind: 'TimeTrigger',
      startBoundary: '2025-01-01T00:00:00',
      randomDelay: 'PT90S',
      repetition: { interval: 'PT15M', duration: 'P2D' },
    });
    expect(task?.definition.settings.restartOnFailure).toEqual({ interval: 'PT5M', count: 3 });
  });

  it('quotes an argv array the Windows way', () => {
    const [task] = compileConfig({
      tasks: [minimalTask({ actions: [{ command: 'powershell.exe', arguments: ['-File', 'C:\\My Scripts\\job.ps1', '-Tag', 'say "hi"'] }] })],
    }).tasks;
    expect(task?.definition.actions[0]).toEqual({
      kind: 'Exec',
      command: 'powershell.exe',
      arguments: '-File "C:\\My Scripts\\job.ps1" -Tag "say \\"hi\\""',
    });
  });

  it('accepts value queries as a record or as a list', () => {
    const trigger = (valueQueries: unknown) => ({ type: 'event', subscription: '<QueryList/>', valueQueries });
    const [a, b] = compileConfig({
      tasks: [
        minimalTask({ name: 'AGI_A', triggers: [trigger({ Id: 'Event/System/EventID' })] }),
        minimalTask({ name: 'AGI_B', triggers: [trigger([{ name: 'Id', value: 'Event/System/EventID' }])] }),
      ],
    }).tasks;
    expect(a?.definition.triggers).toEqual(b?.definition.triggers);
    expect(a?.definition.triggers[0]).toMatchObject({ valueQueries: [{ name: 'Id', value: 'Event/System/EventID' }] });
  });
});

describe('compileConfig: options and output', () => {
  it('lets --prefix override the config prefix', () => {
    const config = { prefix: 'AGI', tasks: [minimalTask({ name: 'TEST_X' })] };
    expect(problemPaths(config)).toEqual(['tasks[0].name']);
    expect(compileConfig(config, { prefix: 'test_' }).prefix).toBe('test_');
  });

  it('reports a bad --prefix under its own name', () => {
    expect(problemsOf({ tasks: [minimalTask()] }, { prefix: '' })).toEqual([{ path: '--prefix', message: expect.stringContaining('must not be empty') }]);
  });

  it('defaults the prefix to AGI', () => {
    expect(compileConfig({ tasks: [] }).prefix).toBe('AGI');
  });

  it('sorts tasks by path, case-insensitively', () => {
    const compiled = compileConfig({
      tasks: [minimalTask({ name: 'AGI_b' }), minimalTask({ name: 'AGI_A', folder: 'Zeta' }), minimalTask({ name: 'AGI_C' }), minimalTask({ name: 'AGI_a' , folder: 'ops' })],
    });
    expect(compiled.tasks.map((t) => t.path)).toEqual(['\\AGI_b', '\\AGI_C', '\\ops\\AGI_a', '\\Zeta\\AGI_A']);
  });

  it.each([
    ['Password', true],
    ['InteractiveTokenOrPassword', true],
    ['S4U', false],
    ['InteractiveToken', false],
    ['ServiceAccount', false],
    [undefined, false],
  ])('needsPassword for logon type %s is %s', (logonType, needsPassword) => {
    const [task] = compileConfig({ tasks: [minimalTask({ principal: { userId: 'CONTOSO\\svc', ...(logonType ? { logonType } : {}) } })] }).tasks;
    expect(task?.needsPassword).toBe(needsPassword);
  });

  it('names the source file in the error heading', () => {
    expect(() => compileConfig({ tasks: [{}] }, { source: '/cfg/fleet.json' })).toThrow(/^The declarations in \/cfg\/fleet\.json are not valid:/);
  });

  it('throws a ValidationError with exit code 1', () => {
    try {
      compileConfig({});
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).exitCode).toBe(1);
      return;
    }
    expect.fail('compileConfig({}) should throw');
  });
});
