/**
 * `taskctl import`, as a user adopting a machine runs it, through the CLI (in-process,
 * test/cli/cli-harness.ts) and only in folders outside the repository:
 *
 *   store/   every well-formed task of ../shared/corpus/tasks, renamed under the prefix, bytes
 *            as found (UTF-16LE, UTF-8, 8-bit declaring UTF-16 …) — and, in a second store,
 *            tasks generated at random, as a Windows export of any task would look;
 *   out/     `import --format json` and `--format ts` write there (run from out/ itself);
 *   third/   `plan --config ../out/<file>` runs from here against the same store,
 *
 * and the plan says "No changes" (exit 0, also with --detailed-exitcode). The TypeScript file
 * imports from 'taskctl', which nothing on disk resolves from out/: the config loader's alias
 * to the running taskctl is what loads it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { runCli, tempDir, type CliRun } from '../cli/cli-harness.js';
import { taskDefinition as hostileDefinition } from '../schtasks/arbitraries.js';
import { corpusAvailable, corpusFiles, readCorpusFile } from '../schtasks/corpus-files.js';
import { definitionArbitrary } from '../schtasks/xsd-arbitraries.js';

interface Layout {
  store: string;
  out: string;
  third: string;
  count: number;
}

/** store/, out/ and third/ under one temp folder; `fill` writes the task files into the store. */
function layout(fill: (store: string) => number): Layout {
  const root = tempDir('taskctl-import-cli-');
  const [store, out, third] = ['store', 'out', 'third'].map((name) => join(root, name)) as [string, string, string];
  for (const dir of [store, out, third]) mkdirSync(dir);
  return { store, out, third, count: fill(store) };
}

/** Imports the store into out/fleet.<format> (run from out/, `--out` relative to it). */
async function importStore(l: Layout, format: 'json' | 'ts'): Promise<{ run: CliRun; file: string; text: string }> {
  const run = await runCli(['import', '--store', l.store, '--format', format, '--out', `fleet.${format}`], { cwd: l.out });
  const file = join(l.out, `fleet.${format}`);
  return { run, file, text: existsSync(file) ? readFileSync(file, 'utf8') : '' };
}

/** `plan --config ../out/fleet.<format>` from third/, in text and as JSON with --detailed-exitcode. */
async function planFromThird(l: Layout, format: 'json' | 'ts'): Promise<{ text: CliRun; json: CliRun }> {
  const config = join('..', 'out', `fleet.${format}`);
  const text = await runCli(['plan', '--config', config, '--store', l.store], { cwd: l.third });
  const json = await runCli(['plan', '--config', config, '--store', l.store, '--json', '--detailed-exitcode'], { cwd: l.third });
  return { text, json };
}

function expectNoChanges({ text, json }: { text: CliRun; json: CliRun }, count: number): void {
  expect(text.stderr).not.toMatch(/error/i);
  expect(text.stdout).toContain('No changes');
  expect(text.code).toBe(0);
  expect(json.code).toBe(0);
  const plan = JSON.parse(json.stdout) as { changes: unknown[]; summary: { unchanged: number } };
  expect(plan.changes).toEqual([]);
  expect(plan.summary.unchanged).toBe(count);
}

describe.skipIf(!corpusAvailable)('every well-formed corpus task: import (JSON and TypeScript) → plan from another folder → no changes', () => {
  let l: Layout;
  const imports: Partial<Record<'json' | 'ts', Awaited<ReturnType<typeof importStore>>>> = {};

  beforeAll(async () => {
    l = layout((store) => {
      const folder = join(store, 'Corpus');
      mkdirSync(folder);
      const files = corpusFiles().filter((f) => !f.startsWith('MALFORMED-'));
      for (const file of files) writeFileSync(join(folder, `AGI_${file.replace(/\.xml$/, '').replace(/[^\w.-]+/g, '_')}`), readCorpusFile(file));
      return files.length;
    });
    imports.json = await importStore(l, 'json');
    imports.ts = await importStore(l, 'ts');
  }, 120_000);

  it('imports every one, saying per task what it kept whole as XML and once per kind what it left out', () => {
    expect(l.count).toBeGreaterThanOrEqual(70);
    for (const { run } of Object.values(imports)) {
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`Wrote ${l.count} declaration(s)`);
      expect(run.stderr).toMatch(/jrudlin-choco.*: kept whole as XML: Task Scheduler would refuse actions\[0\]\.command: the command is empty/);
      // One summary line per kind, with a count: not one line per task.
      const summary = run.stderr.split('\n').filter((line) => line.includes('RegistrationInfo Date and URI are written by Windows'));
      expect(summary).toEqual([expect.stringMatching(/: \d+ tasks \(\\Corpus\\AGI_.*, …\)$/)]);
    }
    expect(JSON.parse(imports.json!.text).$comment).toContainEqual(expect.stringMatching(/^RegistrationInfo Date and URI are written by Windows; not declared: \d+ tasks/));
  });

  it("the TypeScript file imports from 'taskctl', which plain Node resolution cannot find from its folder", () => {
    expect(imports.ts!.text).toContain("import { defineConfig, defineTask } from 'taskctl';");
    expect(imports.ts!.text).not.toMatch(/from '\.{1,2}\//);
    expect(() => createRequire(join(l.out, 'fleet.ts')).resolve('taskctl')).toThrow(/Cannot find module 'taskctl'/);
  });

  it.each(['json', 'ts'] as const)('plan --config ../out/fleet.%s from a third folder: No changes, exit 0', async (format) => {
    expectNoChanges(await planFromThird(l, format), l.count);
  }, 120_000);

  it('and the check can fail: one changed task in the store is planned as an update', async () => {
    const file = join(l.store, 'Corpus', 'AGI_geelaw-daily-restore-point.utf16le');
    const before = readFileSync(file);
    const xml = before.toString('utf16le').replace(/^\uFEFF/, '');
    expect(xml).toContain('<Priority>7</Priority>');
    writeFileSync(file, encodeTaskFile(xml.replace('<Priority>7</Priority>', '<Priority>4</Priority>')));
    try {
      const { json } = await planFromThird(l, 'json');
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout).changes).toEqual([
        { action: 'update', task: '\\Corpus\\AGI_geelaw-daily-restore-point.utf16le', fields: [{ path: 'settings.priority', before: 4, after: 7 }] },
      ]);
    } finally {
      writeFileSync(file, before);
    }
  }, 120_000);
});

describe('tasks as any Windows export could hold them (generated): import → plan → no changes', () => {
  it.each(['json', 'ts'] as const)('--format %s, 60 random tasks in one store', async (format) => {
    // Half from the schema tables (every optional block), half full of XML and PowerShell metacharacters.
    const definitions = [
      ...fc.sample(definitionArbitrary, { numRuns: 30, seed: 1130 }),
      ...fc.sample(hostileDefinition, { numRuns: 30, seed: 1130 }),
    ];
    const l = layout((store) => {
      definitions.forEach((def, i) => writeFileSync(join(store, `AGI_Generated_${String(i).padStart(2, '0')}`), encodeTaskFile(renderTaskXml(def))));
      return definitions.length;
    });
    const { run, text } = await importStore(l, format);
    expect(run.code).toBe(0);
    expect(text).toContain('AGI_Generated_59');
    expectNoChanges(await planFromThird(l, format), l.count);
  }, 180_000);
});

describe('a note that holds a JavaScript line terminator (U+2028, U+2029, a lone CR)', () => {
  it('stays inside its comment in the TypeScript file, which loads and plans back to no changes', async () => {
    // An Actions Context naming no principal is kept whole as XML, with a note that quotes it.
    const context = 'ops\u2028then\u2029more\rend';
    const l = layout((store) => {
      const xml = renderTaskXml({ registrationInfo: {}, triggers: [], settings: {}, actions: [{ kind: 'Exec', command: 'a.exe' }], actionsContext: context });
      writeFileSync(join(store, 'AGI_Context.xml'), encodeTaskFile(xml));
      return 1;
    });
    const { run, text } = await importStore(l, 'ts');
    expect(run.code).toBe(0);
    expect(text).toMatch(/^\/\/ NOTE: \\AGI_Context: kept whole as XML: .*"ops$/m);
    expect(text).toMatch(/^\/\/ then$/m);
    expectNoChanges(await planFromThird(l, 'ts'), 1);
  }, 60_000);
});

describe('a store file that is not well-formed XML', () => {
  it('is named once, the others are written, and import exits 1', async () => {
    const l = layout((store) => {
      writeFileSync(join(store, 'AGI_Good.xml'), encodeTaskFile(renderTaskXml({ registrationInfo: {}, triggers: [], settings: {}, actions: [{ kind: 'Exec', command: 'a.exe' }] })));
      writeFileSync(join(store, 'AGI_Broken.xml'), encodeTaskFile('<Task><Actions></Task>'));
      return 1;
    });
    const { run, text } = await importStore(l, 'json');
    expect(run.code).toBe(1);
    expect(run.stderr.match(/AGI_Broken/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/\\AGI_Broken: not well-formed XML/);
    expect((JSON.parse(text) as { tasks: { name: string }[] }).tasks.map((t) => t.name)).toEqual(['AGI_Good']);
  });
});
