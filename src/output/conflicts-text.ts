/**
 * `list-conflicts` for a person: one section per severity (errors first), each
 * conflict as a heading line (kind, source, first time, tasks) with its message
 * and suggestion indented below, and a closing summary line.
 *
 *   ERRORS (1)
 *     overlap  declared  at 2025-01-01 00:05  \AGI_A, \AGI_B
 *         \AGI_A and \AGI_B are both in group 'agi' but can run at the same time: …
 *         Suggestion: Start \AGI_B 5 min later (offset PT5M): …
 *
 *   1 error, 0 warnings, 0 info.
 *
 * A group with many colliding pairs arrives as one group-level `overlap` finding and its
 * worst pairs (see conflicts/rules/overlap.ts); --verbose writes every pair after it.
 */
import type { ConflictReport } from '../conflicts/find-conflicts.js';
import { sortConflicts } from '../conflicts/describe.js';
import type { Conflict, Severity } from '../conflicts/types.js';
import { createPalette, type Paint, type Palette, wrap } from './format.js';

export interface ConflictsTextOptions {
  color: boolean;
  /** Wrap message lines at this width. @default 100 */
  width?: number;
  /**
   * Show at most this many conflicts per severity, then a line saying how many more
   * there are (a fleet of colliding groups can have thousands). @default no limit
   */
  maxPerSeverity?: number;
}

const SECTIONS: readonly { severity: Severity; title: string }[] = [
  { severity: 'error', title: 'ERRORS' },
  { severity: 'warning', title: 'WARNINGS' },
  { severity: 'info', title: 'INFO' },
];

const INDENT = '      ';


/** The heading's task list: every task up to five, then `(+N more)` (the message names them). */
const taskList = (tasks: readonly string[]): string =>
  tasks.length > 5 ? `${tasks.slice(0, 4).join(', ')} (+${tasks.length - 4} more)` : tasks.join(', ');

const paintFor = (palette: Palette, severity: Severity): Paint =>
  severity === 'error' ? palette.red : severity === 'warning' ? palette.yellow : palette.cyan;

/** The summary line: `3 errors, 2 warnings, 1 info.` or `No conflicts.` */
export function summarizeConflicts(conflicts: readonly Conflict[], extra: Partial<Record<Severity, number>> = {}): string {
  const count = (s: Severity) => conflicts.filter((c) => c.severity === s).length + (extra[s] ?? 0);
  if (conflicts.length === 0) return 'No conflicts.';
  const errors = count('error');
  const warnings = count('warning');
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('info')} info.`;
}

/**
 * Writes the readable report in pieces, ending with a newline. Under `maxPerSeverity` a
 * section stops after that many entries; without it, a busy group's every pair (from
 * `everyPair`) follows its group-level finding, made and written one at a time.
 */
export function writeConflictsText(
  report: Pick<ConflictReport, 'conflicts' | 'everyPair'>,
  options: ConflictsTextOptions,
  write: (text: string) => void,
): void {
  const palette = createPalette(options.color);
  const width = options.width ?? 100;
  const { conflicts, everyPair } = report;
  const kindWidth = Math.max(0, ...conflicts.map((c) => c.kind.length));
  const streamed: Partial<Record<Severity, number>> = {};
  if (options.maxPerSeverity === undefined) {
    for (const conflict of conflicts) if (everyPair.has(conflict)) streamed[conflict.severity] = (streamed[conflict.severity] ?? 0) + (conflict.pairs ?? 0);
  }
  const entry = (conflict: Conflict, paint: Paint) => {
    const when = conflict.firstAt ? `  at ${conflict.firstAt.replace('T', ' ')}` : '';
    const lines = [`  ${paint(conflict.kind.padEnd(kindWidth))}  ${palette.dim(conflict.source.padEnd(8))}${when}  ${taskList(conflict.tasks)}`];
    lines.push(...wrap(conflict.message, width, INDENT));
    if (conflict.suggestion) lines.push(...wrap(`Suggestion: ${conflict.suggestion}`, width, INDENT).map((l) => palette.green(l)));
    write(`${lines.join('\n')}\n`);
  };
  for (const { severity, title } of SECTIONS) {
    const section = conflicts.filter((c) => c.severity === severity);
    if (section.length === 0) continue;
    const paint = paintFor(palette, severity);
    const total = section.length + (streamed[severity] ?? 0);
    write(`${palette.bold(paint(`${title} (${total})`))}\n`);
    const shown = options.maxPerSeverity === undefined ? section : section.slice(0, options.maxPerSeverity);
    for (const conflict of shown) {
      entry(conflict, paint);
      const pairs = options.maxPerSeverity === undefined ? everyPair.get(conflict) : undefined;
      if (pairs) for (const pair of pairs()) entry(pair, paint);
    }
    const hidden = section.length - shown.length;
    if (hidden > 0) write(`${palette.dim(`  … and ${hidden} more ${title.toLowerCase()} (all of them: --verbose, or --json).`)}\n`);
    write('\n');
  }
  const summary = summarizeConflicts(conflicts, streamed);
  const hasErrors = conflicts.some((c) => c.severity === 'error');
  write(`${palette.bold(hasErrors ? palette.red(summary) : conflicts.length > 0 ? palette.yellow(summary) : palette.green(summary))}\n`);
}

/** Readable conflict report, ending with a newline. */
export function formatConflictsText(conflicts: readonly Conflict[], options: ConflictsTextOptions): string {
  let out = '';
  writeConflictsText({ conflicts: sortConflicts(conflicts), everyPair: new Map() }, options, (text) => (out += text));
  return out;
}
