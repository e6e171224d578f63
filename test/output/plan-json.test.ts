import { describe, expect, test } from 'vitest';
import { formatPlanJson } from '../../src/output/plan-json.js';
import { computePlan } from '../../src/plan/plan.js';
import { declared, live } from '../plan/fixtures.js';

const future = '2027-01-01T00:12:00';

describe('formatPlanJson', () => {
  test("is exactly the contract's shape, 2-space indented with a trailing newline", () => {
    const plan = computePlan({
      declared: [
        declared('\\AGI_LLM_Watchdog', { start: future }),
        declared('\\AGI_Health_Check', { start: future, interval: 'PT15M' }),
        declared('\\AGI_Same_1', { start: future }),
        declared('\\AGI_Same_2', { start: future }),
      ],
      live: [
        live('\\AGI_Health_Check', { start: future, interval: 'PT5M' }),
        live('\\AGI_LLM_AutoRestart', { start: future }),
        live('\\AGI_Same_1', { start: future }),
        live('\\AGI_Same_2', { start: future }),
      ],
      prefix: 'AGI',
      prune: true,
      now: new Date(2026, 0, 1),
    });
    const text = formatPlanJson(plan);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text)).toEqual({
      formatVersion: '1',
      changes: [
        { action: 'create', task: '\\AGI_LLM_Watchdog' },
        { action: 'update', task: '\\AGI_Health_Check', fields: [{ path: 'triggers[0].repeat.interval', before: 'PT5M', after: 'PT15M' }] },
        { action: 'delete', task: '\\AGI_LLM_AutoRestart' },
      ],
      summary: { create: 1, update: 1, delete: 1, unchanged: 2 },
    });
  });

  test('no internal data (declarations, live XML) leaks; errors and unmanaged are added only when present', () => {
    const plan = computePlan({
      declared: [],
      live: [live('\\AGI_Keep', { start: future }), { taskPath: '\\', taskName: 'AGI_Bad', state: 'Ready', xml: '<' }],
      prefix: 'AGI',
      prune: false,
    });
    const json = JSON.parse(formatPlanJson(plan));
    expect(Object.keys(json)).toEqual(['formatVersion', 'changes', 'summary', 'errors', 'unmanaged']);
    expect(json.unmanaged).toEqual(['\\AGI_Keep']);
    expect(json.errors[0].task).toBe('\\AGI_Bad');
    expect(formatPlanJson(plan)).not.toContain('<Task');
  });
});
