/**
 * A config in a folder of its own (`x/fleet.ts` in the temp directory) that imports from
 * 'taskctl' loads and plans with taskctl however it was installed:
 *
 *   clone, source   node --import <jiti-register> src/bin.ts   (no build)
 *   clone, build    node dist/bin.js                           (npm run build: scripts/build.mjs)
 *   npm link        <prefix>/bin/taskctl → the clone's build
 *   npm install -g  <prefix>/bin/taskctl from the `npm pack` tarball (its dependencies from the registry)
 *
 * Nothing on disk resolves 'taskctl' from x/ (checked): the config loader's alias to the
 * running taskctl's own entry is what loads it. The suite needs no prior `npm run build`: the
 * package is the run's one build (test/support/built-package.ts: the clone's files, its
 * node_modules linked in), packed from there, and `npm link` / `npm install -g` get a temp `prefix`, so the real global
 * folder is never touched. Everything lives under one temp folder, removed at the end.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPackage } from '../support/built-package.js';
import { makeTempDir } from '../support/temp-dirs.js';

const REPO = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

const FLEET_TS = `import { defineConfig, defineTask, every } from 'taskctl';

const check = defineTask({
  name: 'AGI_Fleet_Check',
  actions: [{ command: 'python.exe', arguments: 'C:\\\\AGI\\\\check_health.py' }],
  triggers: [every('15m', { from: '2025-01-01T00:05:00' })],
  timeLimit: '2m',
});

export default defineConfig({ tasks: [check] });
`;

/** npm with a quiet, self-contained configuration; `prefix` is where global installs and links go. */
async function npm(args: string[], cwd: string, prefix?: string): Promise<string> {
  const env = {
    ...process.env,
    npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_loglevel: 'error',
    // `npm link` takes the global prefix from the configuration only (its --prefix is the local one).
    ...(prefix === undefined ? {} : { npm_config_prefix: prefix }),
  };
  const npmCli = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { stdout } = await run(npmCli, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' });
  return stdout;
}

/** The `taskctl` command npm puts in a prefix. */
function binIn(prefix: string): string {
  return process.platform === 'win32' ? join(prefix, 'taskctl.cmd') : join(prefix, 'bin', 'taskctl');
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a taskctl (command + leading args) in `cwd`, with its state folders under `root`. */
async function taskctl(command: string[], args: string[], cwd: string, root: string): Promise<Result> {
  const [file, ...lead] = command as [string, ...string[]];
  const env = { ...process.env, HOME: join(root, 'home'), XDG_STATE_HOME: join(root, 'state'), NO_COLOR: '1' };
  return run(file, [...lead, ...args], { cwd, env, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' && file.endsWith('.cmd') })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(e),
    }));
}

describe('a config outside the project importing from taskctl, with taskctl installed every way', () => {
  let root: string;
  let x: string;
  let staging: Promise<string>;

  beforeAll(() => {
    root = makeTempDir('taskctl-install-');
    x = join(root, 'x');
    mkdirSync(join(x, 'store'), { recursive: true });
    writeFileSync(join(x, 'fleet.ts'), FLEET_TS);
    // The build runs while the source form is tested; the other forms wait for it.
    staging = builtPackage();
    staging.catch(() => undefined);
  });

  /** `plan` with the given taskctl, from x/: the config loads, compiles, and means what it says. */
  async function expectConfigLoads(command: string[]): Promise<void> {
    const plan = await taskctl(command, ['plan', '--config', 'fleet.ts', '--store', 'store'], x, root);
    expect(plan.stderr).not.toMatch(/Cannot find|error/i);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('+ create \\AGI_Fleet_Check');
    expect(plan.stdout).toContain('triggers[0]: at 2025-01-01T00:05:00, every PT15M');
    expect(plan.stdout).toContain('actions[0]: python.exe C:\\AGI\\check_health.py');
    expect(plan.stdout).toContain('time limit: PT2M');
    expect(plan.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete.');
  }

  it("nothing on disk resolves 'taskctl' from the config's folder", () => {
    expect(() => createRequire(join(x, 'fleet.ts')).resolve('taskctl')).toThrow(/Cannot find module 'taskctl'/);
  });

  it('from a clone, run from source (node --import jiti-register src/bin.ts)', async () => {
    const register = pathToFileURL(join(REPO, 'node_modules', 'jiti', 'lib', 'jiti-register.mjs')).href;
    await expectConfigLoads([process.execPath, '--import', register, join(REPO, 'src', 'bin.ts')]);
  }, 300_000);

  it('from a clone, built (node dist/bin.js)', async () => {
    const pkg = await staging;
    await expectConfigLoads([process.execPath, join(pkg, 'dist', 'bin.js')]);
  }, 300_000);

  it('from npm link (into a temp prefix)', async () => {
    const pkg = await staging;
    const prefix = join(root, 'link-prefix');
    await npm(['link'], pkg, prefix);
    expect(existsSync(binIn(prefix))).toBe(true);
    await expectConfigLoads([binIn(prefix)]);
  }, 300_000);

  it('from npm install -g of the npm pack tarball (into a temp prefix; dependencies from the registry)', async () => {
    const pkg = await staging;
    // A run leaves the code cache of the vendored yargs beside it (core/vendored.ts): the tarball leaves it out.
    await promisify(execFile)(process.execPath, [join(pkg, 'dist', 'bin.js'), '--help']);
    expect(existsSync(join(pkg, 'dist', 'vendor', 'yargs.cjs.v8cache'))).toBe(true);
    const packed = JSON.parse(await npm(['pack', '--json', '--pack-destination', root], pkg)) as { filename: string; files: { path: string }[] }[];
    const tarball = join(root, packed[0]!.filename);
    const paths = packed[0]!.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/bin.js', 'dist/index.js', 'dist/index.d.ts', 'package.json']));
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('node_modules/') || p.includes('.v8cache'))).toEqual([]);
    const prefix = join(root, 'global-prefix');
    await npm(['install', '--global', '--prefix', prefix, tarball], root);
    expect(existsSync(binIn(prefix))).toBe(true);
    await expectConfigLoads([binIn(prefix)]);
  }, 300_000);
});
