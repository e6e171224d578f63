/**
 * `--computer` without PowerShell: the names are checked before anything is read or started
 * (the harness's runner refuses every process), the refusals name the option and the value,
 * declarations' `computers` and roles are checked and matched, and the per-computer text
 * and JSON output carry what the contract says.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { ValidationError } from '../../src/core/errors.js';
import { planComputers, tasksForComputer } from '../../src/plan/apply-computers.js';
import { formatComputerPlansJson, formatComputerPlansText } from '../../src/output/plan-computers.js';
import { describeComputerFailure } from '../../src/schtasks/backends/hresult.js';
import { runCli, tempDir } from '../cli/cli-harness.js';
import { scriptOutput } from '../fakes/powershell-script-output.js';

const task = (name: string, extra: Record<string, unknown> = {}) => ({
  name, actions: [{ command: 'x.exe' }], triggers: [{ type: 'daily', start: '2025-01-01T03:00:00' }], timeLimit: 'PT5M', ...extra,
});

function fleetFile(dir: string, content: unknown = { tasks: [task('AGI_A')] }): string {
  const file = join(dir, 'fleet.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('--computer is checked before anything runs', () => {
  it('refuses bad names, naming the option and the value, and starts no process', async () => {
    const dir = tempDir();
    const env = { TASKCTL_SCHEDULER_SIMULATOR: dir };
    const bad = await runCli(['plan', '--config', fleetFile(dir), '--computer', 'lab-2,bad name'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--computer 'lab-2,bad name': 'bad name' is not a computer name");

    const empty = await runCli(['apply', '--config', fleetFile(dir), '--computer', ' , ', '--yes'], { env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('--computer ' + "'" + ' , ' + "'" + ': a computer name must not be empty');

    writeFileSync(join(dir, 'names.txt'), 'lab-1\n# comment\nlab_2 ok\n');
    const inFile = await runCli(['plan', '--config', fleetFile(dir), '--computer', '@names.txt'], { env, cwd: dir });
    expect(inFile.code).toBe(1);
    expect(inFile.stderr).toContain("--computer @names.txt line 3 ('lab_2 ok'): 'lab_2 ok' is not a computer name");

    const missing = await runCli(['list-conflicts', '--computer', '@nowhere.txt'], { env, cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--computer @nowhere\.txt: can't read .*nowhere\.txt/);

    writeFileSync(join(dir, 'only-comments.txt'), '# none yet\n\n');
    const comments = await runCli(['import', '--computer', '@only-comments.txt'], { env, cwd: dir });
    expect(comments.code).toBe(1);
    expect(comments.stderr).toContain('--computer @only-comments.txt: names no computer.');
  });

  it('refuses --store and --live with --computer, several computers for import and restore, and --credential-user alone', async () => {
    const dir = tempDir();
    const store = await runCli(['plan', '--config', fleetFile(dir), '--computer', 'lab-2', '--store', dir]);
    expect(store.code).toBe(1);
    expect(store.stderr).toContain(`--computer can't be used with --store ${dir}`);
    const live = await runCli(['apply', '--config', fleetFile(dir), '--computer', 'lab-2', '--live', 'x.json', '--yes']);
    expect(live.code).toBe(1);
    expect(live.stderr).toContain("--computer can't be used with --live x.json");
    const imported = await runCli(['import', '--computer', 'a,b'], { env: { TASKCTL_SCHEDULER_SIMULATOR: dir } });
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('import reads one computer at a time (got a, b)');
    const restored = await runCli(['restore', dir, '--computer', 'a,b', '--yes']);
    expect(restored.code).toBe(1);
    expect(restored.stderr).toContain('a backup is restored to one computer (got a, b)');
    const alone = await runCli(['plan', '--config', fleetFile(dir), '--credential-user', 'LAB\\admin']);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('--credential-user: it is for --computer');
  });

  it('needs Windows or the simulator, and a password for --credential-user that it never has to ask off a terminal', async () => {
    const dir = tempDir();
    const off = await runCli(['plan', '--config', fleetFile(dir), '--computer', 'lab-2'], { platform: 'linux', env: {} });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('Reaching another computer (--computer, or a backup taken with it) needs Windows');
    const noPassword = await runCli(['plan', '--config', fleetFile(dir), '--computer', 'lab-2', '--credential-user', 'LAB\\admin'], { env: { TASKCTL_SCHEDULER_SIMULATOR: dir } });
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('--credential-user LAB\\admin: no password. Set TASKCTL_PASSWORD_LAB_5C_ADMIN');
  });
});

describe('--detailed-exitcode across computers', () => {
  it('is 2 when any computer has changes, 0 when none has; one read for every computer', async () => {
    const dir = tempDir();
    const requests: unknown[] = [];
    const runner = (pending: boolean) => ({
      run: async (request: { input?: string }) => {
        requests.push(JSON.parse(request.input ?? '{}'));
        // pending: neither computer holds the task yet; else both hold it as declared.
        const stored = { TaskPath: '\\', TaskName: 'AGI_A', State: 3, Xml: (await import('../../src/schtasks/render-task-xml.js')).renderTaskXml(compileConfig({ tasks: [task('AGI_A')] }).tasks[0]!.definition) };
        return scriptOutput({ ok: true, computers: ['lab-1', 'lab-2'].map((computer) => ({ computer, ok: true, tasks: pending ? [] : [stored], warnings: [], unreadable: [] })) });
      },
    });
    // Names and a file of names in one list; LAB-1 again in the file counts once.
    writeFileSync(join(dir, 'more.txt'), 'lab-2\r\nLAB-1   # again\r\n');
    const argv = ['plan', '--config', fleetFile(dir), '--computer', `lab-1, @${join(dir, 'more.txt')}`, '--detailed-exitcode'];
    const env = { TASKCTL_SCHEDULER_SIMULATOR: dir };
    const pending = await runCli(argv, { env, runner: runner(true) });
    expect(pending.code, pending.stderr).toBe(2);
    expect(pending.stdout).toContain('Total: 2 computer(s): 2 to create, 0 to update, 0 to delete.');
    const clean = await runCli(argv, { env, runner: runner(false) });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('Total: 2 computer(s): 0 to create, 0 to update, 0 to delete.');
    expect(requests).toEqual([{ prefix: 'AGI', computers: ['lab-1', 'lab-2'] }, { prefix: 'AGI', computers: ['lab-1', 'lab-2'] }]);
  });
});

describe('import --computer NAME', () => {
  it('reads that one computer and writes its declarations; an unreachable one is exit 1 with what to check', async () => {
    const dir = tempDir();
    const { renderTaskXml } = await import('../../src/schtasks/render-task-xml.js');
    const xml = renderTaskXml(compileConfig({ tasks: [task('AGI_On_Lab')] }).tasks[0]!.definition);
    const requests: unknown[] = [];
    const answer = (entry: Record<string, unknown>) => ({
      run: async (request: { input?: string }) => {
        requests.push(JSON.parse(request.input ?? '{}'));
        return scriptOutput({ ok: true, computers: [{ computer: 'lab-2', ...entry }] });
      },
    });
    const env = { TASKCTL_SCHEDULER_SIMULATOR: dir };
    const imported = await runCli(['import', '--computer', 'lab-2', '--format', 'json'], { env, runner: answer({ ok: true, tasks: [{ TaskPath: '\\', TaskName: 'AGI_On_Lab', State: 3, Xml: xml }], warnings: [], unreadable: [] }) });
    expect(imported.code, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { tasks: { name: string }[] }).tasks.map((t) => t.name)).toEqual(['AGI_On_Lab']);
    const unreachable = await runCli(['import', '--computer', 'lab-2'], { env, runner: answer({ ok: false, error: { kind: 'service-unavailable', message: 'The RPC server is unavailable.', hresult: '0x800706BA' } }) });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('lab-2: the Task Scheduler service could not be reached (RPC server unavailable) (0x800706BA RPC_S_SERVER_UNAVAILABLE)');
    expect(requests).toEqual([{ prefix: 'AGI', computers: ['lab-2'] }, { prefix: 'AGI', computers: ['lab-2'] }]);
  });
});

describe('restore of a backup taken with --computer', () => {
  it('goes to the computer its manifest names, or to --computer NAME with a warning; every request names that one computer', async () => {
    const dir = tempDir();
    const { writeBackup } = await import('../../src/plan/backup.js');
    const { promises } = await import('node:fs');
    const { renderTaskXml } = await import('../../src/schtasks/render-task-xml.js');
    const xml = renderTaskXml(compileConfig({ tasks: [task('AGI_Saved')] }).tasks[0]!.definition);
    const backupDir = await writeBackup({
      fs: promises as never, root: join(dir, 'backups', 'lab-2'), now: new Date('2025-01-05T00:00:00Z'), target: 'the Windows Task Scheduler of lab-2',
      lockKey: 'windows-task-scheduler:lab-2', computer: 'lab-2', prefix: 'AGI', changes: [{ action: 'delete', task: '\\AGI_Saved' }],
      items: [{ action: 'delete', record: { taskPath: '\\', taskName: 'AGI_Saved', state: 'Ready', xml } }],
    });
    const requests: { computers?: (string | { computer: string })[] }[] = [];
    const runner = {
      run: async (request: { input?: string; args: string[] }) => {
        const input = JSON.parse(request.input ?? '{}') as { computers: (string | { computer: string })[] };
        requests.push(input);
        const computer = typeof input.computers[0] === 'string' ? input.computers[0] : input.computers[0]!.computer;
        return request.args.some((a) => a.endsWith('read-tasks.ps1'))
          ? scriptOutput({ ok: true, computers: [{ computer, ok: true, tasks: [], warnings: [], unreadable: [] }] })
          : scriptOutput({ ok: true, computers: [{ computer, ok: true, phase: 'apply', results: [{ task: '\\AGI_Saved', action: 'create', status: 'done' }] }] });
      },
    };
    const env = { TASKCTL_SCHEDULER_SIMULATOR: dir, XDG_STATE_HOME: join(dir, 'state') };
    const back = await runCli(['restore', backupDir, '--yes'], { env, runner, cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    const elsewhere = await runCli(['restore', backupDir, '--computer', 'lab-3', '--yes'], { env, runner, cwd: dir });
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(elsewhere.stderr).toContain(`${backupDir} was saved from lab-2; restoring it to lab-3 (--computer).`);
    const names = requests.map((r) => (r.computers ?? []).map((c) => (typeof c === 'string' ? c : c.computer)).join());
    // Read, read again under the lock, write — on lab-2, then on lab-3.
    expect(names).toEqual(['lab-2', 'lab-2', 'lab-2', 'lab-3', 'lab-3', 'lab-3']);
  });
});

describe('declarations that target computers', () => {
  const config = compileConfig({
    computers: { gpu: ['GPU-1', 'gpu-2'], lab: ['lab-1'] },
    tasks: [task('AGI_All'), task('AGI_Gpu', { computers: ['gpu'] }), task('AGI_One', { computers: ['Lab-1', 'gpu-2'] }), task('AGI_None', { computers: ['nowhere'] })],
  });

  it('a task without computers goes everywhere; roles and names compare case-insensitively; unknown names match nothing', () => {
    const names = (computer: string) => tasksForComputer(config, computer).map((t) => t.name);
    expect(names('gpu-1')).toEqual(['AGI_All', 'AGI_Gpu']);
    expect(names('GPU-2')).toEqual(['AGI_All', 'AGI_Gpu', 'AGI_One']);
    expect(names('lab-1')).toEqual(['AGI_All', 'AGI_One']);
    expect(names('elsewhere')).toEqual(['AGI_All']);
  });

  it('a role that names nothing, an empty computers list and a bad name are declaration errors with their paths', () => {
    const problems = (input: unknown) => {
      try {
        compileConfig(input);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as Error).message;
      }
    };
    expect(problems({ computers: { gpu: [] }, tasks: [] })).toContain('computers.gpu: a role must name at least one computer');
    expect(problems({ tasks: [task('AGI_X', { computers: [] })] })).toContain('tasks[0].computers: computers: name at least one computer or role');
    expect(problems({ tasks: [task('AGI_X', { computers: ['a b'] })] })).toContain("tasks[0].computers[0]: 'a b' is not a computer name");
  });
});

describe('per-computer plans as text and JSON', () => {
  const config = compileConfig({ tasks: [task('AGI_A'), task('AGI_B', { computers: ['lab-2'] })] });
  const plans = planComputers({
    config, prefix: 'AGI', prune: true, now: new Date('2025-01-01T00:00:00Z'), timeZone: 'UTC',
    reads: [{ computer: 'lab-1', ok: true, tasks: [] }, { computer: 'lab-2', ok: true, tasks: [] }, { computer: 'gone', ok: false, error: 'gone: the reason' }],
  });

  it('text: a heading per computer, each plan, the reason for one that could not be read, and the total', () => {
    const text = formatComputerPlansText(plans, { color: false });
    expect(text).toMatch(/^── lab-1 ──\n[\s\S]*\+ create \\AGI_A[\s\S]*Plan: 1 to create[\s\S]*── lab-2 ──[\s\S]*\+ create \\AGI_B[\s\S]*Plan: 2 to create[\s\S]*── gone ──\nNot planned: gone: the reason\n/);
    expect(text.endsWith('Total: 3 computer(s), 1 could not be read: 3 to create, 0 to update, 0 to delete.\n')).toBe(true);
  });

  it('JSON: computers with their status, a computer on every change, summed summary', () => {
    expect(JSON.parse(formatComputerPlansJson(plans))).toEqual({
      formatVersion: '1',
      computers: [{ name: 'lab-1', ok: true }, { name: 'lab-2', ok: true }, { name: 'gone', ok: false, error: 'gone: the reason' }],
      changes: [
        { computer: 'lab-1', action: 'create', task: '\\AGI_A' },
        { computer: 'lab-2', action: 'create', task: '\\AGI_A' },
        { computer: 'lab-2', action: 'create', task: '\\AGI_B' },
      ],
      summary: { create: 3, update: 0, delete: 0, unchanged: 0 },
    });
  });
});

describe('what to check on a computer that failed, by HRESULT (one table)', () => {
  it.each([
    ['0x800706BA', 'RPC_S_SERVER_UNAVAILABLE', '"Remote Scheduled Tasks Management" firewall rule group'],
    ['0x80070035', 'ERROR_BAD_NETPATH', 'what to check: the name; that the computer is switched on'],
    ['0x80070005', 'E_ACCESSDENIED', 'administrator rights on that computer'],
    ['0x8007052E', 'ERROR_LOGON_FAILURE', 'what to check: --credential-user (DOMAIN\\user)'],
  ])('%s', (hresult, symbol, advice) => {
    const text = describeComputerFailure('lab-2', { hresult, message: 'Windows words.' });
    expect(text).toContain(`lab-2: `);
    expect(text).toContain(`(${hresult} ${symbol})`);
    expect(text).toContain('Windows said: Windows words.');
    expect(text).toContain(advice);
  });

  it('a code with no remote advice gives its general hint', () => {
    const text = describeComputerFailure('lab-2', { hresult: '0x80070057', message: 'The parameter is incorrect.' });
    expect(text).toContain('(0x80070057 E_INVALIDARG)');
    expect(text).toContain('\n  hint: write the account as a SID');
    expect(text).not.toContain('what to check');
  });

  it('an HRESULT it does not know is still shown', () => {
    expect(describeComputerFailure('x', { hresult: -2147467259, message: '' })).toBe('x: failed (HRESULT 0x80004005)');
  });
});
