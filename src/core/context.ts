/**
 * The one object that carries every side effect. The core (spec, schtasks
 * model/render/parse/normalize, plan, conflicts, output) never touches the
 * outside world; commands reach it only through a Context. `bin.ts` builds the
 * real one; tests build theirs with memfs, a strict fake runner and captured output.
 */
import type * as fsPromises from 'node:fs/promises';
import type { ProcessRunner } from './process-runner.js';
import type { Logger, LogLevel } from './logger.js';

export type FileSystem = Pick<
  typeof fsPromises,
  'readFile' | 'writeFile' | 'mkdir' | 'readdir' | 'rename' | 'rm' | 'stat' | 'lstat' | 'open' | 'unlink' | 'access' | 'realpath'
>;

interface OutputStream {
  write(text: string): void;
  /** True when a person is looking (colour, prompts, progress). */
  readonly isTTY?: boolean;
}

export interface Context {
  /** Starts processes (PowerShell). Tests pass a strict fake. */
  runner: ProcessRunner;
  fs: FileSystem;
  logger: Logger;
  /**
   * Builds the logger a command uses once its --verbose/--quiet/--color are known.
   * The real Context uses winston; absent, a plain stderr logger is used.
   */
  createLogger?(level: LogLevel, color: boolean): Promise<Logger>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Whether stdin is a terminal a person can answer a prompt on. */
  stdinIsTTY: boolean;
  /** Asks a yes/no question on the terminal. */
  prompt(question: string): Promise<boolean>;
  /** Asks for a secret (a password), not echoed. */
  promptSecret(question: string): Promise<string>;
  /** The clock, injected for deterministic plans, timestamps and conflict horizons. */
  now(): Date;
  /** Environment variables, read in one place. */
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  cwd: string;
  /** Imports a JS/TS module (config files). Injected so tests can load configs without touching the real disk. */
  importModule(path: string): Promise<unknown>;
}
