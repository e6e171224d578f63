import { describe, expect, test } from 'vitest';
import { computePlan } from '../../src/plan/plan.js';
import type { Plan } from '../../src/plan/plan.js';
import { declared, live, windowsExport } from './fixtures.js';

/** The contract's view of a plan: what `plan --json` would show. */
function brief(plan: Plan) {
  return plan.changes.map((c) => (c.action === 'update' ? { action: c.action, task: c.task, fields: c.fields.map(({ path, before, after }) => ({ path, before, after })) } : { action: c.action, task: c.task }));
}

describe('computePlan: (declared, live) → changes', () => {
  test.each([
    { name: 'nothing declared, nothing live', declared: [], live: [], changes: [], summary: { create: 0, update: 0, delete: 0, unchanged: 0 } },
    {
      name: 'declared but not live → create',
      declared: [declared('\\AGI_New')], live: [],
      changes: [{ action: 'create', task: '\\AGI_New' }], summary: { create: 1, update: 0, delete: 0, unchanged: 0 },
    },
    {
      name: 'live and identical → unchanged, not listed',
      declared: [declared('\\AGI_Same')], live: [live('\\AGI_Same')],
      changes: [], summary: { create: 0, update: 0, delete: 0, unchanged: 1 },
    },
    {
      name: 'live with another interval → update with the field',
      declared: [declared('\\AGI_Health_Check', { interval: 'PT15M' })], live: [live('\\AGI_Health_Check', { interval: 'PT5M' })],
      changes: [{ action: 'update', task: '\\AGI_Health_Check', fields: [{ path: 'triggers[0].repeat.interval', before: 'PT5M', after: 'PT15M' }] }],
      summary: { create: 0, update: 1, delete: 0, unchanged: 0 },
    },
    {
      name: 'live under the prefix but not declared → delete',
      declared: [], live: [live('\\AGI_Old')],
      changes: [{ action: 'delete', task: '\\AGI_Old' }], summary: { create: 0, update: 0, delete: 1, unchanged: 0 },
    },
    {
      name: 'matching is case-insensitive, like Windows',
      declared: [declared('\\Sub\\AGI_Task')], live: [live('\\SUB\\agi_task')],
      changes: [], summary: { create: 0, update: 0, delete: 0, unchanged: 1 },
    },
    {
      name: 'the same name in another folder is another task',
      declared: [declared('\\AGI_Task')], live: [live('\\Other\\AGI_Task')],
      changes: [{ action: 'create', task: '\\AGI_Task' }, { action: 'delete', task: '\\Other\\AGI_Task' }],
      summary: { create: 1, update: 0, delete: 1, unchanged: 0 },
    },
    {
      name: 'tasks outside the prefix are ignored entirely, even when the reader returned them',
      declared: [], live: [live('\\Backup_Job'), live('\\Microsoft\\Windows\\Defrag\\ScheduledDefrag'), live('\\xAGI_Not')],
      changes: [], summary: { create: 0, update: 0, delete: 0, unchanged: 0 },
    },
  ])('$name', ({ declared: d, live: l, changes, summary }) => {
    const plan = computePlan({ declared: d, live: l, prefix: 'AGI', prune: true });
    expect(brief(plan)).toEqual(changes);
    expect(plan.summary).toEqual(summary);
  });

  test('a Windows export of the declared task (metadata, defaults written, SYSTEM by name) is unchanged', () => {
    const exported = { taskPath: '\\', taskName: 'AGI_Health_Check', state: 'Ready', xml: windowsExport() };
    const plan = computePlan({ declared: [declared('\\AGI_Health_Check')], live: [exported], prefix: 'AGI', prune: true });
    expect(plan.changes).toEqual([]);
    expect(plan.summary.unchanged).toBe(1);
  });

  test('PT120S live vs PT2M declared is no change (durations compare by value)', () => {
    const exported = { taskPath: '\\', taskName: 'AGI_Health_Check', state: 'Ready', xml: windowsExport({ timeLimit: 'PT120S' }) };
    const plan = computePlan({ declared: [declared('\\AGI_Health_Check')], live: [exported], prefix: 'AGI', prune: true });
    expect(plan.changes).toEqual([]);
  });

  test('without pruning, undeclared tasks are reported as unmanaged and not changed', () => {
    const plan = computePlan({ declared: [], live: [live('\\AGI_B'), live('\\AGI_A')], prefix: 'AGI', prune: false });
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toEqual(['\\AGI_A', '\\AGI_B']);
  });

  test('a live task whose XML cannot be read is an error, never deleted or updated; the rest is still planned', () => {
    const broken = { taskPath: '\\', taskName: 'AGI_Broken', state: 'Ready', xml: '<Task><oops' };
    const brokenDeclared = { taskPath: '\\', taskName: 'AGI_Declared_Broken', state: 'Ready', xml: 'not xml at all' };
    const plan = computePlan({
      declared: [declared('\\AGI_Declared_Broken'), declared('\\AGI_New')],
      live: [broken, brokenDeclared, live('\\AGI_Old')],
      prefix: 'AGI',
      prune: true,
    });
    expect(plan.errors.map((e) => e.task)).toEqual(['\\AGI_Broken', '\\AGI_Declared_Broken']);
    expect(plan.errors[0]!.reason).toMatch(/can't be read/);
    expect(brief(plan)).toEqual([{ action: 'create', task: '\\AGI_New' }, { action: 'delete', task: '\\AGI_Old' }]);
  });

  test('changes are sorted by action (create, update, delete) and then by path', () => {
    const plan = computePlan({
      declared: [declared('\\AGI_Z', { interval: 'PT1H' }), declared('\\AGI_Y'), declared('\\AGI_A', { interval: 'PT1H' }), declared('\\AGI_B')],
      live: [live('\\AGI_Z'), live('\\agi_old2'), live('\\AGI_A'), live('\\AGI_Old1')],
      prefix: 'agi',
      prune: true,
    });
    expect(plan.changes.map((c) => `${c.action} ${c.task}`)).toEqual([
      'create \\AGI_B', 'create \\AGI_Y', 'update \\AGI_A', 'update \\AGI_Z', 'delete \\AGI_Old1', 'delete \\agi_old2',
    ]);
  });

  test('the same inputs in another order give the same plan', () => {
    const d = [declared('\\AGI_A', { interval: 'PT1H' }), declared('\\AGI_B'), declared('\\AGI_C')];
    const l = [live('\\AGI_A'), live('\\AGI_D'), live('\\AGI_E')];
    const one = computePlan({ declared: d, live: l, prefix: 'AGI', prune: true });
    const two = computePlan({ declared: [...d].reverse(), live: [...l].reverse(), prefix: 'AGI', prune: true });
    expect(brief(two)).toEqual(brief(one));
  });

  test('a declaration outside the prefix stops the plan: apply must never create outside it', () => {
    expect(() => computePlan({ declared: [declared('\\Other_Task')], live: [], prefix: 'AGI', prune: true })).toThrow(/does not start with the prefix 'AGI'/);
  });

  test('a task the target lists twice is an error and is left alone', () => {
    const plan = computePlan({ declared: [], live: [live('\\AGI_Twice'), live('\\agi_twice')], prefix: 'AGI', prune: true });
    expect(plan.changes).toEqual([]);
    expect(plan.errors).toHaveLength(1);
  });

  test('the fingerprint holds every live task under the prefix and nothing else', () => {
    const plan = computePlan({ declared: [], live: [live('\\AGI_A'), live('\\Else')], prefix: 'AGI', prune: false });
    expect(Object.keys(plan.liveXmlByPath)).toEqual(['\\AGI_A']);
  });
});
