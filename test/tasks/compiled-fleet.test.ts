import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../src/conflicts/find-conflicts.js';
import { loopReasons } from '../../src/schtasks/command-line.js';
import { durationToMs } from '../../src/schtasks/duration.js';
import type { ExecAction } from '../../src/schtasks/model.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { compileConfig } from '../../src/declaration/index.js';
import agiFleet from '../../src/tasks/index.js';

const compiled = compileConfig(agiFleet);
const subjects = compiled.tasks.map((task) => ({
  path: task.path,
  source: 'declared' as const,
  ...(task.group !== undefined ? { group: task.group } : {}),
  definition: normalizeTask(task.definition),
  hasDeclaration: true,
}));

describe('the compiled fleet', () => {
  it('compiles, every task under the prefix, in the root folder', () => {
    expect(compiled.prefix).toBe('AGI');
    expect(compiled.tasks.length).toBeGreaterThanOrEqual(6);
    for (const task of compiled.tasks) {
      expect(task.path).toBe(`\\${task.name}`);
      expect(task.name.toUpperCase().startsWith('AGI')).toBe(true);
      expect(task.needsPassword).toBe(false);
    }
  });

  it.each(compiled.tasks.map((t) => [t.name, t] as const))('%s: IgnoreNew and a finite time limit on the wire', (_name, task) => {
    expect(task.definition.settings.multipleInstancesPolicy).toBe('IgnoreNew');
    const limit = durationToMs(task.definition.settings.executionTimeLimit ?? 'PT72H') ?? 0;
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThanOrEqual(10 * 60_000);
  });

  it.each(compiled.tasks.map((t) => [t.name, t] as const))('%s: no action looks never-ending to the conflict rules', (_name, task) => {
    for (const action of task.definition.actions as ExecAction[]) {
      expect(loopReasons(`${action.command} ${action.arguments ?? ''}`)).toEqual([]);
    }
  });

  it.each(compiled.tasks.map((t) => [t.name, t] as const))('%s: renders well-formed task XML', (_name, task) => {
    expect(XMLValidator.validate(renderTaskXml(task.definition))).toBe(true);
  });

  // Weeks across both DST switches in zones on both sides of the date line.
  const cases = ['UTC', 'Asia/Seoul', 'Europe/Berlin', 'America/New_York'].flatMap((timeZone) =>
    ['2025-11-03T00:00:00Z', '2026-03-26T00:00:00Z', '2026-10-22T00:00:00Z'].map((from) => [timeZone, from] as const),
  );
  it.each(cases)('has no error-severity conflict over 7 days (%s, from %s)', (timeZone, from) => {
    const conflicts = findConflicts(subjects, { from: new Date(from), horizonMs: 7 * 86_400_000, timeZone });
    expect(conflicts.filter((c) => c.severity === 'error').map((c) => `${c.kind}: ${c.message}`)).toEqual([]);
    // Not even a warning that two scheduled runs may meet, or a run may meet its own next start.
    expect(conflicts.filter((c) => c.kind === 'overlap' || c.kind === 'self-overlap').map((c) => c.message)).toEqual([]);
  });
});
