import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileSystem } from '../../src/core/context.js';
import { ConfigLoadError } from '../../src/core/errors.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { createModuleImporter } from '../../src/declaration/import-module.js';
import { loadConfig } from '../../src/declaration/load-config.js';
import { jsonErrorPosition } from '../../src/declaration/json-error-position.js';
import { createMemoryFs } from '../fakes/memory-fs.js';

const declarationIndex = fileURLToPath(new URL('../../src/declaration/index.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'taskctl-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const realCtx = { fs: nodeFs as unknown as FileSystem, importModule: createModuleImporter(), cwd: dir };
const config = { prefix: 'AGI', tasks: [{ name: 'AGI_X', actions: [{ command: 'a.exe' }], timeLimit: '5m' }] };

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function loadError(file: string, options?: { timeoutMs?: number }): Promise<ConfigLoadError> {
  try {
    await loadConfig(file, realCtx, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigLoadError);
    return error as ConfigLoadError;
  }
  throw new Error(`expected ${file} to fail loading`);
}

describe('loadConfig: JSON', () => {
  it('reads JSON through the Context file system (BOM tolerated)', async () => {
    const { fs } = createMemoryFs({ '/cfg/fleet.json': `\uFEFF${JSON.stringify(config)}` });
    const loaded = await loadConfig('fleet.json', { fs, importModule: () => Promise.reject(new Error('not used')), cwd: '/cfg' });
    expect(loaded).toEqual(config);
  });

  it('names the file, the JSON problem and its line for bad JSON', async () => {
    const { fs } = createMemoryFs({ '/cfg/bad.json': '{\n  "tasks": [,]\n}' });
    await expect(loadConfig('/cfg/bad.json', { fs, importModule: async () => undefined, cwd: '/' })).rejects.toThrow(
      /^Could not load the config \/cfg\/bad\.json: it is not valid JSON: Unexpected token .* \(line 2, column 13\)$/,
    );
  });

  it('says when the file does not exist', async () => {
    const { fs } = createMemoryFs();
    await expect(loadConfig('/nope.json', { fs, importModule: async () => undefined, cwd: '/' })).rejects.toThrow(
      'Could not load the config /nope.json: the file does not exist',
    );
  });

  it('refuses an unknown extension, listing the known ones', async () => {
    const { fs } = createMemoryFs({ '/cfg/fleet.yaml': 'tasks: []' });
    await expect(loadConfig('/cfg/fleet.yaml', { fs, importModule: async () => undefined, cwd: '/' })).rejects.toThrow(
      /"\.yaml" is not a config format taskctl reads; use \.json, \.js, \.mjs, \.ts, \.mts/,
    );
  });
});

describe('loadConfig: modules through ctx.importModule', () => {
  it.each([
    ['fleet.mjs', `export default ${JSON.stringify(config)};`],
    ['fleet.js', `export default ${JSON.stringify(config)};`],
    ['fleet.mts', `const c: unknown = ${JSON.stringify(config)};\nexport default c;`],
  ])('loads %s', async (name, text) => {
    expect(await loadConfig(write(name, text), realCtx)).toEqual(config);
  });

  it('loads a real TypeScript config that uses defineConfig/defineTask, and it compiles', async () => {
    const file = write(
      'fleet.ts',
      [
        `import { defineConfig, defineTask, every } from ${JSON.stringify(declarationIndex)};`,
        `const job = defineTask({ name: 'AGI_TS', actions: [{ command: 'python.exe', arguments: ['a b.py'] }],`,
        `  triggers: [every('15m', { from: '2025-01-01T00:12' })], timeLimit: '2m' });`,
        'export default defineConfig({ tasks: [job] });',
      ].join('\n'),
    );
    const compiled = compileConfig(await loadConfig(file, realCtx));
    expect(compiled.tasks[0]?.definition.actions[0]).toEqual({ kind: 'Exec', command: 'python.exe', arguments: '"a b.py"' });
  });

  it('calls a default-export function, sync or async', async () => {
    expect(await loadConfig(write('sync.mjs', `export default () => (${JSON.stringify(config)});`), realCtx)).toEqual(config);
    expect(await loadConfig(write('async.ts', `export default async () => (${JSON.stringify(config)});`), realCtx)).toEqual(config);
  });

  it('names the file and the thrown message when the module throws', async () => {
    const file = write('throws.ts', "throw new Error('database password missing');\nexport default {};");
    const error = await loadError(file);
    expect(error.message).toBe(`Could not load the config ${file}: it threw: database password missing`);
    expect(error.exitCode).toBe(1);
  });

  it('names the file when the default-export function rejects', async () => {
    const file = write('rejects.mjs', "export default async () => { throw new Error('no fleet today'); };");
    expect((await loadError(file)).message).toContain('it threw: no fleet today');
  });

  it('gives up on a module whose top-level await never settles, naming the file', async () => {
    const file = write('hangs.mts', 'await new Promise(() => {});\nexport default {};');
    const error = await loadError(file, { timeoutMs: 300 });
    expect(error.message).toMatch(/hangs\.mts: it did not load within 0\.3 s; does it await something that never settles/);
  });

  it('gives up on a default-export function that never returns', async () => {
    const file = write('never.mjs', 'export default () => new Promise(() => {});');
    expect((await loadError(file, { timeoutMs: 300 })).message).toContain('did not return its config from the default-export function');
  });

  it('says when a module has no default export', async () => {
    const importModule = async () => ({ [Symbol.toStringTag]: 'Module', default: undefined });
    await expect(loadConfig('/x/none.mjs', { fs: realCtx.fs, importModule, cwd: '/' })).rejects.toThrow(/has no default export/);
  });

  it('resolves a relative path against ctx.cwd before importing', async () => {
    const seen: string[] = [];
    await loadConfig('sub/fleet.ts', { fs: realCtx.fs, importModule: async (p) => (seen.push(p), { default: config }), cwd: '/work/repo' });
    expect(seen).toEqual([path.resolve('/work/repo', 'sub/fleet.ts')]);
  });
});

describe('jsonErrorPosition', () => {
  it.each([
    ['{\n  "tasks": [,]\n}', { line: 2, column: 13 }],
    ['{"a": 1,}', { line: 1, column: 9 }],
    ['{"a" 1}', { line: 1, column: 6 }],
    ['[1, 2] x', { line: 1, column: 8 }],
    ['{"a": tru}', { line: 1, column: 10 }],
    ['"unterminated', { line: 1, column: 14 }],
  ])('%j fails at %j', (text, position) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toEqual(position);
  });

  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' 1 '])('finds nothing wrong in %j', (text) => {
    expect(jsonErrorPosition(text)).toBeUndefined();
  });
});
