/**
 * Options every command that reads declarations or live tasks shares (contract: "Common options").
 */
import type { Argv } from 'yargs';

export interface CommonArgs {
  config?: string;
  prefix?: string;
  live?: string;
  store?: string;
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

export function withDeclarationOptions(yargs: Argv): Argv {
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

export function withTargetOptions(yargs: Argv): Argv {
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
