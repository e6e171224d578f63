/**
 * The options every command shares, driven through the CLI: `--prefix` scopes what is read
 * and deleted, colour only where it belongs, `--verbose`/`--quiet` on stderr only, and
 * `--from` is read strictly.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli, tempDir } from './cli-harness.js';

const minimal = join(import.meta.dirname, 'fixtures', 'minimal.json');
const now = new Date('2025-01-06T00:00:00Z');

function job(name: string) {
  return { name, actions: [{ command: 'python.exe', arguments: `C:\\AGI\\${name}.py` }], timeLimit: 'PT1M' };
}

describe('--prefix', () => {
  it('overrides the config prefix: only tasks under it are planned for deletion, others are never mentioned', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mixed.json'), JSON.stringify({ prefix: 'AGI', tasks: [job('AGI_A'), job('AGI_B')] }));
    writeFileSync(join(dir, 'lab.json'), JSON.stringify({ prefix: 'LAB', tasks: [job('LAB_One')] }));
    expect((await runCli(['apply', '--store', 'store', '--config', 'mixed.json', '--yes', '--backup-dir', 'b'], { cwd: dir, now })).code).toBe(0);
    expect((await runCli(['apply', '--store', 'store', '--config', 'lab.json', '--yes', '--backup-dir', 'b'], { cwd: dir, now })).code).toBe(0);
    expect(readdirSync(join(dir, 'store')).sort()).toEqual(['AGI_A.xml', 'AGI_B.xml', 'LAB_One.xml']);

    // The AGI config read under --prefix AGI_A: AGI_B is outside that prefix, and so is the declared AGI_B.
    const narrowed = await runCli(['plan', '--store', 'store', '--config', 'mixed.json', '--prefix', 'AGI_A'], { cwd: dir, now });
    expect(narrowed.code).toBe(1);
    expect(narrowed.stderr).toMatch(/tasks\[1\]\.name: "AGI_B" does not start with the prefix "AGI_A"/);

    // An empty config under --prefix LAB deletes LAB_One only; the AGI tasks are never mentioned.
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ tasks: [] }));
    const plan = await runCli(['plan', '--store', 'store', '--config', 'none.json', '--prefix', 'lab', '--json'], { cwd: dir, now });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).changes).toEqual([{ action: 'delete', task: '\\LAB_One' }]);
    expect(plan.stdout).not.toContain('AGI');
  });

  it('an empty --prefix is refused: it would put every task in scope', async () => {
    const run = await runCli(['plan', '--live', 'x.json', '--config', minimal, '--prefix', '']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--prefix: the prefix must not be empty/);
  });
});

describe('colour', () => {
  /** main() with stdout and stderr that claim to be terminals. */
  async function onTerminal(argv: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const ctx = {
      runner: { run: async () => { throw new Error('no process'); } },
      fs: await import('node:fs/promises'),
      logger: { error() {}, warn() {}, info() {}, debug() {} },
      stdout: { write: (t: string) => void (stdout += t), isTTY: true },
      stderr: { write: (t: string) => void (stderr += t), isTTY: true },
      stdinIsTTY: false, prompt: async () => false, promptSecret: async () => '',
      now: () => now, env: { HOME: tempDir(), ...env }, platform: 'linux' as const, cwd: process.cwd(),
      importModule: async (p: string) => import(p),
    };
    const code = await main(argv, ctx);
    return { code, stdout, stderr };
  }
  const planArgs = ['plan', '--live', join(import.meta.dirname, '..', '..', 'examples', 'troubled-machine.json'), '--config', minimal];

  it('on a terminal the plan is coloured', async () => {
    expect((await onTerminal(planArgs)).stdout).toContain('\u001b[');
  });

  it.each([
    ['NO_COLOR=1', [], { NO_COLOR: '1' }],
    ['--no-color', ['--no-color'], {}],
  ])('%s turns it off', async (_, extra, env) => {
    const run = await onTerminal([...planArgs, ...extra], env);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toContain('Plan:');
  });

  it('off a terminal there is none', async () => {
    expect((await runCli(planArgs)).stdout).not.toContain('\u001b[');
  });
});

describe('--verbose and --quiet', () => {
  it('--verbose adds debug lines on stderr only; --quiet keeps only warnings and errors; stdout is the same', async () => {
    const dir = tempDir();
    const args = ['apply', '--store', 'store', '--config', minimal, '--yes', '--backup-dir', 'b'];
    const verbose = await runCli([...args, '--verbose'], { cwd: dir, now });
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/^debug: declarations: .*minimal\.json$/m);
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ prefix: 'AGI', tasks: [job('AGI_Health_Check')] }));
    const quiet = await runCli(['apply', '--store', 'store', '--config', 'one.json', '--yes', '--backup-dir', 'b', '--quiet'], { cwd: dir, now });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toMatch(/Apply complete|Saved \d+ task/);
    expect(quiet.stdout).toMatch(/Plan: 0 to create, 1 to update, 1 to delete\./);
  });
});

describe('--from', () => {
  it.each(['2025-02-30T00:00:00', 'tomorrow', '2025-01-06T25:00'])('%s is refused naming the option (exit 1)', async (from) => {
    const run = await runCli(['list-conflicts', '--declared-only', '--config', minimal, '--from', from]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--from/);
  });

  it('a valid --from moves the window: the first collision is after it', async () => {
    const run = await runCli(['list-conflicts', '--declared-only', '--config', minimal, '--from', '2025-03-01T00:00:00Z', '--json']);
    const firstAts = (JSON.parse(run.stdout).conflicts as { firstAt?: string }[]).flatMap((c) => (c.firstAt ? [c.firstAt] : []));
    for (const at of firstAts) expect(at >= '2025-02-28').toBe(true);
  });
});
