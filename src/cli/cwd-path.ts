import { resolve } from 'node:path';
import type { Context } from '../core/context.js';

/** A path from the command line, relative to the Context's working directory (absolute paths stay as they are). */
export function fromCwd(ctx: Pick<Context, 'cwd'>, path: string): string {
  return resolve(ctx.cwd, path);
}
