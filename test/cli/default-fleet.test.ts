/**
 * The default declarations (issue 11.9): in a clone, `src/tasks` as written — an edit takes
 * effect without a build — unless the build is at least as new; an installed package has
 * only its build.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultFleetPath } from '../../src/cli/load-declarations.js';
import { tempDir } from './cli-harness.js';

/** A package root with the given files, and the URL of a module in its `dist/cli/`. */
function packageWith(files: Record<string, number>): { root: string; moduleUrl: string } {
  const root = tempDir();
  for (const [file, seconds] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), seconds, seconds);
  }
  return { root, moduleUrl: pathToFileURL(join(root, 'dist', 'cli', 'load-declarations.js')).href };
}

describe('defaultFleetPath', () => {
  it('a clone with an edit newer than its build: the TypeScript source', () => {
    const { root, moduleUrl } = packageWith({ 'src/tasks/index.ts': 100, 'src/tasks/disk-report.ts': 300, 'dist/tasks/index.js': 200 });
    expect(defaultFleetPath(moduleUrl)).toBe(join(root, 'src', 'tasks', 'index.ts'));
  });

  it('a clone whose build is up to date: the build', () => {
    const { root, moduleUrl } = packageWith({ 'src/tasks/index.ts': 100, 'dist/tasks/index.js': 200 });
    expect(defaultFleetPath(moduleUrl)).toBe(join(root, 'dist', 'tasks', 'index.js'));
  });

  it('a clone never built: the source', () => {
    const { root, moduleUrl } = packageWith({ 'src/tasks/index.ts': 100 });
    expect(defaultFleetPath(moduleUrl)).toBe(join(root, 'src', 'tasks', 'index.ts'));
  });

  it('an installed package (no src): the build', () => {
    const { root, moduleUrl } = packageWith({ 'dist/tasks/index.js': 100 });
    expect(defaultFleetPath(moduleUrl)).toBe(join(root, 'dist', 'tasks', 'index.js'));
  });

  it('run from this repository\'s source, it finds this repository\'s src/tasks or its up-to-date build', () => {
    expect(defaultFleetPath()).toMatch(/[\\/](src[\\/]tasks[\\/]index\.ts|dist[\\/]tasks[\\/]index\.js)$/);
  });
});
