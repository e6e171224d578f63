/**
 * Finds, loads and compiles the declarations for a command: `--config FILE`, or
 * the project's own fleet in src/tasks (compiled to dist/tasks when built).
 * Bad declarations throw a ValidationError before anything is read or changed.
 */
import { fileURLToPath } from 'node:url';
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compile-config.js';
import { fromCwd } from './cwd-path.js';

export async function loadDeclarations(args: { config?: string; prefix?: string }, ctx: Context): Promise<CompiledConfig> {
  const [{ loadConfig }, { compileConfig }] = await Promise.all([
    import('../declaration/load-config.js'),
    import('../declaration/compile-config.js'),
  ]);
  const path = args.config ? fromCwd(ctx, args.config) : await defaultFleetPath(ctx);
  ctx.logger.debug(`declarations: ${path}`);
  const input = await loadConfig(path, ctx, { timeoutMs: configTimeoutMs(ctx) });
  return compileConfig(input, { prefix: args.prefix, source: path });
}

/** The built fleet (dist/tasks/index.js) next to this file, or the TypeScript source when run from src/. */
async function defaultFleetPath(ctx: Context): Promise<string> {
  for (const candidate of ['../tasks/index.js', '../tasks/index.ts']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    try {
      await ctx.fs.access(path);
      return path;
    } catch {
      // try the next layout
    }
  }
  return fileURLToPath(new URL('../tasks/index.js', import.meta.url));
}

/** `TASKCTL_CONFIG_TIMEOUT` (seconds) bounds how long a config module may take to load. */
function configTimeoutMs(ctx: Context): number | undefined {
  const seconds = Number(ctx.env.TASKCTL_CONFIG_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
