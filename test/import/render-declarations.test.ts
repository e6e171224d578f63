import { writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dirs.js';
import type { FileSystem } from '../../src/core/context.js';
import { importTasks } from '../../src/import/import-tasks.js';
import { renderDeclarationsJson, renderDeclarationsTs, stringLiteral, toTsLiteral, variableNames, type ImportedConfig } from '../../src/import/render-declarations.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { createModuleImporter } from '../../src/declaration/import-module.js';
import { loadConfig } from '../../src/declaration/load-config.js';
import { compiledByPath, normalizedOf } from './round-trip.js';
import { samples } from './sample-tasks.js';

const declarationIndex = fileURLToPath(new URL('../../src/declaration/index.ts', import.meta.url));
const dir = makeTempDir('taskctl-import-');

/** The samples as live tasks in \\Ops\\, imported. */
function importedSamples(): ImportedConfig {
  const records = Object.entries(samples).map(([name, def]) => ({ taskPath: '\\Ops\\', taskName: `AGI_${name}`, state: 'Ready', xml: renderTaskXml(def) }));
  const result = importTasks(records, { prefix: 'AGI', format: 'json' });
  return { prefix: 'AGI', tasks: (JSON.parse(result.text) as { tasks: ImportedConfig['tasks'][number]['task'][] }).tasks.map((task) => ({ task, notes: [] })) };
}

describe('toTsLiteral', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['C:\\dir\\', "'C:\\\\dir\\\\'"],
    ['tab\there', "'tab\\there'"],
    ['cr\rhere', "'cr\\rhere'"],
    ['sep\u2028x', "'sep\\u2028x'"],
    ['a\nb`c${d}\r\n', '`a\nb\\`c\\${d}\\r\n`'],
  ])('%j → %s, and evaluates back to the same text', (text, literal) => {
    expect(stringLiteral(text)).toBe(literal);
    expect(new Function(`return ${literal};`)()).toBe(text);
  });

  it('writes short objects on one line and long ones across lines, keys unquoted when they can be', () => {
    expect(toTsLiteral({ type: 'boot', delay: 'PT5M' })).toBe("{ type: 'boot', delay: 'PT5M' }");
    expect(toTsLiteral({ 'not-an-identifier': 1, $comment: 'x' })).toBe("{ 'not-an-identifier': 1, $comment: 'x' }");
    expect(toTsLiteral({ a: 'x'.repeat(90) })).toBe(`{\n  a: '${'x'.repeat(90)}',\n}`);
  });
});

describe('variableNames', () => {
  it('camel-cases task names, keeps them unique and away from keywords and imports', () => {
    expect(variableNames(['AGI_Health_Check', 'AGI-health check', 'default', 'define_Task', '2nd', '___'])).toEqual([
      'agiHealthCheck', 'agiHealthCheck2', 'defaultTask', 'defineTaskTask', 'task2nd', 'task',
    ]);
  });
});

describe('renderDeclarationsTs', () => {
  it('writes one defineTask block per task, sorted, with notes as comments', () => {
    const text = renderDeclarationsTs({
      prefix: 'AGI',
      tasks: [
        { task: { name: 'AGI_b', actions: [{ command: 'b.exe' }], timeLimit: 'PT5M' }, notes: [] },
        { task: { name: 'AGI_A', actions: [{ raw: '<ShowMessage/>' }], timeLimit: 'P3D' }, notes: ['\\AGI_A actions[0]: raw\nsecond line'] },
      ],
    });
    expect(text).toBe(
      [
        '// Declarations written by `taskctl import` for the live tasks under the prefix "AGI".',
        '// `taskctl plan --config <this file>` against the same source reports no changes.',
        "import { defineConfig, defineTask } from 'taskctl';",
        '',
        '// NOTE: \\AGI_A actions[0]: raw',
        '// second line',
        'const agiA = defineTask({',
        "  name: 'AGI_A',",
        "  actions: [{ raw: '<ShowMessage/>' }],",
        "  timeLimit: 'P3D',",
        '});',
        '',
        'const agiB = defineTask({',
        "  name: 'AGI_b',",
        "  actions: [{ command: 'b.exe' }],",
        "  timeLimit: 'PT5M',",
        '});',
        '',
        'export default defineConfig({',
        "  prefix: 'AGI',",
        '  tasks: [',
        '    agiA,',
        '    agiB,',
        '  ],',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('imports from the given specifier (inside this repository: ../declaration/index.js)', () => {
    expect(renderDeclarationsTs({ prefix: 'AGI', tasks: [] }, { importFrom: '../declaration/index.js' })).toContain(
      "import { defineConfig, defineTask } from '../declaration/index.js';",
    );
  });

  it('loads through jiti and compiles back to the live model for every sample', async () => {
    const imported = importedSamples();
    const file = path.join(dir, 'samples.ts');
    writeFileSync(file, renderDeclarationsTs(imported, { importFrom: declarationIndex }));
    const ctx = { fs: nodeFs as unknown as FileSystem, importModule: createModuleImporter(), cwd: dir };
    const compiled = compiledByPath(await loadConfig(file, ctx));
    for (const [name, def] of Object.entries(samples)) {
      expect(normalizedOf(compiled.get(`\\Ops\\AGI_${name}`)), name).toEqual(normalizeTask(def));
    }
  });
});

describe('renderDeclarationsJson', () => {
  it('writes the contract JSON form, with notes in $comment', () => {
    const document = JSON.parse(
      renderDeclarationsJson({
        prefix: 'AGI',
        tasks: [{ task: { name: 'AGI_A', actions: [{ command: 'a.exe' }], timeLimit: 'PT5M' }, notes: ['look here'] }],
        notes: ['\\AGI_Broken: could not be read'],
      }),
    ) as Record<string, unknown>;
    expect(document).toEqual({
      $comment: [expect.stringContaining('taskctl import'), expect.stringContaining('reports no changes'), '\\AGI_Broken: could not be read'],
      prefix: 'AGI',
      tasks: [{ $comment: ['look here'], name: 'AGI_A', actions: [{ command: 'a.exe' }], timeLimit: 'PT5M' }],
    });
  });

  it('compiles back to the live model for every sample', () => {
    const compiled = compiledByPath(JSON.parse(renderDeclarationsJson(importedSamples())));
    for (const [name, def] of Object.entries(samples)) {
      expect(normalizedOf(compiled.get(`\\Ops\\AGI_${name}`)), name).toEqual(normalizeTask(def));
    }
  });
});
