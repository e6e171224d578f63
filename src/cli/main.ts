/**
 * The CLI: `main(argv, ctx)` parses the whole command line with yargs, and only when all
 * of it is valid runs one command and returns its exit code. Only `bin.ts` touches
 * `process`; tests call `main` with a fake Context. Every error becomes a message on
 * stderr and an exit code here, in one place.
 *
 * Why handlers only record: yargs reports an unknown option (`--dry-run`, a typo such as
 * `--no-prun`) or an extra positional after it has run the command's handler, so a command
 * that did its work in the handler would change the target and *then* fail. Here nothing
 * is read or changed until the parse has finished without a complaint.
 */
import type { Argv } from 'yargs';
import type { Context } from '../core/context.js';
import { type Command, type GlobalArgs, lazyCommand, VERSION } from './command.js';
import { TaskctlError, UsageError } from '../core/errors.js';
import { terminalSafe } from '../core/terminal-text.js';
import { colorEnabled } from '../output/format.js';
import { createLogger } from '../core/logger.js';
import { requireVendored } from '../core/vendored.js';

/** bin.ts writes the vendored files' code caches once the command has run (core/vendored.ts). */
export { saveCodeCaches } from '../core/vendored.js';

/** The commands as `taskctl --help` lists them; each one's module loads when it is named (command.ts). */
const COMMANDS: readonly Command[] = [
  lazyCommand(
    'plan',
    'Show what apply would create, update and delete',
    async () => (await import('./commands/plan.js')).planCommand,
  ),
  lazyCommand(
    'apply',
    'Create, update and delete tasks so the target matches the declarations (backs up first)',
    async () => (await import('./commands/apply.js')).applyCommand,
  ),
  lazyCommand(
    'list-conflicts',
    'Find runs that collide, pile up, never end, loop or duplicate each other',
    async () => (await import('./commands/list-conflicts.js')).listConflictsCommand,
  ),
  lazyCommand(
    'render',
    'Write the Task Scheduler XML of every declared task',
    async () => (await import('./commands/render.js')).renderCommand,
  ),
  lazyCommand(
    'import',
    'Write declarations (TypeScript or JSON) for the live tasks under the prefix',
    async () => (await import('./commands/import.js')).importCommand,
  ),
  lazyCommand(
    'restore <backup>',
    'Register again every task saved in a backup folder written by apply (shows what it changes, asks, backs up what it replaces)',
    async () => (await import('./commands/restore.js')).restoreCommand,
  ),
  lazyCommand(
    'doctor',
    'Check the machine: loops and strays outside Task Scheduler, duplicates, overruns, the history, CPU, memory, Python',
    async () => (await import('./commands/doctor.js')).doctorCommand,
  ),
  lazyCommand(
    'stagger',
    'Propose start times that keep every run of each group apart, or say why none exist',
    async () => (await import('./commands/stagger.js')).staggerCommand,
  ),
];

const EPILOGUE = `Exit codes:
  0  success; nothing needs attention
  1  error: bad input, a scheduler that can't be reached, a change that failed, a refused apply
  2  attention: plan --detailed-exitcode with changes pending; list-conflicts with an error-severity conflict

Logs and progress go to stderr; stdout carries only the plan, JSON or XML.
Docs: README.md (declaring jobs, conflict kinds, backups and restore, CI use).`;

interface Selected {
  globals: GlobalArgs;
  run: (ctx: Context) => Promise<number>;
}

export async function main(argv: string[], ctx: Context): Promise<number> {
  let selected: Selected | undefined;
  let failure: unknown;

  const parser: Argv<GlobalArgs> = requireVendored('yargs')(argv)
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
    .demandCommand(1, `Name a command: ${COMMANDS.map((c) => c.name).join(', ')}.`)
    .recommendCommands()
    .epilogue(EPILOGUE)
    .wrap(null)
    .exitProcess(false)
    .fail((message, error) => {
      failure = error ?? new UsageError(message);
    });

  for (const command of COMMANDS) {
    command.register(parser, ctx, (globals, run) => {
      selected = { globals, run };
    });
  }

  let output = '';
  try {
    await parser.parseAsync(argv, {}, (_err, _parsed, out) => {
      output = out ?? '';
    });
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) return reportFailure(failure, ctx, false);
  if (output) {
    // --help or --version.
    ctx.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  }
  if (selected === undefined) return 0;

  const { globals, run } = selected;
  const { verbose } = globals;
  const level = globals.quiet ? 'warn' : verbose ? 'debug' : 'info';
  const color = colorEnabled({ noColor: !globals.color, isTTY: ctx.stderr.isTTY, env: ctx.env });
  try {
    const logger = ctx.createLogger ? await ctx.createLogger(level, color) : createLogger({ level, color, write: (line) => ctx.stderr.write(line) });
    return await run({ ...ctx, logger });
  } catch (error) {
    return reportFailure(error, ctx, verbose);
  }
}

function reportFailure(error: unknown, ctx: Context, verbose: boolean): number {
  if (error instanceof UsageError) {
    ctx.stderr.write(`taskctl: ${terminalSafe(error.message)}\nRun 'taskctl --help' for usage.\n`);
    return error.exitCode;
  }
  if (error instanceof TaskctlError) {
    ctx.stderr.write(`error: ${terminalSafe(error.message)}\n`);
    return error.exitCode;
  }
  // Anything else is a bug: say so, keep the stack for --verbose.
  const detail = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
  ctx.stderr.write(`error: unexpected failure: ${terminalSafe(detail)}\n${verbose ? '' : '(run again with --verbose for the stack trace)\n'}`);
  return 1;
}
