/**
 * What bundling the CLI into one file would gain at start-up: if esbuild is in
 * node_modules (vitest brings it), bundle dist/bin.js into a temp file so its
 * `--help` can be timed beside the shipped build. Measurement only: the shipped
 * build stays `tsc`.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Returns { path, bytes, buildMs } or { skipped: reason }. The bundle is laid out
 * like an installed package (`pkg/package.json`, `pkg/dist/cli/…`) because the
 * code finds package.json two folders above its own module, as dist/cli/version.js does.
 */
export async function bundleCli(binPath, outDir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    return { skipped: `esbuild is not resolvable from node_modules (${error.code ?? error.message})` };
  }
  const packageRoot = join(outDir, 'bundle-pkg');
  const outfile = join(packageRoot, 'dist', 'cli', 'taskctl.bundle.mjs');
  await mkdir(dirname(outfile), { recursive: true });
  await copyFile(join(dirname(binPath), '..', 'package.json'), join(packageRoot, 'package.json'));
  const start = process.hrtime.bigint();
  try {
    await esbuild.build({
      entryPoints: [binPath],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // CommonJS dependencies (winston, yargs' helpers) call require(); an ESM bundle needs one.
      banner: { js: "import { createRequire as __taskctlCreateRequire } from 'node:module'; const require = __taskctlCreateRequire(import.meta.url);" },
    });
  } catch (error) {
    const first = error.errors?.[0];
    const why = first ? `${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}` : error.message;
    return { skipped: `esbuild could not bundle dist/bin.js: ${why}` };
  }
  const buildMs = Number(process.hrtime.bigint() - start) / 1e6;
  const { size } = await stat(outfile);
  return { path: outfile, bytes: size, buildMs: Math.round(buildMs) };
}
