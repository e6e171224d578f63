#!/usr/bin/env node
/**
 * How `apply --store` grows with the fleet (issue 11.8: it used to grow faster than the
 * tasks, 1k 1.3 s → 10k 32.9 s). Whole processes of the built CLI, each size in a fresh
 * folder: `apply` creating N tasks, then `apply` of the same N with every task changed (so
 * each one is backed up, journaled and replaced), with a bare `node -e 0` started in the
 * same run. Time per 1,000 tasks stays flat when the cost grows with the tasks.
 *
 *   node bench/store-apply.mjs [--sizes 1000,2000,5000,10000] [--runs 3]
 *
 * Needs a build (`npm run build`). Writes bench/results/store-apply.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeDeclarations } from './fixtures.mjs';
import { machineInfo, writeResults } from './report.mjs';
import { quantile } from './timing.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => quantile([...values].sort((a, b) => a - b), 0.5);

function timed(args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 ** 2, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${result.status}\n${(result.stderr ?? '').slice(0, 2000)}`);
  return ms;
}

/** The bench's declarations with every description changed: an apply then updates every task. */
function changed(config) {
  return { ...config, tasks: config.tasks.map((task) => ({ ...task, description: `${task.description ?? task.name} (changed)` })) };
}

async function main() {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,2000,5000,10000' }, runs: { type: 'string', default: '3' } } });
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first.`);
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const work = await mkdtemp(join(tmpdir(), 'taskctl-bench-store-'));
  try {
    const rows = [];
    for (const size of sizes) {
      const config = makeDeclarations(size);
      const createCfg = join(work, `create-${size}.json`);
      const updateCfg = join(work, `update-${size}.json`);
      await writeFile(createCfg, JSON.stringify(config));
      await writeFile(updateCfg, JSON.stringify(changed(config)));
      const samples = { node: [], create: [], update: [] };
      for (let run = 0; run < runs; run += 1) {
        const store = join(work, `store-${size}-${run}`);
        const backups = join(work, `backups-${size}-${run}`);
        // XDG_STATE_HOME: the lock folder, inside the bench's own folder.
        const env = { XDG_STATE_HOME: join(work, 'state') };
        samples.node.push(timed(['-e', '0'], env));
        samples.create.push(timed([bin, 'apply', '--config', createCfg, '--store', store, '--backup-dir', backups, '--yes', '--allow-conflicts', '-q'], env));
        samples.update.push(timed([bin, 'apply', '--config', updateCfg, '--store', store, '--backup-dir', backups, '--yes', '--allow-conflicts', '-q'], env));
        await rm(store, { recursive: true, force: true });
        await rm(backups, { recursive: true, force: true });
      }
      const row = { tasks: size, nodeMs: Math.round(median(samples.node)), createMs: Math.round(median(samples.create)), updateMs: Math.round(median(samples.update)) };
      rows.push(row);
      log(`${size} tasks: create ${row.createMs} ms, update ${row.updateMs} ms (node -e 0: ${row.nodeMs} ms)`);
    }
    const lines = [
      '| tasks | apply, creating them | per 1,000 | apply, updating them all | per 1,000 |',
      '|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.tasks.toLocaleString('en')} | ${r.createMs.toLocaleString('en')} ms | ${Math.round((r.createMs / r.tasks) * 1000)} ms | ${r.updateMs.toLocaleString('en')} ms | ${Math.round((r.updateMs / r.tasks) * 1000)} ms |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await writeResults(join(repoRoot, 'bench', 'results', 'store-apply.json'), { machine: machineInfo(), runs, rows });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
