/**
 * The CLI: `main(argv, ctx)` parses the arguments with yargs, runs one command
 * and returns its exit code. Only `bin.ts` touches `process`; tests call `main`
 * with a fake Context. Every error becomes a message on stderr and an exit
 * code here, in one place.
 */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import type { Context } from '../core/context.js';
import type { CommandSpec } from './command.js';
import { TaskctlError, ValidationError } from '../core/errors.js';
import { colorEnabled } from './color.js';
import { createLogger } from '../core/logger.js';
import { VERSION } from './version.js';
import { planCommand } from './commands/plan.js';
import { applyCommand } from './commands/apply.js';
import { listConflictsCommand } from './commands/list-conflicts.js';
import { renderCommand } from './commands/render.js';
import { importCommand } from './commands/import.js';
import { restoreCommand } from './commands/restore.js';

const COMMANDS: CommandSpec<never>[] = [
  planCommand,
  applyCommand,
  listConflictsCommand,
  renderCommand,
  importCommand,
  restoreCommand,
] as CommandSpec<never>[];

const EPILOGUE = `Exit codes:
  0  success; nothing needs attention
  1  error: bad input, a scheduler that can't be reached, a change that failed, a refused apply
  2  attention: plan --detailed-exitcode with changes pending; list-conflicts with an error-severity conflict

Logs and progress go to stderr; stdout carries only the plan, JSON or XML.
Docs: README.md (declaring jobs, conflict kinds, backups and restore, CI use).`;

export async function main(argv: string[], ctx: Context): Promise<number> {
  let exitCode = 0;
  let handled = false;
  let failure: unknown;

  const parser: Argv = yargs(argv)
    .scriptName('taskctl')
    .usage('taskctl <command> [options]\n\nDeclare Windows Task Scheduler jobs as code, plan and apply them, and find the runs that collide.')
    .version(VERSION)
    .alias('version', 'V')
    .help('help')
    .alias('help', 'h')
    .option('color', { type: 'boolean', default: true, describe: 'Colour output on a terminal (--no-color, or NO_COLOR=1, turns it off)' })
    .option('verbose', { type: 'boolean', default: false, alias: 'v', describe: 'Log more detail on stderr' })
    .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'Log only warnings and errors on stderr' })
    .strict()
    .demandCommand(1, 'Name a command: plan, apply, list-conflicts, render, import or restore.')
    .recommendCommands()
    .epilogue(EPILOGUE)
    .wrap(null)
    .exitProcess(false)
    .fail((message, error) => {
      failure = error ?? new UsageError(message);
    });

  for (const spec of COMMANDS) {
    parser.command(
      spec.command,
      spec.describe,
      (y) => spec.builder(y, ctx),
      async (args) => {
        handled = true;
        const a = args as unknown as { color: boolean; verbose: boolean; quiet: boolean };
        const level = a.quiet ? 'warn' : a.verbose ? 'debug' : 'info';
        const color = colorEnabled({ noColor: !a.color, isTTY: ctx.stderr.isTTY, env: ctx.env });
        try {
          const logger = ctx.createLogger
            ? await ctx.createLogger(level, color)
            : createLogger({ level, color, write: (line) => ctx.stderr.write(line) });
          exitCode = await spec.run(args as never, { ...ctx, logger });
        } catch (error) {
          failure = error;
        }
      },
    );
  }

  let output = '';
  try {
    await parser.parseAsync(argv, {}, (_err, _parsed, out) => {
      output = out ?? '';
    });
  } catch (error) {
    failure ??= error;
  }

  if (failure !== undefined) return reportFailure(failure, ctx, argv);
  if (output) {
    ctx.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  }
  return handled ? exitCode : 0;
}

class UsageError extends TaskctlError {}

function reportFailure(error: unknown, ctx: Context, argv: string[]): number {
  if (error instanceof UsageError) {
    ctx.stderr.write(`taskctl: ${error.message}\nRun 'taskctl --help' for usage.\n`);
    return 1;
  }
  if (error instanceof ValidationError || error instanceof TaskctlError) {
    ctx.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  // Anything else is a bug: say so, keep the stack for --verbose.
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const detail = error instanceof Error ? (verbose ? error.stack ?? error.message : error.message) : String(error);
  ctx.stderr.write(`error: unexpected failure: ${detail}\n${verbose ? '' : '(run again with --verbose for the stack trace)\n'}`);
  return 1;
}
