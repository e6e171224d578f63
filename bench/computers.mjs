#!/usr/bin/env node
/**
 * `--computer` at scale: how many PowerShell processes `plan` and `apply` start against 1, 10
 * and 50 computers, and how long they take. Real processes end to end: the built CLI
 * (dist/bin.js) → pwsh → templates/read-tasks.ps1 and apply-tasks.ps1 → the simulated Task
 * Scheduler (TASKCTL_SCHEDULER_SIMULATOR, one folder per computer). Processes are counted by
 * a wrapper that TASKCTL_POWERSHELL names, which notes each start and runs pwsh; a bare
 * `node -e 0` is timed in the same run for scale. The count must not grow with the computers.
 *
 *   node bench/computers.mjs [--sizes 1,10,50] [--tasks 5]
 *
 * Per size: plan (every task to create on every computer), apply --yes, plan again (nothing
 * to change: the "N-computer plan" figure). Needs a build (`npm run build`) and pwsh on PATH
 * or in ~/.dotnet/tools. Run on its own it writes bench/results/computers.json; bench/run.mjs
 * calls `measureComputers` and keeps the figures under `computers` in its results.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo, writeResults } from './report.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const resultsPath = join(repoRoot, 'bench', 'results', 'computers.json');
const log = (line) => process.stderr.write(`${line}\n`);

function findPwsh() {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.dotnet', 'tools')];
  return dirs.map((dir) => join(dir, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh')).find((path) => existsSync(path));
}

function fleet(tasks) {
  return {
    prefix: 'AGI',
    tasks: Array.from({ length: tasks }, (_, i) => ({
      name: `AGI_Bench_${i + 1}`,
      actions: [{ command: 'python.exe', arguments: `job_${i + 1}.py` }],
      triggers: [{ type: 'daily', start: `2025-01-01T0${i % 10}:${String((i * 7) % 60).padStart(2, '0')}:00` }],
      timeLimit: 'PT5M',
      principal: { userId: 'S-1-5-18' },
    })),
  };
}

/** One run of the CLI: exit code, wall time and the PowerShell processes it started. */
function runCli(args, { dir, countFile, env }) {
  writeFileSync(countFile, '');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const processes = readFileSync(countFile, 'utf8').split('\n').filter(Boolean).length;
  return { exitCode: result.status, seconds: Math.round(seconds * 100) / 100, processes, stderr: result.stderr };
}

/**
 * The figures for `sizes` computers of `tasks` tasks each, or undefined (said through `log`)
 * when pwsh is missing. `failed` is true when a command did not exit as expected or a
 * computer does not hold every task after apply.
 */
export async function measureComputers({ sizes = [1, 10, 50], tasks = 5, log: say = log } = {}) {
  const pwsh = findPwsh();
  if (pwsh === undefined) {
    say('bench: pwsh not found (dotnet tool install --global PowerShell --version 7.6.9); the --computer figures need it.');
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'taskctl-bench-computers-'));
  try {
    const countFile = join(dir, 'pwsh-starts');
    const wrapper = join(dir, 'pwsh-counted');
    writeFileSync(wrapper, `#!/bin/sh\necho start >> '${countFile}'\nexec '${pwsh}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet(tasks)));
    spawnSync(process.execPath, ['-e', '0']); // warm-up: the first start reads node from disk
    const bareStart = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    const bareSeconds = Number(process.hrtime.bigint() - bareStart) / 1e9;

    const rows = [];
    for (const size of sizes) {
      const sim = join(dir, `sim-${size}`);
      const names = Array.from({ length: size }, (_, i) => (i === 0 ? 'localhost' : `pc-${i + 1}`));
      for (const name of names) mkdirSync(join(sim, name), { recursive: true });
      const list = join(dir, `computers-${size}.txt`);
      writeFileSync(list, `# ${size} simulated computers\n${names.join('\n')}\n`);
      const env = {
        ...process.env, TASKCTL_SCHEDULER_SIMULATOR: sim, TASKCTL_POWERSHELL: wrapper,
        XDG_STATE_HOME: join(dir, `state-${size}`), NO_COLOR: '1',
      };
      const common = ['--config', join(dir, 'fleet.json'), '--computer', `@${list}`];
      say(`bench: ${size} computer(s) × ${tasks} task(s)`);
      const plan = runCli(['plan', ...common, '--json'], { dir, countFile, env });
      const apply = runCli(['apply', ...common, '--yes'], { dir, countFile, env });
      const again = runCli(['plan', ...common, '--detailed-exitcode'], { dir, countFile, env });
      // The work was really done: every computer holds every task (the simulator's files).
      const registered = names.reduce((n, name) => n + readdirSync(join(sim, name)).filter((f) => f.startsWith('AGI_')).length, 0);
      if (registered !== size * tasks) {
        say(`bench: ${size} computer(s) hold ${registered} task(s) after apply, not ${size * tasks}`);
        apply.exitCode = apply.exitCode || 99;
      }
      for (const [name, run] of [['plan', plan], ['apply', apply], ['plan-after', again]]) {
        if (run.exitCode !== 0) say(`bench: ${name} on ${size} computer(s) exited ${run.exitCode}:\n${run.stderr.split('\n').slice(0, 20).join('\n')}`);
      }
      rows.push({ computers: size, tasksPerComputer: tasks, registered, plan, apply, planAfterApply: again });
    }
    const strip = ({ stderr, ...run }) => (void stderr, run);
    return {
      pwsh,
      bareNodeSeconds: Math.round(bareSeconds * 1000) / 1000,
      failed: rows.some((r) => [r.plan, r.apply, r.planAfterApply].some((run) => run.exitCode !== 0)),
      rows: rows.map((r) => ({ ...r, plan: strip(r.plan), apply: strip(r.apply), planAfterApply: strip(r.planAfterApply) })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The figures as a Markdown table. */
export function computersTable(figures) {
  const lines = [
    `--computer (real pwsh, simulated computers; bare node -e 0: ${figures.bareNodeSeconds} s)`,
    '| computers | plan: processes | plan: s | apply: processes | apply: s | plan after apply: processes | plan after apply: s |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of figures.rows) {
    lines.push(`| ${r.computers} | ${r.plan.processes} | ${r.plan.seconds} | ${r.apply.processes} | ${r.apply.seconds} | ${r.planAfterApply.processes} | ${r.planAfterApply.seconds} |`);
  }
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,10,50' }, tasks: { type: 'string', default: '5' } } });
  const sizes = values.sizes.split(',').map(Number);
  const tasks = Number(values.tasks);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(tasks) || tasks < 1) throw new Error('--sizes: whole numbers ≥ 1, comma-separated; --tasks: a whole number ≥ 1');
  if (!existsSync(bin)) {
    log(`bench: ${bin} is missing. Build first: npm run build`);
    return 1;
  }
  const figures = await measureComputers({ sizes, tasks });
  if (figures === undefined) return 1;
  await writeResults(resultsPath, { date: new Date().toISOString(), machine: machineInfo(), ...figures });
  process.stdout.write(`\n${computersTable(figures)}\n\nFigures written to ${resultsPath}\n`);
  return figures.failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
