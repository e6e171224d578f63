/**
 * The shape of one CLI command. Each file under commands/ exports one; `main.ts`
 * registers them with yargs. `run` returns the exit code; errors it throws are
 * mapped to exit codes by `main.ts` (the error classes carry them).
 */
import type { Argv } from 'yargs';
import type { Context } from '../core/context.js';

/** The options every command has (main.ts declares them). */
export interface GlobalArgs {
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

export interface CommandSpec<A = Record<string, unknown>> {
  command: string;
  describe: string;
  builder: (yargs: Argv, ctx: Context) => Argv;
  run: (args: A, ctx: Context) => Promise<number>;
}
