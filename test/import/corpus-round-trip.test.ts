/**
 * The key import test: every well-formed task of the real-Windows corpus, renamed under
 * the prefix → declaration → (TS through jiti | JSON) → compile → normalize equals
 * normalize(parsed live task).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSystem } from '../../src/core/context.js';
import type { DeclaredTask } from '../../src/declaration/compiled.js';
import { definitionToDeclaration, type ImportedTask } from '../../src/import/definition-to-declaration.js';
import { renderDeclarationsJson } from '../../src/import/render-declarations-json.js';
import { renderDeclarationsTs } from '../../src/import/render-declarations-ts.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { parseTaskBytes } from '../../src/schtasks/xml-parse.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { createModuleImporter } from '../../src/declaration/import-module.js';
import { loadConfig } from '../../src/declaration/load-config.js';
import { compiledByPath, normalizedOf } from './round-trip.js';
import { TASKS_DIR } from '../schtasks/corpus-files.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tasksDir = TASKS_DIR;
const declarationIndex = path.join(repoRoot, 'src', 'declaration', 'index.ts');
const FOLDER = '\\Corpus\\';

/** Live tasks no declaration can state, each with the reason import gives. */
const UNDECLARABLE: Record<string, RegExp> = {
  // A template pasted into a script, its <Command> left empty for the script to fill.
  'jrudlin-choco-monthlydow-2nd-monday.extracted.declared-utf16-actually-ascii.xml': /actions\[0\]\.command: command must not be empty/,
};

interface CorpusTask {
  file: string;
  path: string;
  live: TaskDefinition;
  imported: ImportedTask;
}

const files = existsSync(tasksDir)
  ? readdirSync(tasksDir).filter((f) => f.endsWith('.xml') && !f.startsWith('MALFORMED-') && !f.startsWith('TEMPLATE-')).sort()
  : [];

const corpus: CorpusTask[] = files.map((file) => {
  const name = `AGI_${file.replace(/\.xml$/, '').replace(/[^\w.-]+/g, '_')}`;
  const { definition } = parseTaskBytes(readFileSync(path.join(tasksDir, file)), file);
  return { file, path: `${FOLDER}${name}`, live: definition, imported: definitionToDeclaration(FOLDER, name, definition, 'AGI') };
});
const declarable = corpus.filter((c) => !(c.file in UNDECLARABLE));

describe.skipIf(files.length === 0)('corpus: live → declaration → compile → normalize', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'taskctl-corpus-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fromTs: Map<string, DeclaredTask>;
  let fromJson: Map<string, DeclaredTask>;

  beforeAll(async () => {
    const config = { prefix: 'AGI', tasks: declarable.map((c) => c.imported) };
    const tsFile = path.join(dir, 'imported.ts');
    writeFileSync(tsFile, renderDeclarationsTs(config, { importFrom: declarationIndex }));
    const ctx = { fs: nodeFs as unknown as FileSystem, importModule: createModuleImporter(), cwd: dir };
    fromTs = compiledByPath(await loadConfig(tsFile, ctx));
    fromJson = compiledByPath(JSON.parse(renderDeclarationsJson(config)));
  });

  it('covers the corpus (at least 60 well-formed tasks)', () => {
    expect(declarable.length).toBeGreaterThanOrEqual(60);
  });

  it.each(declarable.map((c) => [c.file, c] as const))('%s (TypeScript)', (_, c) => {
    expect(normalizedOf(fromTs.get(c.path))).toEqual(normalizeTask(c.live));
  });

  it.each(declarable.map((c) => [c.file, c] as const))('%s (JSON)', (_, c) => {
    expect(normalizedOf(fromJson.get(c.path))).toEqual(normalizeTask(c.live));
  });

  it.each(Object.entries(UNDECLARABLE))('%s: says loudly why it cannot be declared, and compile refuses it', (file, reason) => {
    const c = corpus.find((x) => x.file === file);
    expect(c, `${file} is missing from the corpus`).toBeDefined();
    expect(c?.imported.notes).toContainEqual(expect.stringMatching(reason));
    expect(() => compileConfig({ tasks: [c?.imported.task] })).toThrow(reason);
  });

  it('notes every WnfStateChangeTrigger carried as a raw trigger', () => {
    const raw = corpus.flatMap((c) => c.imported.notes.filter((n) => n.includes('<WnfStateChangeTrigger>')));
    const wnf = corpus.flatMap((c) => c.live.triggers.filter((t) => t.kind === 'Raw'));
    expect(wnf.length).toBeGreaterThan(0);
    expect(raw).toHaveLength(wnf.length);
  });
});
