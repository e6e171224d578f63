/**
 * The bench's output: a plain-text table on stdout and the same figures as JSON
 * in bench/results/latest.json, with the machine they were measured on.
 */
import { cpus, totalmem, platform, release } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export function machineInfo() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

/** Adds each row's ratio of medians to the bare `node -e 0` start, and its verdict against its target. */
export function withRatios(rows, baselineName) {
  const baseline = rows.find((row) => row.name === baselineName && !row.failed);
  return rows.map((row) => {
    if (row.failed || !baseline) return row;
    const exact = row.medianMs / baseline.medianMs;
    const ratio = Math.round(exact * 10) / 10;
    const verdict = row.target === undefined ? undefined : exact <= row.target ? 'meets' : 'misses';
    return { ...row, ratioToBareNode: ratio, verdict };
  });
}

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

/** The timing table as Markdown (readable in a terminal and pasteable into BENCHMARKS.md). */
export function timingTable(rows) {
  const header = ['command', 'median ms', 'min–max ms', 'IQR ms', '× bare node', 'target'];
  const lines = rows.map((row) => {
    if (row.failed) return [row.label, 'FAILED', `exit ${row.status}`, '', '', row.target ? `≤ ${row.target}×` : ''];
    return [
      row.label,
      row.medianMs.toFixed(0),
      `${row.minMs.toFixed(0)}–${row.maxMs.toFixed(0)}`,
      `${row.q1Ms.toFixed(0)}–${row.q3Ms.toFixed(0)}`,
      row.ratioToBareNode === undefined ? '' : `${row.ratioToBareNode.toFixed(1)}×`,
      row.target === undefined ? '' : `≤ ${row.target}× ${row.verdict === 'meets' ? '✓' : '✗'}`,
    ];
  });
  return markdownTable(header, lines, [false, true, true, true, true, false]);
}

/** PowerShell processes started per command and fleet size. */
export function processTable(counts) {
  const header = ['command', 'tasks', 'PowerShell processes', 'reads', 'writes', 'exit', 'one per read/write'];
  const lines = counts.map((c) => [c.command, c.tasks, c.failed ? 'FAILED' : c.total, c.reads, c.writes, c.exitCode ?? '', c.ok ? 'yes' : 'NO']);
  return markdownTable(header, lines, [false, true, true, true, true, true, false]);
}

function markdownTable(header, lines, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const row = (cells) => `| ${cells.map((c, i) => pad(c, widths[i], rightAligned[i])).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [row(header), rule, ...lines.map(row)].join('\n');
}

export async function writeResults(path, results) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
