/**
 * `compilePlainConfig` (no zod) against `compileConfig` (zod): the CLI asks the first and loads
 * zod only when it cannot answer, so wherever it answers it must answer exactly what
 * `compileConfig` does — the same compiled tasks and warnings, or the same ValidationError
 * (a wrong prefix, two tasks on one path, Task Scheduler's cross-field rules). And for the
 * configs taskctl ships (the built-in fleet, the examples) it must answer, or zod is loaded
 * on every run after all. (`compileConfig` also reads a plain task without zod: the task
 * readers are held to the zod schemas themselves in plain-task.test.ts; this file holds the
 * config's own fields and the compile both paths share.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { compilePlainConfig } from '../../src/declaration/compile-tasks.js';
import agiFleet from '../../src/tasks/index.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const example = (name: string) => JSON.parse(readFileSync(join(examples, name), 'utf8')) as unknown;

type Outcome = { compiled: unknown } | { error: string; issues: unknown };
function outcome(compile: () => unknown): Outcome {
  try {
    return { compiled: compile() };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { error: error.message, issues: error.issues };
  }
}

/** Whether the plain path answered; when it did, that it answered as zod's. */
function sameAsZod(input: unknown, options: { prefix?: string; source?: string } = {}): boolean {
  let answered = true;
  const plain = outcome(() => {
    const compiled = compilePlainConfig(input, options);
    answered = compiled !== undefined;
    return compiled;
  });
  if (!answered) return false;
  expect(plain).toEqual(outcome(() => compileConfig(input, options)));
  return true;
}

describe('compilePlainConfig against compileConfig', () => {
  it('answers for the built-in fleet and every example config, as zod does', () => {
    expect(sameAsZod(agiFleet, { source: 'src/tasks/index.ts' })).toBe(true);
    for (const name of ['one-job.json', 'crowded-group.json']) expect(sameAsZod(example(name), { source: name })).toBe(true);
  });

  it('gives the same problems where tasks live: prefix, duplicate paths, --prefix', () => {
    const job = (name: string, extra: object = {}) => ({ name, timeLimit: 'PT5M', actions: [{ command: 'a.exe' }], ...extra });
    expect(sameAsZod({ tasks: [job('Other_Job')] })).toBe(true);
    expect(sameAsZod({ tasks: [job('AGI_A'), job('agi_a')] })).toBe(true);
    expect(sameAsZod({ tasks: [job('AGI_A'), job('AGI_A', { folder: 'Sub' })] }, { prefix: 'AGI_' })).toBe(true);
    // Task Scheduler's rule (validate-definition): an end before the start.
    expect(sameAsZod({ tasks: [job('AGI_A', { triggers: [{ type: 'time', start: '2025-01-02T00:00:00', end: '2025-01-01T00:00:00' }] })] })).toBe(true);
    // Left to zod: a bad --prefix, a config field that is not plain.
    expect(compilePlainConfig({ tasks: [job('AGI_A')] }, { prefix: '' })).toBeUndefined();
    expect(compilePlainConfig({ tasks: [job('AGI_A')], prefixes: 'AGI' })).toBeUndefined();
    expect(compilePlainConfig({ tasks: [job('AGI_A'), { name: 'AGI_B' }] })).toBeUndefined();
  });

  it('agrees on random configs', () => {
    const name = fc.constantFrom('AGI_A', 'AGI_B', 'agi_a', 'Other', 'AGI_Long_' + 'x'.repeat(240));
    const task = fc.record({
      name,
      folder: fc.constantFrom(undefined, '\\', 'Sub', '\\Sub\\'),
      timeLimit: fc.constantFrom('PT5M', '2m', 'PT0S'),
      actions: fc.constant([{ command: 'a.exe' }]),
      triggers: fc.constantFrom(undefined, [{ type: 'daily', start: '2025-01-01T03:00:00' }], [{ type: 'boot', delay: 'PT1M' }]),
    }).map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)));
    const config = fc.record(
      {
        prefix: fc.constantFrom('AGI', 'agi', 'AGI_', 'Other'),
        tasks: fc.array(task, { maxLength: 4 }),
        computers: fc.constantFrom({ gpu: ['gpu-1'] }, { gpu: [] }),
        doctor: fc.constantFrom({ cpuPercent: 20 }, { cpuPercent: 120 }, { pythonProcesses: 3.5 }),
        $comment: fc.constant('a note'),
      },
      { requiredKeys: ['tasks'] },
    );
    let answered = 0;
    fc.assert(fc.property(config, (input) => void (sameAsZod(input) && answered++)), { numRuns: 1500 });
    expect(answered).toBeGreaterThan(300);
  });
});
