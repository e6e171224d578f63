/**
 * The CommonJS dependencies the build vendors into dist/vendor/ (scripts/build.mjs), run
 * through the built `node dist/bin.js`: winston, of which the build keeps only what
 * core/logger.ts uses (colours loaded only when asked for), fast-xml-parser, required on the
 * first XML document the one-pass reader is not sure of, and yargs with its translations. Each
 * is held to the sources: the same lines, colours and messages as the unbundled modules give
 * in this process, and yargs' own translation files. And the code cache core/vendored.ts keeps
 * beside them: written by the first run, used by the next, replaced when damaged.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWinstonLogger } from '../../src/core/logger.js';
import { readCheckedXml } from '../../src/schtasks/xml.js';
import { builtPackage } from '../support/built-package.js';
import { makeTempDir } from '../support/temp-dirs.js';

const execFileAsync = promisify(execFile);
let pkg: string;
let bin: string;
let dir: string;

beforeAll(async () => {
  pkg = await builtPackage();
  bin = join(pkg, 'dist', 'bin.js');
  dir = makeTempDir('taskctl-vendor-');
}, 600_000);

async function taskctl(args: string[], env: Record<string, string> = {}, program = bin): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, ...env };
  if (!('FORCE_COLOR' in env)) delete childEnv.FORCE_COLOR;
  return execFileAsync(process.execPath, [program, ...args], { cwd: dir, env: childEnv }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** What the unbundled winston logger writes for these lines. */
async function sourceLogger(color: boolean, log: (logger: Awaited<ReturnType<typeof createWinstonLogger>>) => void): Promise<string> {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
  log(await createWinstonLogger('debug', color, stream));
  await new Promise((resolve) => setImmediate(resolve));
  return chunks.join('');
}

describe('the built package’s vendored dependencies', () => {
  it('logs through the built winston as through the sources, with and without colour', async () => {
    const config = join(dir, 'one.json');
    writeFileSync(config, JSON.stringify({ tasks: [{ name: 'AGI_One', timeLimit: 'PT5M', actions: [{ command: 'a.exe' }], triggers: [{ type: 'time', start: '2025-01-01T00:00:00', repeat: { interval: 'PT15M' } }] }] }));
    const args = ['list-conflicts', '--config', config, '--verbose', '--from', '2025-01-06T00:00:00'];
    const plain = await taskctl(args, { NO_COLOR: '1', TZ: 'UTC' });
    const colored = await taskctl(args, { FORCE_COLOR: '1', TZ: 'UTC' });
    expect([plain.code, colored.code]).toEqual([0, 0]);
    const lines = plain.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`debug: declarations: ${config}`);
    expect(lines).toContain('No live source on this system (use --live or --store): analysing the declared tasks only.');
    // The same lines from the sources' winston, plain and coloured.
    const expected = async (color: boolean) => sourceLogger(color, (logger) => lines.forEach((line) => (line.startsWith('debug: ') ? logger.debug(line.slice(7)) : logger.info(line))));
    expect(plain.stderr).toBe(await expected(false));
    expect(colored.stderr).toBe(await expected(true));
    expect(colored.stderr).toContain('\x1b[34mdebug\x1b[39m: declarations:');
  });

  it('refuses malformed task XML through the built fast-xml-parser with the sources’ message', async () => {
    const xml = '<?xml version="1.0"?>\n<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n  <Actions>\n</Task>';
    const config = join(dir, 'bad-xml.json');
    writeFileSync(config, JSON.stringify({ tasks: [{ name: 'AGI_Xml', xml }] }));
    const result = await taskctl(['render', '--config', config], { NO_COLOR: '1' });
    let message = '';
    try {
      readCheckedXml(xml, 'tasks[0].xml');
    } catch (error) {
      message = (error as Error).message.replace('tasks[0].xml: ', '');
    }
    expect(message).toMatch(/not well-formed XML/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('answers --help in the user’s language from the translations the build copied beside yargs', async () => {
    const german = JSON.parse(readFileSync(join(createRequire(import.meta.url).resolve('yargs/package.json'), '..', 'locales', 'de.json'), 'utf8')) as Record<string, string>;
    const deutsch = await taskctl(['--help'], { LANG: 'de_DE.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    const english = await taskctl(['--help'], { LANG: 'C', LC_ALL: '', LC_MESSAGES: '' });
    expect([deutsch.code, english.code]).toEqual([0, 0]);
    expect(deutsch.stdout).toContain(`${german['Commands:']}\n  taskctl plan`);
    expect(deutsch.stdout).toContain(`${german['Options:']}\n`);
    expect(english.stdout).toContain('Commands:\n  taskctl plan');
  });

  it('compiles yargs from the code cache the first run wrote, and replaces a damaged one', async () => {
    // A copy of the built package of its own: the shared one's cache is written by every test that runs it.
    const copy = makeTempDir('taskctl-code-cache-');
    cpSync(join(pkg, 'dist'), join(copy, 'dist'), { recursive: true, filter: (source) => !source.includes('.v8cache') });
    cpSync(join(pkg, 'package.json'), join(copy, 'package.json'));
    const copiedBin = join(copy, 'dist', 'bin.js');
    const cacheFile = join(copy, 'dist', 'vendor', 'yargs.cjs.v8cache');
    expect(existsSync(cacheFile)).toBe(false);

    const first = await taskctl(['--help'], { LANG: 'C' }, copiedBin);
    expect(first.code).toBe(0);
    const written = readFileSync(cacheFile);
    expect(written.toString('latin1')).toMatch(/^taskctl code cache: V8 /);

    // Used as it is: the second run neither changes the answer nor writes the cache again.
    const second = await taskctl(['--help'], { LANG: 'C' }, copiedBin);
    expect(second).toEqual(first);
    expect(readFileSync(cacheFile)).toEqual(written);

    const headerLength = written.indexOf(10) + 1;
    const damaged = Buffer.concat([written.subarray(0, headerLength), Buffer.alloc(written.length - headerLength, 0x5a)]);
    writeFileSync(cacheFile, damaged);
    const third = await taskctl(['--help'], { LANG: 'C' }, copiedBin);
    expect(third).toEqual(first);
    const replaced = readFileSync(cacheFile);
    expect(replaced.equals(damaged)).toBe(false);
    expect(replaced.subarray(0, headerLength)).toEqual(written.subarray(0, headerLength));
    expect(readdirSync(join(copy, 'dist', 'vendor')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
