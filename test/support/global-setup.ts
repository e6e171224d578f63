/**
 * vitest.config.ts `globalSetup`: a folder for the one package build the run shares
 * (test/support/built-package.ts builds into it on first use; a run that needs no build
 * builds nothing), removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR_VARIABLE } from './built-package.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'taskctl-package-'));
  // Set before the workers start: they inherit it.
  process.env[BUILD_DIR_VARIABLE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
