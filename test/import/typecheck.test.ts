/**
 * `taskctl import --format ts` writes TypeScript that type-checks under the
 * project's own strict tsconfig: every well-formed corpus task and the troubled
 * machine, compiled with the TypeScript compiler API (no emit).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { importTasks } from '../../src/import/import-tasks.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { parseLiveRecords } from '../../src/schtasks/backends/live-records.js';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { corpusAvailable, corpusFiles, readCorpusFile } from '../schtasks/corpus-files.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the repository, so the import of the declaration language resolves like a task file's.
const dir = path.join(repoRoot, 'test', 'import', `.typecheck-${process.pid}`);

function corpusRecords(): LiveTaskRecord[] {
  return corpusFiles()
    .filter((f) => !f.startsWith('MALFORMED-') && !f.startsWith('TEMPLATE-'))
    .map((file, i) => ({ taskPath: '\\Corpus\\', taskName: `AGI_${i}_${file.slice(0, 20).replace(/[^\w]/g, '_')}`, state: 'Ready', xml: decodeTaskBytes(readCorpusFile(file)).text }));
}

function typeErrors(file: string): string[] {
  const { config } = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('imported TypeScript type-checks', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!corpusAvailable)('for every well-formed corpus task and the troubled machine', () => {
    mkdirSync(dir, { recursive: true });
    const snapshot = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'troubled-machine.json'), 'utf8')) as unknown[];
    const records = [...corpusRecords(), ...parseLiveRecords(snapshot, 'AGI', 'troubled-machine.json')];
    const result = importTasks(records, { prefix: 'AGI', format: 'ts', importFrom: '../../../src/declaration/index.js' });
    expect(result.count).toBeGreaterThanOrEqual(70);
    const file = path.join(dir, 'imported.ts');
    writeFileSync(file, result.text);
    expect(typeErrors(file)).toEqual([]);
  }, 60_000);

  it('and a type error in such a file is caught (the check can fail)', () => {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'broken.ts');
    writeFileSync(file, "import { defineTask } from '../../../src/declaration/index.js';\nexport default defineTask({ name: 'AGI_X', actions: [], timeLimit: 5 });\n");
    expect(typeErrors(file).join('\n')).toMatch(/timeLimit|number/);
  }, 60_000);
});
