/**
 * The real Context: the only place besides bin.ts that reaches the process,
 * the terminal and the disk. Everything here is cheap to build; heavy modules
 * (execa, winston, jiti) are loaded on first use.
 */
import { promises } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Context } from '../core/context.js';
import { createProcessRunner } from '../core/process-runner.js';
import { createLogger, createWinstonLogger } from '../core/logger.js';

export function createRealContext(): Context {
  // Each stream is built on its first use (a few ms each): --help never touches stderr.
  const stdout = { write: (text: string) => void process.stdout.write(text), get isTTY() { return process.stdout.isTTY === true; } };
  const stderr = { write: (text: string) => void process.stderr.write(text), get isTTY() { return process.stderr.isTTY === true; } };
  return {
    runner: createProcessRunner(),
    // node:fs's own `promises`: importing node:fs/promises as a module of its own cost a second facade.
    fs: promises,
    logger: createLogger({ level: 'info', color: false, write: stderr.write }),
    // winston is loaded only once a command runs, so --help and --version start fast.
    createLogger: createWinstonLogger,
    stdout,
    stderr,
    // What process.stdin.isTTY says, without building the stdin stream (a few ms) on every start,
    // and node:tty (and the net module it loads) only when asked.
    get stdinIsTTY() {
      return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(0);
    },
    prompt: (question) => ask(question).then((answer) => /^y(es)?$/i.test(answer.trim())),
    promptSecret: (question) => ask(question, true),
    now: () => new Date(),
    env: process.env,
    platform: process.platform,
    cwd: process.cwd(),
    importModule: async (path) => {
      if (/\.[mc]?ts$/i.test(path)) {
        const { createModuleImporter } = await import('../declaration/import-module.js');
        return createModuleImporter()(path);
      }
      return import(pathToFileURL(path).href);
    },
  };
}

/** One line from the terminal; prompts go to stderr so stdout stays the product. readline loads on the first prompt. */
async function ask(question: string, secret = false): Promise<string> {
  const { createInterface } = await import('node:readline');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (secret) {
      // Echo nothing of what is typed after the question.
      const writable = rl as unknown as { _writeToOutput: (s: string) => void };
      rl.question(question, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      writable._writeToOutput = () => undefined;
      return;
    }
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}
