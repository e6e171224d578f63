/**
 * The CommonJS dependencies the build bundles into dist/vendor/ (scripts/build.mjs): yargs on
 * every run, winston on the first line logged, fast-xml-parser on the first XML document the
 * one-pass reader is not sure of. Run from the sources (tests, jiti) there is no vendor folder
 * and each is the package itself, required from node_modules.
 *
 * Built, each file is compiled with a V8 code cache kept beside it (`<file>.v8cache`).
 * Compiling yargs, and the functions of it a command calls, is most of what `taskctl --help`
 * costs beyond Node's own start; with the cache V8 reads the compiled code instead (12–15 ms
 * less per start than the first run after a build, in BENCHMARKS.md's runs). Node 22.1+ keeps such a cache for every
 * module (module.enableCompileCache, bin.ts), but not for code compiled through `node:vm`, and
 * Node 20 has no cache at all: this is the same idea for the files that dominate start-up.
 *
 * Why beside the file and not in the temp folder: the cache is code that runs, so it lives where
 * only those who could change the package's own code can write it. A read-only install runs
 * without a cache. Why the header: V8 checks its own version, flags and the source's length,
 * not the source itself, so the header names the file's size and time as well, and a cache
 * for any other copy of the file is ignored (and replaced).
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** Each vendored name → what it is when run from the sources (the build bundles the same entry). */
const PACKAGE_ENTRY = {
  yargs: 'yargs/yargs',
  winston: 'winston',
  'fast-xml-parser': 'fast-xml-parser',
} as const;

interface Vendored {
  yargs: typeof import('yargs').default;
  winston: typeof import('winston');
  'fast-xml-parser': typeof import('fast-xml-parser');
}

/** dist/vendor/ when built (the build gives this module the URL of dist/core/vendored.js); src/vendor/, which does not exist, from the sources. */
const VENDOR_DIR = new URL('../vendor/', import.meta.url);

const loaded = new Map<string, unknown>();
/** Scripts compiled without a usable cache: their caches are written once the command has run. */
const unsaved: { script: Script; cacheFile: string; header: string }[] = [];

export function requireVendored<N extends keyof Vendored>(name: N): Vendored[N] {
  if (!loaded.has(name)) {
    const file = fileURLToPath(new URL(`${name}.cjs`, VENDOR_DIR));
    let source: string | undefined;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      // Not built: the package itself.
    }
    loaded.set(name, source === undefined ? createRequire(import.meta.url)(PACKAGE_ENTRY[name]) : runCommonJs(file, source).exports);
  }
  return loaded.get(name) as Vendored[N];
}

type CodeCacheUse = 'accepted' | 'rejected' | 'none';

/**
 * Runs one self-contained CommonJS file as Node's loader would (the same five names in scope),
 * compiled with its code cache when there is a usable one.
 */
export function runCommonJs(file: string, source: string): { exports: unknown; cache: CodeCacheUse } {
  const cacheFile = `${file}.v8cache`;
  const { size, mtimeMs } = statSync(file);
  const header = `taskctl code cache: V8 ${process.versions.v8} ${process.arch}, ${size} bytes, ${mtimeMs}\n`;
  const cachedData = readCache(cacheFile, header);
  // Node's own wrapper; the newline keeps a last-line comment from swallowing the brace.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const cache: CodeCacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'accepted';
  if (cache !== 'accepted') unsaved.push({ script, cacheFile, header });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cache };
}

function readCache(cacheFile: string, header: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return data.subarray(0, header.length).toString('latin1') === header ? data.subarray(header.length) : undefined;
}

/**
 * Writes the caches of the files compiled without one, after the command has run, so that they
 * hold the functions it compiled as well. Each is written to a temporary name and renamed into
 * place, so a run that starts meanwhile reads a whole cache or none. A cache that cannot be
 * written (a read-only install) is left out: it only ever saves time.
 */
export function saveCodeCaches(): void {
  for (const { script, cacheFile, header } of unsaved.splice(0)) {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
      renameSync(temporary, cacheFile);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written.
      }
    }
  }
}
