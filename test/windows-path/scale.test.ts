/**
 * 5,000 tasks on the real Windows path (CLI → pwsh → templates → simulated Task
 * Scheduler): one PowerShell process per read and one for the whole batch, and the plan
 * after apply is empty. The time is logged for BENCHMARKS.md, not asserted: benchmarks
 * measure speed (bench/), tests measure behaviour.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithPwsh } from './pwsh.js';
import { createSimulatedCli } from './simulated-cli.js';

const COUNT = 5_000;
const FOLDERS = 10;

function bigFleet(): unknown {
  return {
    prefix: 'AGI',
    tasks: Array.from({ length: COUNT }, (_, i) => ({
      name: `AGI_작업_${String(i).padStart(4, '0')}`,
      folder: `\\대량\\폴더${i % FOLDERS}\\`,
      description: `작업 ${i} 😀`,
      actions: [{ command: 'python.exe', arguments: `C:\\AGI\\job.py --index ${i}` }],
      triggers: [{ type: 'daily', start: `2025-01-01T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00` }],
      timeLimit: 'PT5M',
      principal: { userId: 'S-1-5-18' },
    })),
  };
}

describeWithPwsh('5,000 tasks on the real Windows path', (pwsh) => {
  it('apply in one batch process, then plan --detailed-exitcode exits 0', async () => {
    const cli = createSimulatedCli(pwsh);
    const file = join(cli.work, 'big.json');
    writeFileSync(file, JSON.stringify(bigFleet()));

    const started = Date.now();
    const applied = await cli.run(['apply', '--config', file, '--yes', '--allow-conflicts']);
    const applySeconds = (Date.now() - started) / 1000;
    expect(applied.code, applied.stderr.slice(-2000)).toBe(0);
    expect(cli.scripts()).toEqual(['read-tasks.ps1', 'read-tasks.ps1', 'apply-tasks.ps1']);
    expect(cli.sim.listTasks()).toHaveLength(COUNT);

    cli.calls.length = 0;
    const planStarted = Date.now();
    const planned = await cli.run(['plan', '--config', file, '--detailed-exitcode']);
    const planSeconds = (Date.now() - planStarted) / 1000;
    expect(planned.code, planned.stdout.slice(-2000)).toBe(0);
    expect(cli.scripts()).toEqual(['read-tasks.ps1']);
    console.log(`real Windows path, ${COUNT} tasks: apply ${applySeconds.toFixed(1)} s (3 PowerShell processes), plan ${planSeconds.toFixed(1)} s (1 process)`);
  }, 900_000);
});
