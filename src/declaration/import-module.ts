/**
 * The real `Context.importModule`: loads `.js`/`.mjs`/`.ts`/`.mts` config modules through
 * jiti, so TypeScript configs work without a build step. jiti is imported on first use only:
 * commands that never read a config (or read JSON) don't pay for it.
 *
 * A config anywhere on the disk may `import { defineConfig } from 'taskctl'`: the name is
 * aliased to the running taskctl's own entry (this package's `index`), whether taskctl runs
 * from a clone (source or build), `npm link`, a global install or `npx` — the config never
 * needs a `node_modules` of its own, and always gets the language of the taskctl that reads it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Jiti } from 'jiti';

export type ModuleImporter = (path: string) => Promise<unknown>;

/** This package's entry: `dist/index.js` in a build, `src/index.ts` when run from source. */
function ownEntry(): string {
  const built = fileURLToPath(new URL('../index.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('../index.ts', import.meta.url));
}

export function createModuleImporter(): ModuleImporter {
  let jiti: Promise<Jiti> | undefined;
  return async (path) => {
    // No module cache: a config edited between two loads in one process is read again.
    jiti ??= import('jiti').then(({ createJiti }) => createJiti(import.meta.url, { moduleCache: false, alias: { taskctl: ownEntry() } }));
    return (await jiti).import(path, { default: true });
  };
}
