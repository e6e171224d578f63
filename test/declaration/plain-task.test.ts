/**
 * The zod-free reader of declarations (`plain-declaration.ts`) against the schemas it stands in
 * for: on random tasks mixing valid and invalid parts — every trigger type, exec and COM
 * actions, principal and settings — whenever it answers, zod accepts the same task and yields
 * the same value, keys in the same order; and for the shapes configs use (the fleet's, the
 * benchmark's, the examples'), it does answer. The same for whole configs: where
 * `compilePlainConfig` answers, it answers what `compileConfig` does, problems included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTaskSchema } from '../../src/declaration/task-schema.js';
import { plainTaskDeclaration } from '../../src/declaration/plain-declaration.js';

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
const TRIGGER_TYPES = ['time', 'daily', 'weekly', 'monthly', 'boot', 'logon', 'registration', 'idle', 'sessionStateChange'] as const;
const trigger = fc.oneof(
  { weight: 8, arbitrary: fc.record(
    {
      type: mostly(TRIGGER_TYPES, ['Time', 'event', 'monthlyDayOfWeek', 'raw']), start: optionalKeys(dateTime, true), end: optionalKeys(dateTime, false), repeat: optionalKeys(repeat, false),
      enabled: optionalKeys(mostly([true, false], ['no']), false), executionTimeLimit: optionalKeys(duration, false), randomDelay: optionalKeys(duration, false),
      id: optionalKeys(mostly(['t1', 'x'.repeat(10)], ['']), false), delay: optionalKeys(duration, false),
      daysInterval: optionalKeys(mostly([1, 2, 365], [0, 366, 1.5, '2']), false),
      weeksInterval: optionalKeys(mostly([1, 52], [0, 53]), false),
      daysOfWeek: optionalKeys(mostly([['Monday'], ['Monday', 'Friday']], [['monday'], 'Monday']), false),
      daysOfMonth: optionalKeys(mostly([[1], [15, 'Last'], [31]], [[0], [32], ['last'], [1.5]]), false),
      months: optionalKeys(mostly([['January'], ['March', 'December']], [['Jan']]), false),
      userId: optionalKeys(mostly(['S-1-5-18', 'DOMAIN\\user'], ['']), false),
      stateChange: optionalKeys(mostly(['SessionLock', 'RemoteConnect'], ['lock']), false),
    },
    { requiredKeys: ['type'] },
  ).map(dropAbsent) },
  { weight: 1, arbitrary: fc.constantFrom('time', null) },
);
/** Keys each trigger type may have (so that most generated triggers are valid for their type). */
const TRIGGER_KEYS: Record<string, string[]> = {
  time: ['randomDelay'], daily: ['randomDelay', 'daysInterval'], weekly: ['randomDelay', 'weeksInterval', 'daysOfWeek'], monthly: ['randomDelay', 'daysOfMonth', 'months'],
  boot: ['delay'], registration: ['delay'], idle: [], logon: ['delay', 'userId'], sessionStateChange: ['delay', 'stateChange', 'userId'],
};
const COMMON_TRIGGER_KEYS = ['type', 'id', 'enabled', 'start', 'end', 'executionTimeLimit', 'repeat'];
/** Mostly keeps only the keys the trigger's type has (now and then one too many, which zod refuses). */
const fittingTrigger = fc.tuple(trigger, fc.nat(9)).map(([t, roll]) => {
  if (typeof t !== 'object' || t === null || roll === 0) return t;
  const own = TRIGGER_KEYS[String(t['type'])] ?? Object.keys(t);
  return Object.fromEntries(Object.entries(t).filter(([key]) => COMMON_TRIGGER_KEYS.includes(key) || own.includes(key)));
});
const comAction = fc.record(
  { type: fc.constant('comHandler'), classId: mostly(['{2d3f3ddc-2d6f-4a1c-a1b1-0a8b3cd7a111}'], ['not-a-guid', '']), data: optionalKeys(mostly(['<x/>'], [7]), false), id: optionalKeys(fc.constant('c1'), false) },
  { requiredKeys: ['type', 'classId'] },
).map(dropAbsent);
const action = fc.oneof(
  { weight: 1, arbitrary: comAction },
  { weight: 8, arbitrary: fc.record(
    {
      type: optionalKeys(mostly(['exec'], ['comHandler', 'raw', 'Exec']), false), command: mostly(['python.exe', 'C:\\Tools\\job.exe'], ['', '   ', 'x'.repeat(300), 7]),
      arguments: optionalKeys(mostly(['--once', 'a "b c"', '', ['a', 'b c'], []], [[1], 5]), true), workingDirectory: optionalKeys(mostly(['C:\\work'], ['', 'x'.repeat(300)]), false),
      id: optionalKeys(mostly(['a1'], ['']), false), raw: optionalKeys(fc.constant('<Exec><Command>x</Command></Exec>'), false),
    },
    { requiredKeys: ['command'] },
  ).map(dropAbsent) },
  { weight: 1, arbitrary: fc.constant('python.exe') },
);
const principal = fc.record(
  {
    id: optionalKeys(mostly(['Author', 'p1'], ['']), false), userId: optionalKeys(mostly(['S-1-5-18', 'SYSTEM', 'DOMAIN\\svc'], ['', 5]), true),
    logonType: optionalKeys(mostly(['S4U', 'Password', 'InteractiveToken', 'ServiceAccount'], ['password']), false),
    runLevel: optionalKeys(mostly(['LeastPrivilege', 'HighestAvailable'], ['Highest']), false),
    requiredPrivileges: optionalKeys(mostly([['SeBackupPrivilege'], []], [['Backup'], 'SeBackupPrivilege']), false),
    displayName: optionalKeys(fc.constant('the account'), false),
  },
  { requiredKeys: [] },
).map(dropAbsent);
const settings = fc.record(
  {
    disallowStartIfOnBatteries: optionalKeys(mostly([true, false], ['false']), true), stopIfGoingOnBatteries: optionalKeys(mostly([true, false], [0]), false),
    startWhenAvailable: optionalKeys(fc.boolean(), false), priority: optionalKeys(mostly([0, 7, 10], [11, -1, 1.5]), false),
    idleSettings: optionalKeys(mostly([{ duration: 'PT10M', stopOnIdleEnd: false }, {}], [{ duration: 'PT30S' }, { stopOnIdle: true }]), false),
    restartOnFailure: optionalKeys(mostly([{ interval: 'PT5M', count: 3 }], [{ interval: 'PT5M' }, { interval: 'PT5M', count: 0 }]), false),
    maintenanceSettings: optionalKeys(mostly([{ period: 'P1D', deadline: 'P2D' }, { period: 'P1D', deadline: 'P2D', exclusive: true }], [{ period: 'PT1H', deadline: 'P1D' }]), false),
    networkSettings: optionalKeys(mostly([{ name: 'Office', id: '{2d3f3ddc-2d6f-4a1c-a1b1-0a8b3cd7a111}' }], [{ id: 'x' }]), false),
    executionTimeLimit: optionalKeys(fc.constant('PT1H'), false),
    deleteExpiredTaskAfter: optionalKeys(mostly(['P30D'], ['later']), false),
  },
  { requiredKeys: [] },
).map(dropAbsent);
const extras = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: principal.map((p) => ({ principal: p })) },
  { weight: 2, arbitrary: settings.map((s) => ({ settings: s })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { computers: ['lab-1'] }, { computers: [] }, { computers: ['bad name'] }, { $comment: 'a note' }, { $comment: ['a', 'b'] }, { $comment: 5 },
      { documentation: 'docs', source: 'me', version: '1.0', author: 'A', data: 'free text' }, { securityDescriptor: 'D:(A;;FA;;;SY)' }, { securityDescriptor: '' },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom({ xml: '<Task/>' }, { extra: 1 }, { group: undefined }, { principal: 'SYSTEM' }, { settings: { multipleInstancesPolicy: 'Queue' } }) },
);
const task = fc
  .record(
    {
      name: mostly(['AGI_Job', 'AGI_Bench_0001', 'AGI_a b', 'AGI_ok.1'], ['AGI_x/y', '', `AGI_${'x'.repeat(300)}`, 'Other_Job', 42, 'AGI_bad<name', ' AGI_Trail ', 'AGI_Job.']),
      folder: optionalKeys(mostly(['\\', '\\Bench\\', 'Sub/Folder', '/Sub', 'Sub\\Folder'], ['bad|folder', '', 5, '\\a\\\\b\\']), false),
      group: optionalKeys(mostly(['group-1'], ['', 3]), false),
      description: optionalKeys(mostly(['what it does', ''], [5]), false),
      actions: fc.oneof({ weight: 9, arbitrary: fc.array(action, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>([], 'python.exe') }),
      triggers: optionalKeys(fc.oneof({ weight: 9, arbitrary: fc.array(fittingTrigger, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant({}) }), true),
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
    const answeredParts = new Set<string>();
    fc.assert(
      fc.property(task, (generated) => {
        if (!expectSameAsZod(generated)) return;
        answered++;
        const input = generated as Record<string, unknown>;
        for (const t of (input['triggers'] as { type: string }[] | undefined) ?? []) answeredParts.add(t.type);
        for (const a of input['actions'] as { type?: string }[]) answeredParts.add(a.type ?? 'exec');
        for (const key of ['principal', 'settings', 'computers', '$comment']) if (key in input) answeredParts.add(key);
      }),
      { numRuns: 8000 },
    );
    // Not vacuous: a good share of the random tasks take the fast path, with every part it reads.
    expect(answered).toBeGreaterThan(100);
    expect([...answeredParts].sort()).toEqual([...TRIGGER_TYPES, 'exec', 'comHandler', 'principal', 'settings', 'computers', '$comment'].sort());
  });

  it('reads each part as zod does, one part at a time on an otherwise valid task', () => {
    const base = { name: 'AGI_Job', timeLimit: 'PT5M', actions: [{ command: 'a.exe' }] };
    const parts = fc.oneof(
      fittingTrigger.map((t) => ({ triggers: [t] })),
      action.map((a) => ({ actions: [a] })),
      principal.map((p) => ({ principal: p })),
      settings.map((s) => ({ settings: s })),
      extras,
    );
    let answered = 0;
    let refused = 0;
    fc.assert(fc.property(parts, (part) => void (expectSameAsZod({ ...base, ...part }) ? answered++ : refused++)), { numRuns: 6000 });
    // Both ways taken often: most parts are valid and read here, many are not and left to zod.
    expect(answered).toBeGreaterThan(1500);
    expect(refused).toBeGreaterThan(500);
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
