/**
 * `taskctl stagger` as a person or a script meets it: the contract's JSON, --group,
 * --write on a JSON config (only the start values change; FILE.bak keeps the original;
 * list-conflicts then finds no overlap), printed edits for a config in code, and the
 * fleet and the examples, which come out conflict-free.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/cli-harness.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FROM = ['--from', '2025-01-06T00:00:00'];

const task = (name: string, start: string, interval: string, timeLimit: string, group = 'agi') => ({
  name,
  actions: [{ command: 'python.exe', arguments: `C:\\AGI\\${name}.py` }],
  triggers: [{ type: 'time', start, repeat: { interval } }],
  timeLimit,
  group,
});

/** A hand-formatted config (two spaces, keys on one line), so an edit that reformats would show. */
function crowdedConfig(): { file: string; text: string } {
  const tasks = [
    task('AGI_A', '2025-01-01T00:00', 'PT15M', 'PT3M'),
    task('AGI_B', '2025-01-01T00:00', 'PT15M', 'PT3M'),
    task('AGI_C', '2025-01-01T00:00', 'PT30M', 'PT6M'),
  ];
  const text = `{\n  "prefix": "AGI",\n  "tasks": [\n${tasks.map((t) => `    ${JSON.stringify(t)}`).join(',\n')}\n  ]\n}\n`;
  const file = join(tempDir(), 'fleet.json');
  writeFileSync(file, text);
  return { file, text };
}

type StaggerJson = { formatVersion: string; groups: { group: string; feasible: boolean; load: number; moves: { task: string; trigger: number; before: string; after: string }[]; reason?: string }[] };

describe('taskctl stagger', () => {
  it('prints the contract JSON: per group feasible, load and moves', async () => {
    const { file } = crowdedConfig();
    const run = await runCli(['stagger', '--config', file, '--json', ...FROM]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as StaggerJson;
    expect(doc.formatVersion).toBe('1');
    expect(doc.groups).toEqual([
      expect.objectContaining({
        group: 'agi', feasible: true, load: 0.6,
        moves: [
          expect.objectContaining({ task: '\\AGI_B', trigger: 0, before: '2025-01-01T00:00:00', after: '2025-01-01T00:03:00' }),
          expect.objectContaining({ task: '\\AGI_C', trigger: 0, before: '2025-01-01T00:00:00', after: '2025-01-01T00:06:00' }),
        ],
      }),
    ]);
  });

  it('--write changes only the start values of a JSON config, keeps FILE.bak, and list-conflicts then finds no overlap', async () => {
    const { file, text } = crowdedConfig();
    const before = await runCli(['list-conflicts', '--declared-only', '--config', file, ...FROM, '--json']);
    expect(before.code).toBe(2);
    const run = await runCli(['stagger', '--config', file, '--write', ...FROM]);
    expect(run.code).toBe(0);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(text);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(
      text
        .replace('"name":"AGI_B","actions":[{"command":"python.exe","arguments":"C:\\\\AGI\\\\AGI_B.py"}],"triggers":[{"type":"time","start":"2025-01-01T00:00"', '"name":"AGI_B","actions":[{"command":"python.exe","arguments":"C:\\\\AGI\\\\AGI_B.py"}],"triggers":[{"type":"time","start":"2025-01-01T00:03:00"')
        .replace('"name":"AGI_C","actions":[{"command":"python.exe","arguments":"C:\\\\AGI\\\\AGI_C.py"}],"triggers":[{"type":"time","start":"2025-01-01T00:00"', '"name":"AGI_C","actions":[{"command":"python.exe","arguments":"C:\\\\AGI\\\\AGI_C.py"}],"triggers":[{"type":"time","start":"2025-01-01T00:06:00"'),
    );
    const after = await runCli(['list-conflicts', '--declared-only', '--config', file, ...FROM, '--json']);
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as { conflicts: { kind: string }[] }).conflicts.filter((c) => c.kind === 'overlap')).toEqual([]);
    // A second stagger has nothing left to move.
    expect((JSON.parse((await runCli(['stagger', '--config', file, '--json', ...FROM])).stdout) as StaggerJson).groups[0]?.moves).toEqual([]);
  });

  it('prints the edits for a config written in code instead of rewriting it', async () => {
    const dir = tempDir();
    const file = join(dir, 'fleet.mjs');
    const config = { tasks: [task('AGI_A', '2025-01-01T00:00:00', 'PT15M', 'PT3M'), task('AGI_B', '2025-01-01T00:00:00', 'PT15M', 'PT3M')] };
    const source = `export default ${JSON.stringify(config)};\n`;
    writeFileSync(file, source);
    const run = await runCli(['stagger', '--config', file, '--write', ...FROM]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is TypeScript: taskctl does not rewrite it');
    expect(run.stdout).toContain('\\AGI_B: triggers[0].start "2025-01-01T00:00:00" → "2025-01-01T00:03:00"');
    expect(readFileSync(file, 'utf8')).toBe(source);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it('says over-capacity with the figure and exits 2 for a group at 120%', async () => {
    const file = join(tempDir(), 'over.json');
    writeFileSync(file, JSON.stringify({ tasks: ['00', '03', '06'].map((m, i) => task(`AGI_T${i}`, `2025-01-01T00:${m}:00`, 'PT10M', 'PT4M')) }));
    const run = await runCli(['stagger', '--config', file, '--json', ...FROM]);
    expect(run.code).toBe(2);
    expect((JSON.parse(run.stdout) as StaggerJson).groups[0]).toMatchObject({ feasible: false, reason: 'over-capacity', load: 1.2, moves: [] });
    const text = await runCli(['stagger', '--config', file, ...FROM]);
    expect(text.stdout).toContain("Group 'agi' is over capacity: its runs need 120% of the time");
  });

  it('--group picks one group and names the groups when it does not exist', async () => {
    const file = join(tempDir(), 'two.json');
    writeFileSync(file, JSON.stringify({ tasks: [task('AGI_A', '2025-01-01T00:00:00', 'PT15M', 'PT3M', 'x'), task('AGI_B', '2025-01-01T00:00:00', 'PT15M', 'PT3M', 'y')] }));
    const one = JSON.parse((await runCli(['stagger', '--config', file, '--group', 'y', '--json', ...FROM])).stdout) as StaggerJson;
    expect(one.groups.map((g) => g.group)).toEqual(['y']);
    const missing = await runCli(['stagger', '--config', file, '--group', 'z']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--group: no declared task is in group 'z'; the groups are 'x', 'y'.");
  });

  it('finds the built-in fleet and the examples conflict-free: nothing to move', async () => {
    const fleet = await runCli(['stagger', '--json', ...FROM]);
    expect(fleet.code).toBe(0);
    const [pipeline] = (JSON.parse(fleet.stdout) as StaggerJson).groups;
    // Two pipeline jobs run on demand only: the scheduled ones are apart, which is all a timetable can promise.
    expect(pipeline).toMatchObject({ group: 'agi-pipeline', moves: [], reason: 'unpredictable' });
    const oneJob = await runCli(['stagger', '--config', join(repoRoot, 'examples', 'one-job.json'), '--json', ...FROM]);
    expect(oneJob.code).toBe(0);
    expect((JSON.parse(oneJob.stdout) as StaggerJson).groups).toEqual([expect.objectContaining({ feasible: true, moves: [] })]);
    const conflicts = await runCli(['list-conflicts', '--declared-only', '--json', ...FROM]);
    expect((JSON.parse(conflicts.stdout) as { conflicts: { kind: string }[] }).conflicts.filter((c) => ['overlap', 'over-capacity'].includes(c.kind))).toEqual([]);
  });
});
