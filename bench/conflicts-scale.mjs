#!/usr/bin/env node
/**
 * How `list-conflicts` grows with the fleet: whole processes of the built CLI on the
 * conflict fleet (N time-triggered tasks in 10 groups, every 5–60 minutes, 1-minute
 * limits), timed against a bare `node -e 0` started in the same run, with each process's
 * peak memory (read by bench/max-rss.mjs at exit).
 *
 *   node bench/conflicts-scale.mjs [--sizes 1000,5000,10000,20000] [--days 7] [--runs 3] [--big 10000x35]
 *
 * The table gives, per size: median time, × bare node, runs analysed, µs per 1,000 runs
 * (flat when time grows with the runs, not with pairs), peak memory, and the JSON size.
 * `--big` adds one case (tasks × days) checked against the 1 GiB peak-memory limit.
 * Needs a build (`npm run build`). Writes bench/results/conflicts-scale.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runCount, writeConflictFleet } from './fixtures.mjs';
import { machineInfo, writeResults } from './report.mjs';
import { quantile } from './timing.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const maxRss = pathToFileURL(join(repoRoot, 'bench', 'max-rss.mjs')).href;
const GIB = 1024 ** 3;
const log = (line) => process.stderr.write(`${line}\n`);

function run(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', maxRss, ...args], {
    encoding: 'utf8', maxBuffer: 1024 ** 3, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kib = Number(/TASKCTL_BENCH_MAXRSS_KIB=(\d+)/.exec(result.stderr ?? '')?.[1] ?? NaN);
  return { ms, status: result.status, bytes: Buffer.byteLength(result.stdout ?? ''), peakBytes: kib * 1024, stderr: result.stderr ?? '' };
}

const median = (values) => quantile([...values].sort((a, b) => a - b), 0.5);

function measure(label, args, runs, accept = [0, 2]) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const result = run(args);
    if (!accept.includes(result.status)) throw new Error(`${label}: exit ${result.status}\n${result.stderr.slice(0, 2000)}`);
    samples.push(result);
  }
  return {
    label,
    medianMs: Math.round(median(samples.map((s) => s.ms))),
    peakMiB: Math.round(Math.max(...samples.map((s) => s.peakBytes)) / 2 ** 20),
    outputKiB: Math.round((samples[0]?.bytes ?? 0) / 1024),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,5000,10000,20000' },
      days: { type: 'string', default: '7' },
      runs: { type: 'string', default: '3' },
      big: { type: 'string', default: '10000x35' },
    },
  });
  if (!existsSync(bin)) {
    log(`bench: ${bin} is missing. Build first: npm run build`);
    return 1;
  }
  const sizes = values.sizes.split(',').map(Number);
  const days = Number(values.days);
  const runs = Number(values.runs);
  const dir = await mkdtemp(join(tmpdir(), 'taskctl-bench-conflicts-'));
  try {
    const rows = [];
    const bare = measure('node -e 0', ['-e', '0'], Math.max(runs, 5), [0]);
    for (const size of sizes) {
      const fleet = await writeConflictFleet(dir, size);
      log(`bench: list-conflicts ${size} tasks × ${days} days`);
      const args = [bin, 'list-conflicts', '--config', fleet, '--declared-only', '--from', '2025-01-06T00:00:00', '--horizon', `P${days}D`, '--json'];
      const row = measure(`${size} tasks × ${days} days`, args, runs);
      const analysed = runCount(size, days * 24 * 60);
      rows.push({ ...row, tasks: size, days, runs: analysed, ratio: Math.round((row.medianMs / bare.medianMs) * 10) / 10, usPer1kRuns: Math.round((row.medianMs * 1000) / (analysed / 1000)) / 1000 });
    }
    const [bigTasks, bigDays] = values.big.split('x').map(Number);
    let big;
    if (bigTasks && bigDays) {
      const fleet = await writeConflictFleet(dir, bigTasks);
      log(`bench: list-conflicts ${bigTasks} tasks × ${bigDays} days (peak memory)`);
      const args = [bin, 'list-conflicts', '--config', fleet, '--declared-only', '--from', '2025-01-06T00:00:00', '--horizon', `P${bigDays}D`, '--json'];
      big = { ...measure(`${bigTasks} tasks × ${bigDays} days`, args, 1), tasks: bigTasks, days: bigDays, runs: runCount(bigTasks, bigDays * 24 * 60) };
      big.underOneGiB = big.peakMiB * 2 ** 20 < GIB;
    }

    const m = machineInfo();
    const lines = [
      `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}; ${runs} run(s) each, median`,
      `bare node -e 0: ${bare.medianMs} ms`,
      '',
      '| fleet | runs analysed | median ms | × bare node | ms per 1,000 runs | peak MiB | JSON KiB |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.label} | ${r.runs.toLocaleString('en-US')} | ${r.medianMs} | ${r.ratio.toFixed(1)}× | ${r.usPer1kRuns.toFixed(2)} | ${r.peakMiB} | ${r.outputKiB} |`),
    ];
    if (big) lines.push('', `${big.label}: ${big.runs.toLocaleString('en-US')} runs, ${big.medianMs} ms, peak ${big.peakMiB} MiB (${big.underOneGiB ? 'under' : 'OVER'} 1 GiB), JSON ${big.outputKiB} KiB`);
    process.stdout.write(`${lines.join('\n')}\n`);
    await writeResults(join(repoRoot, 'bench', 'results', 'conflicts-scale.json'), { date: new Date().toISOString(), machine: m, bare, rows, big });
    return big && !big.underOneGiB ? 1 : 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
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
