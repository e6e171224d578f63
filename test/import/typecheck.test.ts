/**
 * `taskctl import --format ts` writes TypeScript that type-checks where it lands: a folder
 * outside the repository, importing from 'taskctl' as the file is written, with a tsconfig
 * that maps `taskctl` to this package's src/index.ts — the types an installed package gives
 * its user (package.json `types`). The compiler is the project's own, with its strict
 * options, run as a child process (asynchronously: a long compile must not stall vitest).
 * Nothing is written into the repository.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { importTasks } from '../../src/import/import-tasks.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { parseLiveRecords } from '../../src/schtasks/backends/live-records.js';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { makeTempDir } from '../support/temp-dirs.js';
import { corpusAvailable, corpusFiles, readCorpusFile } from '../schtasks/corpus-files.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function corpusRecords(): LiveTaskRecord[] {
  return corpusFiles()
    .filter((f) => !f.startsWith('MALFORMED-'))
    .map((file, i) => ({ taskPath: '\\Corpus\\', taskName: `AGI_${i}_${file.slice(0, 20).replace(/[^\w]/g, '_')}`, state: 'Ready', xml: decodeTaskBytes(readCorpusFile(file)).text }));
}

/**
 * A user's folder: package.json (ESM, as taskctl is), and a tsconfig with the project's
 * compiler options, `taskctl` mapped to src/index.ts and @types/node from this repository.
 */
function userFolder(): string {
  const dir = makeTempDir('taskctl-typecheck-');
  const { compilerOptions } = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  const tsconfig = {
    compilerOptions: {
      ...compilerOptions,
      noEmit: true,
      rootDir: undefined,
      outDir: undefined,
      typeRoots: [path.join(repoRoot, 'node_modules', '@types')],
      paths: { taskctl: [path.join(repoRoot, 'src', 'index.ts')] },
    },
    include: ['*.ts'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  return dir;
}

/** `tsc -p <dir>`: every error, as `file(line,col): error TS…: message` lines, file names relative to `dir` where inside it. */
async function typeErrors(dir: string): Promise<string[]> {
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const output = await promisify(execFile)(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 })
    .then((r) => r.stdout, (error: { stdout?: string; code?: number }) => {
      if (error.stdout === undefined) throw error;
      return error.stdout;
    });
  return output.split('\n').filter((line) => /error TS\d+/.test(line));
}

describe('imported TypeScript type-checks in a folder outside the repository', () => {
  let dir: string;
  let errors: string[];
  let importedText: string;

  beforeAll(async () => {
    dir = userFolder();
    const snapshot = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'troubled-machine.json'), 'utf8')) as unknown[];
    const records = [...(corpusAvailable ? corpusRecords() : []), ...parseLiveRecords(snapshot, 'AGI', 'troubled-machine.json')];
    // As `taskctl import --out <a file outside the repository>` writes it: importing from 'taskctl'.
    const result = importTasks(records, { prefix: 'AGI', format: 'ts' });
    expect(result.count).toBe(records.length);
    importedText = result.text;
    writeFileSync(path.join(dir, 'imported.ts'), importedText);
    // The check must be able to fail: a declaration with a wrong type, in the same program.
    writeFileSync(path.join(dir, 'broken.ts'), "import { defineTask } from 'taskctl';\nexport default defineTask({ name: 'AGI_X', actions: [], timeLimit: 5 });\n");
    errors = await typeErrors(dir);
  }, 600_000);

  it.skipIf(!corpusAvailable)('covers every well-formed corpus task and the troubled machine', () => {
    expect(importedText.match(/= defineTask\(/g)!.length).toBeGreaterThanOrEqual(75);
  });

  it("the imported file imports from 'taskctl' and has no type error", () => {
    expect(importedText).toContain("import { defineConfig, defineTask } from 'taskctl';");
    expect(errors.filter((line) => line.startsWith('imported.ts') || line.includes(`${path.sep}imported.ts(`))).toEqual([]);
  });

  it('a type error in such a file is reported (the check can fail)', () => {
    expect(errors.filter((line) => line.includes('broken.ts')).join('\n')).toMatch(/broken\.ts\(2,\d+\): error TS\d+: .*(timeLimit|number)/);
  });

  it("'taskctl' resolved through the mapping: no error says it cannot be found", () => {
    expect(errors.filter((line) => /Cannot find module 'taskctl'/.test(line))).toEqual([]);
  });
});
