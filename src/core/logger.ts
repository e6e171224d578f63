/**
 * Logs go to stderr only, whatever the level: stdout carries the product (plan
 * text, JSON, XML). winston is loaded on the first line logged, so commands that log
 * nothing don't pay for it.
 */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

import { terminalSafe } from './terminal-text.js';
import { requireVendored } from './vendored.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Most to least severe: a logger at one level writes that level and those before it. */
const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
const passes = (line: LogLevel, threshold: LogLevel) => LEVELS.indexOf(line) <= LEVELS.indexOf(threshold);

export interface LoggerOptions {
  level: LogLevel;
  color: boolean;
  /** Where lines go; the real one is process.stderr. */
  write: (line: string) => void;
}

/** A logger that writes `level: message` lines through `write`; winston formats when available. */
export function createLogger({ level, color, write }: LoggerOptions): Logger {
  const paint: Record<LogLevel, (s: string) => string> = color
    ? { error: (s) => `\x1b[31m${s}\x1b[39m`, warn: (s) => `\x1b[33m${s}\x1b[39m`, info: (s) => s, debug: (s) => `\x1b[2m${s}\x1b[22m` }
    : { error: (s) => s, warn: (s) => s, info: (s) => s, debug: (s) => s };
  const log = (lvl: LogLevel) => (message: string) => {
    if (!passes(lvl, level)) return;
    const label = lvl === 'info' ? '' : `${paint[lvl](lvl)}: `;
    write(`${label}${terminalSafe(message)}\n`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

/**
 * The winston-backed logger for the real process. Every level goes to one
 * stream, stderr unless told otherwise: a Stream transport rather than
 * Console, so where lines go is explicit (and testable), never stdout.
 *
 * winston (CommonJS, ~40 modules) is required on the first line that passes the level,
 * so a command that logs nothing, which is most runs, never loads it.
 */
export async function createWinstonLogger(
  level: LogLevel,
  color: boolean,
  stream: NodeJS.WritableStream = process.stderr,
): Promise<Logger> {
  let logger: { log(level: string, message: string): void } | undefined;
  const winstonLogger = () => {
    if (logger) return logger;
    const winston = requireVendored('winston');
    const line = winston.format.printf(({ level: lvl, message }) =>
      lvl.includes('info') ? String(message) : `${lvl}: ${String(message)}`,
    );
    logger = winston.createLogger({
      level,
      format: color ? winston.format.combine(winston.format.colorize(), line) : line,
      transports: [new winston.transports.Stream({ stream })],
    });
    return logger;
  };
  const log = (lvl: LogLevel) => (message: string) => {
    if (passes(lvl, level)) winstonLogger().log(lvl, terminalSafe(message));
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
