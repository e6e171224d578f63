import { describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

describe('taskctl main', () => {
  it('--help teaches the commands and the exit codes on stdout', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['plan', 'apply', 'list-conflicts', 'render', 'import', 'restore']) {
      expect(run.stdout).toContain(command);
    }
    expect(run.stdout).toContain('Exit codes');
    expect(run.stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown command is a usage error: exit 1, message on stderr, nothing on stdout', async () => {
    const run = await runCli(['deploy']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Unknown argument|Did you mean/);
    expect(run.stdout).toBe('');
  });

  it('no command at all asks for one', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Name a command');
  });

  it('apply --help names the default backup folder', async () => {
    const run = await runCli(['apply', '--help'], { env: { XDG_STATE_HOME: '/state' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/state/taskctl/backups');
  });

  it('plan without --live/--store off Windows fails naming both options', async () => {
    const run = await runCli(['plan', '--config', 'test/cli/fixtures/minimal.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--live');
    expect(run.stderr).toContain('--store');
  });

  it('--live and --store together are refused', async () => {
    const run = await runCli(['plan', '--live', 'a.json', '--store', 'dir']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--live and --store can't be used together");
  });
});
