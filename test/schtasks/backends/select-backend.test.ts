import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TaskctlError } from '../../../src/core/errors.js';
import { resolveTemplatesDir, selectBackend } from '../../../src/schtasks/backends/select-backend.js';
import { createFakeRunner } from '../../fakes/fake-runner.js';
import { createMemoryFs } from '../../fakes/memory-fs.js';
import { scriptOutput } from '../../fakes/powershell-script-output.js';
import { REPO_ROOT } from './corpus.js';

const base = () => ({ fs: createMemoryFs().fs, runner: createFakeRunner([]), env: {}, templatesDir: '/pkg/templates' });

describe('selectBackend', () => {
  it('--live → a read-only snapshot', async () => {
    const backend = await selectBackend({ ...base(), live: '/snap.json', platform: 'linux' });
    expect(backend?.readOnly).toBe(true);
    expect(backend?.description).toBe('snapshot /snap.json');
  });

  it('--store → a writable store', async () => {
    const backend = await selectBackend({ ...base(), store: '/store', platform: 'win32' });
    expect(backend?.readOnly).toBe(false);
    expect(backend?.description).toBe('store /store');
    expect(backend?.lockKey).toBe('/store');
  });

  it('both → an error naming both', async () => {
    await expect(selectBackend({ ...base(), live: '/a', store: '/b', platform: 'win32' })).rejects.toThrow(TaskctlError);
    await expect(selectBackend({ ...base(), live: '/a', store: '/b', platform: 'win32' })).rejects.toThrow(/--live and --store/);
  });

  it('neither, off Windows → undefined (the caller names --live and --store)', async () => {
    expect(await selectBackend({ ...base(), platform: 'linux' })).toBeUndefined();
    expect(await selectBackend({ ...base(), platform: 'darwin' })).toBeUndefined();
  });

  it('neither, on Windows → the Task Scheduler through Windows PowerShell by full path, or TASKCTL_POWERSHELL', async () => {
    const runner = createFakeRunner([
      { command: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', result: scriptOutput({ ok: true, tasks: [] }) },
      { command: 'pwsh', result: scriptOutput({ ok: true, tasks: [] }) },
    ]);
    const windows = await selectBackend({ ...base(), runner, platform: 'win32', env: { SystemRoot: 'C:\\Windows' } });
    expect(windows?.lockKey).toBe('windows-task-scheduler');
    await windows?.readTasks('AGI');
    const pwsh = await selectBackend({ ...base(), runner, platform: 'win32', env: { SystemRoot: 'C:\\Windows', TASKCTL_POWERSHELL: 'pwsh' } });
    await pwsh?.readTasks('AGI');
    runner.assertAllUsed();
    expect(runner.calls.map((c) => c.args.at(-1))).toEqual([join('/pkg/templates', 'read-tasks.ps1'), join('/pkg/templates', 'read-tasks.ps1')]);
  });
});

describe('selectBackend with TASKCTL_SCHEDULER_SIMULATOR', () => {
  it('neither --live nor --store, any system → the PowerShell backend against the simulated Task Scheduler, pwsh by default', async () => {
    const runner = createFakeRunner([
      { command: 'pwsh', result: scriptOutput({ ok: true, tasks: [] }) },
      { command: '/opt/pwsh/pwsh', result: scriptOutput({ ok: true, tasks: [] }) },
    ]);
    const linux = await selectBackend({ ...base(), runner, platform: 'linux', simulator: '/sim' });
    expect(linux?.description).toBe('the simulated Task Scheduler in /sim');
    expect(linux?.lockKey).toBe('simulated-task-scheduler:/sim');
    await linux?.readTasks('AGI');
    const chosen = await selectBackend({ ...base(), runner, platform: 'darwin', simulator: '/sim', env: { TASKCTL_POWERSHELL: '/opt/pwsh/pwsh' } });
    await chosen?.readTasks('AGI');
    runner.assertAllUsed();
    expect(runner.calls.map((c) => c.env)).toEqual([{ TASKCTL_SCHEDULER_SIMULATOR: '/sim' }, { TASKCTL_SCHEDULER_SIMULATOR: '/sim' }]);
  });

  it('--live and --store still win; an empty variable is no simulator', async () => {
    expect((await selectBackend({ ...base(), store: '/store', platform: 'linux', simulator: '/sim' }))?.description).toBe('store /store');
    expect((await selectBackend({ ...base(), live: '/s.json', platform: 'linux', simulator: '/sim' }))?.readOnly).toBe(true);
    expect(await selectBackend({ ...base(), platform: 'linux', simulator: '  ' })).toBeUndefined();
  });
});

describe('resolveTemplatesDir', () => {
  it('finds templates/ from src/schtasks/backends (tests) in the real tree', () => {
    const dir = resolveTemplatesDir();
    expect(dir).toBe(join(REPO_ROOT, 'templates'));
    expect(existsSync(join(dir, 'read-tasks.ps1'))).toBe(true);
    expect(existsSync(join(dir, 'apply-tasks.ps1'))).toBe(true);
  });

  it.each([
    ['dist/schtasks/backends (tsconfig.build.json)', 'dist/schtasks/backends/select-backend.js'],
    ['dist/src/schtasks/backends (tsconfig.json)', 'dist/src/schtasks/backends/select-backend.js'],
    ['src/schtasks/backends', 'src/schtasks/backends/select-backend.ts'],
  ])('finds <package>/templates from %s', (_, modulePath) => {
    const pkg = '/opt/node_modules/taskctl';
    const url = pathToFileURL(join(pkg, modulePath)).href;
    const exists = (path: string) => path === join(pkg, 'templates', 'read-tasks.ps1');
    expect(resolveTemplatesDir(url, exists)).toBe(join(pkg, 'templates'));
  });

  it('says so when the templates are missing', () => {
    expect(() => resolveTemplatesDir(pathToFileURL('/x/dist/schtasks/backends/select-backend.js').href, () => false)).toThrow(/templates were not found/);
  });
});
