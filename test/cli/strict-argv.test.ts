/**
 * The whole command line is checked before any command runs (issue 11.1): an unknown
 * option, a typo of a real one, or an extra positional makes every command exit 1 with
 * nothing read, written or printed on stdout. The commands come from `taskctl --help`, so
 * a command added later is covered without editing this file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-harness.js';

const minimal = join(import.meta.dirname, 'fixtures', 'minimal.json');
const oneTask = {
  prefix: 'AGI',
  tasks: [
    {
      name: 'AGI_Health_Check',
      actions: [{ command: 'python.exe', arguments: 'C:\\AGI\\other.py' }],
      triggers: [{ type: 'time', start: '2025-01-01T00:00:00', repeat: { interval: 'PT15M' } }],
      timeLimit: 'PT4M',
    },
  ],
};

/** Every file under `dir` with a hash of its bytes: the state a refused command must not change. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else out[rel] = createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex');
    }
  };
  walk('');
  return out;
}

let commands: string[] = [];
let work = '';
let backup = '';

beforeAll(async () => {
  const help = await runCli(['--help']);
  commands = [...help.stdout.matchAll(/^ {2}taskctl ([a-z-]+)/gm)].map((m) => m[1]!);
  work = tempDir();
  const env = { XDG_STATE_HOME: join(work, 'state') };
  const config = join(work, 'one.json');
  await import('node:fs/promises').then((fs) => fs.writeFile(config, JSON.stringify(oneTask)));
  expect((await runCli(['apply', '--store', 'store', '--config', minimal, '--yes', '--backup-dir', 'backups'], { cwd: work, env })).code).toBe(0);
  expect((await runCli(['apply', '--store', 'store', '--config', config, '--yes', '--backup-dir', 'backups'], { cwd: work, env })).code).toBe(0);
  backup = join('backups', readdirSync(join(work, 'backups'))[0]!);
});

/** A command line that would do real work if it were run. */
function workingArgs(command: string): string[] {
  const store = ['--store', 'store'];
  switch (command) {
    case 'apply':
      return ['apply', ...store, '--config', minimal, '--yes', '--backup-dir', 'backups'];
    case 'restore':
      return ['restore', backup, ...store, '--yes', '--backup-dir', 'backups'];
    case 'render':
      return ['render', '--config', minimal, '--out', 'rendered'];
    case 'import':
      return ['import', ...store, '--out', 'imported.json', '--format', 'json'];
    case 'stagger':
      return ['stagger', '--config', minimal, '--write'];
    default:
      return [command, ...store, '--config', minimal];
  }
}

describe('every command refuses a bad command line before doing anything', () => {
  it('finds the commands in --help', () => {
    expect(commands).toEqual(expect.arrayContaining(['plan', 'apply', 'list-conflicts', 'render', 'import', 'restore']));
  });

  const cases = [
    ['an unknown option', (args: string[]) => [...args, '--dry-run'], /Unknown argument/],
    ['a typo of a real option', (args: string[]) => [...args, '--no-prun'], /Unknown argument/],
    ['an extra positional', (args: string[]) => [...args, 'surplus'], /Unknown argument/],
  ] as const;

  it.each(cases)('%s', async (_what, mutate, message) => {
    for (const command of commands) {
      const before = fingerprint(work);
      const run = await runCli(mutate(workingArgs(command)), { cwd: work, env: { XDG_STATE_HOME: join(work, 'state') } });
      expect({ command, code: run.code, stdout: run.stdout }).toEqual({ command, code: 1, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(fingerprint(work), `${command} changed files`).toEqual(before);
    }
  });

  it('the same command lines without the mistake do change things (so the check above can fail)', async () => {
    const before = fingerprint(work);
    const run = await runCli(workingArgs('apply'), { cwd: work, env: { XDG_STATE_HOME: join(work, 'state') } });
    expect(run.code).toBe(0);
    expect(fingerprint(work)).not.toEqual(before);
  });
});
