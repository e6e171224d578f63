/**
 * `kill -9` in the middle of a 2,000-task store apply (issue 11.5), with a real process
 * (`node --import jiti/register src/bin.ts`, no build needed) killed at seeded moments:
 * while it plans, while it saves the backup, and at several points of the batch. After
 * each kill:
 * - every task file is either as it was or as declared, never half-written;
 * - the next command (`plan`) finishes or undoes the interrupted batch: it then shows
 *   either no changes or exactly the tasks still as they were, and no journal or temp
 *   file is left in the store;
 * - `restore` of the backup (when the apply got as far as writing one) brings every task
 *   back byte for byte.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, rmSync, cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/cli-harness.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
/** jiti's loader hook, by absolute URL: the child runs in a temp folder with no node_modules. */
const JITI_REGISTER = pathToFileURL(join(repoRoot, 'node_modules', 'jiti', 'lib', 'jiti-register.mjs')).href;
const TASKS = 2000;
const now = new Date('2025-01-06T00:00:00Z');

function config(version: string) {
  return {
    prefix: 'AGI',
    tasks: Array.from({ length: TASKS }, (_, i) => ({
      name: `AGI_T${String(i).padStart(5, '0')}`,
      folder: i % 3 === 0 ? '\\Sub' : '\\',
      description: `${version} ${i}`,
      actions: [{ command: 'python.exe', arguments: `C:\\AGI\\job_${i}.py` }],
      timeLimit: 'PT1M',
    })),
  };
}

/** Every file under `dir` (relative path → sha256), dot-entries included. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex'));
    }
  };
  walk('');
  return out;
}

/** A deterministic PRNG (mulberry32), so a failing seed can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A moment of the apply to kill it at: what must be true on disk (or on stderr) first, then a delay. */
interface KillPoint {
  what: string;
  ready: (cwd: string, stderr: string) => boolean;
  delayMs: number;
}

/** The batch's staged files and journal, wherever the journal folder is. */
function journal(cwd: string): { staged: number; committed: boolean } {
  const root = join(cwd, 'store', '.taskctl-journal');
  if (!existsSync(root)) return { staged: 0, committed: false };
  let staged = 0;
  let committed = false;
  for (const batch of readdirSync(root)) {
    const dir = join(root, batch, 'staged');
    if (existsSync(dir)) staged += readdirSync(dir).length;
    if (existsSync(join(root, batch, 'journal.json'))) committed = true;
  }
  return { staged, committed };
}

/** Starts a real apply and SIGKILLs it at `point` (polled every few milliseconds). */
function applyAndKill(cwd: string, point: KillPoint): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', JITI_REGISTER, join(repoRoot, 'src', 'bin.ts'), 'apply', '--store', 'store', '--config', 'new.json', '--yes', '--backup-dir', 'backups', '--allow-conflicts'],
      { cwd, env: { ...process.env, XDG_STATE_HOME: join(cwd, 'state'), NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const poll = setInterval(() => {
      if (!point.ready(cwd, stderr)) return;
      clearInterval(poll);
      setTimeout(() => child.kill('SIGKILL'), point.delayMs);
    }, 2);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      done({ killed: signal === 'SIGKILL', code, stderr });
    });
  });
}

describe('a store apply killed at random moments', () => {
  it('leaves every task old or new, is finished or undone by the next command, and restores byte for byte', { timeout: 900_000 }, async () => {
    const base = tempDir();
    writeFileSync(join(base, 'old.json'), JSON.stringify(config('old')));
    writeFileSync(join(base, 'new.json'), JSON.stringify(config('new')));
    const setUp = await runCli(['apply', '--store', 'store', '--config', 'old.json', '--yes', '--backup-dir', 'first-backups'], { cwd: base, now, env: { XDG_STATE_HOME: join(base, 'state') } });
    expect(setUp.code).toBe(0);
    const oldFiles = files(join(base, 'store'));
    expect(oldFiles.size).toBe(TASKS);

    const next = random(20261130);
    // Before the batch (backup saved), while staging, at the commit, and at seeded moments while files move into place.
    const kills: KillPoint[] = [
      { what: 'backup saved', ready: (_, stderr) => /Saved \d+ task/.test(stderr), delayMs: 0 },
      { what: 'half staged', ready: (cwd) => journal(cwd).staged >= TASKS / 2, delayMs: 0 },
      { what: 'committed', ready: (cwd) => journal(cwd).committed, delayMs: 0 },
      ...Array.from({ length: 1 }, (): KillPoint => ({ what: 'moving', ready: (cwd) => journal(cwd).committed, delayMs: Math.floor(next() * 60) })),
    ];
    const outcomes: string[] = [];
    for (const [index, point] of kills.entries()) {
      const cwd = join(base, `run-${index}`);
      cpSync(join(base, 'store'), join(cwd, 'store'), { recursive: true });
      cpSync(join(base, 'new.json'), join(cwd, 'new.json'));
      const { killed, code, stderr } = await applyAndKill(cwd, point);
      // Not killed means it finished first: then it must have succeeded.
      if (!killed) expect({ code, stderr }).toMatchObject({ code: 0 });

      // Every task file is exactly the old one or a complete new one.
      const newFiles = await newVersionFiles(cwd);
      const afterKill = files(join(cwd, 'store'));
      const taskFiles = [...afterKill.keys()].filter((f) => !f.startsWith('.') && !f.includes('/.'));
      expect(taskFiles.length).toBe(TASKS);
      const stillOld = taskFiles.filter((f) => afterKill.get(f) === oldFiles.get(f));
      for (const f of taskFiles) expect([oldFiles.get(f), newFiles.get(f)]).toContain(afterKill.get(f));

      // The next command finishes (journal committed) or undoes (not committed) the batch.
      const plan = await runCli(['plan', '--store', 'store', '--config', 'new.json', '--json'], { cwd, now });
      expect(plan.code).toBe(0);
      const changes = (JSON.parse(plan.stdout) as { changes: { action: string; task: string }[] }).changes;
      const afterPlan = files(join(cwd, 'store'));
      expect([...afterPlan.keys()].filter((f) => f.startsWith('.') || f.includes('/.') || f.includes('taskctl-tmp'))).toEqual([]);
      const remaining = [...afterPlan.keys()].filter((f) => afterPlan.get(f) === oldFiles.get(f));
      expect(changes.map((c) => c.action).every((a) => a === 'update')).toBe(true);
      expect(changes.length).toBe(remaining.length);
      expect(remaining.length === 0 || remaining.length === TASKS).toBe(true); // one transaction: all or nothing
      outcomes.push(`${point.what} +${point.delayMs} ms: ${killed ? 'killed' : 'finished'} with ${stillOld.length} old → ${remaining.length} old after plan`);

      // The backup, when the apply wrote one, brings the old files back byte for byte.
      const backups = existsSync(join(cwd, 'backups')) ? readdirSync(join(cwd, 'backups')).filter((d) => existsSync(join(cwd, 'backups', d, 'manifest.json'))) : [];
      if (backups.length === 1 && remaining.length === 0) {
        const restore = await runCli(['restore', join('backups', backups[0]!), '--store', 'store', '--yes', '--backup-dir', 'restore-backups'], { cwd, now });
        expect(restore.code).toBe(0);
        const restored = files(join(cwd, 'store'));
        expect([...restored.entries()].filter(([f, hash]) => oldFiles.get(f) !== hash)).toEqual([]);
      }
      rmSync(cwd, { recursive: true, force: true });
    }
    process.stderr.write(`store-kill outcomes:\n${outcomes.join("\n")}\n`);
    // The seeds must reach both sides of the commit, or this test proves less than it says.
    expect(outcomes.some((o) => o.endsWith('→ 0 old after plan'))).toBe(true);
    expect(outcomes.some((o) => o.endsWith(`→ ${TASKS} old after plan`))).toBe(true);
  });
});

/** The files a completed apply of new.json writes (computed once, by applying to a copy). */
let newVersion: Map<string, string> | undefined;
async function newVersionFiles(cwd: string): Promise<Map<string, string>> {
  if (newVersion) return newVersion;
  const dir = join(cwd, '..', 'reference');
  cpSync(join(cwd, '..', 'store'), join(dir, 'store'), { recursive: true });
  cpSync(join(cwd, 'new.json'), join(dir, 'new.json'));
  const run = await runCli(['apply', '--store', 'store', '--config', 'new.json', '--yes', '--backup-dir', 'backups', '--allow-conflicts'], { cwd: dir, now });
  expect(run.code).toBe(0);
  newVersion = files(join(dir, 'store'));
  return newVersion;
}
