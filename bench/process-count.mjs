/**
 * How many PowerShell processes `plan` and `apply` start against the Windows
 * backend, for fleets of 1, 10 and 1,000 tasks. The CLI runs in-process
 * (`main(argv, ctx)` from dist/cli/main.js) with `platform: 'win32'` and a runner
 * that starts nothing: it counts each request and answers the way
 * templates/read-tasks.ps1 and templates/apply-tasks.ps1 do (one JSON document
 * between sentinel lines on stdout). The count must not grow with the fleet.
 */
import * as realFs from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFixtures } from './fixtures.mjs';

const RESULT_START = '@@TASKCTL-JSON@@';
const RESULT_END = '@@TASKCTL-END@@';

/** Which template a request runs: the `-File` argument names it. */
function scriptOf(request) {
  const fileIndex = request.args.findIndex((arg) => arg.toLowerCase() === '-file');
  const script = fileIndex >= 0 ? request.args[fileIndex + 1] ?? '' : request.args.join(' ');
  if (/read-tasks\.ps1$/i.test(script)) return 'read';
  if (/apply-tasks\.ps1$/i.test(script)) return 'write';
  return `unknown (${request.command} ${request.args.join(' ')})`;
}

function scriptOutput(document) {
  return `${RESULT_START}\n${JSON.stringify(document)}\n${RESULT_END}\n`;
}

/** The operations of an apply request, whatever the payload's top-level key is called. */
function operationsOf(input) {
  const payload = JSON.parse(input ?? '{}');
  const operations = payload.operations ?? payload.changes ?? [];
  return Array.isArray(operations) ? operations : [];
}

/**
 * A runner that counts, and answers a read with `records` (the contract's
 * live-snapshot shape) and a write with every operation done.
 */
export function countingRunner(records) {
  const calls = [];
  return {
    calls,
    async run(request) {
      const kind = scriptOf(request);
      calls.push(kind);
      if (kind === 'read') return { exitCode: 0, stdout: scriptOutput({ ok: true, tasks: records }), stderr: '' };
      if (kind === 'write') {
        const results = operationsOf(request.input).map((op) => ({
          task: op.path ?? `${op.folder}${op.name}`,
          action: op.action,
          status: 'done',
        }));
        return { exitCode: 0, stdout: scriptOutput({ ok: true, results }), stderr: '' };
      }
      throw new Error(`the counting runner does not know this process: ${kind}`);
    },
  };
}

/**
 * Paths built for Windows (`C:\…` or `\tmp\…` from path.win32 on this host) are
 * mapped onto this machine's file system, so state folders land in the temp dir.
 */
function windowsPathsOnThisHost(fs) {
  const fix = (value) => (typeof value === 'string' && value.includes('\\') ? value.replace(/\\/g, '/') : value);
  return new Proxy(fs, {
    get(target, key) {
      const original = target[key];
      if (typeof original !== 'function') return original;
      return (first, second, ...rest) => original.call(target, fix(first), key === 'rename' ? fix(second) : second, ...rest);
    },
  });
}

function benchContext({ runner, dir }) {
  let stdout = '';
  let stderr = '';
  const write = (text) => {
    stderr += text;
  };
  const state = join(dir, 'state');
  return {
    output: () => ({ stdout, stderr }),
    ctx: {
      runner,
      fs: windowsPathsOnThisHost(realFs),
      logger: { error: write, warn: write, info: write, debug: () => {} },
      stdout: { write: (text) => void (stdout += text), isTTY: false },
      stderr: { write, isTTY: false },
      stdinIsTTY: false,
      prompt: async () => false,
      promptSecret: async () => '',
      now: () => new Date('2025-01-06T00:00:00Z'),
      env: { LOCALAPPDATA: state, USERPROFILE: state, ProgramData: state, SystemRoot: 'C:\\Windows', NO_COLOR: '1' },
      platform: 'win32',
      cwd: dir,
      importModule: (path) => import(pathToFileURL(path).href),
    },
  };
}

/** Runs one command in-process; returns the counts and the exit code. */
async function countOne({ main, command, argv, records, dir, tasks }) {
  const runner = countingRunner(records);
  const { ctx, output } = benchContext({ runner, dir });
  let exitCode;
  let error;
  try {
    exitCode = await main(argv, ctx);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown);
  }
  const reads = runner.calls.filter((c) => c === 'read').length;
  const writes = runner.calls.filter((c) => c === 'write').length;
  const unknown = runner.calls.filter((c) => c !== 'read' && c !== 'write');
  const failed = error !== undefined || exitCode !== 0 || unknown.length > 0;
  return {
    command,
    tasks,
    total: runner.calls.length,
    reads,
    writes,
    exitCode,
    failed,
    ...(failed ? { error: error ?? (unknown.join('\n') || output().stderr.trim().split('\n').slice(-15).join('\n')) } : {}),
  };
}

/**
 * plan and apply against the fake Windows backend for each fleet size. `ok` says
 * the count did not grow with the fleet: plan starts exactly one process (its
 * read), apply at most one write, and each command's counts equal those for the
 * smallest fleet.
 */
export async function countProcesses({ mainModule, binPath, dir, sizes }) {
  const { main } = await import(pathToFileURL(mainModule).href);
  const rows = [];
  for (const tasks of sizes) {
    const sizeDir = join(dir, `count-${tasks}`);
    await mkdir(sizeDir, { recursive: true });
    const fixtures = await generateFixtures({ binPath, dir: sizeDir, taskCount: tasks });
    const common = ['--config', fixtures.config, '--no-color'];
    rows.push(await countOne({ main, command: 'plan', argv: ['plan', ...common], records: fixtures.records, dir: sizeDir, tasks }));
    const backups = join(sizeDir, 'backups');
    rows.push(
      await countOne({
        main,
        command: 'apply',
        argv: ['apply', ...common, '--yes', '--allow-conflicts', '--backup-dir', backups],
        records: fixtures.records,
        dir: sizeDir,
        tasks,
      }),
    );
  }
  const smallest = new Map();
  return rows.map((row) => {
    const first = smallest.get(row.command) ?? row;
    smallest.set(row.command, first);
    const constant = row.reads === first.reads && row.writes === first.writes;
    const shape = row.command === 'plan' ? row.total === 1 && row.reads === 1 : row.writes <= 1;
    return { ...row, ok: !row.failed && constant && shape };
  });
}
