import { describe, expect, test } from 'vitest';
import { formatPlanText } from '../../src/output/plan-text.js';
import { formatPlanJson } from '../../src/output/plan-json.js';
import { computePlan } from '../../src/plan/plan.js';
import { declared, live } from '../plan/fixtures.js';

const now = new Date(2026, 10, 25, 12, 0, 0);
const future = '2027-01-01T00:12:00';

function fleetPlan() {
  return computePlan({
    declared: [
      declared('\\AGI_LLM_Watchdog', { start: future, interval: 'PT30M', command: 'powershell.exe', arguments: '-File C:\\AGI\\watchdog.ps1' }, { group: 'agi' }),
      declared('\\AGI_Health_Check', { start: future, interval: 'PT15M', policy: 'IgnoreNew' }),
    ],
    live: [
      live('\\AGI_Health_Check', { start: future, interval: 'PT5M', policy: 'Parallel' }),
      live('\\AGI_LLM_AutoRestart', { start: future }),
      live('\\Unrelated_Backup', { start: future }),
    ],
    prefix: 'AGI',
    prune: true,
    now,
  });
}

describe('formatPlanText (colour off)', () => {
  test('create, update and delete, with a legend, behaviour call-outs and the closing line', () => {
    expect(formatPlanText(fleetPlan(), { color: false })).toBe(
      [
        'taskctl will perform these actions, shown with these symbols:',
        '  + create',
        '  ~ update',
        '  - delete',
        '',
        '  + create \\AGI_LLM_Watchdog',
        '      triggers[0]: at 2027-01-01T00:12:00, every PT30M',
        '      actions[0]: powershell.exe -File C:\\AGI\\watchdog.ps1',
        '      time limit: PT2M',
        '      multiple instances: IgnoreNew',
        '      runs as: SYSTEM (S-1-5-18)',
        '      group: agi',
        '',
        '  ~ update \\AGI_Health_Check',
        '      settings.multipleInstancesPolicy: "Parallel" -> "IgnoreNew"  (!) changes behaviour',
        '      triggers[0].repeat.interval: "PT5M" -> "PT15M"',
        '',
        '  - delete \\AGI_LLM_AutoRestart',
        '',
        'Plan: 1 to create, 1 to update, 1 to delete.',
        '',
      ].join('\n'),
    );
  });

  test('no changes: the closing sentence and nothing else', () => {
    const plan = computePlan({ declared: [declared('\\AGI_X')], live: [live('\\AGI_X')], prefix: 'AGI', prune: true });
    expect(formatPlanText(plan, { color: false })).toBe('No changes. The live tasks match the declarations.\n');
  });

  test('the legend lists only the symbols used; warnings, unmanaged tasks and errors get their own sections', () => {
    const plan = computePlan({
      declared: [declared('\\AGI_New', { start: '2025-01-01T00:00:00' })],
      live: [live('\\AGI_Keep', { start: future }), { taskPath: '\\', taskName: 'AGI_Bad', state: 'Ready', xml: '<Task' }],
      prefix: 'AGI',
      prune: false,
      now,
    });
    const text = formatPlanText(plan, { color: false });
    expect(text).toContain('  + create\n\n');
    expect(text).not.toContain('  ~ update\n');
    expect(text).not.toContain('  - delete\n');
    expect(text).toContain('Not declared, left alone (pruning is off):\n  \\AGI_Keep\n');
    expect(text).toContain('Warnings:\n  ! \\AGI_New: triggers[0] starts at 2025-01-01T00:00:00 (in the past)');
    expect(text).toMatch(/Errors \(these tasks are left alone, and apply refuses to run until they are fixed\):\n {2}x \\AGI_Bad: its XML can't be read/);
    expect(text.endsWith('Plan: 1 to create, 0 to update, 0 to delete.\n')).toBe(true);
  });

  test('no changes but unreadable tasks: says so instead of claiming everything matches', () => {
    const plan = computePlan({ declared: [], live: [{ taskPath: '\\', taskName: 'AGI_Bad', state: 'Ready', xml: '' }], prefix: 'AGI', prune: true });
    expect(formatPlanText(plan, { color: false })).toMatch(/No changes to the tasks that could be read; 1 could not be read \(see above\)\.\n$/);
  });

  test('values show Windows paths as written, quotes escaped, and absent values as (none)', () => {
    const plan = computePlan({
      declared: [declared('\\AGI_Q', { start: future, arguments: '"C:\\Program Files\\x.py" --name a' })],
      live: [live('\\AGI_Q', { start: future })],
      prefix: 'AGI', prune: true,
    });
    expect(formatPlanText(plan, { color: false })).toContain(
      '      actions[0].arguments: "C:\\AGI\\check_health.py" -> "\\"C:\\Program Files\\x.py\\" --name a"\n',
    );
  });

  test('output is plain ASCII control-free with colour off, and coloured with it on', () => {
    const plain = formatPlanText(fleetPlan(), { color: false });
    expect(plain).not.toContain('\u001b[');
    const coloured = formatPlanText(fleetPlan(), { color: true });
    expect(coloured).toContain('\u001b[32m+\u001b[39m create');
    expect(coloured).toContain('\u001b[33m~\u001b[39m update');
    expect(coloured).toContain('\u001b[31m-\u001b[39m delete');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  test('a crafted live task cannot spoof the plan: C1 controls and bidi overrides are shown escaped', () => {
    // U+009B is a CSI (starts an escape sequence); U+202E reverses the text that follows it.
    const spoof = 'ok\u009B2J\u202Eexe.live\u2066';
    const plan = computePlan({
      declared: [declared('\\AGI_Q', { start: future, arguments: 'C:\\AGI\\safe.py' })],
      live: [live('\\AGI_Q', { start: future, arguments: spoof }), live(`\\AGI_${spoof}`, { start: future })],
      prefix: 'AGI', prune: true,
    });
    const text = formatPlanText(plan, { color: false });
    expect(text).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"ok\\u009B2J\\u202Eexe.live\\u2066" -> "C:\\AGI\\safe.py"');
    expect(text).toContain('- delete \\AGI_ok\\u009B2J\\u202Eexe.live\\u2066');
    // JSON stays exact.
    expect(JSON.parse(formatPlanJson(plan)).changes.map((c: { task: string }) => c.task)).toContain(`\\AGI_${spoof}`);
  });
});
