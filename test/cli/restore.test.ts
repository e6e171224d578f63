/**
 * `taskctl restore` as safe as apply (issue 13.7): it shows what it will change before it
 * changes anything, refuses without a yes, takes the target's lock, backs up every task it
 * replaces, and changes nothing when the target already matches the backup.
 */
import * as fs from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { lockFileName } from '../../src/plan/apply-lock.js';
import { canonicalStorePath } from '../../src/schtasks/backends/store-backend.js';
import { runCli, tempDir } from './cli-harness.js';

const minimal = join(import.meta.dirname, 'fixtures', 'minimal.json');
const now = new Date('2025-01-06T00:00:00Z');
let dir = '';
let env: Record<string, string> = {};

/** The store as `minimal.json` made it, then changed by an apply of a one-task config: the backup undoes that. */
async function changedStore(): Promise<string> {
  const one = { prefix: 'AGI', tasks: [{ name: 'AGI_Health_Check', actions: [{ command: 'python.exe', arguments: 'C:\\AGI\\other.py' }], timeLimit: 'PT4M' }] };
  writeFileSync(join(dir, 'one.json'), JSON.stringify(one));
  expect((await runCli(['apply', '--store', 'store', '--config', minimal, '--yes', '--backup-dir', 'b1'], { cwd: dir, env, now })).code).toBe(0);
  expect((await runCli(['apply', '--store', 'store', '--config', 'one.json', '--yes', '--backup-dir', 'b1'], { cwd: dir, env, now })).code).toBe(0);
  return join('b1', readdirSync(join(dir, 'b1'))[0]!);
}

beforeEach(() => {
  dir = tempDir();
  env = { XDG_STATE_HOME: join(dir, 'state') };
});

describe('taskctl restore', () => {
  it('shows the plan, then restores: the replaced task is saved first, and the store plans clean against the old config', async () => {
    const backup = await changedStore();
    const run = await runCli(['restore', backup, '--store', 'store', '--yes', '--backup-dir', 'b2'], { cwd: dir, env, now });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\+ create \\AGI_Perf_Monitor/);
    expect(run.stdout).toMatch(/~ update \\AGI_Health_Check\n\s+actions\[0\]\.arguments: "C:\\AGI\\other\.py" -> "C:\\AGI\\check_health\.py"/);
    expect(run.stdout).toMatch(/Plan: 1 to create, 1 to update, 0 to delete\./);
    expect(run.stderr).toMatch(/Restore complete: 1 created, 1 updated, 0 deleted\./);
    // What restore replaced (the one-task config's AGI_Health_Check) is in a backup of its own.
    const [saved] = readdirSync(join(dir, 'b2'));
    expect(JSON.parse(readFileSync(join(dir, 'b2', saved!, 'manifest.json'), 'utf8')).tasks.map((t: { task: string }) => t.task)).toEqual(['\\AGI_Health_Check']);
    const plan = await runCli(['plan', '--store', 'store', '--config', minimal, '--detailed-exitcode'], { cwd: dir, env, now });
    expect(plan.code).toBe(0);
  });

  it('a second restore changes nothing and saves nothing', async () => {
    const backup = await changedStore();
    expect((await runCli(['restore', backup, '--store', 'store', '--yes', '--backup-dir', 'b2'], { cwd: dir, env, now })).code).toBe(0);
    const again = await runCli(['restore', backup, '--store', 'store', '--yes', '--backup-dir', 'b3'], { cwd: dir, env, now });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Nothing to restore/);
    expect(existsSync(join(dir, 'b3'))).toBe(false);
  });

  it('refuses without --yes off a terminal, and when the answer is no: nothing changes', async () => {
    const backup = await changedStore();
    const before = readdirSync(join(dir, 'store'));
    const headless = await runCli(['restore', backup, '--store', 'store'], { cwd: dir, env, now });
    expect(headless.code).toBe(1);
    expect(headless.stderr).toMatch(/stdin is not a terminal.*Pass --yes/);
    const declined = await runCli(['restore', backup, '--store', 'store'], { cwd: dir, env, now, stdinIsTTY: true, answer: false });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(/not confirmed\. Nothing was changed/);
    expect(readdirSync(join(dir, 'store'))).toEqual(before);
  });

  it('takes the apply lock: refused while another apply holds the store', async () => {
    const backup = await changedStore();
    const locks = join(dir, 'state', 'taskctl', 'locks');
    mkdirSync(locks, { recursive: true });
    writeFileSync(join(locks, lockFileName(await canonicalStorePath(fs, join(dir, 'store')))), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now.toISOString(), target: 'store' }));
    const run = await runCli(['restore', backup, '--store', 'store', '--yes', '--backup-dir', 'b2'], { cwd: dir, env, now });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Another apply is running on store .* is held by process/);
  });

  it('refuses a tampered backup before reading the target', async () => {
    const backup = await changedStore();
    writeFileSync(join(dir, backup, 'AGI_Health_Check.xml'), 'garbage');
    const run = await runCli(['restore', backup, '--store', 'store', '--yes'], { cwd: dir, env, now });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/AGI_Health_Check\.xml is not the file apply saved for \\AGI_Health_Check: its SHA-256 is/);
    expect(run.stdout).toBe('');
  });
});
