import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { minimalTask, problemsOf } from './helpers.js';

const withTrigger = (trigger: unknown) => ({ tasks: [minimalTask({ triggers: [trigger] })] });
const withTask = (overrides: Record<string, unknown>) => ({ tasks: [minimalTask(overrides)] });

describe('invalid declarations: each problem with its exact path', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['missing timeLimit', { tasks: [{ name: 'AGI_X', actions: [{ command: 'a' }] }] }, 'tasks[0].timeLimit', /is required/],
    ['missing name', { tasks: [{ actions: [{ command: 'a' }], timeLimit: 'PT1M' }] }, 'tasks[0].name', /is required/],
    ['no actions', withTask({ actions: [] }), 'tasks[0].actions', /at least one action/],
    ['33 actions', withTask({ actions: Array.from({ length: 33 }, () => ({ command: 'a' })) }), 'tasks[0].actions', /at most 32/],
    ['49 triggers', withTask({ triggers: Array.from({ length: 49 }, () => ({ type: 'boot' })) }), 'tasks[0].triggers', /at most 48/],
    ['unknown field', withTask({ timelimit: 'PT1M' }), 'tasks[0].timelimit', /unknown field "timelimit"/],
    ['unknown nested field', withTask({ settings: { priorty: 3 } }), 'tasks[0].settings.priorty', /unknown field/],
    ['ambiguous duration', withTask({ timeLimit: '24:00:00' }), 'tasks[0].timeLimit', /ambiguous/],
    ['bad multipleInstances', withTask({ multipleInstances: 'ignoreNew' }), 'tasks[0].multipleInstances', /IgnoreNew.*\(got "ignoreNew"\)/],
    ['unknown trigger type', withTrigger({ type: 'hourly' }), 'tasks[0].triggers[0].type', /unknown trigger type.*\(got "hourly"\)/],
    ['time trigger without start', withTrigger({ type: 'time' }), 'tasks[0].triggers[0].start', /start is required.*"now"/],
    ['daily trigger without start', withTrigger({ type: 'daily' }), 'tasks[0].triggers[0].start', /start is required/],
    ['bad start', withTrigger({ type: 'time', start: '2025-02-30T00:00' }), 'tasks[0].triggers[0].start', /has no day 30/],
    ['interval below PT1M', withTrigger({ type: 'boot', repeat: { interval: 'PT30S' } }), 'tasks[0].triggers[0].repeat.interval', /shorter than PT1M/],
    ['interval above P31D', withTrigger({ type: 'boot', repeat: { interval: 'P32D' } }), 'tasks[0].triggers[0].repeat.interval', /longer than P31D/],
    ['interval longer than duration', withTrigger({ type: 'boot', repeat: { interval: 'P1D', duration: 'PT15M' } }), 'tasks[0].triggers[0].repeat.interval', /longer than the repetition duration/],
    ['repetition duration PT0S', withTrigger({ type: 'boot', repeat: { interval: 'PT5M', duration: 'PT0S' } }), 'tasks[0].triggers[0].repeat.duration', /leave duration out/],
    ['end before start', withTrigger({ type: 'time', start: '2025-01-02T00:00', end: '2025-01-01T00:00' }), 'tasks[0].triggers[0].end', /before the start/],
    ['lower-case weekday', withTrigger({ type: 'weekly', start: '2025-01-01T00:00', daysOfWeek: ['monday'] }), 'tasks[0].triggers[0].daysOfWeek[0]', /Monday/],
    ['no weekdays', withTrigger({ type: 'weekly', start: '2025-01-01T00:00', daysOfWeek: [] }), 'tasks[0].triggers[0].daysOfWeek', /at least one of Sunday, Monday/],
    ['daysInterval 0', withTrigger({ type: 'daily', start: '2025-01-01T00:00', daysInterval: 0 }), 'tasks[0].triggers[0].daysInterval', /(>=1|too small)/i],
    ['weeksInterval 53', withTrigger({ type: 'weekly', start: '2025-01-01T00:00', daysOfWeek: ['Monday'], weeksInterval: 53 }), 'tasks[0].triggers[0].weeksInterval', /<=52/],
    ['day of month 32', withTrigger({ type: 'monthly', start: '2025-01-01T00:00', daysOfMonth: [1, 32] }), 'tasks[0].triggers[0].daysOfMonth[1]', /<=31.*\(got 32\)/],
    ['week 5', withTrigger({ type: 'monthlyDayOfWeek', start: '2025-01-01T00:00', weeks: [5], daysOfWeek: ['Monday'] }), 'tasks[0].triggers[0].weeks[0]', /1, 2, 3, 4, Last/],
    ['bad month', withTrigger({ type: 'monthly', start: '2025-01-01T00:00', daysOfMonth: [1], months: ['Jan'] }), 'tasks[0].triggers[0].months[0]', /January/],
    ['33 occurrences', withTrigger({ type: 'event', subscription: '<QueryList/>', numberOfOccurrences: 33 }), 'tasks[0].triggers[0].numberOfOccurrences', /<=32/],
    ['empty subscription', withTrigger({ type: 'event', subscription: '' }), 'tasks[0].triggers[0].subscription', /must not be empty/],
    ['bad state change', withTrigger({ type: 'sessionStateChange', stateChange: 'Lock' }), 'tasks[0].triggers[0].stateChange', /SessionLock/],
    ['delay on a time trigger', withTrigger({ type: 'time', start: '2025-01-01T00:00', delay: 'PT1M' }), 'tasks[0].triggers[0].delay', /unknown field/],
    ['malformed raw trigger', withTrigger({ type: 'raw', xml: '<Wnf><a></Wnf>' }), 'tasks[0].triggers[0].xml', /not well-formed XML/],
    ['two raw elements', withTrigger({ type: 'raw', xml: '<A/><B/>' }), 'tasks[0].triggers[0].xml', /is not well-formed XML: more than one root element/],
    ['empty command', withTask({ actions: [{ command: '' }] }), 'tasks[0].actions[0].command', /the command is empty/],
    ['command over 260', withTask({ actions: [{ command: 'x'.repeat(261) }] }), 'tasks[0].actions[0].command', /260/],
    ['argv with a number', withTask({ actions: [{ command: 'a', arguments: ['-n', 5] }] }), 'tasks[0].actions[0].arguments[1]', /must be a string/],
    ['arguments as a number', withTask({ actions: [{ command: 'a', arguments: 5 }] }), 'tasks[0].actions[0].arguments', /one string or as an array/],
    ['unknown action type', withTask({ actions: [{ type: 'email' }] }), 'tasks[0].actions[0].type', /unknown action type/],
    ['bad COM class id', withTask({ actions: [{ type: 'comHandler', classId: 'not-a-guid' }] }), 'tasks[0].actions[0].classId', /GUID/],
    ['raw action with extra field', withTask({ actions: [{ raw: '<ShowMessage/>', command: 'x' }] }), 'tasks[0].actions[0].command', /unknown field/],
    ['user and group', withTask({ principal: { userId: 'a', groupId: 'b' } }), 'tasks[0].principal.groupId', /not both/],
    ['bad logon type', withTask({ principal: { logonType: 'Batch' } }), 'tasks[0].principal.logonType', /S4U/],
    ['bad privilege', withTask({ principal: { requiredPrivileges: ['Backup'] } }), 'tasks[0].principal.requiredPrivileges[0]', /SeBackupPrivilege/],
    ['priority 11', withTask({ settings: { priority: 11 } }), 'tasks[0].settings.priority', /<=10.*\(got 11\)/],
    ['restart interval', withTask({ settings: { restartOnFailure: { interval: 'PT10S', count: 1 } } }), 'tasks[0].settings.restartOnFailure.interval', /shorter than PT1M/],
    ['restart count 0', withTask({ settings: { restartOnFailure: { interval: 'PT1M', count: 0 } } }), 'tasks[0].settings.restartOnFailure.count', />=1/],
    ['idle duration', withTask({ settings: { idleSettings: { duration: 'PT30S' } } }), 'tasks[0].settings.idleSettings.duration', /shorter than PT1M/],
    ['maintenance period', withTask({ settings: { maintenanceSettings: { period: 'PT12H' } } }), 'tasks[0].settings.maintenanceSettings.period', /shorter than P1D/],
    ['network id', withTask({ settings: { networkSettings: { id: 'x' } } }), 'tasks[0].settings.networkSettings.id', /GUID/],
    ['duplicate ids', withTask({ triggers: [{ type: 'boot', id: 'T' }], actions: [{ command: 'a', id: 'T' }] }), 'tasks[0].actions[0].id', /already used by triggers\[0\]/],
    ['bad folder', withTask({ folder: '\\Ops\\a:b' }), 'tasks[0].folder', /contains ":"/],
    ['illegal XML character', withTask({ description: 'bell \u0007' }), 'tasks[0].description', /U\+0007/],
    ['not an object', { tasks: ['AGI_X'] }, 'tasks[0]', /expected object/],
    ['tasks missing', {}, 'tasks', /array of task declarations/],
  ])('%s', (_, input, path, message) => {
    const issues = problemsOf(input);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('collects every problem of every task at once, in task order', () => {
    const issues = problemsOf({
      prefix: 'AGI',
      tasks: [
        { name: 'AGI_A', actions: [{ command: 'a' }], timeLimit: 'PT1M', triggers: [{ type: 'time', repeat: { interval: 'PT15M' } }] },
        { name: 'Backup', actions: [], timeLimit: 'forever' },
        { name: 'AGI_C', actions: [{ command: 'a' }], timeLimit: 'PT1M', triggers: [{ type: 'daily', start: '2025-01-01T00:00', repeat: { interval: 'PT5S' } }] },
        { name: 'agi_a', actions: [{ command: 'a' }], timeLimit: '5m' },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      'tasks[0].triggers[0].start',
      'tasks[1].name',
      'tasks[1].actions',
      'tasks[1].timeLimit',
      'tasks[2].triggers[0].repeat.interval',
      'tasks[3].name',
    ]);
  });

  it('still checks the tasks that parsed when another task is malformed', () => {
    const issues = problemsOf({ tasks: [42, minimalTask({ name: 'Other' })] });
    expect(issues.map((i) => i.path)).toEqual(['tasks[0]', 'tasks[1].name']);
  });

  it('checks the prefix and unique paths of a task whose other fields are malformed', () => {
    const issues = problemsOf({ tasks: [minimalTask({ name: 'AGI_X' }), { name: 'agi_x', actions: [] }, { name: 'Other', timeLimit: 5 }] });
    expect(issues).toContainEqual({ path: 'tasks[1].name', message: expect.stringContaining('already declared by tasks[0]') });
    expect(issues).toContainEqual({ path: 'tasks[2].name', message: expect.stringContaining('does not start with the prefix') });
  });

  it('reports Task Scheduler rule problems (validateDefinition) together with the shape problems', () => {
    const issues = problemsOf({ tasks: [minimalTask({ name: 'AGI_A', description: 'bell \u0007' }), minimalTask({ name: 'AGI_B', timeLimit: 'soon' })] });
    expect(issues.map((i) => i.path)).toEqual(['tasks[0].description', 'tasks[1].timeLimit']);
  });

    it('says why timeLimit is required', () => {
    expect(problemsOf({ tasks: [{ name: 'AGI_X', actions: [{ command: 'a' }] }] })).toEqual([
      { path: 'tasks[0].timeLimit', message: expect.stringContaining('Windows would silently stop runs after 72 hours') },
    ]);
  });

  it('lists the problems with their paths in the error message', () => {
    expect(() => compileConfig(withTrigger({ type: 'boot', repeat: { interval: 'PT30S' } }))).toThrow(
      /\n {2}- tasks\[0\]\.triggers\[0\]\.repeat\.interval: "PT30S" is shorter than PT1M/,
    );
  });
});
