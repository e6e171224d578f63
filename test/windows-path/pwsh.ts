/**
 * Where the PowerShell that runs the real templates is, and whether tests that need it
 * run. pwsh is looked up on PATH and in ~/.dotnet/tools (where `dotnet tool install
 * --global PowerShell` puts it). Without it the tests are reported as skipped with the
 * reason in their title; with TASKCTL_REQUIRE_PWSH=1 (set by .ci/run wherever dotnet
 * exists) a missing pwsh fails the suite instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');

function findPwsh(): string | undefined {
  const names = process.platform === 'win32' ? ['pwsh.exe'] : ['pwsh'];
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.dotnet', 'tools')];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

function probe(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const result = spawnSync(path, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Absolute path of pwsh, or undefined when there is none that starts. */
export const PWSH: string | undefined = (() => {
  const path = findPwsh();
  return probe(path) === undefined ? undefined : path;
})();

const PWSH_REQUIRED = process.env.TASKCTL_REQUIRE_PWSH === '1';

const SKIP_REASON = 'skipped: PowerShell 7 (pwsh) not found on PATH or in ~/.dotnet/tools — install it with `dotnet tool install --global PowerShell --version 7.6.9`';

/**
 * `describe` for tests that run real PowerShell: skipped (reason in the title) without pwsh,
 * failing when TASKCTL_REQUIRE_PWSH=1 says it must be there.
 */
export function describeWithPwsh(title: string, body: (pwsh: string) => void): void {
  if (PWSH !== undefined) {
    describe(title, () => body(PWSH as string));
    return;
  }
  if (PWSH_REQUIRED) {
    describe(title, () => {
      it('needs pwsh (TASKCTL_REQUIRE_PWSH=1)', () => {
        throw new Error(`TASKCTL_REQUIRE_PWSH=1 but pwsh was not found on PATH or in ~/.dotnet/tools; these tests must run here.`);
      });
    });
    return;
  }
  describe.skip(`${title} — ${SKIP_REASON}`, () => body('pwsh'));
}
