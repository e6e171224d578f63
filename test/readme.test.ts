/**
 * Every `node dist/bin.js …` command in the README's sh blocks runs as written
 * (in-process, through the same `main` bin.ts calls) and exits as its comment
 * says (`# exit N`, otherwise 0). Commands run in order in one scratch folder
 * that sees the repository's `examples/`, so later lines can use what earlier
 * lines wrote.
 */
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli/cli-harness.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

interface ReadmeCommand {
  line: string;
  argv: string[];
  exit: number;
}

function readmeCommands(): ReadmeCommand[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const commands: ReadmeCommand[] = [];
  for (const block of blocks) {
    for (const raw of block.split('\n')) {
      // `npm ci && npm run build && node dist/bin.js …` counts from `node dist/bin.js`.
      const at = raw.indexOf('node dist/bin.js ');
      if (at < 0) continue;
      const [command = '', comment = ''] = raw.slice(at).split(/\s+#\s/, 2);
      const words = command.replace(/\s*>\s*\S+\s*$/, '').trim().split(/\s+/).slice(2);
      commands.push({ line: raw.trim(), argv: words, exit: Number(/exit (\d)/.exec(comment)?.[1] ?? 0) });
    }
  }
  return commands;
}

/** The shell would expand `dir/*`; so does this. */
function expandGlobs(argv: string[], cwd: string): string[] {
  return argv.flatMap((arg) => {
    if (!arg.endsWith('/*')) return [arg];
    const dir = arg.slice(0, -2);
    return readdirSync(join(cwd, dir)).map((entry) => `${dir}/${entry}`);
  });
}

describe('README commands', () => {
  const commands = readmeCommands();
  const cwd = tempDir('taskctl-readme-');
  symlinkSync(join(repoRoot, 'examples'), join(cwd, 'examples'));

  it('the README shows commands to run', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  for (const command of commands) {
    it(`works as written: ${command.line}`, async () => {
      const run = await runCli(expandGlobs(command.argv, cwd), { cwd, now: new Date('2025-01-06T00:00:00Z') });
      expect({ code: run.code, stderr: run.code === command.exit ? '' : run.stderr }).toEqual({ code: command.exit, stderr: '' });
    });
  }
});
