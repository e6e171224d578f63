/**
 * taskctl as it is installed: the build (tsc -p tsconfig.build.json) in a folder of its own,
 * beside install.ps1, package.json, templates/ and node_modules/, so that tests run the
 * built `node dist/bin.js` and install.ps1 exactly as a person does, whatever state the
 * repository's own dist/ is in. The caller removes the folder.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './pwsh.js';

/** Builds the package (asynchronously: the test worker must keep answering vitest meanwhile). */
export async function buildPackage(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'taskctl-package-'));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // tsc writes JavaScript even when type errors elsewhere are reported: only missing output fails.
  const output = await promisify(execFile)(process.execPath, [tsc, '-p', join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', join(root, 'dist')], { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 })
    .then((r) => r.stdout + r.stderr, (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`);
  if (!existsSync(join(root, 'dist', 'bin.js'))) throw new Error(`the build wrote no dist/bin.js:\n${output}`);
  for (const file of ['package.json', 'install.ps1']) copyFileSync(join(REPO_ROOT, file), join(root, file));
  for (const folder of ['templates', 'node_modules']) symlinkSync(join(REPO_ROOT, folder), join(root, folder), 'dir');
  return root;
}
