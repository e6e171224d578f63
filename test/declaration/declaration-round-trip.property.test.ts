/**
 * Random valid *declarations* (the language people write), through the whole
 * pipeline: compile → render → parse → normalize gives back the normalized
 * compiled task, and every rendered document is valid against the task schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { corpusAvailable } from '../schtasks/corpus-files.js';
import { hostileText } from '../schtasks/arbitraries.js';
import { validateAgainstXsd } from '../schtasks/xsd-validate.js';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const pad = (n: number) => String(n).padStart(2, '0');

const start = fc
  .record({ d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), zone: fc.constantFrom('', 'Z', '+02:00') })
  .map(({ d, h, m, zone }) => `2025-03-${pad(d)}T${pad(h)}:${pad(m)}:00${zone}`);

/** Friendly and ISO spellings alike. */
const shortDuration = fc.constantFrom('5m', '15m', 'PT30M', '1h', 'PT1H30M', '90s', 'PT2M');
const weekdays = fc.subarray(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'], { minLength: 1 });

const trigger = fc.oneof(
  fc.record({ type: fc.constant('time'), start, repeat: optional(fc.record({ interval: shortDuration })), randomDelay: optional(shortDuration) }, { requiredKeys: ['type', 'start'] }),
  fc.record({ type: fc.constant('daily'), start, daysInterval: optional(fc.integer({ min: 1, max: 365 })) }, { requiredKeys: ['type', 'start'] }),
  fc.record({ type: fc.constant('weekly'), start, daysOfWeek: weekdays, weeksInterval: optional(fc.integer({ min: 1, max: 52 })) }, { requiredKeys: ['type', 'start', 'daysOfWeek'] }),
  fc.record({ type: fc.constant('monthly'), start, daysOfMonth: fc.subarray([1, 15, 28, 31, 'Last'], { minLength: 1 }) }),
  fc.record({ type: fc.constant('monthlyDayOfWeek'), start, weeks: fc.subarray(['1', '2', '3', '4', 'Last'], { minLength: 1 }), daysOfWeek: weekdays }),
  fc.record({ type: fc.constant('boot'), delay: optional(shortDuration) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('logon'), userId: optional(fc.constantFrom('CONTOSO\\alice', 'S-1-5-21-1-2-3-1001')) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('idle') }),
  fc.record({ type: fc.constant('registration'), delay: optional(shortDuration) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('sessionStateChange'), stateChange: fc.constantFrom('SessionLock', 'RemoteConnect') }),
);

const task = (name: string) =>
  fc.record(
    {
      name: fc.constant(name),
      description: optional(hostileText),
      actions: fc.array(
        fc.record({ command: fc.constantFrom('python.exe', 'C:\\Program Files\\Tool\\tool.exe'), arguments: optional(hostileText), workingDirectory: optional(fc.constantFrom('C:\\AGI', 'D:\\AI Stack')) }, { requiredKeys: ['command'] }),
        { minLength: 1, maxLength: 3 },
      ),
      triggers: fc.array(trigger, { maxLength: 3 }),
      timeLimit: fc.constantFrom('PT0S', '4m', 'PT1H', '2d'),
      multipleInstances: optional(fc.constantFrom('IgnoreNew', 'Parallel', 'Queue', 'StopExisting')),
      enabled: optional(fc.boolean()),
      principal: optional(fc.constantFrom({ userId: 'S-1-5-18' }, { userId: 'SYSTEM', runLevel: 'HighestAvailable' }, { groupId: 'S-1-5-32-545' })),
      settings: optional(fc.record({ priority: optional(fc.integer({ min: 0, max: 10 })), startWhenAvailable: optional(fc.boolean()), wakeToRun: optional(fc.boolean()) }, { requiredKeys: [] })),
    },
    { requiredKeys: ['name', 'actions', 'timeLimit'] },
  );

const config = fc.tuple(task('AGI_One'), task('AGI_Two')).map((tasks) => ({ tasks }));

describe('random declarations through compile → render → parse', () => {
  it('normalize back to the compiled task', () => {
    fc.assert(
      fc.property(config, (input) => {
        for (const declared of compileConfig(input).tasks) {
          const reparsed = parseTaskXml(renderTaskXml(declared.definition), declared.path).definition;
          expect(normalizeTask(reparsed)).toEqual(normalizeTask(declared.definition));
        }
      }),
      { numRuns: 150 },
    );
  });

  it.skipIf(!corpusAvailable)('render XML that is valid against the task schema', async () => {
    const documents: Record<string, string> = {};
    fc.sample(config, { numRuns: 40, seed: 20261125 }).forEach((input, i) => {
      for (const declared of compileConfig(input).tasks) documents[`${i}${declared.path}`] = renderTaskXml(declared.definition);
    });
    const invalid = Object.entries(await validateAgainstXsd(documents)).filter(([, v]) => !v.valid);
    expect(invalid.map(([name, v]) => `${name}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(Object.keys(documents)).toHaveLength(80);
  });
});
