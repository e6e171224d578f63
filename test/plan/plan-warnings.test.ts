import { describe, expect, test } from 'vitest';
import { computePlan } from '../../src/plan/plan.js';
import { declared, live } from './fixtures.js';

const now = new Date(2026, 10, 25, 12, 0, 0); // local time, like the boundaries below

function warningsFor(d: ReturnType<typeof declared>, l = [] as ReturnType<typeof live>[]) {
  return computePlan({ declared: [d], live: l, prefix: 'AGI', prune: true, now }).warnings.map((w) => `${w.task}: ${w.message}`);
}

describe('plan warnings', () => {
  test('a repeating time trigger whose start is in the past starts running at registration (pitfalls 62–63)', () => {
    expect(warningsFor(declared('\\AGI_X', { start: '2025-01-01T00:12:00' }))).toEqual([
      '\\AGI_X: triggers[0] starts at 2025-01-01T00:12:00 (in the past) and repeats every PT15M: the task starts running as soon as it is registered.',
    ]);
  });

  test('no such warning for a start in the future, or a repetition window already over', () => {
    expect(warningsFor(declared('\\AGI_X', { start: '2027-01-01T00:12:00' }))).toEqual([]);
    const over = declared('\\AGI_X', { triggers: [{ kind: 'TimeTrigger', startBoundary: '2025-01-01T00:00:00', repetition: { interval: 'PT5M', duration: 'PT1H' } }] });
    expect(warningsFor(over)).toEqual([]);
  });

  test('without a clock, no "runs at once" warning is made up', () => {
    const plan = computePlan({ declared: [declared('\\AGI_X')], live: [], prefix: 'AGI', prune: true });
    expect(plan.warnings).toEqual([]);
  });

  test('updating a task with a registration trigger runs it (TASK_CREATION docs)', () => {
    const reg = { triggers: [{ kind: 'RegistrationTrigger' as const }] };
    const w = warningsFor(declared('\\AGI_R', { ...reg, timeLimit: 'PT5M' }), [live('\\AGI_R', reg)]);
    expect(w).toEqual(['\\AGI_R: triggers[0] is a registration trigger: Task Scheduler runs the task right after apply updates it.']);
  });

  test('a task an operator disabled is re-enabled by apply, and the plan says so (pitfall 28)', () => {
    const w = warningsFor(declared('\\AGI_X', { start: '2027-01-01T00:00:00', timeLimit: 'PT5M' }), [
      live('\\AGI_X', { start: '2027-01-01T00:00:00', enabled: false }),
    ]);
    expect(w).toEqual(['\\AGI_X: is disabled on the target (perhaps by an operator); apply enables it again. Declare `enabled: false` to keep it off.']);
  });

  test('a declared disabled task gets no re-enable warning', () => {
    const w = warningsFor(declared('\\AGI_X', { start: '2027-01-01T00:00:00', enabled: false, timeLimit: 'PT5M' }), [
      live('\\AGI_X', { start: '2027-01-01T00:00:00', enabled: false }),
    ]);
    expect(w).toEqual([]);
  });

  test('enabling/disabling is flagged as a behaviour change on the field', () => {
    const plan = computePlan({
      declared: [declared('\\AGI_X', { start: '2027-01-01T00:00:00' })],
      live: [live('\\AGI_X', { start: '2027-01-01T00:00:00', enabled: false })],
      prefix: 'AGI', prune: true, now,
    });
    const change = plan.changes[0];
    expect(change?.action === 'update' && change.fields).toEqual([{ path: 'settings.enabled', before: false, after: true, behavioural: true }]);
  });

  test('a task that needs a password says apply will need it', () => {
    expect(warningsFor(declared('\\AGI_P', { start: '2027-01-01T00:00:00' }, { needsPassword: true }))[0]).toMatch(/stored password/);
  });
});
