/**
 * The two CommonJS dependencies the build vendors into dist/vendor/ (scripts/build.mjs), run
 * through the built `node dist/bin.js`: winston, of which the build keeps only what
 * core/logger.ts uses (colours loaded only when asked for), and fast-xml-parser, required on
 * the first XML document the one-pass reader is not sure of. Each is held to the sources: the
 * same lines, colours and messages as the unbundled modules give in this process.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWinstonLogger } from '../../src/core/logger.js';
import { readCheckedXml } from '../../src/schtasks/xml.js';
import { builtPackage } from '../support/built-package.js';
import { makeTempDir } from '../support/temp-dirs.js';

const execFileAsync = promisify(execFile);
let bin: string;
let dir: string;

beforeAll(async () => {
  bin = join(await builtPackage(), 'dist', 'bin.js');
  dir = makeTempDir('taskctl-vendor-');
}, 600_000);

async function taskctl(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, ...env };
  if (!('FORCE_COLOR' in env)) delete childEnv.FORCE_COLOR;
  return execFileAsync(process.execPath, [bin, ...args], { cwd: dir, env: childEnv }).then(
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
});
