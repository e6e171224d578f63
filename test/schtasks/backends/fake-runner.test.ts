import { describe, expect, it } from 'vitest';
import { createFakeRunner, enoentError } from '../../fakes/fake-runner.js';

describe('the strict fake runner', () => {
  it('answers an expected call and records it', async () => {
    const runner = createFakeRunner([{ command: 'pwsh', args: ['-File', /x\.ps1$/], stdin: (s) => s === '{}', result: { exitCode: 0, stdout: 'ok', stderr: '' } }]);
    expect(await runner.run({ command: 'pwsh', args: ['-File', '/t/x.ps1'], input: '{}' })).toEqual({ exitCode: 0, stdout: 'ok', stderr: '' });
    expect(runner.calls).toEqual([{ command: 'pwsh', args: ['-File', '/t/x.ps1'], input: '{}' }]);
    runner.assertAllUsed();
  });

  it('throws on an unexpected call (wrong command, args, stdin, or one call too many)', async () => {
    const runner = createFakeRunner([{ name: 'only', command: 'pwsh', args: ['-File', 'a.ps1'], stdin: (s) => s === '{}' }]);
    await expect(runner.run({ command: 'cmd.exe', args: [] })).rejects.toThrow(/unexpected process "cmd.exe"/);
    await expect(runner.run({ command: 'pwsh', args: ['-File', 'b.ps1'], input: '{}' })).rejects.toThrow(/unexpected/);
    await expect(runner.run({ command: 'pwsh', args: ['-File', 'a.ps1'], input: '{"x":1}' })).rejects.toThrow(/unexpected/);
    await runner.run({ command: 'pwsh', args: ['-File', 'a.ps1'], input: '{}' });
    await expect(runner.run({ command: 'pwsh', args: ['-File', 'a.ps1'], input: '{}' })).rejects.toThrow(/only \(0 left\)/);
  });

  it('reports expectations never used', () => {
    expect(() => createFakeRunner([{ name: 'read', command: 'pwsh' }]).assertAllUsed()).toThrow(/not made: read/);
  });

  it('can simulate a missing executable', async () => {
    const runner = createFakeRunner([{ command: 'pwsh', throws: enoentError('pwsh') }]);
    await expect(runner.run({ command: 'pwsh', args: [] })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
