/**
 * taskctl as it ships: `npm run build` (scripts/build.mjs: the esbuild bundle and the
 * declarations) into a folder of its own, beside package.json, install.ps1, every entry of
 * package.json's `files` and the clone's node_modules, so that tests run the built
 * `node dist/bin.js`, install.ps1, `npm link` and `npm pack` exactly as a person does,
 * whatever state the repository's own dist/ is in.
 *
 * Built once per test run, on first use: test/support/global-setup.ts names a folder in
 * TASKCTL_TEST_BUILD_DIR and removes it at the end; the first worker to ask builds (it
 * claims the folder with an atomic mkdir), the others wait for its `done` or `failed` mark.
 * The package is shared: tests must not write into it (its runs do write one thing, the code
 * caches beside dist/vendor/'s files, core/vendored.ts: each is replaced whole, never half-written).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
export const BUILD_DIR_VARIABLE = 'TASKCTL_TEST_BUILD_DIR';
const WAIT_MS = 600_000;

/** The built package's folder (read-only for tests). */
export async function builtPackage(): Promise<string> {
  const root = process.env[BUILD_DIR_VARIABLE] ?? mkdtempSync(join(tmpdir(), 'taskctl-package-'));
  const pkg = join(root, 'pkg');
  try {
    mkdirSync(pkg);
  } catch {
    return waitForBuild(root, pkg);
  }
  try {
    await build(pkg);
    writeFileSync(join(root, 'done'), '');
  } catch (error) {
    writeFileSync(join(root, 'failed'), String((error as Error).message));
    throw error;
  }
  return pkg;
}

async function waitForBuild(root: string, pkg: string): Promise<string> {
  for (const started = Date.now(); Date.now() - started < WAIT_MS; await sleep(250)) {
    if (existsSync(join(root, 'done'))) return pkg;
    if (existsSync(join(root, 'failed'))) throw new Error(`the package build failed in another test file:\n${readFileSync(join(root, 'failed'), 'utf8')}`);
  }
  throw new Error(`the package build in ${pkg} did not finish within ${WAIT_MS / 1000} s`);
}

/** Asynchronously: the test worker must keep answering vitest meanwhile. */
async function build(pkg: string): Promise<void> {
  // A type error fails `npm run build` but the JavaScript is still written: only missing output fails here.
  const output = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), '--out', join(pkg, 'dist')], { timeout: WAIT_MS, maxBuffer: 64 * 1024 * 1024 })
    .then((r) => r.stdout + r.stderr, (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`);
  if (!existsSync(join(pkg, 'dist', 'bin.js'))) throw new Error(`the build wrote no dist/bin.js:\n${output}`);
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
  for (const entry of ['package.json', 'install.ps1', ...manifest.files.filter((f) => f !== 'dist' && !f.startsWith('!'))]) {
    cpSync(join(REPO_ROOT, entry), join(pkg, entry), { recursive: true });
  }
  // A clone after `npm install`: its node_modules (npm link and npm pack leave it alone).
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
}
