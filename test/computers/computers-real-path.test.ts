/**
 * `--computer` end to end on the real Windows path: main() in-process → the real process runner
 * → pwsh → templates (one process per step for every computer) → the simulated Task Scheduler,
 * which serves DIR/<computer>/ to Connect(name) and can't reach a computer without a folder.
 * One scenario drives the commands in turn, to keep the number of pwsh starts low.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { passwordVariableFor } from '../../src/cli/passwords.js';
import { describeWithPwsh } from '../windows-path/pwsh.js';
import { createSimulatedCli, type SimulatedCli } from '../windows-path/simulated-cli.js';

const NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

function task(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    actions: [{ command: 'python.exe', arguments: `${name}.py` }],
    triggers: [{ type: 'daily', start: '2025-01-01T03:00:00' }],
    timeLimit: 'PT10M',
    principal: { userId: 'S-1-5-18' },
    ...extra,
  };
}

/** Everywhere; the gpu role (lab-2); localhost by another spelling; a computer not named on the command line. */
function fleet(localDescription = 'this machine only', group?: string): unknown {
  const grouped = group === undefined ? {} : { group };
  return {
    prefix: 'AGI',
    computers: { gpu: ['LAB-2', 'gpu-9'] },
    tasks: [
      task('AGI_Everywhere', grouped),
      task('AGI_Gpu', { computers: ['gpu'], ...grouped }),
      task('AGI_Local', { computers: ['LOCALHOST'], description: localDescription, ...grouped }),
      task('AGI_Nowhere', { computers: ['lab-9'] }),
    ],
  };
}

/** A task as Windows stores it, with a 5-minute daily repeat the fleet does not declare. */
function storedXml(name: string, command = 'python.exe'): string {
  return `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="${NS}"><RegistrationInfo><URI>\\${name}</URI></RegistrationInfo>` +
    '<Triggers><CalendarTrigger><StartBoundary>2025-01-01T03:00:00</StartBoundary><ScheduleByDay><DaysInterval>2</DaysInterval></ScheduleByDay></CalendarTrigger></Triggers>' +
    '<Principals><Principal id="Author"><UserId>S-1-5-18</UserId></Principal></Principals>' +
    '<Settings><ExecutionTimeLimit>PT10M</ExecutionTimeLimit></Settings>' +
    `<Actions Context="Author"><Exec><Command>${command}</Command><Arguments>${name}.py</Arguments></Exec></Actions></Task>`;
}

function write(cli: SimulatedCli, name: string, content: string): string {
  const file = join(cli.work, name);
  writeFileSync(file, content);
  return file;
}

function backups(cli: SimulatedCli, computer: string): string[] {
  const root = join(cli.work, 'state', 'taskctl', 'backups', computer);
  return existsSync(root) ? readdirSync(root).sort().map((entry) => join(root, entry)) : [];
}

describeWithPwsh('--computer on the real Windows path (pwsh, templates, simulated computers)', (pwsh) => {
  it('plans, applies, restores and lists conflicts per computer; one unreachable or unreadable computer fails alone', { timeout: 600_000 }, async () => {
    const cli = createSimulatedCli(pwsh, ['localhost', 'lab-2']);
    const fleetFile = write(cli, 'fleet.json', JSON.stringify(fleet()));
    cli.sim.writeTask('\\', 'AGI_Everywhere', storedXml('AGI_Everywhere'), 'lab-2');
    cli.sim.writeTask('\\', 'AGI_Stale', storedXml('AGI_Stale'), 'lab-2');
    cli.sim.writeTask('\\', 'Other_Job', storedXml('Other_Job'), 'lab-2');

    // plan: both reachable computers planned from one process, an error for `missing`, exit 1.
    const planned = await cli.run(['plan', '--config', fleetFile, '--computer', 'localhost,lab-2,missing', '--json']);
    expect(planned.code, planned.stderr).toBe(1);
    expect(cli.scripts()).toEqual(['read-tasks.ps1']);
    const plan = JSON.parse(planned.stdout) as { computers: { name: string; ok: boolean; error?: string }[]; changes: unknown[]; summary: unknown };
    expect(plan.computers.map(({ name, ok }) => ({ name, ok }))).toEqual([
      { name: 'localhost', ok: true }, { name: 'lab-2', ok: true }, { name: 'missing', ok: false },
    ]);
    expect(plan.computers[2]?.error).toContain('0x800706BA RPC_S_SERVER_UNAVAILABLE');
    expect(plan.computers[2]?.error).toContain('"Remote Scheduled Tasks Management" firewall rule group');
    expect(plan.changes).toEqual([
      { computer: 'localhost', action: 'create', task: '\\AGI_Everywhere' },
      { computer: 'localhost', action: 'create', task: '\\AGI_Local' },
      { computer: 'lab-2', action: 'create', task: '\\AGI_Gpu' },
      { computer: 'lab-2', action: 'update', task: '\\AGI_Everywhere', fields: [{ path: 'triggers[0].schedule.daysInterval', before: 2, after: 1 }] },
      { computer: 'lab-2', action: 'delete', task: '\\AGI_Stale' },
    ]);
    expect(plan.summary).toEqual({ create: 3, update: 1, delete: 1, unchanged: 0 });
    expect(planned.stderr).toContain('could not read missing: the Task Scheduler service could not be reached');

    // apply: lock each, one re-read, a backup for lab-2 only (localhost has only creates), one batch.
    cli.calls.length = 0;
    const applied = await cli.run(['apply', '--config', fleetFile, '--computer', 'localhost,lab-2', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(cli.scripts()).toEqual(['read-tasks.ps1', 'read-tasks.ps1', 'apply-tasks.ps1']);
    expect(applied.stdout).toMatch(/── localhost ──[\s\S]*\+ create \\AGI_Local[\s\S]*── lab-2 ──[\s\S]*- delete \\AGI_Stale[\s\S]*Total: 2 computer\(s\): 3 to create, 1 to update, 1 to delete\./);
    expect(cli.sim.listTasks('localhost')).toEqual(['\\AGI_Everywhere', '\\AGI_Local']);
    expect(cli.sim.listTasks('lab-2')).toEqual(['\\AGI_Everywhere', '\\AGI_Gpu', '\\Other_Job']);
    expect(backups(cli, 'localhost')).toEqual([]);
    const [labBackup] = backups(cli, 'lab-2');
    const manifest = JSON.parse(readFileSync(join(labBackup as string, 'manifest.json'), 'utf8')) as { computer: string; tasks: { task: string }[] };
    expect(manifest.computer).toBe('lab-2');
    expect(manifest.tasks.map((t) => t.task).sort()).toEqual(['\\AGI_Everywhere', '\\AGI_Stale']);

    // A second apply, the computers from a file (comments, blanks, another spelling, a repeat): nothing to change, one read.
    const names = write(cli, 'computers.txt', '# the lab\nlocalhost\n\n   LAB-2   # the GPU box\nLocalHost\n');
    const before = [cli.sim.snapshot('localhost'), cli.sim.snapshot('lab-2')];
    cli.calls.length = 0;
    const second = await cli.run(['apply', '--config', fleetFile, '--computer', `@${names}`, '--yes', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(cli.scripts()).toEqual(['read-tasks.ps1']);
    expect(JSON.parse(second.stdout)).toMatchObject({ computers: [{ name: 'localhost', ok: true }, { name: 'LAB-2', ok: true }], results: [], ok: true });
    expect([cli.sim.snapshot('localhost'), cli.sim.snapshot('lab-2')]).toEqual(before);

    // restore: the backup names its computer; it goes back to lab-2 and nowhere else.
    const localBefore = cli.sim.snapshot('localhost');
    cli.calls.length = 0;
    const restored = await cli.run(['restore', labBackup as string, '--yes']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(cli.scripts()).toEqual(['read-tasks.ps1', 'read-tasks.ps1', 'apply-tasks.ps1']);
    expect(cli.sim.listTasks('lab-2')).toEqual(['\\AGI_Everywhere', '\\AGI_Gpu', '\\AGI_Stale', '\\Other_Job']);
    expect(cli.sim.readTask('\\', 'AGI_Everywhere', 'lab-2')?.text).toContain('<DaysInterval>2</DaysInterval>');
    expect(cli.sim.snapshot('localhost')).toEqual(localBefore);
    // What restore replaced was saved under lab-2 too.
    expect(backups(cli, 'lab-2')).toHaveLength(2);

    // apply where lab-2 goes away between the plan and the write: localhost is done, lab-2 reported, exit 1.
    const changedFleet = write(cli, 'fleet2.json', JSON.stringify(fleet('changed')));
    cli.calls.length = 0;
    cli.beforeProcess = (request) => {
      if (request.args.some((arg) => arg.endsWith('apply-tasks.ps1'))) renameSync(cli.sim.computer('lab-2'), cli.sim.computer('lab-2-away'));
    };
    const partial = await cli.run(['apply', '--config', changedFleet, '--computer', 'localhost,lab-2', '--yes', '--json']);
    cli.beforeProcess = undefined;
    renameSync(cli.sim.computer('lab-2-away'), cli.sim.computer('lab-2'));
    expect(partial.code, partial.stderr).toBe(1);
    expect(cli.scripts()).toEqual(['read-tasks.ps1', 'read-tasks.ps1', 'apply-tasks.ps1']);
    const outcome = JSON.parse(partial.stdout) as { computers: { name: string; ok: boolean; error?: string; backupDir: string | null }[]; results: unknown[]; ok: boolean };
    expect(outcome.ok).toBe(false);
    expect(outcome.computers[0]).toMatchObject({ name: 'localhost', ok: true });
    expect(outcome.computers[1]).toMatchObject({ name: 'lab-2', ok: false, backupDir: null });
    expect(outcome.computers[1]?.error).toContain('0x800706BA');
    expect(outcome.results).toEqual([{ computer: 'localhost', task: '\\AGI_Local', action: 'update', status: 'done' }]);
    expect(cli.sim.readTask('\\', 'AGI_Local', 'localhost')?.text).toContain('<Description>changed</Description>');
    expect(cli.sim.listTasks('lab-2')).toContain('\\AGI_Stale');
    // lab-2 changed nothing, so the backup taken before the write was removed again.
    expect(backups(cli, 'lab-2')).toHaveLength(2);

    // list-conflicts as another account: lab-2 lets it list but not read a task, so lab-2 alone fails.
    cli.sim.configure({ deniedTasks: ['\\AGI_Gpu'], accounts: [{ name: 'LAB\\admin', sid: 'S-1-5-21-1-2-3-500', password: 's3cret' }] }, 'lab-2');
    cli.calls.length = 0;
    const credentialEnv = { [passwordVariableFor('LAB\\admin')]: 's3cret' };
    const groupedFleet = write(cli, 'fleet3.json', JSON.stringify(fleet('changed', 'nightly')));
    const conflicts = await cli.run(
      ['list-conflicts', '--config', groupedFleet, '--computer', 'localhost,lab-2', '--credential-user', 'LAB\\admin', '--json', '--from', '2025-01-01T00:00:00'],
      credentialEnv,
    );
    expect(conflicts.code, conflicts.stderr).toBe(1);
    expect(cli.scripts()).toEqual(['read-tasks.ps1']);
    const input = JSON.parse(cli.calls[0]?.input ?? '{}') as { credential?: { user: string; domain: string; password: string } };
    expect(input.credential).toEqual({ user: 'admin', domain: 'LAB', password: Buffer.from('s3cret').toString('base64') });
    expect(cli.calls[0]?.args.join(' ')).not.toContain('s3cret');
    expect(conflicts.stdout + conflicts.stderr).not.toContain('s3cret');
    const report = JSON.parse(conflicts.stdout) as { computers: { name: string; ok: boolean; error?: string }[]; conflicts: { computer: string; kind: string; source: string; severity: string; tasks: string[] }[] };
    expect(report.computers[0]).toEqual({ name: 'localhost', ok: true });
    expect(report.computers[1]).toMatchObject({ name: 'lab-2', ok: false });
    expect(report.computers[1]?.error).toContain('could not read the XML of \\AGI_Gpu');
    expect(report.computers[1]?.error).toContain('administrator rights on that computer');
    // localhost's two tasks of one group both start at 03:00: an overlap there
    // (as declared, and as it runs now), and nothing from lab-2.
    const overlaps = report.conflicts.filter((c) => c.kind === 'overlap');
    expect(overlaps.map((c) => [c.computer, c.source, c.severity, c.tasks])).toEqual([
      ['localhost', 'declared', 'error', ['\\AGI_Everywhere', '\\AGI_Local']],
      ['localhost', 'live', 'error', ['\\AGI_Everywhere', '\\AGI_Local']],
    ]);
    expect(new Set(report.conflicts.map((c) => c.computer))).toEqual(new Set(['localhost']));

    // A wrong password for the connecting account: a logon failure on lab-2, with what to check.
    cli.calls.length = 0;
    const refused = await cli.run(['plan', '--config', changedFleet, '--computer', 'lab-2', '--credential-user', 'LAB\\admin'], { TASKCTL_PASSWORD: 'wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('── lab-2 ──');
    expect(refused.stdout).toContain('Not planned: lab-2: logon failure: unknown user name or bad password (0x8007052E ERROR_LOGON_FAILURE)');
    expect(refused.stdout).toContain('what to check: --credential-user (DOMAIN\\user)');
    expect(refused.stdout).toContain('Total: 1 computer(s), 1 could not be read');
  });
});
