/**
 * Preloaded with `node --import` by the conflict benchmarks: on exit, writes the
 * process's peak resident memory (KiB) to stderr as `TASKCTL_BENCH_MAXRSS_KIB=<n>`.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nTASKCTL_BENCH_MAXRSS_KIB=${process.resourceUsage().maxRSS}\n`);
});
