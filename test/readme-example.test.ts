/**
 * The README's "Declaring a job" example is real code: written beside the fleet's files
 * (in a copy of src/ in a temp folder, so the repository is never written), it loads,
 * type-checks, and joins the fleet without an error-severity conflict — as the README
 * promises a person copying it.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from './support/temp-dirs.js';
import { findConflicts } from '../src/conflicts/find-conflicts.js';
import { declaredSubjects } from '../src/conflicts/subjects.js';
import { compileConfig, createModuleImporter } from '../src/declaration/index.js';
import agiFleet from '../src/tasks/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const example = /```ts\n\/\/ src\/tasks\/(\S+\.ts)\n([\s\S]*?)```/.exec(readme);
/** src/ in a temp folder: every layer linked, src/tasks a real folder of linked files plus the example. */
function besideTheFleet(name: string): string {
  const root = makeTempDir('taskctl-readme-example-');
  const src = join(root, 'src');
  mkdirSync(join(src, 'tasks'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  for (const entry of readdirSync(join(repoRoot, 'src'))) {
    if (entry !== 'tasks') symlinkSync(join(repoRoot, 'src', entry), join(src, entry));
  }
  for (const entry of readdirSync(join(repoRoot, 'src', 'tasks'))) symlinkSync(join(repoRoot, 'src', 'tasks', entry), join(src, 'tasks', entry));
  return join(src, 'tasks', name);
}
const file = besideTheFleet('disk-report.ts');

describe('the README example job', () => {
  it('is in the README', () => {
    expect(example?.[1]).toBe('disk-report.ts');
  });

  it('loads beside the fleet and adds no error-severity conflict to it', async () => {
    writeFileSync(file, example?.[2] ?? '');
    const module = (await createModuleImporter()(file)) as Record<string, unknown>;
    const [job] = Object.values(module);
    const config = compileConfig({ ...agiFleet, tasks: [...agiFleet.tasks, job] });
    expect(config.tasks.map((t) => t.name)).toContain('AGI_Disk_Report');
    const conflicts = findConflicts(declaredSubjects(config), { from: new Date('2025-01-06T00:00:00Z'), horizonMs: 7 * 86_400_000, timeZone: 'UTC' });
    expect(conflicts.filter((c) => c.severity === 'error')).toEqual([]);
  });

  it('type-checks under the project tsconfig', () => {
    writeFileSync(file, example?.[2] ?? '');
    const { config } = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([file], { ...options, rootDir: undefined, noEmit: true }));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60_000);
});
