/**
 * `taskctl doctor --computer` on the real Windows path: one capture-machine.ps1 process
 * captures every computer of the machine simulator (DIR/<computer>/.machine.json), CPU
 * sampled on all in the same seconds, and one read-tasks.ps1 reads their tasks; findings
 * come per computer. Computers that can't be reached, or whose counters or clock can't be
 * read, fail alone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithPwsh } from '../windows-path/pwsh.js';
import { createSimulatedCli } from '../windows-path/simulated-cli.js';
import { healthyMachine } from '../windows-path/simulator-dir.js';

const FLEET = { prefix: 'AGI', tasks: [] };

describeWithPwsh('doctor --computer on the real Windows path (pwsh, capture-machine.ps1, simulated machines)', (pwsh) => {
  it('captures every computer in one process and reports findings per computer; the ones that fail, fail alone', { timeout: 300_000 }, async () => {
    const cli = createSimulatedCli(pwsh, ['localhost', 'lab-2', 'lab-3', 'lab-4', 'lab-5']);
    const put = (computer: string, content: unknown) => writeFileSync(join(cli.sim.computer(computer), '.machine.json'), JSON.stringify(content));
    put('localhost', healthyMachine('AGI-PC'));
    // Memory nearly gone: a warning on lab-2 only.
    put('lab-2', healthyMachine('LAB-2', { memory: { totalBytes: 34359738368, availableBytes: 1000000000 } }));
    // Its counters read once, then fail; its counters never read; its clock unreadable.
    put('lab-3', healthyMachine('LAB-3', { cpu: { processors: 2, samples: ['not a number'] } }));
    put('lab-4', healthyMachine('LAB-4', { cpu: { processors: 'many', samples: [1] } }));
    put('lab-5', healthyMachine('LAB-5', { localDateTime: 'not a date' }));
    const config = join(cli.work, 'fleet.json');
    writeFileSync(config, JSON.stringify(FLEET));

    const run = await cli.run(['doctor', '--config', config, '--computer', 'localhost,lab-2,lab-3,lab-4,lab-5,missing', '--json', '--sample', '1s']);
    expect(run.code, run.stderr).toBe(1);
    // One capture for all six, one read for the two that were captured.
    expect(cli.scripts()).toEqual(['capture-machine.ps1', 'read-tasks.ps1']);
    expect(JSON.parse(cli.calls[1]?.input ?? '{}')).toMatchObject({ computers: ['localhost', 'lab-2'] });
    const report = JSON.parse(run.stdout) as { computers: { name: string; ok: boolean; error?: string }[]; findings: { computer: string; kind: string; severity: string }[]; summary: Record<string, number> };
    expect(report.computers.map(({ name, ok }) => [name, ok])).toEqual([
      ['localhost', true], ['lab-2', true], ['lab-3', false], ['lab-4', false], ['lab-5', false], ['missing', false],
    ]);
    expect(report.computers[5]?.error).toContain('0x800706BA RPC_S_SERVER_UNAVAILABLE');
    expect(report.computers[5]?.error).toContain('"Remote Scheduled Tasks Management" firewall rule group');
    expect(report.computers.slice(2, 5).map((c) => c.error)).toEqual([
      expect.stringMatching(/^lab-3: [\s\S]*'not a number' was not in a correct format/),
      expect.stringMatching(/^lab-4: [\s\S]*'many' was not in a correct format/),
      expect.stringMatching(/^lab-5: [\s\S]*'not a date' was not recognized as a valid DateTime/),
    ]);
    expect(report.findings.filter((f) => f.kind === 'memory').map((f) => [f.computer, f.severity])).toEqual([['localhost', 'info'], ['lab-2', 'warning']]);
    expect(new Set(report.findings.map((f) => f.computer))).toEqual(new Set(['localhost', 'lab-2']));
    expect(report.summary.warning).toBeGreaterThan(0);
    expect(run.stderr).toContain('could not check missing: the Task Scheduler service could not be reached');

    // Text: a heading per computer and the total; a healthy set exits 0.
    cli.calls.length = 0;
    const text = await cli.run(['doctor', '--config', config, '--computer', 'localhost', '--sample', '0s']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^── localhost ──\n/);
    expect(text.stdout).toContain('Total: 1 computer(s): 0 error(s)');
    expect(cli.scripts()).toEqual(['capture-machine.ps1', 'read-tasks.ps1']);

    // This machine alone, its counters unreadable: the capture fails as it always has, exit 1.
    put('localhost', healthyMachine('AGI-PC', { cpu: { processors: 'many', samples: [1] } }));
    const single = await cli.run(['doctor', '--config', config, '--sample', '1s']);
    expect(single.code).toBe(1);
    expect(single.stderr).toContain('capture-machine.ps1');
  });

  it('refuses --stop, --capture and --credential-user with --computer before anything runs', async () => {
    const cli = createSimulatedCli(pwsh, ['localhost']);
    for (const extra of [['--stop', '--yes'], ['--capture', 'x.json'], ['--credential-user', 'LAB\\admin']]) {
      const run = await cli.run(['doctor', '--computer', 'lab-2', ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${extra[0]} can't be used with --computer`);
    }
    expect(cli.calls).toEqual([]);
  });
});
