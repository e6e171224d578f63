/**
 * install.ps1 executed under pwsh against the simulated Windows (templates/simulator,
 * TASKCTL_SCHEDULER_SIMULATOR), from a built package, the way the README runs it: -WhatIf
 * changes nothing, an unattended run reaches an empty plan and ends with taskctl doctor, a
 * second run changes nothing, and every failure (no node, node older than 20.5, not
 * Windows, not elevated, apply refused) says why and exits non-zero. npm is a stand-in that
 * records what it was asked (the build is the package's own); node is the real one.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtPackage } from '../support/built-package.js';
import { describeWithPwsh } from './pwsh.js';
import { createSimulatorDir, healthyMachine, type SimulatorDir } from './simulator-dir.js';

const FLEET = {
  prefix: 'AGI',
  tasks: [
    {
      name: 'AGI_상태_점검',
      folder: '\\모니터링\\',
      description: '설치 시험',
      actions: [{ command: 'python.exe', arguments: 'C:\\AGI\\check_health.py' }],
      triggers: [{ type: 'time', start: '2025-01-01T00:12:00', repeat: { interval: 'PT15M' } }],
      timeLimit: 'PT2M',
      principal: { userId: 'S-1-5-18' },
    },
    {
      name: 'AGI_Daily_Report',
      actions: [{ command: 'python.exe', arguments: 'C:\\AGI\\report.py' }],
      triggers: [{ type: 'daily', start: '2025-01-01T03:45:00' }],
      timeLimit: 'PT10M',
      principal: { userId: 'S-1-5-18' },
    },
  ],
};

/** The job's script started by hand, not by Task Scheduler: doctor reports a stray (exit 2). */
const STRAY_MACHINE = healthyMachine('AGI-PC', {
  processes: [
    { ProcessId: 880, ParentProcessId: 4, Name: 'explorer.exe', CommandLine: 'C:\\Windows\\explorer.exe', CreationDate: '2025-01-06T07:00:00+09:00', WorkingSetSize: 1, UserModeTime: 1, KernelModeTime: 1 },
    { ProcessId: 4120, ParentProcessId: 880, Name: 'python.exe', CommandLine: 'python.exe C:\\AGI\\check_health.py', CreationDate: '2025-01-06T08:00:00+09:00', WorkingSetSize: 104857600, UserModeTime: 1200000000, KernelModeTime: 30000000 },
  ],
});

/** A machine with nothing wrong: doctor exits 0 on it. */
const HEALTHY_MACHINE = healthyMachine('AGI-PC');

describeWithPwsh('install.ps1 under pwsh against the simulated Windows', (pwsh) => {
  let pkg = '';
  let bins = '';

  beforeAll(async () => {
    pkg = await builtPackage();
    bins = mkdtempSync(join(tmpdir(), 'taskctl-bins-'));
    // npm: records its arguments, changes nothing.
    mkdirSync(join(bins, 'npm-fake'));
    writeFileSync(join(bins, 'npm-fake', 'npm'), `#!/bin/sh\necho "$@" >> "$NPM_LOG"\n`);
    chmodSync(join(bins, 'npm-fake', 'npm'), 0o755);
    // node 20.4: one minor below execa's floor; a node that fails; one that prints no version.
    const nodes: [string, string][] = [['old-node', 'echo v20.4.0'], ['failing-node', 'exit 3'], ['odd-node', 'echo nightly']];
    for (const [dir, script] of nodes) {
      mkdirSync(join(bins, dir));
      writeFileSync(join(bins, dir, 'node'), `#!/bin/sh\n${script}\n`);
      chmodSync(join(bins, dir, 'node'), 0o755);
    }
    // A package that was never built: install.ps1 and its templates, no dist/.
    mkdirSync(join(bins, 'unbuilt'));
    copyFileSync(join(pkg, 'install.ps1'), join(bins, 'unbuilt', 'install.ps1'));
    symlinkSync(join(pkg, 'templates'), join(bins, 'unbuilt', 'templates'), 'dir');
    // Programs the run needs besides node: the pwsh of `dotnet tool install` starts dotnet from PATH.
    mkdirSync(join(bins, 'base'));
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (dir && existsSync(join(dir, 'dotnet')) && !existsSync(join(bins, 'base', 'dotnet'))) symlinkSync(join(dir, 'dotnet'), join(bins, 'base', 'dotnet'));
    }
  }, 600_000);

  afterAll(() => {
    // The package is the run's shared build (removed at the end of the run): only bins is this file's.
    if (bins) rmSync(bins, { recursive: true, force: true });
  });

  interface Install {
    sim: SimulatorDir;
    work: string;
    npmLog: string;
    run(args: string[], options?: { path?: string[]; simulator?: boolean; script?: string }): Promise<{ code: number | null; stdout: string; stderr: string }>;
  }

  function setUp(machine: unknown = HEALTHY_MACHINE, fleet: unknown = FLEET): Install {
    const sim = createSimulatorDir();
    writeFileSync(join(sim.computer(), '.machine.json'), JSON.stringify(machine));
    const work = join(sim.root, '.work');
    mkdirSync(work);
    writeFileSync(join(work, 'fleet.json'), JSON.stringify(fleet));
    const npmLog = join(work, 'npm.log');
    return {
      sim,
      work,
      npmLog,
      run(args, options = {}) {
        const path = [...(options.path ?? [join(bins, 'npm-fake'), dirname(process.execPath)]), join(bins, 'base')];
        const env: Record<string, string> = {
          PATH: path.join(delimiter),
          HOME: work,
          XDG_STATE_HOME: join(work, 'state'),
          TZ: 'UTC',
          NO_COLOR: '1',
          NPM_LOG: npmLog,
          TASKCTL_POWERSHELL: pwsh,
        };
        if (options.simulator !== false) env.TASKCTL_SCHEDULER_SIMULATOR = sim.root;
        // Not spawnSync: a run takes a minute, and the test worker must keep answering vitest.
        return new Promise((resolve, reject) => {
          const child = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-File', options.script ?? join(pkg, 'install.ps1'), '-Config', join(work, 'fleet.json'), ...args], { cwd: work, env });
          let stdout = '';
          let stderr = '';
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
          child.on('error', reject);
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        });
      },
    };
  }

  const npmCalls = (install: Install) => (existsSync(install.npmLog) ? readFileSync(install.npmLog, 'utf8').trim().split('\n') : []);

  it('-WhatIf changes nothing: no npm, no task; it shows the plan and the doctor\'s findings (exit 2 for a stray), and only warns when not elevated', async () => {
    const install = setUp(STRAY_MACHINE);
    install.sim.configure({ elevated: false });
    const result = await install.run(['-WhatIf', '-SampleSeconds', '0']);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toContain('+ create \\모니터링\\AGI_상태_점검');
    expect(result.stdout).toMatch(/What if: Performing the operation "taskctl apply/);
    expect(result.stdout).toContain("under the prefix 'AGI'");
    expect(result.stdout).toContain('taskctl doctor');
    expect(result.stdout).toMatch(/stray/i);
    expect(result.stdout + result.stderr).toMatch(/taskctl doctor found problems \(above\) that the schedule alone does not fix/);
    expect(result.stdout + result.stderr).toMatch(/Not elevated: fine for -WhatIf/);
    expect(npmCalls(install)).toEqual([]);
    expect(install.sim.listTasks()).toEqual([]);
  }, 600_000);

  it('an unattended run installs, applies, verifies an empty plan and checks the machine; a second run changes nothing', async () => {
    const install = setUp();
    const first = await install.run(['-Yes', '-SettleSeconds', '1', '-SampleSeconds', '0']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(npmCalls(install)).toEqual(['ci --include=dev --no-audit --no-fund', 'run build']);
    expect(first.stdout).toContain('The live tasks match the declarations.');
    expect(first.stdout).toContain('Letting the new schedule settle (1 s)');
    expect(first.stdout).toContain('Checking the machine (taskctl doctor)');
    expect(first.stdout).toContain('The machine is healthy.');
    expect(install.sim.listTasks()).toEqual(['\\AGI_Daily_Report', '\\모니터링\\AGI_상태_점검']);
    // The built CLI wrote them through pwsh: UTF-16LE with a BOM, Korean intact.
    const stored = install.sim.readTask('\\모니터링\\', 'AGI_상태_점검')!;
    expect([...stored.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(stored.text).toContain('<Description>설치 시험</Description>');

    const before = install.sim.snapshot();
    const second = await install.run(['-Yes', '-SkipInstall', '-SettleSeconds', '0', '-SampleSeconds', '0']);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('Nothing to change: the live tasks already match the declarations.');
    expect(install.sim.snapshot()).toEqual(before);
    expect(npmCalls(install)).toHaveLength(2);
  }, 900_000);

  it.each([
    ['no node on PATH', { path: ['empty'] }, /Node\.js was not found on PATH\. Install Node\.js 20\.5\.0 or newer/],
    ['node 20.4', { path: ['old-node', 'npm-fake'] }, /Node\.js v20\.4\.0 is too old \(.*\); taskctl needs 20\.5\.0 or newer/],
    ['a node that fails', { path: ['failing-node'] }, /'.*node --version' failed with exit code 3\./],
    ['a node without a version', { path: ['odd-node'] }, /Could not read the Node\.js version from 'nightly'/],
    ['not Windows (no simulator)', { simulator: false }, /runs on Windows only/],
    ['not built (-SkipInstall)', { script: 'unbuilt' }, /taskctl is not built: .*dist.bin\.js is missing/],
  ])('fails clearly, exit 1, changing nothing: %s', async (_, options, message) => {
    const install = setUp();
    const { path, script } = options as { path?: string[]; script?: string };
    const result = await install.run(['-Yes', '-SkipInstall'], {
      ...options,
      ...(path ? { path: path.map((dir) => join(bins, dir)) } : {}),
      ...(script ? { script: join(bins, script, 'install.ps1') } : {}),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^install\.ps1: /m);
    expect(result.stderr).toMatch(message);
    expect(install.sim.listTasks()).toEqual([]);
  }, 300_000);

  it('-WhatIf on a package that was never built says so and changes nothing', async () => {
    const install = setUp();
    const result = await install.run(['-WhatIf', '-SkipInstall'], { script: join(bins, 'unbuilt', 'install.ps1') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/taskctl is not built yet .* so there is no plan to show/);
  }, 300_000);

  it('not elevated: refuses to apply tasks that run as SYSTEM', async () => {
    const install = setUp();
    install.sim.configure({ elevated: false });
    const refused = await install.run(['-Yes', '-SkipInstall', '-SettleSeconds', '0', '-SampleSeconds', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/only an administrator can register them\. Run install\.ps1 from an elevated PowerShell/);
    expect(install.sim.listTasks()).toEqual([]);
  }, 600_000);

  it('declarations that conflict stop the script before the plan, naming the fix', async () => {
    const twice = { ...FLEET.tasks[1], group: 'reports' };
    const install = setUp(HEALTHY_MACHINE, { prefix: 'AGI', tasks: [twice, { ...twice, name: 'AGI_Daily_Report_Copy' }] });
    const result = await install.run(['-Yes', '-SkipInstall', '-SettleSeconds', '0', '-SampleSeconds', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/install\.ps1: The declarations themselves have error-severity conflicts/);
    expect(install.sim.listTasks()).toEqual([]);
  }, 300_000);

  it('apply refused (a task folder the account may not list): a clear message, exit 1, nothing changed; a live loop is shown as what apply fixes', async () => {
    const install = setUp();
    // A live task under the prefix that starts a never-ending loop: a live conflict, not a declared one.
    install.sim.writeTask('\\', 'AGI_LLM_AutoRestart', '<?xml version="1.0" encoding="UTF-16"?><Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><Actions><Exec><Command>powershell.exe</Command><Arguments>-File C:\\AGI\\auto_restart_local_llm.ps1 -Continuous</Arguments></Exec></Actions></Task>');
    install.sim.writeTask('\\모니터링\\', 'AGI_Old_Loop', '<?xml version="1.0" encoding="UTF-16"?><Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><Actions><Exec><Command>a.exe</Command></Exec></Actions></Task>');
    install.sim.configure({ denied: ['\\모니터링'] });
    const before = install.sim.snapshot();
    const result = await install.run(['-Yes', '-SkipInstall', '-SettleSeconds', '0', '-SampleSeconds', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/install\.ps1: taskctl apply did not complete \(exit code 1\)/);
    expect(result.stdout + result.stderr).toMatch(/did not let taskctl list the folder \\모니터링/);
    expect(result.stdout).toContain('The conflicts above are in the live tasks; applying the plan removes them.');
    expect(install.sim.snapshot()).toEqual(before);
  }, 600_000);
});
