/**
 * The commands as scripts and people meet them: argv in, exit code and output
 * out, against the example snapshot and store folders on disk. The process
 * runner refuses every call, so nothing here can reach a real PowerShell.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-harness.js';
import * as fs from 'node:fs/promises';
import { lockFileName } from '../../src/plan/apply-lock.js';
import { canonicalStorePath } from '../../src/schtasks/backends/store-backend.js';
import { corpusAvailable, corpusFiles, readCorpusFile } from '../schtasks/corpus-files.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const troubled = join(repoRoot, 'examples', 'troubled-machine.json');
const minimal = join(repoRoot, 'test', 'cli', 'fixtures', 'minimal.json');

function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

function task(name: string, start: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    actions: [{ command: 'python.exe', arguments: `C:\\AGI\\${name}.py` }],
    triggers: [{ type: 'time', start, repeat: { interval: 'PT30M' } }],
    timeLimit: 'PT10M',
    group: 'agi',
    ...extra,
  };
}

describe('plan', () => {
  it('--json prints exactly the contract shape for the troubled machine', async () => {
    const run = await runCli(['plan', '--live', troubled, '--json']);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { changes: { action: string; task: string }[]; summary: { create: number; update: number; delete: number; unchanged: number } };
    expect(Object.keys(plan.summary).sort()).toEqual(['create', 'delete', 'unchanged', 'update']);
    expect(plan.summary.create + plan.summary.update + plan.summary.delete).toBe(plan.changes.length);
    expect(plan.changes.map((c) => c.task)).not.toContain('\\GoogleUpdateTaskMachineCore');
    expect(run.stdout).not.toContain('GoogleUpdate');
  });

  it('--detailed-exitcode is 2 with changes pending, --no-prune keeps undeclared tasks', async () => {
    const pending = await runCli(['plan', '--live', troubled, '--detailed-exitcode', '--json']);
    expect(pending.code).toBe(2);
    const kept = await runCli(['plan', '--live', troubled, '--no-prune', '--json']);
    const changes = (JSON.parse(kept.stdout) as { changes: { action: string }[] }).changes;
    expect(changes.filter((c) => c.action === 'delete')).toEqual([]);
  });

  it('bad declarations: exit 1, every problem with its path, and the scheduler is never read', async () => {
    const dir = tempDir();
    const config = writeJson(dir, 'bad.json', {
      tasks: [
        task('AGI_A', '2025-01-01T00:00:00', { timeLimit: undefined }),
        task('Other:Name', '2025-01-01T00:10:00', { triggers: [{ type: 'time', start: '2025-01-01T00:10:00', repeat: { interval: 'every 5' } }] }),
      ],
    });
    // platform win32 would reach PowerShell; the strict runner throws if it is ever asked.
    const run = await runCli(['plan', '--config', config], { platform: 'win32' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tasks[0].timeLimit');
    expect(run.stderr).toContain('tasks[1].name');
    expect(run.stderr).toContain('tasks[1].triggers[0].repeat.interval');
    expect(run.stderr).not.toContain('unexpected process');
    expect(run.stdout).toBe('');
  });
});

describe('render', () => {
  it('--out writes one UTF-16LE file with BOM per task, in the folder layout', async () => {
    const dir = tempDir();
    const config = writeJson(dir, 'fleet.json', {
      tasks: [task('AGI_Root', '2025-01-01T00:00:00'), task('AGI_Nested', '2025-01-01T00:15:00', { folder: '\\AGI\\Jobs' })],
    });
    const run = await runCli(['render', '--config', config, '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    const root = readFileSync(join(dir, 'out', 'AGI_Root.xml'));
    expect([root[0], root[1]]).toEqual([0xff, 0xfe]);
    expect(root.subarray(2).toString('utf16le')).toMatch(/^<\?xml version="1.0" encoding="UTF-16"\?>/);
    expect(existsSync(join(dir, 'out', 'AGI', 'Jobs', 'AGI_Nested.xml'))).toBe(true);
  });

  it('without --out prints every task on stdout and logs nothing there', async () => {
    const run = await runCli(['render', '--config', minimal]);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/<Task version=/g)).toHaveLength(2);
    expect(run.stdout).toContain('<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>');
  });
});

describe('apply', () => {
  it('refuses without --yes when stdin is not a terminal, and changes nothing', async () => {
    const store = tempDir();
    const run = await runCli(['apply', '--config', minimal, '--store', store]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--yes');
    expect(readdirSync(store)).toEqual([]);
  });

  it('asks on a terminal and stops when the answer is no', async () => {
    const store = tempDir();
    const run = await runCli(['apply', '--config', minimal, '--store', store], { stdinIsTTY: true, answer: false });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not confirmed');
    expect(readdirSync(store)).toEqual([]);
  });

  it('refuses declarations with error-severity conflicts unless --allow-conflicts', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const config = writeJson(dir, 'overlap.json', { tasks: [task('AGI_A', '2025-01-01T00:00:00'), task('AGI_B', '2025-01-01T00:05:00')] });
    const refused = await runCli(['apply', '--config', config, '--store', store, '--yes', '--backup-dir', join(dir, 'b')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('overlap');
    expect(existsSync(store)).toBe(false);
    const forced = await runCli(['apply', '--config', config, '--store', store, '--yes', '--allow-conflicts', '--backup-dir', join(dir, 'b')]);
    expect(forced.code).toBe(0);
    expect(readdirSync(store).sort()).toEqual(['AGI_A.xml', 'AGI_B.xml']);
  });

  it('refuses a read-only --live snapshot', async () => {
    const run = await runCli(['apply', '--live', troubled, '--yes', '--config', minimal]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/read-only/);
  });

  it('--json reports per-task results; a second apply changes nothing and writes no backup', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const backups = join(dir, 'backups');
    const first = await runCli(['apply', '--config', minimal, '--store', store, '--yes', '--json', '--backup-dir', backups]);
    expect(first.code).toBe(0);
    const results = (JSON.parse(first.stdout) as { results: { task: string; action: string; status: string }[] }).results;
    expect(results.map((r) => [r.task, r.action, r.status])).toEqual([
      ['\\AGI_Health_Check', 'create', 'done'],
      ['\\AGI_Perf_Monitor', 'create', 'done'],
    ]);
    const before = readFileSync(join(store, 'AGI_Health_Check.xml'));
    const second = await runCli(['apply', '--config', minimal, '--store', store, '--yes', '--backup-dir', backups]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(readFileSync(join(store, 'AGI_Health_Check.xml')).equals(before)).toBe(true);
    expect(existsSync(backups)).toBe(false);
  });
});

describe('list-conflicts', () => {
  it('finds what is wrong with the troubled machine (exit 2) in the contract JSON shape', async () => {
    const run = await runCli(['list-conflicts', '--live', troubled, '--json'], { now: new Date('2026-11-25T12:00:00Z') });
    expect(run.code).toBe(2);
    const { conflicts } = JSON.parse(run.stdout) as { conflicts: { kind: string; severity: string; source: string; tasks: string[]; message: string }[] };
    const kinds = new Set(conflicts.map((c) => c.kind));
    for (const kind of ['continuous-loop', 'unbounded', 'duplicate', 'self-overlap', 'overlap', 'unmanaged']) expect(kinds).toContain(kind);
    for (const c of conflicts) {
      expect(['error', 'warning', 'info']).toContain(c.severity);
      expect(['declared', 'live']).toContain(c.source);
      expect(c.message.length).toBeGreaterThan(10);
    }
    expect(run.stdout).not.toContain('GoogleUpdate');
  });

  it('--declared-only on the built-in fleet: no errors, exit 0, and a timeline with one row per task', async () => {
    const dir = tempDir();
    const run = await runCli(['list-conflicts', '--declared-only', '--timeline', 'fleet.svg'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 errors');
    const svg = readFileSync(join(dir, 'fleet.svg'), 'utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('AGI_Health_Check');
  });

  it('looks far enough ahead to see monthly triggers when no --horizon is given', async () => {
    const dir = tempDir();
    const monthly = (name: string) => ({
      ...task(name, '2025-01-20T03:00:00'),
      triggers: [{ type: 'monthly', start: '2025-01-20T03:00:00', daysOfMonth: [20] }],
    });
    const config = writeJson(dir, 'monthly.json', { tasks: [monthly('AGI_Month_A'), monthly('AGI_Month_B')] });
    const run = await runCli(['list-conflicts', '--declared-only', '--config', config, '--from', '2025-01-21T00:00:00', '--json']);
    const kinds = (JSON.parse(run.stdout) as { conflicts: { kind: string; firstAt?: string }[] }).conflicts;
    expect(kinds.find((c) => c.kind === 'overlap')?.firstAt).toBe('2025-02-20T03:00:00');
    expect(run.code).toBe(2);
    const week = await runCli(['list-conflicts', '--declared-only', '--config', config, '--from', '2025-01-21T00:00:00', '--horizon', 'P7D']);
    expect(week.code).toBe(0);
  });

  it('rejects a --horizon that is not a duration and a --timeline that is not .svg/.html', async () => {
    expect((await runCli(['list-conflicts', '--declared-only', '--horizon', '7 days'])).code).toBe(1);
    expect((await runCli(['list-conflicts', '--declared-only', '--timeline', 'x.png'])).stderr).toContain('.svg or .html');
  });
});

describe('import', () => {
  for (const format of ['ts', 'json'] as const) {
    it(`--format ${format}: plan --config <the file> against the same snapshot shows no changes`, async () => {
      // Outside the repository: `import … from 'taskctl'` resolves to the running taskctl wherever the file is.
      const dir = tempDir();
      const out = join(dir, `imported.${format}`);
      const imported = await runCli(['import', '--live', troubled, '--format', format, '--out', out]);
      expect(imported.code).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).not.toContain('GoogleUpdate');
      const planned = await runCli(['plan', '--config', out, '--live', troubled, '--detailed-exitcode']);
      expect(planned.stdout).toContain('No changes');
      expect(planned.code).toBe(0);
    });
  }
});

describe('config loading', () => {
  it('a config module that throws: exit 1 naming the file and the error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'throws.mjs'), "throw new Error('no AGI_ROOT here');\n");
    const run = await runCli(['render', '--config', join(dir, 'throws.mjs')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('throws.mjs');
    expect(run.stderr).toContain('no AGI_ROOT here');
  });

  it('a config module that never finishes loading: exit 1 within the configured bound', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hangs.mjs'), 'await new Promise(() => {});\nexport default {};\n');
    const run = await runCli(['render', '--config', join(dir, 'hangs.mjs')], { env: { TASKCTL_CONFIG_TIMEOUT: '0.3' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/hangs\.mjs.*did not load within 0\.3 s/s);
  });
});

describe('every real task of the corpus, offered as a live task under the prefix', () => {
  it.skipIf(!corpusAvailable)('is read from a task folder and planned as a deletion against an empty declaration', async () => {
    const dir = tempDir();
    const live = join(dir, 'Tasks');
    mkdirSync(live);
    const files = corpusFiles().filter((f) => !f.startsWith('MALFORMED-'));
    // Bytes as found (UTF-16LE, UTF-8, 8-bit declaring UTF-16 …), named like System32\Tasks files.
    files.forEach((file, i) => writeFileSync(join(live, `AGI_Corpus_${String(i).padStart(2, '0')}`), readCorpusFile(file)));
    writeFileSync(join(live, 'NotOurs'), readCorpusFile(files[0]!));
    const config = writeJson(dir, 'empty.json', { tasks: [] });
    const run = await runCli(['plan', '--config', config, '--live', live, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { changes: { action: string; task: string }[] };
    expect(plan.changes).toHaveLength(files.length);
    expect(plan.changes.every((c) => c.action === 'delete' && c.task.startsWith('\\AGI_Corpus_'))).toBe(true);
  });
});

describe('apply lock', () => {
  it('a second apply while one holds the target fails at once, naming the lock and its holder; a dead holder is taken over', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const locks = join(dir, 'state', 'taskctl', 'locks');
    mkdirSync(locks, { recursive: true });
    const lockFile = join(locks, lockFileName(await canonicalStorePath(fs, store)));
    const now = new Date('2025-01-06T00:00:00Z');
    const holder = { pid: process.pid, host: hostname(), startedAt: now.toISOString(), target: `store ${store}` };
    writeFileSync(lockFile, JSON.stringify(holder));
    const env = { XDG_STATE_HOME: join(dir, 'state') };

    const held = await runCli(['apply', '--config', minimal, '--store', store, '--yes', '--backup-dir', join(dir, 'b')], { env, now });
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(lockFile);
    expect(held.stderr).toContain(`held by process ${process.pid} on ${hostname()}`);
    expect(existsSync(store)).toBe(false);

    // A holder that no longer runs (no such pid) is stale: the lock is taken over.
    writeFileSync(lockFile, JSON.stringify({ ...holder, pid: 2 ** 22 + 12345 }));
    const after = await runCli(['apply', '--config', minimal, '--store', store, '--yes', '--backup-dir', join(dir, 'b')], { env, now });
    expect(after.code).toBe(0);
    expect(readdirSync(store).sort()).toEqual(['AGI_Health_Check.xml', 'AGI_Perf_Monitor.xml']);
    expect(existsSync(lockFile)).toBe(false);
  });
});
