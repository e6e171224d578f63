#!/usr/bin/env node
/**
 * `npm run bench`: how long taskctl takes, as whole processes, against a bare
 * `node -e 0`, and how many PowerShell processes each command starts.
 *
 *   node bench/run.mjs [--runs N] [--tasks N] [--big N] [--keep]
 *
 * --runs  timed runs per command (default 7), after one untimed warm-up
 * --tasks fleet size of the fixtures (default 1000)
 * --big   fleet size of the large plan (default 20000; 0 leaves it out)
 * --keep  keep the temp folder with the fixtures and print its path
 *
 * Needs a build (`npm run build` → dist/bin.js). Writes bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateFixtures, writeConflictFleet } from './fixtures.mjs';
import { countProcesses } from './process-count.mjs';
import { computersTable, measureComputers } from './computers.mjs';
import { machineInfo, processTable, timingTable, withRatios, writeResults } from './report.mjs';
import { defineCase, measureAll } from './timing.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const mainModule = join(repoRoot, 'dist', 'cli', 'main.js');
const vendorDir = join(repoRoot, 'dist', 'vendor');
const resultsPath = join(repoRoot, 'bench', 'results', 'latest.json');
/** Issue 15's targets: ratio of medians to a bare `node -e 0` (at most). */
const TARGETS = { help: 1.5, small: 2.5, plan: 5, bigPlan: 40, listConflicts: 8 };
/** The 1-task config of `plan`'s start-up row. */
const ONE_TASK_CONFIG = join(repoRoot, 'examples', 'one-job.json');
const PROCESS_COUNT_SIZES = [1, 10, 1000];

const log = (line) => process.stderr.write(`${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      tasks: { type: 'string', default: '1000' },
      big: { type: 'string', default: '20000' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('node bench/run.mjs [--runs N] [--tasks N] [--big N] [--keep]\n');
    process.exit(0);
  }
  const runs = Number(values.runs);
  const tasks = Number(values.tasks);
  const big = Number(values.big);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got '${values.runs}'`);
  if (!Number.isInteger(tasks) || tasks < 1) throw new Error(`--tasks must be a whole number ≥ 1, got '${values.tasks}'`);
  if (!Number.isInteger(big) || big < 0) throw new Error(`--big must be a whole number ≥ 0, got '${values.big}'`);
  return { runs, tasks, big, keep: values.keep };
}

/** The commit measured (`-dirty` with uncommitted changes), or undefined outside a git checkout. */
function gitRevision() {
  const result = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: repoRoot, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The built-in fleet `list-conflicts` reads with no --config: src/tasks in a clone whose build
 * is older than its sources, else dist/tasks (load-declarations.ts decides; this only labels the row).
 */
function defaultFleetLabel() {
  const built = join(repoRoot, 'dist', 'tasks', 'index.js');
  const sources = join(repoRoot, 'src', 'tasks');
  if (!existsSync(sources)) return 'dist/tasks';
  return statSync(built).mtimeMs >= newestMtime(sources) ? 'dist/tasks' : 'src/tasks (TypeScript, through jiti)';
}

function newestMtime(dir) {
  return Math.max(0, ...readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => statSync(join(dir, name)).mtimeMs));
}

function timingCases(fixtures, big, dir) {
  const cli = (...args) => [bin, ...args];
  const n = fixtures.taskCount;
  const cases = [
    defineCase({ name: 'bare-node', label: 'node -e 0 (bare start)', args: ['-e', '0'] }),
    defineCase({ name: 'help', label: 'taskctl --help', args: cli('--help'), target: TARGETS.help }),
    defineCase({
      name: 'help-first-run',
      label: 'taskctl --help, first run after a build (no code cache yet)',
      args: cli('--help'),
      // Untimed: remove the code caches core/vendored.ts keeps beside dist/vendor/'s files; the run writes them again.
      prepare: () => {
        for (const name of readdirSync(vendorDir)) if (name.endsWith('.v8cache')) rmSync(join(vendorDir, name));
        return [];
      },
    }),
    defineCase({
      name: 'plan-1',
      label: 'plan of 1 task (examples/one-job.json, empty --store)',
      args: cli('plan', '--config', ONE_TASK_CONFIG, '--store', fixtures.emptyStore),
      target: TARGETS.small,
    }),
    defineCase({
      name: 'list-conflicts-fleet',
      label: `list-conflicts of the built-in fleet (${defaultFleetLabel()})`,
      args: cli('list-conflicts'),
      // Exit 2 would mean an error-severity conflict in the fleet: it has none, but it is not a failure of the command.
      accept: [0, 2],
      target: TARGETS.small,
    }),
    defineCase({
      name: 'plan',
      label: `plan ${n} declared × ${n} live`,
      args: cli('plan', '--config', fixtures.config, '--live', fixtures.snapshot),
      target: TARGETS.plan,
    }),
  ];
  if (big) {
    cases.push(
      defineCase({
        name: 'plan-big',
        label: `plan ${big.taskCount} declared × ${big.taskCount} live`,
        args: cli('plan', '--config', big.config, '--live', big.snapshot),
        target: TARGETS.bigPlan,
      }),
    );
  }
  cases.push(
    defineCase({
      name: 'list-conflicts',
      label: `list-conflicts ${n} tasks × 7 days (1-min limits)`,
      args: cli('list-conflicts', '--config', fixtures.conflictConfig, '--declared-only', '--from', '2025-01-06T00:00:00', '--horizon', 'P7D', '--json'),
      // Exit 2 means "found an error-severity conflict": the fixture's groups collide on purpose.
      accept: [0, 2],
      target: TARGETS.listConflicts,
    }),
    defineCase({
      name: 'render',
      label: `render ${n} tasks --out`,
      args: cli('render', '--config', fixtures.config),
      prepare: (run) => ['--out', join(dir, `render-out-${run < 0 ? 'warm' : run}`)],
    }),
    defineCase({ name: 'import-live', label: `import --live (${n}) --format json`, args: cli('import', '--live', fixtures.snapshot, '--format', 'json') }),
    defineCase({ name: 'import-store', label: `import --store (${n}) --format json`, args: cli('import', '--store', fixtures.store, '--format', 'json') }),
  );
  return cases;
}

async function main() {
  const { runs, tasks, big, keep } = options();
  if (!existsSync(bin) || !existsSync(mainModule)) {
    log(`bench: ${existsSync(bin) ? mainModule : bin} is missing. Build first: npm run build`);
    return 1;
  }
  const dir = await mkdtemp(join(tmpdir(), 'taskctl-bench-'));
  try {
    log(`bench: fixtures for ${tasks} tasks in ${dir}`);
    const fixtures = await generateFixtures({ binPath: bin, dir, taskCount: tasks });
    fixtures.conflictConfig = await writeConflictFleet(dir, tasks);
    fixtures.emptyStore = join(dir, 'empty-store');
    await mkdir(fixtures.emptyStore);
    log(`bench: live snapshot has ${fixtures.records.length} tasks, ${fixtures.drifted} drifted`);
    let bigFixtures;
    if (big > 0) {
      log(`bench: fixtures for the ${big}-task plan`);
      bigFixtures = await generateFixtures({ binPath: bin, dir: join(dir, 'big'), taskCount: big, store: false });
    }

    log(`bench: timing ${runs} run(s) of each command, interleaved`);
    const rows = withRatios(measureAll(timingCases(fixtures, bigFixtures, dir), { runs, cwd: dir, log }), 'bare-node');

    log('bench: counting PowerShell processes (in-process, fake runner, platform win32)');
    const sizes = PROCESS_COUNT_SIZES.filter((size) => size <= tasks);
    const counts = await countProcesses({ mainModule, binPath: bin, dir, sizes });
    const computers = await measureComputers({ log });

    const results = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      build: { bin: 'dist/bin.js', builtAt: statSync(bin).mtime.toISOString(), commit: gitRevision() },
      fixtures: { tasks, bigPlanTasks: big, groups: 10, liveDrifted: fixtures.drifted, runsPerCommand: runs },
      timings: rows,
      powershellProcesses: counts,
      computers: computers ?? null,
    };
    await writeResults(resultsPath, results);

    const m = results.machine;
    process.stdout.write(`\nMachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}\n`);
    process.stdout.write(`Build: dist/bin.js of ${results.build.commit ?? 'an unknown commit'}, built ${results.build.builtAt}\n`);
    process.stdout.write(`Fixtures: ${tasks} tasks in 10 groups, ${fixtures.drifted} of ${tasks} live tasks drifted; ${runs} runs each\n\n`);
    process.stdout.write(`${timingTable(rows)}\n\n`);
    process.stdout.write(`${processTable(counts)}\n\n`);
    if (computers) process.stdout.write(`${computersTable(computers)}\n\n`);
    for (const row of rows.filter((r) => r.failed)) {
      process.stdout.write(`FAILED ${row.label} (exit ${row.status}):\n${row.stderr.split('\n').slice(0, 30).join('\n')}\n\n`);
    }
    for (const count of counts.filter((c) => c.failed)) {
      process.stdout.write(`FAILED process count ${count.command} ${count.tasks} (exit ${count.exitCode}):\n${count.error}\n\n`);
    }
    process.stdout.write(`Figures written to ${resultsPath}\n`);
    const failed = rows.some((r) => r.failed) || counts.some((c) => c.failed) || computers?.failed === true;
    return failed ? 1 : 0;
  } finally {
    if (keep) log(`bench: fixtures kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
