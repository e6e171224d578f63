/**
 * core/vendored.ts: a vendored CommonJS file runs as Node's own loader runs it, and its V8 code
 * cache is written once, used while it matches the file, and ignored (then replaced) when it
 * does not: another copy of the file, a damaged cache, a folder that cannot take one. The
 * oracle for what a file exports is Node's `require`; for whether V8 compiled from the cache,
 * V8's own `cachedDataRejected`. Each load runs in a fresh Node (the module through jiti's
 * loader), as each taskctl run does: within one process V8 keeps what it compiled and would
 * not look at a cache at all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireVendored, type runCommonJs } from '../../src/core/vendored.js';
import { makeTempDir } from '../support/temp-dirs.js';

const nodeRequire = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const JITI_REGISTER = pathToFileURL(join(repoRoot, 'node_modules', 'jiti', 'lib', 'jiti-register.mjs')).href;
const VENDORED_MODULE = pathToFileURL(join(repoRoot, 'src', 'core', 'vendored.ts')).href;

function writeModule(source: string): string {
  const file = join(makeTempDir('taskctl-vendored-'), 'lib.cjs');
  writeFileSync(file, source);
  return file;
}

/** One taskctl-like run in a fresh Node: load the file, then save the caches as bin.ts does. What it exports (called with 21 when a function). */
function run(file: string): { cache: ReturnType<typeof runCommonJs>['cache']; value: unknown } {
  const script = `
    import { readFileSync } from 'node:fs';
    // jiti's loader hands a TypeScript module over as one default export.
    const { runCommonJs, saveCodeCaches } = (await import(${JSON.stringify(VENDORED_MODULE)})).default;
    const file = process.argv[1];
    const { exports, cache } = runCommonJs(file, readFileSync(file, 'utf8'));
    saveCodeCaches();
    process.stdout.write(JSON.stringify({ cache, value: typeof exports === 'function' ? exports(21) : exports }));`;
  const stdout = execFileSync(process.execPath, ['--import', JITI_REGISTER, '--input-type=module', '-e', script, file], { encoding: 'utf8' });
  return JSON.parse(stdout) as ReturnType<typeof run>;
}

describe('runCommonJs, in a fresh Node each time', () => {
  it('gives a file the five names Node’s loader gives it, and returns what it exports', () => {
    const file = writeModule(
      "const { basename } = require('node:path');\n" +
        'module.exports = { file: basename(__filename), dir: __dirname, exportsIsModuleExports: exports === module.exports, thisIsExports: this === exports, sep: require("node:path").sep };\n' +
        '// a last-line comment',
    );
    const ours = run(file).value;
    expect(ours).toEqual(nodeRequire(file));
    expect(ours).toMatchObject({ file: 'lib.cjs', exportsIsModuleExports: true, thisIsExports: true });
  });

  it('writes the cache once the run has ended, and compiles from it on the next run', () => {
    const file = writeModule('module.exports = (n) => n * 2;\n');
    expect(run(file)).toEqual({ cache: 'none', value: 42 });
    const written = readFileSync(`${file}.v8cache`);
    expect(written.toString('latin1')).toMatch(new RegExp(`^taskctl code cache: V8 ${process.versions.v8.replaceAll('.', '\\.')} ${process.arch}, 31 bytes, `));

    expect(run(file)).toEqual({ cache: 'accepted', value: 42 });
    // An accepted cache is not written again.
    expect(readFileSync(`${file}.v8cache`)).toEqual(written);
  });

  it('ignores the cache of another copy of the file, even one of the same length, and replaces it', () => {
    const file = writeModule('module.exports = (n) => n * 2;\n');
    run(file);
    writeFileSync(file, 'module.exports = (n) => n * 3;\n');
    const later = new Date(statSync(file).mtimeMs + 60_000);
    utimesSync(file, later, later);

    expect(run(file)).toEqual({ cache: 'none', value: 63 });
    expect(run(file)).toEqual({ cache: 'accepted', value: 63 });
  });

  it('runs the file when V8 refuses a damaged cache, and writes a good one', () => {
    const file = writeModule('module.exports = { answer: 42 };\n');
    run(file);
    const cache = readFileSync(`${file}.v8cache`);
    const headerLength = cache.indexOf(10) + 1;
    writeFileSync(`${file}.v8cache`, Buffer.concat([cache.subarray(0, headerLength), Buffer.alloc(cache.length - headerLength, 0x5a)]));

    expect(run(file)).toEqual({ cache: 'rejected', value: { answer: 42 } });
    expect(run(file)).toEqual({ cache: 'accepted', value: { answer: 42 } });
  });

  it('runs without a cache where none can be written, and leaves no temporary file', () => {
    const file = writeModule('module.exports = 7;\n');
    // A folder where the cache would go: it can be neither read nor replaced.
    mkdirSync(`${file}.v8cache`);
    writeFileSync(join(`${file}.v8cache`, 'keep'), '');
    expect(run(file)).toEqual({ cache: 'none', value: 7 });
    expect(run(file)).toEqual({ cache: 'none', value: 7 });
    expect(readdirSync(join(file, '..')).sort()).toEqual(['lib.cjs', 'lib.cjs.v8cache']);
    expect(existsSync(join(`${file}.v8cache`, 'keep'))).toBe(true);
  });
});

describe('requireVendored, run from the sources', () => {
  it('is the package itself: the entry the build bundles into dist/vendor/', () => {
    expect(requireVendored('yargs')).toBe(nodeRequire('yargs/yargs'));
    expect(requireVendored('winston')).toBe(nodeRequire('winston'));
    expect(requireVendored('fast-xml-parser')).toBe(nodeRequire('fast-xml-parser'));
  });
});
