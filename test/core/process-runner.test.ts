import { describe, expect, it } from 'vitest';
import { createProcessRunner, ProcessStartError } from '../../src/core/process-runner.js';
import { PWSH } from '../windows-path/pwsh.js';

// The one real runner: these start real (POSIX) processes, so they run where sh exists.
describe.skipIf(process.platform === 'win32')('createProcessRunner (real processes)', () => {
  const runner = createProcessRunner();

  it('passes input on stdin and returns stdout, stderr and a non-zero exit code without throwing', async () => {
    const result = await runner.run({ command: 'sh', args: ['-c', 'cat; echo oops >&2; exit 3'], input: '{"prefix":"AGI"}' });
    expect(result).toEqual({ exitCode: 3, stdout: '{"prefix":"AGI"}', stderr: 'oops\n' });
  });

  it('a command that is not installed is a ProcessStartError with the system code', async () => {
    const error = await runner.run({ command: 'taskctl-no-such-command', args: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessStartError);
    expect((error as ProcessStartError).code).toBe('ENOENT');
    expect((error as Error).message).toContain('taskctl-no-such-command');
  });

  it('kills a process that outlives its timeout', async () => {
    const error = await runner.run({ command: 'sleep', args: ['5'], timeoutMs: 200 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/sleep did not finish within 200 ms and was stopped/);
  });

  it('children inherit the environment plus the added variables, and NO_COLOR: their output is for messages', async () => {
    const result = await runner.run({ command: 'sh', args: ['-c', 'printf "%s|%s|%s" "$NO_COLOR" "$TASKCTL_X" "$PATH"'], env: { TASKCTL_X: 'added' } });
    expect(result.stdout).toBe(`1|added|${process.env.PATH ?? ''}`);
  });

  it.skipIf(PWSH === undefined)('pwsh writes its errors without colour codes (they end up in taskctl messages)', async () => {
    const result = await runner.run({ command: PWSH!, args: ['-NoProfile', '-NonInteractive', '-Command', "Write-Error 'boom'; exit 1"] });
    expect(result.stderr).toContain('boom');
    expect(result.stderr).not.toContain('\u001b');
  }, 60_000);
});
