import { describe, expect, test } from 'vitest';
import { definitionsMatch, diffDefinitions } from '../../src/plan/diff.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';

/** Hand-made, already normalized definitions: the diff never normalizes on its own. */
function normalized(patch: (def: TaskDefinition) => void = () => {}): TaskDefinition {
  const def: TaskDefinition = {
    registrationInfo: { description: 'x' },
    triggers: [
      { kind: 'TimeTrigger', enabled: true, startBoundary: '2025-01-01T00:12:00', repetition: { interval: 'PT5M', stopAtDurationEnd: false } },
    ],
    principal: { userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' },
    settings: { multipleInstancesPolicy: 'IgnoreNew', executionTimeLimit: 'PT2M', enabled: true, priority: 7 },
    actions: [{ kind: 'Exec', command: 'python.exe', arguments: 'C:\\AGI\\check_health.py' }],
  };
  patch(def);
  return def;
}

describe('diffDefinitions', () => {
  test.each([
    {
      name: 'a repetition interval, under the contract name `repeat`',
      patch: (d: TaskDefinition) => { d.triggers[0] = { ...d.triggers[0]!, repetition: { interval: 'PT15M', stopAtDurationEnd: false } } as never; },
      expected: [{ path: 'triggers[0].repeat.interval', before: 'PT5M', after: 'PT15M' }],
    },
    {
      name: 'the multiple-instances policy, flagged as behaviour',
      patch: (d: TaskDefinition) => { d.settings.multipleInstancesPolicy = 'Parallel'; },
      expected: [{ path: 'settings.multipleInstancesPolicy', before: 'IgnoreNew', after: 'Parallel', behavioural: true }],
    },
    {
      name: 'arguments of the first action',
      patch: (d: TaskDefinition) => { d.actions[0] = { kind: 'Exec', command: 'python.exe', arguments: 'C:\\AGI\\other.py' }; },
      expected: [{ path: 'actions[0].arguments', before: 'C:\\AGI\\check_health.py', after: 'C:\\AGI\\other.py' }],
    },
    {
      name: 'a principal change, flagged as behaviour',
      patch: (d: TaskDefinition) => { d.principal = { ...d.principal, userId: 'S-1-5-19' }; },
      expected: [{ path: 'principal.userId', before: 'S-1-5-18', after: 'S-1-5-19', behavioural: true }],
    },
    {
      name: 'a number',
      patch: (d: TaskDefinition) => { d.settings.priority = 4; },
      expected: [{ path: 'settings.priority', before: 7, after: 4 }],
    },
    {
      name: 'a field only the declaration has',
      patch: (d: TaskDefinition) => { d.settings.deleteExpiredTaskAfter = 'P30D'; },
      expected: [{ path: 'settings.deleteExpiredTaskAfter', before: null, after: 'P30D' }],
    },
  ])('$name', ({ patch, expected }) => {
    expect(diffDefinitions(normalized(), normalized(patch))).toEqual(expected);
  });

  test('an added trigger is one field with a readable summary, and a removed one the reverse', () => {
    const two = normalized((d) => d.triggers.push({ kind: 'BootTrigger', enabled: true, delay: 'PT5M' }));
    expect(diffDefinitions(normalized(), two)).toEqual([{ path: 'triggers[1]', before: null, after: 'at boot, delay PT5M' }]);
    expect(diffDefinitions(two, normalized())).toEqual([{ path: 'triggers[1]', before: 'at boot, delay PT5M', after: null }]);
  });

  test('a trigger of another kind at the same index is a replacement, not a pile of fields', () => {
    const boot = normalized((d) => { d.triggers[0] = { kind: 'BootTrigger', enabled: true }; });
    expect(diffDefinitions(normalized(), boot)).toEqual([
      { path: 'triggers[0]', before: 'at 2025-01-01T00:12:00, every PT5M', after: 'at boot' },
    ]);
  });

  test('lists of plain values are compared whole', () => {
    const weekly = (days: ('Monday' | 'Sunday')[]) =>
      normalized((d) => {
        d.triggers[0] = { kind: 'CalendarTrigger', enabled: true, startBoundary: '2025-01-05T02:15:00', schedule: { kind: 'ByWeek', weeksInterval: 1, daysOfWeek: days } };
      });
    expect(diffDefinitions(weekly(['Sunday']), weekly(['Monday', 'Sunday']))).toEqual([
      { path: 'triggers[0].schedule.daysOfWeek', before: 'Sunday', after: 'Monday, Sunday' },
    ]);
  });

  test('fields are sorted by path with indexes in numeric order', () => {
    const many = (arg: string) =>
      normalized((d) => {
        d.actions = Array.from({ length: 11 }, (_, i) => ({ kind: 'Exec' as const, command: 'x.exe', arguments: i === 2 || i === 10 ? arg : 'same' }));
        d.settings.enabled = arg === 'a';
      });
    expect(diffDefinitions(many('a'), many('b')).map((f) => f.path)).toEqual([
      'actions[2].arguments', 'actions[10].arguments', 'settings.enabled',
    ]);
  });

  test('metadata Windows writes on its own never shows, even if normalization let it through', () => {
    const withMetadata = normalized((d) => {
      d.version = '1.2';
      d.registrationInfo = { ...d.registrationInfo, author: 'MACHINE\\admin', date: '2025-01-01T00:00:00', uri: '\\AGI_X' };
      d.principal = { ...d.principal, id: 'Author' };
      d.actionsContext = 'Author';
    });
    expect(diffDefinitions(withMetadata, normalized())).toEqual([]);
    expect(definitionsMatch(withMetadata, normalized())).toBe(true);
  });

  test('absent and undefined are the same; an empty list and an absent one too', () => {
    const a = normalized((d) => { d.principal = { ...d.principal, requiredPrivileges: [] }; d.data = undefined; });
    expect(diffDefinitions(a, normalized())).toEqual([]);
  });
});

describe('summaries of whole triggers', () => {
  test('a one-time trigger says once; a repeating one says how often', async () => {
    const { summarizeTrigger } = await import('../../src/plan/diff.js');
    expect(summarizeTrigger({ kind: 'TimeTrigger', startBoundary: '2025-01-01T00:00:00' })).toBe('once at 2025-01-01T00:00:00');
    expect(summarizeTrigger({ kind: 'TimeTrigger', startBoundary: '2025-01-01T00:00:00', repetition: { interval: 'PT5M', duration: 'PT1H' } })).toBe(
      'at 2025-01-01T00:00:00, every PT5M for PT1H',
    );
    expect(summarizeTrigger({ kind: 'CalendarTrigger', startBoundary: '2025-01-01T03:45:00', schedule: { kind: 'ByDay', daysInterval: 2 }, enabled: false })).toBe(
      'every 2 days from 2025-01-01T03:45:00, disabled',
    );
    expect(summarizeTrigger({ kind: 'LogonTrigger' })).toBe('at logon of any user');
  });
});
