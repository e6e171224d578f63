import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { MAX_COMMAND_LINE, fastEvent, fastProcess, historySchema, parseWindowsDate, processSchema, readSnapshot, windowsDateOffset } from '../../src/doctor/snapshot.js';
import { runCli } from '../cli/cli-harness.js';
import { proc, snapshotDoc } from './helpers.js';

function problems(doc: unknown): string[] {
  try {
    readSnapshot(doc, 'bad.json', 'AGI');
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the snapshot to be refused');
}

const withProcess = (patch: Record<string, unknown>) => {
  const doc = snapshotDoc({ processes: [proc(4120, 5120, 'python x.py', '22:00')] });
  const processes = doc.processes as Record<string, unknown>[];
  processes[2] = { ...processes[2], ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete processes[2]![key];
  return doc;
};

describe('hostile snapshots: every bad field is named, nothing crashes', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a missing capturedAt', { ...snapshotDoc(), capturedAt: undefined }, /^capturedAt: is required: a date, ISO 8601/],
    ['a capturedAt that is no date', { ...snapshotDoc(), capturedAt: 'yesterday' }, /^capturedAt: "yesterday" is not a date; expected ISO 8601/],
    ['a date with a 13th month', { ...snapshotDoc(), capturedAt: '2025-13-02T22:45:00Z' }, /^capturedAt: .* is not a date/],
    ['processes that are not a list', { ...snapshotDoc(), processes: 'many' }, /^processes: .*expected array/i],
    ['a process without a ProcessId', withProcess({ ProcessId: undefined }), /^processes\[2\]\.ProcessId: is required/],
    ['a ProcessId as text', withProcess({ ProcessId: '4120' }), /^processes\[2\]\.ProcessId: .*expected number/i],
    ['a negative ProcessId', withProcess({ ProcessId: -1 }), /^processes\[2\]\.ProcessId: /],
    ['a fractional ProcessId', withProcess({ ProcessId: 41.5 }), /^processes\[2\]\.ProcessId: .*int/i],
    ['a CommandLine longer than Windows allows', withProcess({ CommandLine: 'x'.repeat(MAX_COMMAND_LINE + 1) }), /^processes\[2\]\.CommandLine: is longer than 32767 characters/],
    ['a CommandLine that is an object', withProcess({ CommandLine: { evil: true } }), /^processes\[2\]\.CommandLine: /],
    ['a CreationDate in no known form', withProcess({ CreationDate: '02/11/2025 22:00' }), /^processes\[2\]\.CreationDate: "02\/11\/2025 22:00" is not a date/],
    ['a history entry without TaskName', { ...snapshotDoc(), history: [{ TimeCreated: '2025-11-02T22:00:00Z', Id: 322 }] }, /^history\[0\]\.TaskName: is required/],
    ['an event Id as text', { ...snapshotDoc(), history: [{ TimeCreated: '2025-11-02T22:00:00Z', Id: '322', TaskName: '\\AGI_X' }] }, /^history\[0\]\.Id: /],
    ['a CPU sample over 100 %', { ...snapshotDoc(), cpu: { intervalSeconds: 1, samples: [50, 180] } }, /^cpu\.samples\[1\]: /],
    ['more memory available than there is', { ...snapshotDoc(), memory: { totalBytes: 100, availableBytes: 200 } }, /^memory\.availableBytes: availableBytes is larger than totalBytes/],
    ['historyEnabled as text', { ...snapshotDoc(), historyEnabled: 'yes' }, /^historyEnabled: .*expected boolean/i],
    ['live tasks that are not task records', { ...snapshotDoc(), tasks: [{ TaskName: 'AGI_X', TaskPath: '\\' }] }, /^tasks: .*entry \[0\] \(AGI_X\) has no "Xml"/s],
    ['an array instead of an object', [snapshotDoc()], /expected a JSON object \{ capturedAt, cpu, memory, processes, history, historyEnabled, … \}, found an array/],
    ['null', null, /found null/],
  ];
  it.each(cases)('%s', (_, doc, pattern) => {
    const found = problems(doc);
    expect(found.some((line) => pattern.test(line)), found.join('\n')).toBe(true);
  });

  it('a snapshot broken everywhere lists 25 problems and says how many more', () => {
    const doc = snapshotDoc();
    doc.processes = Array.from({ length: 100 }, (_, i) => ({ ...proc(i + 10, 1, 'x', '22:00'), ProcessId: 'bad' }));
    const found = problems(doc);
    expect(found).toHaveLength(26);
    expect(found.at(-1)).toMatch(/… and 75 more problem\(s\)/);
  });

  it('the error is a ValidationError: exit code 1', () => {
    expect(() => readSnapshot({}, 'x.json', 'AGI')).toThrow(ValidationError);
  });
});

describe('what Windows writes is accepted', () => {
  it.each([
    ['ISO 8601 from ToString("o")', '2025-11-02T22:45:00.1234567+09:00', Date.UTC(2025, 10, 2, 13, 45, 0, 123), 540],
    ['ISO with Z', '2025-11-02T13:45:00Z', Date.UTC(2025, 10, 2, 13, 45), 0],
    ['DMTF (Get-WmiObject)', '20251102224500.123456+540', Date.UTC(2025, 10, 2, 13, 45, 0, 123), 540],
    ['DMTF west of UTC', '20251102084500.000000-300', Date.UTC(2025, 10, 2, 13, 45), -300],
    ['Windows PowerShell 5.1 ConvertTo-Json', '/Date(1762091100000)/', 1762091100000, undefined],
  ])('%s: %s', (_, text, ms, offset) => {
    expect(parseWindowsDate(text)).toBe(ms);
    expect(windowsDateOffset(text)).toBe(offset);
  });

  it('PowerShell 5.1 wrappers: a DateTime object with "value", an array as { value, Count }, null command lines', () => {
    const doc = snapshotDoc({ processes: [proc(4120, 5120, null, '22:00')] });
    doc.capturedAt = { value: '/Date(1762091100000)/', DisplayHint: 2, DateTime: 'Sunday, November 2, 2025 10:45:00 PM' };
    doc.history = { value: [{ TimeCreated: '2025-11-02T22:00:00Z', Id: 322, TaskName: '\\AGI_X', ProcessId: null, ResultCode: null, InstanceId: '{abc}' }], Count: 1 };
    const snapshot = readSnapshot(doc, 'ps51.json', 'AGI');
    expect(snapshot.capturedAtMs).toBe(1762091100000);
    expect(snapshot.history).toEqual([{ atMs: Date.UTC(2025, 10, 2, 22), id: 322, task: '\\AGI_X', pid: undefined, resultCode: undefined, instanceId: '{ABC}' }]);
    expect(snapshot.processes.find((p) => p.pid === 4120)?.commandLine).toBeUndefined();
  });

  it('CPU time is user plus kernel time, from 100-ns units', () => {
    const doc = snapshotDoc({ processes: [proc(5324, 6100, 'python3.13.exe x.py', '08:02', { UserModeTime: 1_391_200_000, KernelModeTime: 26_800_000 })] });
    expect(readSnapshot(doc, 'x', 'AGI').processes.find((p) => p.pid === 5324)?.cpuSeconds).toBeCloseTo(141.8, 6);
  });
});

describe('doctor --snapshot with a bad file, through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskctl-doctor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it.each([
    ['not JSON', file('broken.json', '{ "capturedAt": "2025-11-02T22:45:00Z", '), /snapshot .*broken\.json is not usable:\n {2}- not valid JSON at line 1, column \d+/],
    ['empty', file('empty.json', ''), /the file is empty/],
    ['a huge command line', file('huge.json', JSON.stringify(withProcess({ CommandLine: 'A'.repeat(40_000) }))), /processes\[2\]\.CommandLine: is longer than 32767 characters/],
    ['missing', join(dir, 'nope.json'), /can't read it: .*ENOENT/],
  ])('%s: exit 1, the field or the reason named', async (_, path, pattern) => {
    const result = await runCli(['doctor', '--snapshot', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(pattern);
    expect(result.stdout).toBe('');
  });

  it('a snapshot saved by Windows PowerShell 5.1 Out-File (UTF-16LE with BOM) reads', async () => {
    const text = JSON.stringify(snapshotDoc());
    const path = file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const result = await runCli(['doctor', '--snapshot', path, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary).toEqual({ error: 0, warning: 0, info: 3 });
  });
});

describe('the fast path for long lists is never more lenient than the schema', () => {
  // Values a hostile or broken file may hold in any field.
  const anything = fc.oneof(
    fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, 4120, 2 ** 31, 2 ** 53, 1.5, -0.5, 1e300), fc.constant(null), fc.constant(undefined), fc.boolean(),
    fc.constantFrom('', 'x', '2025-11-02T22:45:00+09:00', '2025-11-02T22:45:00.1234567Z', '20251102224500.000000+540', '/Date(1762091100000)/', '2025-13-40T99:99:99Z', 'x'.repeat(300)),
    fc.string({ maxLength: 20 }), fc.constant({ value: '/Date(0)/' }), fc.constant([1]),
  );
  /** Mostly a value Windows would write for the field, sometimes anything at all. */
  const field = (...valid: unknown[]) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 4 }, { arbitrary: anything, weight: 1 });
  const date = field('2025-11-02T22:45:00.1234567+09:00', '20251102224500.000000+540', '/Date(1762091100000)/', '2025-11-02T13:45:00Z');
  const processLike = fc.record({
    ProcessId: field(0, 4, 4120), ParentProcessId: field(0, 860, null), Name: field('python.exe', 'System'), CommandLine: field('python x.py', null, 'x'.repeat(32_767)),
    CreationDate: fc.oneof(date, fc.constant(null)), WorkingSetSize: field(0, 104857600, null), UserModeTime: field(0, 1.5e9), KernelModeTime: field(0, 3e7),
  }, { requiredKeys: ['ProcessId', 'Name', 'CommandLine', 'CreationDate'] });
  const eventLike = fc.record({
    TimeCreated: date, Id: field(100, 129, 322), TaskName: field('\\AGI_X', 'x'.repeat(1024)), ProcessId: field(4120, null), ResultCode: field(0, 2147942401, -2147024894, null), InstanceId: field('{abc}', null),
  }, { requiredKeys: ['TimeCreated', 'Id', 'TaskName'] });

  it('a process the fast check takes, the schema takes too, with the same result', () => {
    let taken = 0;
    fc.assert(fc.property(processLike, (value) => {
      const fast = fastProcess(value);
      if (fast === undefined) return;
      taken += 1;
      const parsed = processSchema.safeParse(value);
      expect(parsed.success).toBe(true);
      expect(fast).toEqual(parsed.data);
    }), { numRuns: 3000 });
    expect(taken).toBeGreaterThan(300);
  });

  it('an event the fast check takes, the schema takes too, with the same result', () => {
    let taken = 0;
    fc.assert(fc.property(eventLike, (value) => {
      const fast = fastEvent(value);
      if (fast === undefined) return;
      taken += 1;
      const parsed = historySchema.safeParse(value);
      expect(parsed.success).toBe(true);
      expect(fast).toEqual(parsed.data);
    }), { numRuns: 3000 });
    expect(taken).toBeGreaterThan(300);
  });
});
