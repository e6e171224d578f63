/**
 * Options every command that reads declarations or live tasks shares (contract: "Common options").
 */
import type { Argv } from 'yargs';

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

/** `--computer` and `--credential-user`, for the commands that read or change live tasks (contract "Many machines"). */
export function withComputerOptions(yargs: Argv): Argv {
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
