/**
 * What scripts/build.mjs assumes of the sources, checked on them. Its rollup stage takes every
 * module as free of side effects (`treeshake.moduleSideEffects: false`), so a module imported
 * only for what it does when loaded (`import './register.js'`) would be left out of the build
 * without a word, while the tests, which run the sources, would still pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `import 'x'` / `import "x"` (no binding), at the start of a line; `import type` and bindings don't match. */
const SIDE_EFFECT_IMPORT = /^\s*import\s*['"][^'"]+['"]/m;

describe('the sources as the build takes them', () => {
  it('import no module only for its side effects', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => SIDE_EFFECT_IMPORT.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it('would notice one (the pattern matches a side-effect import and nothing else)', () => {
    expect(SIDE_EFFECT_IMPORT.test("import './register.js';")).toBe(true);
    expect(SIDE_EFFECT_IMPORT.test('import "zod/locales";')).toBe(true);
    expect(SIDE_EFFECT_IMPORT.test("import { z } from 'zod';")).toBe(false);
    expect(SIDE_EFFECT_IMPORT.test("import type { Argv } from 'yargs';")).toBe(false);
    expect(SIDE_EFFECT_IMPORT.test("const m = await import('./x.js');")).toBe(false);
  });
});
