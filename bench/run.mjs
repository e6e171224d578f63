#!/usr/bin/env node
/**
 * `npm run bench`: how long taskctl takes, as whole processes, against a bare
 * `node -e 0`, and how many PowerShell processes each command starts.
 *
 *   node bench/run.mjs [--runs N] [--tasks N] [--keep]
 *
 * --runs  timed runs per command (default 7), after one untimed warm-up
 * --tasks fleet size of the fixtures (default 1000)
 * --keep  keep the temp folder with the fixtures and print its path
 *
 * Needs a build (`npm run build` → dist/bin.js). Writes bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleCli } from './bundle.mjs';
import { generateFixtures, writeConflictFleet } from './fixtures.mjs';
import { countProcesses } from './process-count.mjs';
import { machineInfo, processTable, timingTable, withRatios, writeResults } from './report.mjs';
import { defineCase, measureAll } from './timing.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const mainModule = join(repoRoot, 'dist', 'cli', 'main.js');
const resultsPath = join(repoRoot, 'bench', 'results', 'latest.json');
/** The issues' targets: ratio of medians to a bare `node -e 0`. */
const TARGETS = { plan: 25, listConflicts: 8 };
const PROCESS_COUNT_SIZES = [1, 10, 1000];

const log = (line) => process.stderr.write(`${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      tasks: { type: 'string', default: '1000' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('node bench/run.mjs [--runs N] [--tasks N] [--keep]\n');
    process.exit(0);
  }
  const runs = Number(values.runs);
  const tasks = Number(values.tasks);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got '${values.runs}'`);
  if (!Number.isInteger(tasks) || tasks < 1) throw new Error(`--tasks must be a whole number ≥ 1, got '${values.tasks}'`);
  return { runs, tasks, keep: values.keep };
}

/** The commit measured (`-dirty` with uncommitted changes), or undefined outside a git checkout. */
function gitRevision() {
  const result = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: repoRoot, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function timingCases(fixtures, dir, bundle) {
  const cli = (...args) => [bin, ...args];
  const n = fixtures.taskCount;
  const cases = [
    defineCase({ name: 'bare-node', label: 'node -e 0 (bare start)', args: ['-e', '0'] }),
    defineCase({ name: 'help', label: 'taskctl --help (cold start)', args: cli('--help') }),
    defineCase({
      name: 'plan',
      label: `plan ${n} declared × ${n} live`,
      args: cli('plan', '--config', fixtures.config, '--live', fixtures.snapshot),
      target: TARGETS.plan,
    }),
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
  ];
  if (bundle.path) {
    cases.push(defineCase({ name: 'help-bundled', label: 'taskctl --help, esbuild bundle', args: [bundle.path, '--help'] }));
    cases.push(
      defineCase({
        name: 'plan-bundled',
        label: `plan ${n} × ${n}, esbuild bundle`,
        args: [bundle.path, 'plan', '--config', fixtures.config, '--live', fixtures.snapshot],
        target: TARGETS.plan,
      }),
    );
  }
  return cases;
}

async function main() {
  const { runs, tasks, keep } = options();
  if (!existsSync(bin) || !existsSync(mainModule)) {
    log(`bench: ${existsSync(bin) ? mainModule : bin} is missing. Build first: npm run build`);
    return 1;
  }
  const dir = await mkdtemp(join(tmpdir(), 'taskctl-bench-'));
  try {
    log(`bench: fixtures for ${tasks} tasks in ${dir}`);
    const fixtures = await generateFixtures({ binPath: bin, dir, taskCount: tasks });
    fixtures.conflictConfig = await writeConflictFleet(dir, tasks);
    log(`bench: live snapshot has ${fixtures.records.length} tasks, ${fixtures.drifted} drifted`);
    const bundle = await bundleCli(bin, dir);
    log(bundle.path ? `bench: esbuild bundle ${(bundle.bytes / 1024).toFixed(0)} KB in ${bundle.buildMs} ms` : `bench: no bundle: ${bundle.skipped}`);

    log(`bench: timing ${runs} run(s) of each command, interleaved`);
    const rows = withRatios(measureAll(timingCases(fixtures, dir, bundle), { runs, cwd: dir, log }), 'bare-node');

    log('bench: counting PowerShell processes (in-process, fake runner, platform win32)');
    const sizes = PROCESS_COUNT_SIZES.filter((size) => size <= tasks);
    const counts = await countProcesses({ mainModule, binPath: bin, dir, sizes });

    const results = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      build: { bin: 'dist/bin.js', builtAt: statSync(bin).mtime.toISOString(), commit: gitRevision() },
      fixtures: { tasks, groups: 10, liveDrifted: fixtures.drifted, runsPerCommand: runs },
      timings: rows,
      bundle,
      powershellProcesses: counts,
    };
    await writeResults(resultsPath, results);

    const m = results.machine;
    process.stdout.write(`\nMachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}\n`);
    process.stdout.write(`Build: dist/bin.js of ${results.build.commit ?? 'an unknown commit'}, built ${results.build.builtAt}\n`);
    process.stdout.write(`Fixtures: ${tasks} tasks in 10 groups, ${fixtures.drifted} of ${tasks} live tasks drifted; ${runs} runs each\n\n`);
    process.stdout.write(`${timingTable(rows)}\n\n`);
    if (bundle.path) process.stdout.write(`esbuild bundle of dist/bin.js: ${(bundle.bytes / 1024).toFixed(0)} KB, built in ${bundle.buildMs} ms (not shipped)\n\n`);
    process.stdout.write(`${processTable(counts)}\n\n`);
    for (const row of rows.filter((r) => r.failed)) {
      process.stdout.write(`FAILED ${row.label} (exit ${row.status}):\n${row.stderr.split('\n').slice(0, 30).join('\n')}\n\n`);
    }
    for (const count of counts.filter((c) => c.failed)) {
      process.stdout.write(`FAILED process count ${count.command} ${count.tasks} (exit ${count.exitCode}):\n${count.error}\n\n`);
    }
    process.stdout.write(`Figures written to ${resultsPath}\n`);
    const failed = rows.some((r) => r.failed) || counts.some((c) => c.failed);
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
