/**
 * Finds, loads and compiles the declarations for a command: `--config FILE`, or the
 * project's own fleet in `src/tasks`. Bad declarations throw a ValidationError before
 * anything is read or changed; what Task Scheduler will likely refuse in a task kept as
 * XML is logged as a warning.
 *
 * The default fleet, when taskctl runs from a clone, is the TypeScript in `src/tasks` — so a
 * job added or edited there takes effect at once, without `npm run build` — except when the
 * build (`dist/tasks`) is at least as new as every file in `src/tasks`, which then loads
 * faster for the same meaning. An installed package has only its build.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import { fromCwd } from './command.js';

export async function loadDeclarations(args: { config?: string; prefix?: string }, ctx: Context): Promise<CompiledConfig> {
  const [{ loadConfig }, { compilePlainConfig }] = await Promise.all([import('../declaration/load-config.js'), import('../declaration/compile-tasks.js')]);
  const path = args.config ? fromCwd(ctx, args.config) : defaultFleetPath();
  ctx.logger.debug(`declarations: ${path}`);
  const input = await loadConfig(path, ctx, { timeoutMs: configTimeoutMs(ctx) });
  const options = { prefix: args.prefix, source: path };
  // zod (the largest module there is) is loaded only for what the plain reader can't vouch for.
  const config = compilePlainConfig(input, options) ?? (await import('../declaration/compile-config.js')).compileConfig(input, options);
  for (const warning of config.warnings) ctx.logger.warn(`${warning.path}: ${warning.message}`);
  return config;
}

/**
 * `src/tasks/index.ts` of this package when it exists (a clone) and its build is missing or
 * older; else the build `dist/tasks/index.js`. This module is `src/cli/…` or `dist/cli/…`.
 */
export function defaultFleetPath(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(new URL('.', moduleUrl));
  const packageRoot = join(here, '..', '..');
  const source = join(packageRoot, 'src', 'tasks');
  const built = join(packageRoot, 'dist', 'tasks', 'index.js');
  const sourceTime = newestMtime(source);
  if (sourceTime === undefined) return built;
  const builtTime = mtimeOf(built);
  return builtTime !== undefined && builtTime >= sourceTime ? built : join(source, 'index.ts');
}

function newestMtime(dir: string): number | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.ts'));
  } catch {
    return undefined;
  }
  return names.length === 0 ? undefined : Math.max(...names.map((name) => mtimeOf(join(dir, name)) ?? 0));
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** `TASKCTL_CONFIG_TIMEOUT` (seconds) bounds how long a config module may take to load. */
function configTimeoutMs(ctx: Context): number | undefined {
  const seconds = Number(ctx.env.TASKCTL_CONFIG_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
