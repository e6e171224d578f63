/**
 * The real `Context.importModule`: loads `.js`/`.mjs`/`.ts`/`.mts` config modules through
 * jiti, so TypeScript configs work without a build step. jiti is imported on first use only:
 * commands that never read a config (or read JSON) don't pay for it.
 */
import type { Jiti } from 'jiti';

export type ModuleImporter = (path: string) => Promise<unknown>;

export function createModuleImporter(): ModuleImporter {
  let jiti: Promise<Jiti> | undefined;
  return async (path) => {
    // No module cache: a config edited between two loads in one process is read again.
    jiti ??= import('jiti').then(({ createJiti }) => createJiti(import.meta.url, { moduleCache: false }));
    return (await jiti).import(path, { default: true });
  };
}
