/**
 * `taskctl import`: write declarations for the live tasks under the prefix, so
 * that `plan --config <that file>` against the same source reports no changes.
 */
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand, fromCwd, withComputerOptions, withTargetOptions } from '../command.js';
import { requireTarget } from '../target.js';
import { openComputers, resolveComputers } from '../computers.js';
import { TaskctlError } from '../../core/errors.js';


export const importCommand = defineCommand({
  builder: (y) =>
    withComputerOptions(withTargetOptions(y))
      .option('prefix', { type: 'string', default: 'AGI', describe: 'Import tasks whose name starts with this (case-insensitive)' })
      .option('format', { choices: ['ts', 'json'] as const, default: 'ts' as const, describe: 'TypeScript using defineConfig/defineTask, or the contract JSON' })
      .option('out', { type: 'string', describe: 'File to write (default: stdout)' })
      .example('taskctl import --live live.json --out fleet.ts', 'adopt the tasks of a snapshot (made with the command in --live)')
      .example('taskctl import --format json --out fleet.json', 'on Windows: the live scheduler as JSON declarations'),
  async run(args, ctx) {
    const prefix = args.prefix ?? 'AGI';
    if (prefix.trim() === '') throw new TaskctlError('--prefix: must not be empty.');
    const computers = await resolveComputers(args, ctx);
    if (computers !== undefined && computers.length > 1) {
      throw new TaskctlError(`--computer: import reads one computer at a time (got ${computers.join(', ')}); run it once per computer.`);
    }
    const target = computers === undefined ? await requireTarget(args, ctx) : (await openComputers(args, ctx)).single(computers[0] as string);
    const { importTasks } = await import('../../import/import-tasks.js');
    const records = await target.readTasks(prefix);
    const file = args.out === undefined ? undefined : fromCwd(ctx, args.out);
    const result = importTasks(records, { prefix, format: args.format, importFrom: importSpecifier(file) });
    for (const note of result.notes) ctx.logger.warn(note);
    // Once per kind, with a count: what was left out or respelled in many tasks alike.
    for (const line of result.summary) ctx.logger.info(line);
    if (args.out === undefined) {
      ctx.stdout.write(result.text);
    } else if (file !== undefined) {
      await ctx.fs.writeFile(file, result.text, 'utf8');
      ctx.logger.info(`Wrote ${result.count} declaration(s) to ${file}.`);
    }
    return result.errors.length > 0 ? 1 : 0;
  },
});

/** This package's `src/`, where the fleet's own task files live. */
const PACKAGE_SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/**
 * Where the written TypeScript imports `defineConfig`/`defineTask` from: a file
 * beside the fleet in this package's `src/` uses the declaration language by
 * relative path (as src/tasks does); anywhere else, the installed package `taskctl`.
 */
function importSpecifier(file: string | undefined): string | undefined {
  if (file === undefined || !file.startsWith(PACKAGE_SRC)) return undefined;
  const specifier = relative(dirname(file), `${PACKAGE_SRC}declaration${sep}index.js`).split(sep).join('/');
  return specifier.startsWith('.') ? specifier : `./${specifier}`;
}
