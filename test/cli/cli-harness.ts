/**
 * Runs the CLI in-process, the way bin.ts does, with a Context whose outside
 * world is under the test's control: real files in a temp folder, captured
 * stdout/stderr, a fixed clock, and a process runner that refuses to run anything.
 */
import * as fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Context } from '../../src/core/context.js';
import { createLogger } from '../../src/core/logger.js';
import { makeTempDir } from '../support/temp-dirs.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HarnessOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  now?: Date;
  stdinIsTTY?: boolean;
  answer?: boolean;
  runner?: Context['runner'];
}

export function tempDir(prefix = 'taskctl-cli-'): string {
  return makeTempDir(prefix);
}

export async function runCli(argv: string[], options: HarnessOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const write = (line: string) => {
    stderr += line;
  };
  const ctx: Context = {
    runner: options.runner ?? {
      run: async (request) => {
        throw new Error(`unexpected process: ${request.command} ${request.args.join(' ')}`);
      },
    },
    fs,
    logger: createLogger({ level: 'info', color: false, write }),
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write, isTTY: false },
    stdinIsTTY: options.stdinIsTTY ?? false,
    prompt: async () => options.answer ?? false,
    promptSecret: async () => 'secret',
    now: () => options.now ?? new Date('2025-01-06T00:00:00Z'),
    env: { HOME: options.cwd ?? tempDir(), ...options.env },
    platform: options.platform ?? 'linux',
    cwd: options.cwd ?? process.cwd(),
    importModule: async (path) => {
      if (!/\.[mc]?ts$/.test(path)) return import(pathToFileURL(path).href);
      const { createModuleImporter } = await import('../../src/declaration/import-module.js');
      return createModuleImporter()(path);
    },
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}
