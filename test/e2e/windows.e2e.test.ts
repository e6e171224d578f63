/**
 * End-to-end against the REAL Windows Task Scheduler through the real PowerShell
 * backend: the built CLI (`node dist/bin.js`) is run as a process, exactly as a
 * person or install.ps1 would run it.
 *
 * Everything happens under a throw-away prefix `TASKCTL_E2E_<random>` in a task
 * folder `\taskctl-e2e-<random>\` (and folders nested in it, and one locked folder
 * `\taskctl-e2e-<random>-locked\`), with start dates in 2030 so no task ever runs.
 * afterAll removes it all: first through taskctl itself (an empty declaration,
 * pruned), then, whatever happened, through remove-e2e-tasks.ps1 for that exact prefix.
 *
 * Besides plan/apply/restore: Korean text in a nested folder, a task that runs as the
 * signed-in user (not SYSTEM), tasks Windows refuses in its validate pass, and a folder
 * the account may not list (the warnings path).
 *
 * Runs only on Windows with TASKCTL_E2E=1 (the windows-e2e job of
 * .github/workflows/ci.yml, as Administrator); everywhere else it is reported as
 * skipped, with the reason in its title.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';

const enabled = process.platform === 'win32' && process.env['TASKCTL_E2E'] === '1';
const skipReason = `skipped: needs Windows with TASKCTL_E2E=1 (here: platform ${process.platform}, TASKCTL_E2E=${process.env['TASKCTL_E2E'] ?? 'unset'})`;
const suiteTitle = enabled
  ? 'taskctl against the real Task Scheduler (needs Windows with TASKCTL_E2E=1)'
  : `taskctl against the real Task Scheduler — ${skipReason}`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const cleanupScript = join(repoRoot, 'test', 'e2e', 'remove-e2e-tasks.ps1');
const lockScript = join(repoRoot, 'test', 'e2e', 'lock-folder.ps1');
/** Registering and exporting through PowerShell takes seconds per call on a cold runner. */
const STEP_TIMEOUT = 240_000;

const suffix = randomBytes(4).toString('hex');
const prefix = `TASKCTL_E2E_${suffix}`;
const folder = `\\taskctl-e2e-${suffix}\\`;
const alphaPath = `${folder}${prefix}_Alpha`;
const betaPath = `${folder}${prefix}_Beta`;
const gammaPath = `${folder}${prefix}_Gamma`;
const nestedFolder = `${folder}하위 폴더\\깊이\\`;
const koreanPath = `${nestedFolder}${prefix}_한글_작업`;
const userPath = `${folder}${prefix}_User`;
const lockedFolder = `\\taskctl-e2e-${suffix}-locked\\`;
const KOREAN_DESCRIPTION = '상태 점검 — 한글 설명 😀 漢字 "따옴표"';

interface FleetOptions {
  alphaInterval: string;
  withGamma: boolean;
}

/** A small fleet in the contract's JSON form. Nothing overlaps, and nothing starts before 2030. */
function fleet({ alphaInterval, withGamma }: FleetOptions): unknown {
  const system = { userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' };
  const tasks: Array<Record<string, unknown>> = [
    {
      name: `${prefix}_Alpha`,
      folder,
      description: 'taskctl end-to-end test task; safe to delete',
      actions: [{ command: 'cmd.exe', arguments: '/c exit 0' }],
      triggers: [{ type: 'time', start: '2030-01-01T00:00:00', repeat: { interval: alphaInterval } }],
      timeLimit: 'PT2M',
      group: 'e2e',
      principal: system,
    },
    {
      name: `${prefix}_Beta`,
      folder,
      actions: [{ command: 'cmd.exe', arguments: '/c exit 0 & rem "beta" <b>' }],
      triggers: [{ type: 'time', start: '2030-01-01T00:05:00', repeat: { interval: 'PT15M' } }],
      timeLimit: 'PT2M',
      group: 'e2e',
      principal: system,
    },
  ];
  if (withGamma) {
    tasks.push({
      name: `${prefix}_Gamma`,
      folder,
      actions: [{ command: 'cmd.exe', arguments: '/c exit 0 gamma-marker' }],
      triggers: [{ type: 'daily', start: '2030-01-01T03:45:00', daysInterval: 1 }],
      timeLimit: 'PT5M',
      group: 'e2e-daily',
      principal: system,
    });
  }
  return { prefix, tasks };
}

/** The full fleet plus Korean text in a nested folder and a task that runs as the signed-in user. */
function extendedFleet(extra: Array<Record<string, unknown>> = []): unknown {
  const base = fleet({ alphaInterval: 'PT30M', withGamma: true }) as { prefix: string; tasks: Array<Record<string, unknown>> };
  base.tasks.push(
    {
      name: `${prefix}_한글_작업`,
      folder: nestedFolder,
      description: KOREAN_DESCRIPTION,
      actions: [{ command: 'cmd.exe', arguments: '/c echo "한글 인자" 😀 > nul' }],
      triggers: [{ type: 'daily', start: '2030-01-01T05:00:00' }],
      timeLimit: 'PT2M',
      group: 'e2e-korean',
      principal: { userId: 'S-1-5-18' },
    },
    {
      name: `${prefix}_User`,
      folder,
      actions: [{ command: 'cmd.exe', arguments: '/c exit 0 user' }],
      triggers: [{ type: 'daily', start: '2030-01-01T06:00:00' }],
      timeLimit: 'PT2M',
      group: 'e2e-user',
      // Not SYSTEM: the account running the tests, which needs no password for an interactive token.
      principal: { userId: `${process.env['USERDOMAIN'] ?? '.'}\\${process.env['USERNAME'] ?? ''}`, logonType: 'InteractiveToken' },
    },
    ...extra,
  );
  return base;
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let work = '';
let backupRoot = '';

function writeConfig(name: string, config: unknown): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/** Runs the built CLI as a process; stdout and stderr come back as text. */
function taskctl(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: STEP_TIMEOUT - 10_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts the exit code; a failure shows the CLI's own output. */
function expectExit(result: CliResult, code: number): void {
  expect(result.code, `taskctl exit code\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`).toBe(code);
}

function apply(config: string, ...extra: string[]): CliResult {
  return taskctl('apply', '--config', config, '--yes', '--backup-dir', backupRoot, ...extra);
}

function planJson(config: string, ...extra: string[]): { changes: unknown[]; summary: Record<string, number> } {
  const result = taskctl('plan', '--config', config, '--json', ...extra);
  expectExit(result, 0);
  return JSON.parse(result.stdout) as { changes: unknown[]; summary: Record<string, number> };
}

/** Every task XML file under the backup root, as its path relative to the root, split into segments. */
function backupFiles(): string[][] {
  if (!existsSync(backupRoot)) return [];
  const found: string[][] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.xml')) found.push(relative(backupRoot, path).split(sep));
    }
  };
  walk(backupRoot);
  return found;
}

function powershell(): string {
  return process.env['TASKCTL_POWERSHELL'] ?? 'powershell.exe';
}

function runScript(script: string, ...args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(powershell(), ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe.skipIf(!enabled)(suiteTitle, () => {
  let fullConfig = '';
  let changedConfig = '';
  let withoutGammaConfig = '';

  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'npm run build' before the end-to-end tests.`);
    work = mkdtempSync(join(tmpdir(), 'taskctl-e2e-'));
    backupRoot = join(work, 'backups');
    fullConfig = writeConfig('fleet.json', fleet({ alphaInterval: 'PT15M', withGamma: true }));
    changedConfig = writeConfig('fleet-changed.json', fleet({ alphaInterval: 'PT30M', withGamma: true }));
    withoutGammaConfig = writeConfig('fleet-without-gamma.json', fleet({ alphaInterval: 'PT30M', withGamma: false }));
  });

  afterAll(() => {
    const problems: string[] = [];
    let prunedByTaskctl = false;
    if (work) {
      try {
        const empty = writeConfig('empty.json', { prefix, tasks: [] });
        const pruned = apply(empty);
        prunedByTaskctl = pruned.code === 0;
        if (!prunedByTaskctl) problems.push(`taskctl apply of an empty declaration exited ${pruned.code}:\n${pruned.stderr}`);
      } catch (error) {
        problems.push(`taskctl apply of an empty declaration could not run: ${(error as Error).message}`);
      }
    }
    // Whatever taskctl did, remove this run's prefix and folder directly. (The folder itself is
    // expected here: deleting tasks leaves their folder behind.)
    const lastResort = runScript(cleanupScript, '-Prefix', prefix);
    if (lastResort.status !== 0) {
      problems.push(`remove-e2e-tasks.ps1 failed (${lastResort.error?.message ?? `exit ${lastResort.status}`}):\n${lastResort.stderr}`);
    }
    const leftovers = String(lastResort.stdout ?? '').split(/\r?\n/).filter((line) => /^removing task \\/.test(line));
    if (prunedByTaskctl && leftovers.length > 0) {
      problems.push(`taskctl's prune reported success but left tasks under ${prefix}:\n${leftovers.join('\n')}`);
    }
    if (work) rmSync(work, { recursive: true, force: true });
    if (problems.length > 0) throw new Error(`end-to-end cleanup of ${prefix}:\n${problems.join('\n')}`);
  }, STEP_TIMEOUT * 2);

  it('plans the new fleet as exactly three creates', () => {
    const plan = planJson(fullConfig);
    expect(plan.changes).toEqual([
      { action: 'create', task: alphaPath },
      { action: 'create', task: betaPath },
      { action: 'create', task: gammaPath },
    ]);
    expect(plan.summary).toEqual({ create: 3, update: 0, delete: 0, unchanged: 0 });
  }, STEP_TIMEOUT);

  it('applies it, after which plan --detailed-exitcode finds nothing to do', () => {
    expectExit(apply(fullConfig), 0);
    expectExit(taskctl('plan', '--config', fullConfig, '--detailed-exitcode'), 0);
    // A second apply changes nothing.
    expectExit(apply(fullConfig), 0);
    expect(backupFiles()).toEqual([]);
  }, STEP_TIMEOUT);

  it('shows a changed repetition interval as exactly that one field, and applies it with a backup', () => {
    const plan = planJson(changedConfig);
    expect(plan.changes).toEqual([
      { action: 'update', task: alphaPath, fields: [{ path: 'triggers[0].repeat.interval', before: 'PT15M', after: 'PT30M' }] },
    ]);
    expect(plan.summary).toEqual({ create: 0, update: 1, delete: 0, unchanged: 2 });

    expectExit(apply(changedConfig), 0);
    expectExit(taskctl('plan', '--config', changedConfig, '--detailed-exitcode'), 0);
    const backups = backupFiles();
    expect(backups).toHaveLength(1);
    expect(backups[0]?.slice(1)).toEqual([`taskctl-e2e-${suffix}`, `${prefix}_Alpha.xml`]);
  }, STEP_TIMEOUT);

  let gammaBackupDir = '';

  it('deletes a task removed from the declarations, saving its XML first', () => {
    const plan = planJson(withoutGammaConfig);
    expect(plan.changes).toEqual([{ action: 'delete', task: gammaPath }]);

    expectExit(apply(withoutGammaConfig), 0);
    expectExit(taskctl('plan', '--config', withoutGammaConfig, '--detailed-exitcode'), 0);

    const gammaBackups = backupFiles().filter((segments) => segments.at(-1) === `${prefix}_Gamma.xml`);
    expect(gammaBackups).toHaveLength(1);
    const [timestamp, taskFolder] = gammaBackups[0] ?? [];
    expect(taskFolder).toBe(`taskctl-e2e-${suffix}`);
    gammaBackupDir = join(backupRoot, timestamp ?? '');
    const saved = decodeTaskBytes(readFileSync(join(gammaBackupDir, ...(gammaBackups[0] ?? []).slice(1))));
    expect(saved.text).toContain('<Task');
    expect(saved.text).toContain('gamma-marker');
  }, STEP_TIMEOUT);

  it('restores the deleted task from its backup folder', () => {
    expect(gammaBackupDir).not.toBe('');
    expectExit(taskctl('restore', gammaBackupDir, '--yes'), 0);

    // Back, but undeclared: the prune plan wants it gone again, the --no-prune plan is clean...
    expect(planJson(withoutGammaConfig).changes).toEqual([{ action: 'delete', task: gammaPath }]);
    expectExit(taskctl('plan', '--config', withoutGammaConfig, '--no-prune', '--detailed-exitcode'), 0);
    // ...and it came back exactly as declared before.
    expectExit(taskctl('plan', '--config', changedConfig, '--detailed-exitcode'), 0);
  }, STEP_TIMEOUT);

  it('lists conflicts on the live tasks in the contract shape, naming the undeclared one', () => {
    const result = taskctl('list-conflicts', '--config', withoutGammaConfig, '--json', '--from', '2030-01-01T00:00:00', '--horizon', 'P1D');
    expect([0, 2], result.stderr).toContain(result.code);
    const report = JSON.parse(result.stdout) as { conflicts: Array<Record<string, unknown>> };
    expect(Array.isArray(report.conflicts)).toBe(true);
    for (const conflict of report.conflicts) {
      expect(conflict).toMatchObject({
        kind: expect.any(String),
        severity: expect.stringMatching(/^(error|warning|info)$/),
        source: expect.stringMatching(/^(declared|live)$/),
        tasks: expect.any(Array),
        message: expect.any(String),
      });
    }
    expect(report.conflicts).toContainEqual(expect.objectContaining({ kind: 'unmanaged', source: 'live', tasks: [gammaPath] }));
    // Only this run's tasks are ever mentioned.
    const mentioned = report.conflicts.flatMap((c) => c['tasks'] as string[]);
    expect(mentioned.every((task) => task.startsWith(folder))).toBe(true);
    expect(result.code).toBe(report.conflicts.some((c) => c['severity'] === 'error') ? 2 : 0);
  }, STEP_TIMEOUT);

  it('Korean text in a nested folder and a task that runs as the signed-in user: applied, then no changes', () => {
    const config = writeConfig('fleet-extended.json', extendedFleet());
    expectExit(apply(config), 0);
    expectExit(taskctl('plan', '--config', config, '--detailed-exitcode'), 0);
    const imported = join(work, 'imported.json');
    expectExit(taskctl('import', '--prefix', prefix, '--format', 'json', '--out', imported), 0);
    const text = readFileSync(imported, 'utf8');
    expect(text).toContain(KOREAN_DESCRIPTION.replace(/"/g, '\\"'));
    expect(text).toContain(`${prefix}_한글_작업`);
    expect(planJson(config).changes).toEqual([]);
    expect(planJson(config).summary).toMatchObject({ unchanged: 5 });
    expect([koreanPath, userPath].every((path) => path.startsWith(folder))).toBe(true);
  }, STEP_TIMEOUT);

  it('tasks Windows refuses in its validate pass: every refusal reported, nothing changed', () => {
    const rejected = writeConfig('fleet-rejected.json', extendedFleet([
      {
        name: `${prefix}_No_Such_User`,
        folder,
        actions: [{ command: 'cmd.exe', arguments: '/c exit 0' }],
        timeLimit: 'PT2M',
        principal: { userId: `TASKCTL-NO-SUCH-DOMAIN\\nobody-${suffix}`, logonType: 'InteractiveToken' },
      },
      {
        name: `${prefix}_Service_Account`,
        folder: nestedFolder,
        actions: [{ command: 'cmd.exe', arguments: '/c exit 0' }],
        timeLimit: 'PT2M',
        principal: { userId: `TASKCTL-NO-SUCH-DOMAIN\\gmsa-${suffix}$`, logonType: 'ServiceAccount' },
      },
    ]));
    const result = apply(rejected);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain(`${folder}${prefix}_No_Such_User:`);
    expect(output).toContain(`${nestedFolder}${prefix}_Service_Account:`);
    expect(output).toMatch(/nothing was changed/i);
    // The batch stopped before anything: the extended fleet is exactly as it was.
    expectExit(taskctl('plan', '--config', writeConfig('fleet-extended-again.json', extendedFleet()), '--detailed-exitcode'), 0);
  }, STEP_TIMEOUT);

  it('a folder the account may not list: plan warns, and apply refuses a change in it', () => {
    const locked = runScript(lockScript, '-Path', lockedFolder.slice(0, -1));
    expect(locked.status, String(locked.stderr)).toBe(0);
    try {
      const config = writeConfig('fleet-locked.json', extendedFleet([
        { name: `${prefix}_Behind_The_Lock`, folder: lockedFolder, actions: [{ command: 'cmd.exe', arguments: '/c exit 0' }], timeLimit: 'PT2M', principal: { userId: 'S-1-5-18' } },
      ]));
      const planned = taskctl('plan', '--config', config);
      expectExit(planned, 0);
      expect(planned.stderr).toContain(`could not list the tasks of folder ${lockedFolder.slice(0, -1)} (0x80070005`);
      const applied = apply(config);
      expect(applied.code, applied.stdout + applied.stderr).toBe(1);
      expect(applied.stdout + applied.stderr).toContain(`did not let taskctl list the folder ${lockedFolder.slice(0, -1)}`);
    } finally {
      const unlocked = runScript(lockScript, '-Path', lockedFolder.slice(0, -1), '-Unlock');
      expect(unlocked.status, String(unlocked.stderr)).toBe(0);
    }
  }, STEP_TIMEOUT);
});
