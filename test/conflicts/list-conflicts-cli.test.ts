/**
 * `list-conflicts` as a script meets it: --from read by the one date-time module (a day the
 * month lacks is refused, naming the option; a local time is read in the Context's TZ),
 * and busy groups reported in proportion, with every pair under --verbose.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/cli-harness.js';

function writeJson(value: unknown): string {
  const file = join(tempDir(), 'fleet.json');
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const task = (name: string, start: string, interval = 'PT15M', timeLimit = 'PT1M') => ({
  name,
  actions: [{ command: 'python.exe', arguments: `C:\\AGI\\${name}.py` }],
  triggers: [{ type: 'time', start, repeat: { interval } }],
  timeLimit,
  group: 'agi',
});

type Report = { formatVersion: string; conflicts: { kind: string; tasks: string[]; firstAt?: string; pairs?: number; collisions?: number; load?: number }[] };

describe('list-conflicts --from', () => {
  it('refuses 30 February, naming --from (it used to be read as 2 March), as a declaration refuses it', async () => {
    const run = await runCli(['list-conflicts', '--declared-only', '--from', '2025-02-30T00:00:00']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--from: "2025-02-30T00:00:00": 2025-02 has no day 30');
    expect(run.stdout).toBe('');
    const config = writeJson({ tasks: [task('AGI_A', '2025-02-30T00:00:00')] });
    const declared = await runCli(['list-conflicts', '--declared-only', '--config', config]);
    expect(declared.code).toBe(1);
    expect(declared.stderr).toContain('tasks[0].triggers[0].start: "2025-02-30T00:00:00": 2025-02 has no day 30');
  });

  it('refuses what is not a date-time at all', async () => {
    const run = await runCli(['list-conflicts', '--declared-only', '--from', 'yesterday']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--from: "yesterday" is not a date-time');
  });

  it('reads a local --from on the clock of TZ in the environment, like the schedule itself', async () => {
    // Two daily jobs at 00:30 local time; the window is the first hour of 1 January local time.
    const config = writeJson({
      tasks: [
        { ...task('AGI_A', '2025-01-01T00:30:00'), triggers: [{ type: 'daily', start: '2025-01-01T00:30:00' }] },
        { ...task('AGI_B', '2025-01-01T00:30:00'), triggers: [{ type: 'daily', start: '2025-01-01T00:30:00' }] },
      ],
    });
    for (const TZ of ['Pacific/Chatham', 'America/St_Johns', 'UTC']) {
      const run = await runCli(['list-conflicts', '--declared-only', '--config', config, '--from', '2025-01-01T00:00:00', '--horizon', 'PT1H', '--json'], { env: { TZ } });
      const overlap = (JSON.parse(run.stdout) as Report).conflicts.find((c) => c.kind === 'overlap');
      expect({ TZ, firstAt: overlap?.firstAt }).toEqual({ TZ, firstAt: '2025-01-01T00:30:00' });
    }
  });
});

describe('list-conflicts on a busy group', () => {
  // Eight tasks all at :00 every 15 minutes, one minute each: load 53%, 28 colliding pairs.
  const config = () => writeJson({ tasks: Array.from({ length: 8 }, (_, i) => task(`AGI_T${i}`, '2025-01-01T00:00:00')) });
  const args = (file: string) => ['list-conflicts', '--declared-only', '--config', file, '--from', '2025-01-06T00:00:00', '--horizon', 'P1D'];

  it('gives one group finding and the ten worst pairs, in text and in JSON', async () => {
    const file = config();
    const json = await runCli([...args(file), '--json']);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.formatVersion).toBe('1');
    const overlaps = report.conflicts.filter((c) => c.kind === 'overlap');
    expect(overlaps).toHaveLength(11);
    expect(overlaps[0]).toMatchObject({ pairs: 28, collisions: 96 * 7, tasks: Array.from({ length: 8 }, (_, i) => `\\AGI_T${i}`) });
    expect(overlaps.slice(1).every((c) => c.tasks.length === 2 && c.collisions === 96)).toBe(true);
    expect(report.conflicts.some((c) => c.kind === 'over-capacity')).toBe(false);
    const text = await runCli(args(file));
    expect(text.stdout).toContain("8 of the 8 tasks of group 'agi' can run at the same time: 28 pairs of them collide");
    expect(text.stdout).toContain('--verbose lists every pair');
    expect(text.stdout).toContain('taskctl stagger --group agi');
  });

  it('--verbose lists every pair after the group finding, in text and in JSON', async () => {
    const file = config();
    const report = JSON.parse((await runCli([...args(file), '--json', '--verbose'])).stdout) as Report;
    const overlaps = report.conflicts.filter((c) => c.kind === 'overlap');
    expect(overlaps).toHaveLength(29);
    expect(overlaps[0]?.pairs).toBe(28);
    expect(new Set(overlaps.slice(1).map((c) => c.tasks.join(' '))).size).toBe(28);
    const text = await runCli([...args(file), '--verbose']);
    expect(text.stdout).toContain('ERRORS (29)');
    expect(text.stdout.match(/^ {2}overlap/gm)).toHaveLength(29);
  });

  it('reports a group over 100% as over-capacity with the figure and what it would take', async () => {
    // Three tasks every 10 minutes, 4 minutes each: 120%.
    const file = writeJson({ tasks: ['00', '03', '06'].map((m, i) => task(`AGI_T${i}`, `2025-01-01T00:${m}:00`, 'PT10M', 'PT4M')) });
    const run = await runCli([...args(file), '--json']);
    const over = (JSON.parse(run.stdout) as Report).conflicts.find((c) => c.kind === 'over-capacity') as Record<string, unknown>;
    expect(over).toMatchObject({ severity: 'error', group: 'agi', load: 1.2 });
    expect(over.message).toContain('120%');
    expect(over.suggestion).toContain('moving \\AGI_T0 (40%) to another group (leaves 80%)');
    expect(over.suggestion).toContain("shortening \\AGI_T0's runs from 4 min to at most 2 min");
  });
});
