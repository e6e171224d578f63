/**
 * Temporary folders for tests, removed when the test file ends (test/support/setup.ts
 * registers the clean-up), so a run of the suite leaves nothing behind in the temp
 * directory or the repository.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A fresh folder under the system temp directory, named `<prefix>XXXXXX`. */
export function makeTempDir(prefix = 'taskctl-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder made by `makeTempDir` in this test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
