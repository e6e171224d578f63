import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger, createWinstonLogger } from '../../src/core/logger.js';

/** A stream that keeps what is written to it. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
  return { stream, text: () => chunks.join('') };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const loggerPath = join(repoRoot, 'src', 'core', 'logger.ts');

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createWinstonLogger (the real CLI logger)', () => {
  it('writes every level to its stream, one line each; info lines carry no label', async () => {
    const sink = capture();
    const logger = await createWinstonLogger('debug', false, sink.stream);
    logger.info('planning 3 tasks');
    logger.warn('a past start boundary');
    logger.error('could not read \\AGI_X');
    logger.debug('declarations: fleet.json');
    await settle();
    expect(sink.text()).toBe('planning 3 tasks\nwarn: a past start boundary\nerror: could not read \\AGI_X\ndebug: declarations: fleet.json\n');
  });

  it('honours the level: at warn, info and debug are dropped', async () => {
    const sink = capture();
    const logger = await createWinstonLogger('warn', false, sink.stream);
    logger.info('hidden');
    logger.debug('hidden');
    logger.warn('shown');
    await settle();
    expect(sink.text()).toBe('warn: shown\n');
  });

  it('goes to stderr by default, in a real process, with stdout left empty', () => {
    const script = `const { createJiti } = await import('jiti');
      const { createWinstonLogger } = await createJiti(import.meta.url).import(${JSON.stringify(loggerPath)});
      const logger = await createWinstonLogger('info', false);
      logger.info('to stderr'); logger.error('also');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: repoRoot });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('to stderr\nerror: also\n');
  });
});

describe('createLogger (the plain one tests and embedders use)', () => {
  it('labels all but info, colours only when asked', () => {
    const lines: string[] = [];
    createLogger({ level: 'info', color: false, write: (l) => lines.push(l) }).warn('x');
    createLogger({ level: 'info', color: true, write: (l) => lines.push(l) }).error('y');
    createLogger({ level: 'info', color: false, write: (l) => lines.push(l) }).debug('dropped');
    expect(lines).toEqual(['warn: x\n', '\x1b[31merror\x1b[39m: y\n']);
  });
});
