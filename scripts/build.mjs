#!/usr/bin/env node
/**
 * `npm run build`: dist/ as the package ships it.
 *
 *   node scripts/build.mjs [--out DIR]      (default: dist)
 *
 * 1. `tsc -p tsconfig.build.json --emitDeclarationOnly`: type-checks the sources and writes
 *    the declarations the library entry needs (dist/index.d.ts and what it refers to).
 * 2. esbuild bundles the JavaScript (TypeScript in, one ES module graph out) with code
 *    splitting: the entry points below, and a chunk per dynamic import, so each command loads
 *    only its own code. zod is bundled in; three CommonJS dependencies (yargs, winston,
 *    fast-xml-parser) become one file each in dist/vendor/, which core/vendored.ts runs with a
 *    V8 code cache; jiti and execa stay in node_modules.
 * 3. rollup takes esbuild's chunks (in memory, source maps chained) and merges each small one
 *    into a chunk that is loaded at least whenever it is (often the CLI's main chunk: a few
 *    small modules then load before they are needed). esbuild makes a chunk per distinct set
 *    of entry points and dynamic imports that reach a module: ~90 files, most of a few KB, and
 *    a run read ~40 of them. Node's ES module loader costs about half a millisecond per file
 *    (resolve, read, link) and compiling costs about as much per ~12 KB, so a file below
 *    MIN_CHUNK_BYTES is cheaper merged than loaded on its own: a run now reads ~10.
 *    The modules are taken as free of side effects (nothing in src/ is imported for its
 *    effects: test/install/build-assumptions.test.ts), so rollup may leave out a chunk none
 *    of whose exports a run uses.
 *
 * Why the import.meta.url rewrite: a few modules find files next to the package through
 * their own URL (templates/, package.json, src/tasks, dist/index.js), written for the
 * module's place in the tree (dist/cli/command.js, dist/schtasks/backends/…). Bundled, the
 * code sits in a chunk elsewhere, so each `import.meta.url` is replaced with the URL the
 * module would have had as dist/<its path>.js, computed from its chunk's own URL at run time
 * (`import.meta.taskctlDistRoot`, which rollup writes for the chunk it lands in).
 * The sources stay the same for tsc, vitest and jiti.
 */
import { spawnSync } from 'node:child_process';
import { cp, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(repoRoot, 'src');

/** Output path (without .js) → source. dist/tasks/index.js is the default fleet, loaded as a config. */
const ENTRY_POINTS = {
  bin: 'src/bin.ts',
  index: 'src/index.ts',
  'tasks/index': 'src/tasks/index.ts',
  // bench/process-count.mjs runs main(argv, ctx) in-process with a counting runner.
  'cli/main': 'src/cli/main.ts',
  // bin.js loads cli/main and this one after switching on Node's compile cache: entries, so neither is merged into bin.js.
  'cli/real-context': 'src/cli/real-context.ts',
};
/** Smaller chunks are merged into the chunks that load them anyway (see above). */
const MIN_CHUNK_BYTES = 20_000;
/** Loaded on rare paths only: left in node_modules. */
const EXTERNAL = ['jiti', 'execa'];
/**
 * The CommonJS packages core/vendored.ts loads (`requireVendored(name)`): each is bundled into
 * one CommonJS file of its own, dist/vendor/<name>.cjs, which that module compiles with a V8
 * code cache kept beside it. yargs is on every run; winston is required on the first line
 * logged and fast-xml-parser on the first XML document the one-pass reader is not sure of, so
 * a run that logs reads one file instead of ~40 modules, and a run that logs nothing (--help)
 * reads none of it. Built for production (`NODE_ENV`): winston's own debug channel
 * (@dabh/diagnostics, switched on by DEBUG=…) is then the no-op it ships for production
 * instead of a colour-space library loaded at every first line (~12 ms).
 */
const VENDORED = ['yargs', 'winston', 'fast-xml-parser'];
/**
 * What a vendored file exports, where it is not the whole package (core/vendored.ts requires
 * the same entry when run from the sources). yargs: the factory, `yargs(argv)`. winston's index
 * also loads its exception and rejection handlers, its logger container and every format;
 * core/logger.ts uses createLogger, three formats and the Stream transport, so the file holds
 * those (colours only when asked for). test/install/built-vendor.test.ts runs the built logger.
 */
const VENDOR_ENTRIES = {
  yargs: "module.exports = require('yargs/yargs');",
  winston: `module.exports = {
  createLogger: require('winston/lib/winston/create-logger'),
  format: {
    printf: require('logform/printf'),
    combine: require('logform/combine'),
    get colorize() { return require('logform/colorize'); },
  },
  transports: { Stream: require('winston/lib/winston/transports/stream') },
};`,
};
/** `import.meta.<this>`: the URL of dist/, from wherever the chunk lands. */
const DIST_ROOT = 'taskctlDistRoot';

/** Replaces import.meta.url in src/<path>.ts with the URL of dist/<path>.js. */
const moduleUrlPlugin = {
  name: 'taskctl-module-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const asBuilt = relative(srcDir, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(asBuilt)}, import.meta.${DIST_ROOT}).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * Two dependencies assume they are files of their own package. zod's entry re-exports every
 * locale's messages (`z.locales`, 500 KB of its 750): taskctl never switches zod's locale, and
 * English, the default, is all it parses, so the bundle keeps English only. yargs finds its
 * translations (`node_modules/yargs/locales`) beside its own file: the build copies them to
 * dist/vendor/yargs-locales/, and the bundle looks there, so `--help` still speaks the user's
 * language (asking Node where the yargs package is cost ~2 ms of every start).
 *
 * And yargs' platform shim for Node takes its two internal invariant checks from `assert`,
 * whose loading builds process.stderr to decide on colours (~6 ms of every start, --help
 * included): the bundle gives the shim the same two checks (Object.is, as assert uses). It
 * guesses the program's version (before main.ts gives it VERSION) from the package.json above
 * the main module, which for an ES module entry such as bin.js is none, so it searched from the
 * working directory up, listing every folder on the way (the user's home, a big temp folder):
 * the bundle searches from its own file, which finds taskctl's package.json two folders up.
 * yargs' CommonJS build is minified; the build fails if a text it replaces is gone.
 */
const dependencyPlugin = {
  name: 'taskctl-dependencies',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
    }));
    build.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]index\.cjs$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const locales = 're(__dirname,"../locales")';
      const assert = 'require("assert")';
      const mainFilename = 'mainFilename:null!==(se=null===(ee=null===require||void 0===require?void 0:require.main)||void 0===ee?void 0:ee.filename)&&void 0!==se?se:process.cwd(),';
      for (const expected of [locales, assert, mainFilename]) if (text.split(expected).length !== 2) throw new Error(`yargs changed: ${args.path} no longer has ${expected} once`);
      const checks =
        '{ notStrictEqual(actual, expected, message) { if (Object.is(actual, expected)) throw new Error(message ?? `Expected "actual" to be strictly unequal to: ${String(expected)}`); },\n' +
        '  strictEqual(actual, expected, message) { if (!Object.is(actual, expected)) throw new Error(message ?? `Expected values to be strictly equal: ${String(actual)} !== ${String(expected)}`); } }';
      const contents = text.replace(locales, 're(__dirname,"yargs-locales")').replace(assert, checks).replace(mainFilename, 'mainFilename:__filename,');
      return { contents, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

function typeCheckAndDeclare(outDir) {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(repoRoot, 'tsconfig.build.json'), '--emitDeclarationOnly', '--outDir', outDir], { stdio: 'inherit' });
  return result.status === 0;
}

async function bundle(outDir) {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ENTRY_POINTS,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'external',
    sourcesContent: false,
    plugins: [moduleUrlPlugin, dependencyPlugin],
    write: false,
    logLevel: 'warning',
  });
  const chunks = new Map();
  for (const file of result.outputFiles) if (file.path.endsWith('.js')) chunks.set(file.path, { code: file.text, map: '' });
  for (const file of result.outputFiles) if (file.path.endsWith('.js.map')) chunks.get(file.path.slice(0, -4)).map = file.text;

  const merged = await rollup({
    input: Object.fromEntries(Object.keys(ENTRY_POINTS).map((name) => [name, join(outDir, `${name}.js`)])),
    plugins: [esbuildOutput(chunks, outDir)],
    preserveEntrySignatures: 'exports-only',
    logLevel: 'warn',
    treeshake: { moduleSideEffects: false },
    onwarn: (warning, warn) => {
      // esbuild's chunks import each other in cycles (a shared chunk and the chunk that uses it); harmless.
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  const { output } = await merged.write({
    dir: outDir,
    format: 'es',
    entryFileNames: '[name].js',
    // Named by content only: after merging, a chunk's first module says little of what it holds.
    chunkFileNames: 'chunks/chunk-[hash].js',
    experimentalMinChunkSize: MIN_CHUNK_BYTES,
    sourcemap: true,
    sourcemapExcludeSources: true,
  });
  await merged.close();
  for (const name of VENDORED) {
    await esbuild.build({
      absWorkingDir: repoRoot,
      stdin: { contents: VENDOR_ENTRIES[name] ?? `module.exports = require(${JSON.stringify(name)});`, resolveDir: repoRoot, sourcefile: `${name}.cjs` },
      outfile: join(outDir, 'vendor', `${name}.cjs`),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      define: { 'process.env.NODE_ENV': '"production"' },
      minify: true,
      plugins: [dependencyPlugin],
      logLevel: 'warning',
    });
  }
  await cp(join(repoRoot, 'node_modules', 'yargs', 'locales'), join(outDir, 'vendor', 'yargs-locales'), { recursive: true });
  return output.filter((file) => file.type === 'chunk').length + VENDORED.length;
}

/**
 * esbuild's output as rollup's input, from memory: its chunks by their would-be paths in
 * dist/, each with its source map (so the final maps lead back to src/); anything else
 * (Node's modules, jiti, execa) stays an import. And `import.meta.taskctlDistRoot`, per chunk.
 */
function esbuildOutput(chunks, outDir) {
  return {
    name: 'taskctl-esbuild-output',
    resolveId(source, importer) {
      if (importer === undefined) return source;
      if (!source.startsWith('.')) return { id: source, external: true };
      const path = resolve(dirname(importer), source);
      if (!chunks.has(path)) throw new Error(`esbuild's ${relative(outDir, importer)} imports ${source}, which it did not write`);
      return path;
    },
    load: (id) => chunks.get(id) ?? null,
    resolveImportMeta(property, { chunkId }) {
      if (property !== DIST_ROOT) return null;
      // The chunk's own folder → dist/: one '../' per folder between them.
      const depth = chunkId.split('/').length - 1;
      return `new URL(${JSON.stringify(depth === 0 ? './' : '../'.repeat(depth))}, import.meta.url)`;
    },
  };
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
  const outDir = resolve(repoRoot, values.out);
  await rm(outDir, { recursive: true, force: true });
  // Like `tsc` alone, a type error fails the build but the JavaScript is still written.
  const typesOk = typeCheckAndDeclare(outDir);
  const files = await bundle(outDir);
  process.stderr.write(`build: ${files} JavaScript files in ${relative(repoRoot, outDir) || '.'}${typesOk ? '' : '; tsc reported type errors (above)'}\n`);
  if (!typesOk) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
