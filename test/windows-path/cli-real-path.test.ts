/**
 * The real Windows path end to end: main() in-process → the real process runner (execa) →
 * pwsh → templates/read-tasks.ps1 and apply-tasks.ps1 → the simulated Task Scheduler →
 * back. Every "apply, then plan shows no changes" here is proved against the rewriting the
 * simulator does to registered XML (URI and LogonType added, UTF-16 re-serialization,
 * `&quot;` unescaped, Windows 11 24H2 dropping defaults, names read back as SIDs), never
 * against an echo of what taskctl sent.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { passwordVariableFor } from '../../src/cli/passwords.js';
import { describeWithPwsh } from './pwsh.js';
import { createSimulatedCli, type SimulatedCli } from './simulated-cli.js';

const NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
const KOREAN_TASK = '\\모니터링\\AGI_상태_점검';
const NIGHTLY_TASK = '\\AGI\\보고서\\深夜\\AGI_Nightly_Report';
const BOOT_TASK = '\\AGI_Boot_Check';
const DESCRIPTION = '상태 점검 — 15분마다 😀 漢字 "따옴표" & <꺾쇠>';
const ARGUMENTS = 'C:\\AGI\\점검.py --이름 "홍길동" --emoji 😀';

interface FleetOptions {
  interval?: string;
  /** The account of the Korean task. */
  user?: string;
  logonType?: string;
  /** Leave tasks out by path. */
  without?: string[];
}

/** A fleet in Korean, CJK and emoji, in a nested folder, with SYSTEM and a named user. */
function fleet(options: FleetOptions = {}): unknown {
  const tasks = [
    {
      name: 'AGI_상태_점검',
      folder: '\\모니터링\\',
      description: DESCRIPTION,
      actions: [{ command: 'C:\\AGI\\.venv\\Scripts\\python.exe', arguments: ARGUMENTS, workingDirectory: 'C:\\AGI\\작업' }],
      triggers: [{ type: 'time', start: '2025-01-01T00:12:00', repeat: { interval: options.interval ?? 'PT15M' } }],
      timeLimit: 'PT2M',
      group: 'monitoring',
      principal: { userId: options.user ?? 'PC\\철수', logonType: options.logonType ?? 'InteractiveToken' },
    },
    {
      name: 'AGI_Nightly_Report',
      folder: '\\AGI\\보고서\\深夜\\',
      actions: [{ command: 'cmd.exe', arguments: '/c echo "done" & exit 0' }],
      triggers: [{ type: 'daily', start: '2025-01-01T03:45:00' }],
      timeLimit: 'PT10M',
      group: 'reports',
      principal: { userId: 'S-1-5-18' },
    },
    {
      name: 'AGI_Boot_Check',
      actions: [{ command: 'python.exe', arguments: 'boot.py' }],
      triggers: [{ type: 'boot', delay: 'PT5M' }],
      timeLimit: 'PT5M',
      enabled: false,
      principal: { userId: 'NT AUTHORITY\\SYSTEM' },
    },
  ];
  const paths = [KOREAN_TASK, NIGHTLY_TASK, BOOT_TASK];
  return { prefix: 'AGI', tasks: tasks.filter((_, i) => !(options.without ?? []).includes(paths[i] as string)) };
}

function config(cli: SimulatedCli, name: string, content: unknown): string {
  const file = join(cli.work, name);
  writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

const splitPath = (path: string) => ({ folder: path.slice(0, path.lastIndexOf('\\') + 1), name: path.slice(path.lastIndexOf('\\') + 1) });

function storedTask(cli: SimulatedCli, path: string, computer?: string) {
  const { folder, name } = splitPath(path);
  return cli.sim.readTask(folder, name, computer);
}

/** The one backup folder apply wrote under the state folder. */
function backupDirs(cli: SimulatedCli): string[] {
  const root = join(cli.work, 'state', 'taskctl', 'backups');
  return existsSync(root) ? readdirSync(root).map((entry) => join(root, entry)) : [];
}

describeWithPwsh('the real Windows path through the CLI (pwsh, templates, simulated Task Scheduler)', (pwsh) => {
  it('0 tasks; plan, apply, plan with no changes, apply that changes nothing, import, update with a backup, restore — one process per read and per batch', async () => {
    const cli = createSimulatedCli(pwsh);
    const fleetFile = config(cli, 'fleet.json', fleet());

    // 0 tasks: nothing declared, nothing there.
    const none = await cli.run(['plan', '--config', config(cli, 'empty.json', { prefix: 'AGI', tasks: [] }), '--detailed-exitcode']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('No changes');

    cli.calls.length = 0;
    const planned = await cli.run(['plan', '--config', fleetFile, '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout)).toMatchObject({
      changes: [{ action: 'create', task: NIGHTLY_TASK }, { action: 'create', task: BOOT_TASK }, { action: 'create', task: KOREAN_TASK }].sort((a, b) => (a.task.toUpperCase() < b.task.toUpperCase() ? -1 : 1)),
      summary: { create: 3, update: 0, delete: 0, unchanged: 0 },
    });
    expect(cli.scripts()).toEqual(['read-tasks.ps1']);

    cli.calls.length = 0;
    const applied = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    // Read for the plan, read again under the lock, one batch.
    expect(cli.scripts()).toEqual(['read-tasks.ps1', 'read-tasks.ps1', 'apply-tasks.ps1']);
    for (const call of cli.calls) {
      expect(call.command).toBe(pwsh);
      expect(call.args.join(' ')).not.toMatch(/AGI_|철수|<Task/);
      expect(call.env).toEqual({ TASKCTL_SCHEDULER_SIMULATOR: cli.sim.root });
    }

    // Task files as Windows keeps them: UTF-16LE with a BOM, Korean, CJK and emoji intact.
    const korean = storedTask(cli, KOREAN_TASK);
    expect(korean).toBeDefined();
    expect([...korean!.bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
    expect(korean!.text).toContain(`<Description>${DESCRIPTION.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</Description>`);
    expect(korean!.text).toContain(`<Arguments>${ARGUMENTS}</Arguments>`);
    expect(korean!.text).toContain('<UserId>PC\\철수</UserId>');
    expect(korean!.text).toContain(`<URI>${KOREAN_TASK}</URI>`);
    expect(korean!.text.startsWith(`<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="${NS}">`)).toBe(true);
    expect(cli.sim.listTasks()).toEqual(['\\AGI\\보고서\\深夜\\AGI_Nightly_Report', '\\AGI_Boot_Check', '\\모니터링\\AGI_상태_점검']);

    const again = await cli.run(['plan', '--config', fleetFile, '--detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');

    const before = cli.sim.snapshot();
    cli.calls.length = 0;
    const second = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(second.code, second.stderr).toBe(0);
    expect(cli.scripts()).toEqual(['read-tasks.ps1']);
    expect(cli.sim.snapshot()).toEqual(before);

    // Import writes declarations that plan back to no changes against the same scheduler.
    const imported = join(cli.work, 'imported.json');
    const importRun = await cli.run(['import', '--prefix', 'AGI', '--format', 'json', '--out', imported]);
    expect(importRun.code, importRun.stderr).toBe(0);
    expect(readFileSync(imported, 'utf8')).toContain('AGI_상태_점검');
    const importedPlan = await cli.run(['plan', '--config', imported, '--detailed-exitcode']);
    expect(importedPlan.code, importedPlan.stdout + importedPlan.stderr).toBe(0);

    // An update saves the live XML first; restore puts it back; the original fleet plans clean.
    const changedFile = config(cli, 'changed.json', fleet({ interval: 'PT30M' }));
    const updated = await cli.run(['apply', '--config', changedFile, '--yes']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(storedTask(cli, KOREAN_TASK)!.text).toContain('<Interval>PT30M</Interval>');
    const [backup] = backupDirs(cli);
    expect(backup).toBeDefined();
    cli.calls.length = 0;
    const restored = await cli.run(['restore', backup as string, '--yes']);
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    // Reads as restore needs them, one process each, and one batch.
    expect(new Set(cli.scripts())).toEqual(new Set(['read-tasks.ps1', 'apply-tasks.ps1']));
    expect(cli.scripts().filter((script) => script === 'apply-tasks.ps1')).toHaveLength(1);
    expect(storedTask(cli, KOREAN_TASK)!.text).toContain('<Interval>PT15M</Interval>');
    const afterRestore = await cli.run(['plan', '--config', fleetFile, '--detailed-exitcode']);
    expect(afterRestore.code, afterRestore.stdout + afterRestore.stderr).toBe(0);
  }, 600_000);

  it('Windows 11 24H2 drops default-valued elements and reads names back as SIDs: still no changes after apply', async () => {
    const cli = createSimulatedCli(pwsh);
    cli.sim.configure({ windows: '11-24H2', userIds: 'sid' });
    const fleetFile = config(cli, 'fleet.json', fleet({ user: 'NT AUTHORITY\\LOCAL SERVICE', logonType: 'ServiceAccount' }));
    const applied = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const boot = storedTask(cli, BOOT_TASK)!.text;
    expect(boot).toContain('<UserId>S-1-5-18</UserId>');
    expect(boot).toContain('<Enabled>false</Enabled>');
    expect(storedTask(cli, KOREAN_TASK)!.text).toContain('<UserId>S-1-5-19</UserId>');
    // taskctl writes MultipleInstancesPolicy IgnoreNew, the schema default, out; 24H2 drops it.
    const nightly = storedTask(cli, NIGHTLY_TASK)!.text;
    expect(nightly).not.toContain('<MultipleInstancesPolicy>');
    expect(nightly).toContain('<ExecutionTimeLimit>PT10M</ExecutionTimeLimit>');
    const again = await cli.run(['plan', '--config', fleetFile, '--detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 300_000);

  it('a folder that cannot be listed: plan warns; apply refuses a change in it, changing nothing, and goes on elsewhere', async () => {
    const cli = createSimulatedCli(pwsh);
    const old = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="${NS}"><Actions><Exec><Command>old.exe</Command></Exec></Actions></Task>`;
    // The folder the Korean task goes into already holds a task under the prefix nobody may see.
    cli.sim.writeTask('\\모니터링\\', 'AGI_Old_Loop', old);
    cli.sim.configure({ denied: ['\\모니터링'] });
    const fleetFile = config(cli, 'fleet.json', fleet());

    const planned = await cli.run(['plan', '--config', fleetFile]);
    expect(planned.code).toBe(0);
    expect(planned.stderr).toMatch(/warn.*could not list the tasks of folder \\모니터링 \(0x80070005: Access is denied\.\)/);

    const before = cli.sim.snapshot();
    const applied = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(applied.code).toBe(1);
    expect(applied.stdout + applied.stderr).toMatch(/\\모니터링\\AGI_상태_점검.*did not let taskctl list the folder \\모니터링/);
    expect(applied.stdout + applied.stderr).toMatch(/elevated/);
    expect(cli.sim.snapshot()).toEqual(before);
    expect(cli.scripts()).not.toContain('apply-tasks.ps1');

    // A folder out of the way that can't be listed is only warned about.
    cli.sim.configure({ denied: ['\\Secret'] });
    cli.sim.writeTask('\\Secret\\', 'AGI_Other_Loop', old);
    const elsewhere = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(elsewhere.stderr).toMatch(/could not list the tasks of folder \\Secret/);
    expect(storedTask(cli, KOREAN_TASK)).toBeDefined();
    expect(storedTask(cli, '\\Secret\\AGI_Other_Loop')!.text).toContain('old.exe');
  }, 300_000);

  it('tasks Task Scheduler rejects in the validate pass: every rejection reported, nothing changed', async () => {
    const cli = createSimulatedCli(pwsh);
    cli.sim.configure({ accounts: [{ name: 'PC\\철수', sid: 'S-1-5-21-7-7-7-1001' }] });
    const tasks = (fleet() as { tasks: Record<string, unknown>[] }).tasks;
    tasks[0] = { ...tasks[0], principal: { userId: 'PC\\영희', logonType: 'InteractiveToken' } };
    tasks[2] = { ...tasks[2], principal: { userId: 'OTHER\\nobody', logonType: 'InteractiveToken' } };
    // taskctl writes LogonType ServiceAccount for a service account it does not know by name; the
    // schema has no such value, and Windows 11 26100 was seen refusing it as out of range.
    tasks[1] = { ...tasks[1], principal: { userId: 'PC\\svc-gmsa$', logonType: 'ServiceAccount' } };
    const fleetFile = config(cli, 'fleet.json', { prefix: 'AGI', tasks });
    const applied = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(applied.code).toBe(1);
    const output = applied.stdout + applied.stderr;
    for (const task of [KOREAN_TASK, BOOT_TASK]) {
      expect(output).toContain(`${task}: Task Scheduler rejected <UserId>`);
    }
    expect(output.match(/no mapping between account names and security IDs was done: the account does not exist here \(0x80070534 ERROR_NONE_MAPPED\)/g)).toHaveLength(2);
    expect(output).toMatch(new RegExp(`${NIGHTLY_TASK.replace(/\\/g, '\\\\')}: Task Scheduler rejected <LogonType> at line \\d+, column \\d+ of the task XML: a value in the task XML is incorrectly formatted or out of range \\(0x80041318 SCHED_E_INVALIDVALUE\\)`));
    expect(output).toContain('<LogonType>ServiceAccount</LogonType>');
    expect(output).toMatch(/nothing was changed/i);
    expect(cli.sim.listTasks()).toEqual([]);
    expect(backupDirs(cli)).toEqual([]);
  }, 300_000);

  it('a create for a task that appeared after the plan is refused, never overwritten', async () => {
    const cli = createSimulatedCli(pwsh);
    const fleetFile = config(cli, 'fleet.json', fleet());
    const intruder = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="${NS}"><Actions><Exec><Command>someone-elses.exe</Command></Exec></Actions></Task>`;
    let planted = '';
    cli.beforeProcess = (request) => {
      if (!request.args.at(-1)?.endsWith('apply-tasks.ps1')) return;
      // Between the re-read under the lock and the write, another admin registers the task.
      const first = (JSON.parse(request.input ?? '{}') as { operations: { folder: string; name: string; path: string }[] }).operations[0]!;
      cli.sim.writeTask(first.folder, first.name, intruder);
      planted = first.path;
    };
    const applied = await cli.run(['apply', '--config', fleetFile, '--yes']);
    expect(applied.code).toBe(1);
    expect(planted).not.toBe('');
    expect(applied.stdout + applied.stderr).toContain(`${planted}: Task Scheduler refused: a task or folder with that name already exists (0x800700B7 ERROR_ALREADY_EXISTS)`);
    expect(applied.stdout + applied.stderr).toMatch(/appeared after the plan was made: taskctl creates with TASK_CREATE and never overwrites/);
    expect(storedTask(cli, planted)!.text).toContain('someone-elses.exe');
    expect(cli.sim.listTasks()).toEqual([planted]);
  }, 300_000);

  it('1 task, with a stored password: it reaches Task Scheduler intact and is never printed; a wrong one is refused before anything changes', async () => {
    const cli = createSimulatedCli(pwsh);
    const secret = '비밀번호 p@ss "$(whoami)" 2025-01-01T00:00:00';
    cli.sim.configure({ accounts: [{ name: 'PC\\철수', sid: 'S-1-5-21-7-7-7-1001', password: secret }] });
    const fleetFile = config(cli, 'fleet.json', fleet({ logonType: 'Password', without: [NIGHTLY_TASK, BOOT_TASK] }));
    const variable = passwordVariableFor('PC\\철수');
    expect(variable).toBe('TASKCTL_PASSWORD_PC_5C__CCA0__C218_');

    const wrong = await cli.run(['apply', '--config', fleetFile, '--yes'], { [variable]: 'wrong password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).toMatch(/0x8007052E ERROR_LOGON_FAILURE/);
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong password');
    expect(cli.sim.listTasks()).toEqual([]);

    const right = await cli.run(['apply', '--config', fleetFile, '--yes'], { [variable]: secret });
    expect(right.code, right.stderr).toBe(0);
    expect(right.stderr).toMatch(/Log on as a batch job/);
    const output = right.stdout + right.stderr;
    for (const part of [secret, '비밀번호', 'whoami']) expect(output).not.toContain(part);
    const stored = storedTask(cli, KOREAN_TASK)!.text;
    expect(stored).toContain('<LogonType>Password</LogonType>');
    expect(stored).not.toContain('비밀번호');
    for (const call of cli.calls) expect(call.args.join(' ')).not.toContain('비밀번호');
    expect(cli.sim.listTasks()).toEqual([KOREAN_TASK]);
    const planned = await cli.run(['plan', '--config', fleetFile, '--detailed-exitcode'], { [variable]: secret });
    expect(planned.code, planned.stdout).toBe(0);
  }, 300_000);
});
