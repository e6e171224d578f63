/**
 * Reads a config file into plain data (validation is `compileConfig`'s job):
 * `.json` through the Context's file system, `.js`/`.mjs`/`.ts`/`.mts` through
 * `ctx.importModule`. A module's default export may be the config or a function
 * (sync or async) returning it. A module that never finishes loading (a top-level
 * await on a promise that never settles) fails after a bounded time instead of hanging.
 */
import { extname, isAbsolute, resolve } from 'node:path';
import type { Context } from '../core/context.js';
import { describeError } from '../core/errors.js';
import { ConfigLoadError } from '../core/errors.js';
import { jsonErrorPosition } from './json-error-position.js';

export const CONFIG_EXTENSIONS = ['.json', '.js', '.mjs', '.ts', '.mts'] as const;

export interface LoadConfigOptions {
  /** How long a config module may take to load (and its default-export function to return). @default 10000 */
  timeoutMs?: number;
}

export const DEFAULT_CONFIG_TIMEOUT_MS = 10_000;

export async function loadConfig(
  path: string,
  ctx: Pick<Context, 'fs' | 'importModule' | 'cwd'>,
  options: LoadConfigOptions = {},
): Promise<unknown> {
  const file = isAbsolute(path) ? path : resolve(ctx.cwd, path);
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return readJson(file, ctx);
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ConfigLoadError(
      file,
      `"${extension || '(no extension)'}" is not a config format taskctl reads; use ${CONFIG_EXTENSIONS.join(', ')}`,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONFIG_TIMEOUT_MS;
  const loaded = await withTimeout(file, timeoutMs, 'load', () => ctx.importModule(file));
  const exported = defaultExportOf(loaded);
  if (exported === undefined) {
    throw new ConfigLoadError(file, 'it has no default export; write `export default defineConfig({ … })`');
  }
  if (typeof exported !== 'function') return exported;
  return withTimeout(file, timeoutMs, 'return its config from the default-export function', async () => (exported as () => unknown)());
}

async function readJson(file: string, ctx: Pick<Context, 'fs'>): Promise<unknown> {
  let text: string;
  try {
    text = String(await ctx.fs.readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigLoadError(file, code === 'ENOENT' ? 'the file does not exist' : describeError(error), { cause: error });
  }
  text = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigLoadError(file, `it is not valid JSON: ${jsonProblem(text, error)}`, { cause: error });
  }
}

/** The JSON error without the copy of the whole file Node 20 puts in it, plus where it is. */
function jsonProblem(text: string, error: unknown): string {
  const reason = describeError(error).replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/s, '');
  const at = jsonErrorPosition(text);
  return at === undefined ? reason : `${reason} (line ${at.line}, column ${at.column})`;
}

/** A namespace's `default`, or the value itself when the importer already unwrapped it. */
function defaultExportOf(loaded: unknown): unknown {
  if (typeof loaded === 'object' && loaded !== null && 'default' in loaded) return (loaded as { default: unknown }).default;
  return loaded;
}

async function withTimeout<T>(file: string, timeoutMs: number, what: string, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ConfigLoadError(
            file,
            `it did not ${what} within ${timeoutMs / 1000} s; does it await something that never settles (a top-level await, a server, a prompt)?`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    if (error instanceof ConfigLoadError) throw error;
    throw new ConfigLoadError(file, `it threw: ${describeError(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
