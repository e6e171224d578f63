/**
 * What every command is made of: its shape (main.ts registers each file under commands/
 * with yargs; `run` returns the exit code, and errors it throws are mapped to exit codes by
 * main.ts, the error classes carry them), the options the commands share (contract:
 * "Common options"), paths from the command line, and the version.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { Context } from '../core/context.js';

/** The options every command has (main.ts declares them). */
export interface GlobalArgs {
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

/** What a module under commands/ defines: the command's options and its work. */
export interface CommandSpec<A> {
  /** Declares the command's options on top of the global ones; yargs infers `A` from the chain. */
  builder: (yargs: Argv<GlobalArgs>, ctx: Context) => Argv<A>;
  run: (args: ArgumentsCamelCase<A>, ctx: Context) => Promise<number>;
}

/** A command module's spec, its argument type inferred from the builder chain. */
export function defineCommand<A>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}

/**
 * A command as main.ts registers it: its usage line and description, which `taskctl --help`
 * lists, and its module, imported by the yargs builder only once yargs has matched the name
 * (yargs waits for a builder that returns a promise), so `--help` compiles no command's code. The argument type stays inside: yargs types the handler's
 * arguments from the builder's, and the handler hands them to the same module's `run`.
 * `select` only records the choice; main.ts runs it once the whole command line parsed cleanly.
 */
export interface Command {
  /** The command's name, for the list main.ts prints when none is given. */
  name: string;
  register(parser: Argv<GlobalArgs>, ctx: Context, select: (globals: GlobalArgs, run: (ctx: Context) => Promise<number>) => void): void;
}

export function lazyCommand<A>(command: string, describe: string, load: () => Promise<CommandSpec<A>>): Command {
  return {
    name: command.split(' ')[0] ?? command,
    register(parser, ctx, select) {
      let spec: CommandSpec<A> | undefined;
      parser.command(
        command,
        describe,
        async (yargs) => {
          spec = await load();
          return spec.builder(yargs, ctx);
        },
        (args) => {
          const loaded = spec;
          if (loaded === undefined) throw new Error(`yargs called the handler of '${command}' before its builder`);
          select({ color: args.color !== false, verbose: args.verbose === true, quiet: args.quiet === true }, (runCtx) => loaded.run(args, runCtx));
        },
      );
    },
  };
}

// ---- Common options ----

export interface CommonArgs {
  config?: string;
  prefix?: string;
  live?: string;
  store?: string;
  /** `--computer`: names, comma-separated lists or `@FILE`, as given (see cli/computers.ts). */
  computer?: string | string[];
  credentialUser?: string;
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

export function withDeclarationOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('config', {
      type: 'string',
      describe: 'Declarations file (.ts, .mts, .js, .mjs or .json). Default: the fleet in src/tasks',
      normalize: false,
    })
    .option('prefix', {
      type: 'string',
      describe: "Task name prefix to manage (overrides the config's prefix; default AGI). Matched case-insensitively; nothing else is touched",
    });
}

export function withTargetOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('live', {
      type: 'string',
      describe: 'Read-only snapshot of live tasks: the JSON that Get-ScheduledTask piped through Export-ScheduledTask and ConvertTo-Json -Depth 3 prints (the command is in the README, and in the error for a snapshot without XML), or a folder of task XML laid out like System32\\Tasks',
    })
    .option('store', {
      type: 'string',
      describe: 'Read-write folder in the System32\\Tasks layout (UTF-16LE files), used instead of the live scheduler',
    });
}

/** `--computer` and `--credential-user`, for the commands that read or change live tasks (contract "Many machines"). */
export function withComputerOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('computer', {
      type: 'string',
      describe: 'Run against these Windows computers through Task Scheduler\'s remote connection: NAME[,NAME…] or @FILE (one name per line, # comments). Results per computer',
    })
    .option('credential-user', {
      type: 'string',
      describe: 'Connect to the computers as DOMAIN\\user (password from TASKCTL_PASSWORD_<USER>, TASKCTL_PASSWORD or a prompt; default: the current user)',
    });
}

// ---- Paths and version ----

/** A path from the command line, relative to the Context's working directory (absolute paths stay as they are). */
export function fromCwd(ctx: Pick<Context, 'cwd'>, path: string): string {
  return resolve(ctx.cwd, path);
}

/**
 * From package.json; src/cli and dist/cli are both two levels below the package root (scripts/build.mjs
 * keeps this module's URL as dist/cli/command.js). Read as a file: `require` would start Node's
 * CommonJS loader for it (~3 ms of every start).
 */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
