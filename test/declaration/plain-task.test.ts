/**
 * The zod-free check of the common task shape (`plainTaskDeclaration`) against the schema it
 * stands in for: on random tasks mixing valid and invalid parts, whenever it answers, zod
 * accepts the same task and yields the same value, keys in the same order; and for the shape
 * configs use most (the benchmark's and the examples'), it does answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTaskSchema, plainTaskDeclaration } from '../../src/declaration/task-schema.js';

/** Mostly a valid value, now and then one that is not (or of another type). */
const mostly = <T, U>(valid: readonly T[], invalid: readonly U[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 6 }, { arbitrary: fc.constantFrom<T | U>(...invalid), weight: 1 });
const optionalKeys = <T>(arb: fc.Arbitrary<T>, often: boolean) => (often ? arb : fc.oneof({ arbitrary: arb, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 3 }));

const duration = mostly(['PT5M', '15m', '1h30m', 'PT30M', 'P1D', 'PT72H', ' PT2M ', 'PT1M30S', 'pt5m', 'PT1M'], ['PT0S', 'PT30S', 'P32D', '24:00:00', '', 'soon', 5]);
const dateTime = mostly(
  ['2025-01-01T00:00:00', '2025-01-01T00:00', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00+02:00', ' 2025-01-01T00:00:00 ', '2025-01-01T00:00:00.500'],
  ['2025-01-01T00:00:00+0200', '2025-13-01T00:00:00', '2025-02-30T00:00:00', 'now', '2025-01-01 00:00:00', '2025-01-01T24:00:00', 20250101],
);

const repeat = fc.record(
  { interval: duration, duration: optionalKeys(duration, false), stopAtDurationEnd: optionalKeys(mostly([true, false], ['yes']), false), every: optionalKeys(fc.constant('PT5M'), false) },
  { requiredKeys: ['interval'] },
).map(dropAbsent);
const trigger = fc.oneof(
  { weight: 8, arbitrary: fc.record(
    {
      type: mostly(['time'], ['daily', 'boot', 'Time']), start: dateTime, end: optionalKeys(dateTime, false), repeat: optionalKeys(repeat, true),
      enabled: optionalKeys(mostly([true, false], ['no']), false), executionTimeLimit: optionalKeys(duration, false), randomDelay: optionalKeys(duration, false),
      id: optionalKeys(mostly(['t1', 'x'.repeat(10)], ['']), false), delay: optionalKeys(fc.constant('PT1M'), false),
    },
    { requiredKeys: ['type', 'start'] },
  ).map(dropAbsent) },
  { weight: 1, arbitrary: fc.constantFrom('time', null) },
);
const action = fc.oneof(
  { weight: 8, arbitrary: fc.record(
    {
      type: optionalKeys(mostly(['exec'], ['comHandler', 'raw', 'Exec']), false), command: mostly(['python.exe', 'C:\\Tools\\job.exe'], ['', '   ', 'x'.repeat(300), 7]),
      arguments: optionalKeys(mostly(['--once', 'a "b c"', ''], [['a', 'b c'], 5]), true), workingDirectory: optionalKeys(mostly(['C:\\work'], ['', 'x'.repeat(300)]), false),
      id: optionalKeys(mostly(['a1'], ['']), false), raw: optionalKeys(fc.constant('<Exec><Command>x</Command></Exec>'), false),
    },
    { requiredKeys: ['command'] },
  ).map(dropAbsent) },
  { weight: 1, arbitrary: fc.constant('python.exe') },
);
const extras = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constantFrom({ computers: ['lab-1'] }, { settings: {} }, { principal: { userId: 'SYSTEM' } }, { xml: '<Task/>' }, { $comment: 'a note' }, { extra: 1 }, { group: undefined }) },
);
const task = fc
  .record(
    {
      name: mostly(['AGI_Job', 'AGI_Bench_0001', 'AGI_a b', 'AGI_ok.1'], ['AGI_x/y', '', `AGI_${'x'.repeat(300)}`, 'Other_Job', 42, 'AGI_bad<name', ' AGI_Trail ', 'AGI_Job.']),
      folder: optionalKeys(mostly(['\\', '\\Bench\\', 'Sub/Folder', '/Sub', 'Sub\\Folder'], ['bad|folder', '', 5, '\\a\\\\b\\']), false),
      group: optionalKeys(mostly(['group-1'], ['', 3]), false),
      description: optionalKeys(mostly(['what it does', ''], [5]), false),
      actions: fc.oneof({ weight: 9, arbitrary: fc.array(action, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>([], 'python.exe') }),
      triggers: optionalKeys(fc.oneof({ weight: 9, arbitrary: fc.array(trigger, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant({}) }), true),
      timeLimit: duration,
      multipleInstances: optionalKeys(mostly(['IgnoreNew', 'Parallel', 'Queue', 'StopExisting'], ['ignoreNew']), false),
      enabled: optionalKeys(mostly([true, false], ['no']), false),
    },
    { requiredKeys: ['name', 'timeLimit', 'actions'] },
  )
  .chain((t) => extras.map((more) => ({ ...dropAbsent(t), ...more })));

/** Keys the generator left undefined are left out, as JSON would (`extras` adds a `group: undefined` on purpose). */
function dropAbsent<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function expectSameAsZod(input: unknown): boolean {
  const plain = plainTaskDeclaration(input);
  if (plain === undefined) return false;
  const parsed = fieldTaskSchema.safeParse(input);
  expect(parsed.success).toBe(true);
  expect(plain).toStrictEqual(parsed.data);
  expect(JSON.stringify(plain)).toBe(JSON.stringify(parsed.data));
  return true;
}

describe('plainTaskDeclaration against fieldTaskSchema', () => {
  it('answers only where zod accepts, with the same value in the same key order', () => {
    let answered = 0;
    fc.assert(fc.property(task, (input) => void (expectSameAsZod(input) && answered++)), { numRuns: 5000 });
    // Not vacuous: a good share of the random tasks take the fast path.
    expect(answered).toBeGreaterThan(20);
  });

  it('answers for the shape the benchmarks and most configs use, friendly durations and defaults included', () => {
    const common = [
      {
        name: 'AGI_Bench_0001', folder: '\\Bench\\', group: 'group-1', timeLimit: 'PT2M',
        actions: [{ command: 'python.exe', arguments: 'C:\\AGI\\jobs\\job_0001.py --once' }],
        triggers: [{ type: 'time', start: '2025-01-01T00:01:00', repeat: { interval: 'PT12M' } }],
      },
      { name: 'AGI_Nightly', timeLimit: '1h30m', actions: [{ type: 'exec', command: 'backup.exe', workingDirectory: 'C:\\backup' }], triggers: [{ type: 'time', start: '2025-01-01T03:00', end: '2026-01-01T00:00:00Z', repeat: { interval: '15m', duration: 'PT2H', stopAtDurationEnd: true } }], multipleInstances: 'Queue', enabled: false, description: 'nightly' },
      { name: 'AGI_OnDemand', folder: 'Sub/Folder', timeLimit: 'PT0S', actions: [{ command: 'a.exe' }, { command: 'b.exe', id: 'second' }] },
    ];
    for (const input of common) expect(expectSameAsZod(input)).toBe(true);
  });

  it('leaves every problem to zod', () => {
    const broken = [
      { name: 'AGI_Job', actions: [{ command: 'a.exe' }] },
      { name: 'AGI_Job', timeLimit: 'PT2M', actions: [] },
      { name: 'AGI_Job', timeLimit: 'PT2M', actions: [{ command: 'a.exe' }], triggers: [{ type: 'time', start: '2025-02-30T00:00:00' }] },
      { name: 'AGI_Job', timeLimit: 'PT2M', actions: [{ command: 'a.exe' }], triggers: [{ type: 'time', start: '2025-01-01T00:00:00', repeat: { interval: 'PT5M', duration: 'PT0S' } }] },
      { name: 'AGI_Job', timeLimit: '24:00:00', actions: [{ command: 'a.exe' }] },
      { name: 'AGI_Job', timeLimit: 'PT2M', actions: [{ command: 'a.exe' }], group: undefined },
    ];
    for (const input of broken) expect(plainTaskDeclaration(input)).toBeUndefined();
  });
});
