/**
 * One apply lock per real target (issue 11.2): while an apply holds a store, an apply
 * through any other spelling of that folder — a symbolic link, `..` segments, a trailing
 * separator, other letter case (on a case-insensitive disk) — is refused naming the lock.
 */
import * as fs from 'node:fs/promises';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFileName } from '../../src/plan/apply-lock.js';
import { canonicalStorePath } from '../../src/schtasks/backends/store-backend.js';
import { runCli, tempDir } from './cli-harness.js';

const minimal = join(import.meta.dirname, 'fixtures', 'minimal.json');
const now = new Date('2025-01-06T00:00:00Z');

describe('the apply lock is taken on the real target, not its spelling', () => {
  it('every spelling of a held store is refused; an unrelated store is not', async () => {
    const dir = tempDir();
    const store = join(dir, 'cs');
    mkdirSync(store);
    symlinkSync(store, join(dir, 'csl'));
    mkdirSync(join(dir, 'sub'));
    const env = { XDG_STATE_HOME: join(dir, 'state') };
    const locks = join(dir, 'state', 'taskctl', 'locks');
    mkdirSync(locks, { recursive: true });
    // Another apply (this very process, so it counts as running) holds the store.
    writeFileSync(join(locks, lockFileName(await canonicalStorePath(fs, store))), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now.toISOString(), target: `store ${store}` }));

    // `CS`: on a case-sensitive disk another folder, but Windows would take it for the same one.
    for (const spelling of ['cs', 'csl', 'cs/', 'sub/../cs', './csl/.', join(dir, 'CS')]) {
      const run = await runCli(['apply', '--store', spelling, '--config', minimal, '--yes', '--backup-dir', 'b'], { cwd: dir, env, now });
      expect({ spelling, code: run.code }).toEqual({ spelling, code: 1 });
      expect(run.stderr).toMatch(/Another apply is running on store .*: the lock .* is held by process/);
    }
    expect(await fs.readdir(store)).toEqual([]);

    const other = await runCli(['apply', '--store', 'other', '--config', minimal, '--yes', '--backup-dir', 'b'], { cwd: dir, env, now });
    expect(other.code).toBe(0);
  });
});
