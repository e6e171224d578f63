/**
 * Principals that log on with a stored password: the password comes from the
 * environment or a prompt, reaches PowerShell only inside the stdin payload, and
 * never shows up in output, arguments or the declarations.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordVariableFor } from '../../src/cli/passwords.js';
import { createSimulatedScheduler } from '../fakes/simulated-scheduler.js';
import { PWSH } from '../windows-path/pwsh.js';
import { runCli, tempDir } from './cli-harness.js';

function passwordFleet(dir: string): string {
  const file = join(dir, 'fleet.json');
  writeFileSync(
    file,
    JSON.stringify({
      tasks: [
        {
          name: 'AGI_Report',
          actions: [{ command: 'report.exe' }],
          triggers: [{ type: 'daily', start: '2025-01-01T02:00:00' }],
          timeLimit: 'PT10M',
          principal: { userId: 'CONTOSO\\svc-agi', logonType: 'Password' },
        },
      ],
    }),
  );
  return file;
}

const decode = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');

describe.skipIf(PWSH === undefined)('passwords for stored-password principals (real templates under pwsh, simulated Task Scheduler)', { timeout: 180_000 }, () => {
  it('names the variable to set when there is neither a variable nor a terminal, and starts no write', async () => {
    const dir = tempDir();
    const scheduler = createSimulatedScheduler();
    const run = await runCli(['apply', '--config', passwordFleet(dir), '--yes'], { platform: 'win32', runner: scheduler, env: { LOCALAPPDATA: dir, ProgramData: dir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TASKCTL_PASSWORD_CONTOSO_5C_SVC_2D_AGI');
    expect(scheduler.applied).toEqual([]);
  });

  it('takes it from TASKCTL_PASSWORD_<USER>, sends it only on stdin, and never prints it', async () => {
    const dir = tempDir();
    const scheduler = createSimulatedScheduler();
    const secret = 'Tr0ub4dor&3 $(not-a-command)';
    const env = { LOCALAPPDATA: dir, ProgramData: dir, [passwordVariableFor('CONTOSO\\svc-agi')]: secret };
    const run = await runCli(['apply', '--config', passwordFleet(dir), '--yes'], { platform: 'win32', runner: scheduler, env });
    expect(run.code).toBe(0);
    expect(decode(scheduler.applied[0]?.passwords?.['\\AGI_Report'])).toBe(secret);
    expect(run.stdout + run.stderr).not.toContain(secret);
    for (const call of scheduler.calls) expect(call.args.join(' ')).not.toContain('Tr0ub4dor');
  });

  it('asks on a terminal (not echoed) when no variable is set', async () => {
    const dir = tempDir();
    const scheduler = createSimulatedScheduler();
    const run = await runCli(['apply', '--config', passwordFleet(dir), '--yes'], {
      platform: 'win32', runner: scheduler, env: { LOCALAPPDATA: dir, ProgramData: dir }, stdinIsTTY: true,
    });
    expect(run.code).toBe(0);
    // The harness's secret prompt answers 'secret'.
    expect(decode(scheduler.applied[0]?.passwords?.['\\AGI_Report'])).toBe('secret');
  });
});
