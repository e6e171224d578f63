/**
 * Whole-process timing: each case is started with `process.execPath`, exactly as a
 * person or a CI job would start taskctl, and timed from spawn to exit.
 */
import { spawnSync } from 'node:child_process';

/**
 * One measured command. `args` follow `node`; `accept` lists the exit codes that
 * mean "worked" (list-conflicts exits 2 when it finds an error-severity conflict);
 * `prepare(run)` returns per-run extra args (a fresh --out folder) and is not timed.
 */
export function defineCase({ name, label, args, accept = [0], prepare, target }) {
  return { name, label: label ?? name, args, accept, prepare, target };
}

/** Runs one case once; returns { ms, ok, status, stderr }. */
export function runOnce(testCase, run, cwd) {
  const extra = testCase.prepare ? testCase.prepare(run) : [];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...testCase.args, ...extra], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const status = result.status;
  const ok = result.error === undefined && status !== null && testCase.accept.includes(status);
  return { ms, ok, status: status ?? result.signal ?? String(result.error), stderr: result.stderr ?? String(result.error ?? '') };
}

/**
 * Runs every case `runs` times, interleaved (case A, B, C, A, B, C, …) so a slow
 * moment of the machine spreads over all cases instead of hitting one. One
 * untimed warm-up run per case first fills the file cache. A case that fails
 * once is reported with its stderr and not run again.
 */
export function measureAll(cases, { runs, cwd, log }) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  const failures = new Map();
  for (const testCase of cases) {
    const warm = runOnce(testCase, -1, cwd);
    if (!warm.ok) failures.set(testCase.name, warm);
  }
  for (let run = 0; run < runs; run += 1) {
    for (const testCase of cases) {
      if (failures.has(testCase.name)) continue;
      const result = runOnce(testCase, run, cwd);
      if (!result.ok) failures.set(testCase.name, result);
      else samples.get(testCase.name).push(result.ms);
    }
    log(`  run ${run + 1}/${runs} done`);
  }
  return cases.map((testCase) => {
    const failure = failures.get(testCase.name);
    if (failure) return { ...describeCase(testCase), failed: true, status: failure.status, stderr: failure.stderr.trim() };
    return { ...describeCase(testCase), failed: false, ...summarize(samples.get(testCase.name)) };
  });
}

function describeCase(testCase) {
  return { name: testCase.name, label: testCase.label, target: testCase.target };
}

/** Median, min, max and the interquartile range of a list of milliseconds. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    medianMs: round(quantile(sorted, 0.5)),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
    q1Ms: round(quantile(sorted, 0.25)),
    q3Ms: round(quantile(sorted, 0.75)),
    samplesMs: values.map(round),
  };
}

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}
