/**
 * The key import test: every well-formed task of the real-Windows corpus, renamed under the
 * prefix → `importTasks` → (TypeScript through jiti | JSON) → compile → the comparison plan
 * makes → no difference. Tasks taskctl can't declare field by field come back whole as XML.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileSystem } from '../../src/core/context.js';
import type { DeclaredTask } from '../../src/declaration/compile-tasks.js';
import { createModuleImporter } from '../../src/declaration/import-module.js';
import { loadConfig } from '../../src/declaration/load-config.js';
import { importTasks, type ImportResult } from '../../src/import/import-tasks.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { alignUndeclared, normalizeTask } from '../../src/schtasks/normalize-task.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { makeTempDir } from '../support/temp-dirs.js';
import { corpusAvailable, readCorpusFile, TASKS_DIR } from '../schtasks/corpus-files.js';
import { compiledByPath } from './round-trip.js';

const FOLDER = '\\Corpus\\';
const files = corpusAvailable ? readdirSync(TASKS_DIR).filter((f) => f.endsWith('.xml') && !f.startsWith('MALFORMED-') && !f.startsWith('TEMPLATE-')).sort() : [];
const records: LiveTaskRecord[] = files.map((file) => ({
  taskPath: FOLDER,
  taskName: `AGI_${file.replace(/\.xml$/, '').replace(/[^\w.-]+/g, '_')}`,
  state: 'Ready',
  xml: decodeTaskBytes(readCorpusFile(file)).text,
}));

/** Whether the compiled declaration means exactly the live task, the way plan compares them. */
function plansClean(compiled: Map<string, DeclaredTask>, record: LiveTaskRecord): boolean {
  const declared = compiled.get(`${record.taskPath}${record.taskName}`);
  if (!declared) return false;
  const wanted = normalizeTask(declared.definition);
  return JSON.stringify(alignUndeclared(normalizeTask(parseTaskXml(record.xml).definition), wanted)) === JSON.stringify(wanted);
}

describe.skipIf(!corpusAvailable)('corpus: live → import → compile → the plan comparison', () => {
  let json: ImportResult;
  let fromTs: Map<string, DeclaredTask>;
  let fromJson: Map<string, DeclaredTask>;

  beforeAll(async () => {
    const dir = makeTempDir('taskctl-corpus-import-');
    json = importTasks(records, { prefix: 'AGI', format: 'json' });
    const ts = importTasks(records, { prefix: 'AGI', format: 'ts', importFrom: path.resolve(import.meta.dirname, '../../src/declaration/index.ts') });
    const tsFile = path.join(dir, 'imported.ts');
    writeFileSync(tsFile, ts.text);
    const ctx = { fs: nodeFs as unknown as FileSystem, importModule: createModuleImporter(), cwd: dir };
    fromTs = compiledByPath(await loadConfig(tsFile, ctx));
    fromJson = compiledByPath(JSON.parse(json.text));
  }, 120_000);

  it('covers the corpus, every task in the file', () => {
    expect(records.length).toBeGreaterThanOrEqual(69);
    expect(json.errors).toEqual([]);
    expect(json.count).toBe(records.length);
  });

  it.each(records.map((r) => [r.taskName, r] as const))('%s (TypeScript and JSON)', (_, record) => {
    expect(plansClean(fromTs, record)).toBe(true);
    expect(plansClean(fromJson, record)).toBe(true);
  });

  it('keeps the exported template with an empty <Command> whole as XML, saying why', () => {
    const template = records.find((r) => r.taskName.includes('jrudlin-choco'))!;
    const task = (JSON.parse(json.text) as { tasks: { name: string; xml?: string }[] }).tasks.find((t) => t.name === template.taskName);
    expect(task?.xml).toBe(template.xml);
    expect(json.notes).toContainEqual(expect.stringMatching(/jrudlin-choco.*: kept whole as XML: Task Scheduler would refuse actions\[0\]\.command: the command is empty/));
  });

  it('most tasks are declared field by field, and every WnfStateChangeTrigger of those is a noted raw trigger', () => {
    const tasks = (JSON.parse(json.text) as { tasks: Record<string, unknown>[] }).tasks;
    const byFields = tasks.filter((t) => !('xml' in t));
    expect(byFields.length).toBeGreaterThan(records.length * 0.8);
    const raw = byFields.flatMap((t) => ((t.triggers as { type: string }[] | undefined) ?? []).filter((x) => x.type === 'raw'));
    expect(raw.length).toBeGreaterThan(0);
    expect(json.notes.filter((n) => n.includes('<WnfStateChangeTrigger> has no typed form'))).toHaveLength(raw.length);
  });
});
