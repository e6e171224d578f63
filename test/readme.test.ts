/**
 * Every `node dist/bin.js …` command in the README's sh blocks runs as written
 * (in-process, through the same `main` bin.ts calls) and exits as its comment
 * says (`# exit N`, otherwise 0). Commands run in order in one scratch folder
 * that sees the repository's `examples/`, so later lines can use what earlier
 * lines wrote. `mkdir -p` and `cp` lines set the scene; a command prefixed with
 * `TASKCTL_SCHEDULER_SIMULATOR=DIR` runs the real templates under pwsh (skipped without one).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli/cli-harness.js';
import { PWSH } from './windows-path/pwsh.js';
import { createProcessRunner } from '../src/core/process-runner.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

interface ReadmeCommand {
  line: string;
  argv: string[];
  exit: number;
  /** `NAME=value` words before `node dist/bin.js`. */
  env: Record<string, string>;
}

/** The few shell commands the README uses to set the scene: `mkdir -p DIR`, `cp FROM TO`. */
interface ReadmeShellStep {
  line: string;
  shell: ['mkdir', ...string[]] | ['cp', string, string];
}

type ReadmeStep = ReadmeCommand | ReadmeShellStep;

function readmeSteps(): ReadmeStep[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const steps: ReadmeStep[] = [];
  for (const block of blocks) {
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      const mkdir = /^mkdir -p ((?:\S+ ?)+)$/.exec(line);
      if (mkdir) steps.push({ line, shell: ['mkdir', ...mkdir[1]!.split(' ')] });
      const cp = /^cp (\S+) (\S+)$/.exec(line);
      if (cp) steps.push({ line, shell: ['cp', cp[1]!, cp[2]!] });
      // `npm ci && npm run build && node dist/bin.js …` counts from `node dist/bin.js`.
      const at = raw.indexOf('node dist/bin.js ');
      if (at < 0) continue;
      const env = Object.fromEntries([...raw.slice(0, at).matchAll(/(?:^|\s)([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
      const [command = '', comment = ''] = raw.slice(at).split(/\s+#\s/, 2);
      const words = command.replace(/\s*>\s*\S+\s*$/, '').trim().split(/\s+/).slice(2);
      steps.push({ line, argv: words, exit: Number(/exit (\d)/.exec(comment)?.[1] ?? 0), env });
    }
  }
  return steps;
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
  const steps = readmeSteps();
  const commands = steps.filter((step): step is ReadmeCommand => 'argv' in step);
  const cwd = tempDir('taskctl-readme-');
  symlinkSync(join(repoRoot, 'examples'), join(cwd, 'examples'));

  it('the README shows commands to run', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  for (const step of steps) {
    if ('shell' in step) {
      it(`sets the scene: ${step.line}`, () => {
        const [verb, ...paths] = step.shell;
        if (verb === 'mkdir') for (const dir of paths) mkdirSync(join(cwd, dir), { recursive: true });
        else copyFileSync(join(cwd, paths[0]!), join(cwd, paths[1]!));
      });
      continue;
    }
    // Commands on the simulated Task Scheduler run the real templates under pwsh.
    const simulated = step.env.TASKCTL_SCHEDULER_SIMULATOR !== undefined;
    const test = simulated && PWSH === undefined ? it.skip : it;
    test(`works as written: ${step.line}`, async () => {
      const env = simulated ? { ...step.env, TASKCTL_POWERSHELL: PWSH!, TZ: 'UTC' } : step.env;
      const run = await runCli(expandGlobs(step.argv, cwd), { cwd, env, now: new Date('2025-01-06T00:00:00Z'), ...(simulated ? { runner: createProcessRunner() } : {}) });
      expect({ code: run.code, stderr: run.code === step.exit ? '' : run.stderr }).toEqual({ code: step.exit, stderr: '' });
    }, simulated ? 120_000 : 30_000);
  }
});
