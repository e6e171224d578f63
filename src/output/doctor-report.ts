/**
 * `taskctl doctor` for a person and for a machine. Text: a line about the snapshot, then one
 * section per severity (errors first), each finding as a heading (kind, processes, tasks)
 * with its message and its fix indented below, and a summary line:
 *
 *   AGI-PC at 2025-11-02 22:45 (UTC+09:00): 212 processes, CPU sampled 30 s, history on (1,902 events under AGI).
 *
 *   ERRORS (1)
 *     loop-process  pid 3312  \AGI_LLM_AutoRestart
 *         pid 3312 powershell.exe runs in a never-ending mode: …
 *         Fix: End it (taskctl doctor --stop) and …
 *
 *   1 error, 0 warnings, 3 info.
 *
 * JSON: `{ formatVersion, computer, capturedAt, findings, summary, stopCandidates, stopped? }`,
 * findings in the contract's field order. Every value from the machine (command lines,
 * process names) goes through `terminalSafe` in text; JSON stays exact.
 */
import { terminalSafe } from '../core/terminal-text.js';
import type { Diagnosis } from '../doctor/diagnose.js';
import { machineTime } from '../doctor/diagnose.js';
import { summarizeFindings, type Finding, type Severity } from '../doctor/findings.js';
import type { MachineSnapshot } from '../doctor/snapshot.js';
import type { StopPlan, StopResult } from '../doctor/stop-plan.js';
import { createPalette, jsonDocument, type Paint, type Palette, wrap } from './format.js';

export interface DoctorTextOptions {
  color: boolean;
  /** Wrap message lines at this width. @default 100 */
  width?: number;
}

const SECTIONS: readonly { severity: Severity; title: string }[] = [
  { severity: 'error', title: 'ERRORS' },
  { severity: 'warning', title: 'WARNINGS' },
  { severity: 'info', title: 'INFO' },
];
const INDENT = '      ';
const MAX_COMMAND = 120;


const paintFor = (palette: Palette, severity: Severity): Paint =>
  severity === 'error' ? palette.red : severity === 'warning' ? palette.yellow : palette.cyan;

const shortList = (items: readonly (string | number)[], max: number): string =>
  items.length > max ? `${items.slice(0, max - 1).join(', ')} (+${items.length - max + 1} more)` : items.join(', ');

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
const processes = (n: number): string => plural(n, 'process', 'processes');

function utcOffset(minutes: number | undefined): string {
  if (minutes === undefined) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The first line: which machine, when, and what the snapshot could see. */
function describeSnapshot(snapshot: MachineSnapshot, prefix: string): string {
  const when = `${machineTime(snapshot.capturedAtMs, snapshot.utcOffsetMinutes)} (${utcOffset(snapshot.utcOffsetMinutes)})`;
  const seconds = Math.round(snapshot.cpu.samples.length * snapshot.cpu.intervalSeconds);
  const history = snapshot.historyError !== undefined
    ? 'history unreadable'
    : `history ${snapshot.historyEnabled ? 'on' : 'OFF'} (${snapshot.history.length.toLocaleString('en-US')} events under ${prefix})`;
  return `${terminalSafe(snapshot.computer ?? 'The machine')} at ${when}: ${processes(snapshot.processes.length)}, CPU sampled ${seconds} s, ${history}.`;
}

export function formatDoctorText(diagnosis: Diagnosis, snapshot: MachineSnapshot, prefix: string, options: DoctorTextOptions): string {
  const palette = createPalette(options.color);
  const width = options.width ?? 100;
  const kindWidth = Math.max(0, ...diagnosis.findings.map((f) => f.kind.length));
  const out: string[] = [palette.bold(describeSnapshot(snapshot, prefix)), ''];
  for (const { severity, title } of SECTIONS) {
    const section = diagnosis.findings.filter((f) => f.severity === severity);
    if (section.length === 0) continue;
    const paint = paintFor(palette, severity);
    out.push(palette.bold(paint(`${title} (${section.length})`)));
    for (const finding of section) {
      // Every pid is named (the processes to end are the point); long lists wrap under the heading.
      const pidList = finding.processes ?? [];
      const pidText = pidList.length === 0 ? '' : `${pidList.length === 1 ? 'pid' : 'pids'} ${pidList.join(', ')}`;
      const tasks = finding.tasks && finding.tasks.length > 0 ? palette.dim(terminalSafe(shortList(finding.tasks, 4))) : '';
      const inline = pidText.length <= 40;
      const heading = [paint(pidText || tasks ? finding.kind.padEnd(kindWidth) : finding.kind), inline ? pidText : '', tasks].filter(Boolean).join('  ');
      out.push(`  ${heading}`);
      if (!inline) out.push(...wrap(pidText, width, INDENT));
      out.push(...wrap(terminalSafe(finding.message), width, INDENT));
      out.push(...wrap(`Fix: ${terminalSafe(finding.fix)}`, width, INDENT).map((line) => palette.green(line)));
    }
    out.push('');
  }
  const summary = summarizeFindings(diagnosis.findings);
  const line = `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info.`;
  out.push(palette.bold(summary.error > 0 ? palette.red(line) : summary.warning > 0 ? palette.yellow(line) : palette.green(line)));
  return `${out.join('\n')}\n`;
}

const FIELD_ORDER = ['kind', 'severity', 'message', 'processes', 'tasks', 'figures', 'fix', 'computer'] as const satisfies readonly (keyof Finding)[];

function orderedFinding(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) if (finding[field] !== undefined) out[field] = finding[field];
  return out;
}

export function formatDoctorJson(diagnosis: Diagnosis, snapshot: MachineSnapshot, plan: StopPlan, stopped?: readonly StopResult[]): string {
  return jsonDocument({
    ...(snapshot.computer !== undefined ? { computer: snapshot.computer } : {}),
    capturedAt: new Date(snapshot.capturedAtMs).toISOString(),
    findings: diagnosis.findings.map(orderedFinding),
    summary: summarizeFindings(diagnosis.findings),
    stopCandidates: plan.targets.map((t) => t.process.pid),
    ...(stopped !== undefined ? { stopped } : {}),
  });
}

const commandOf = (commandLine: string | undefined): string => {
  const text = terminalSafe((commandLine ?? '').replace(/\s+/g, ' ').trim());
  return text.length > MAX_COMMAND ? `${text.slice(0, MAX_COMMAND - 1)}…` : text;
};

/** What `--stop` is about to end, shown before it asks. */
export function formatStopPlanText(plan: StopPlan, snapshot: MachineSnapshot, options: DoctorTextOptions): string {
  const palette = createPalette(options.color);
  if (plan.targets.length === 0) return 'Nothing to stop: no loop, stray or duplicate process runs a job under the prefix.\n';
  const out = [palette.bold(`--stop would end ${processes(plan.targets.length)}${snapshot.computer ? ` on ${terminalSafe(snapshot.computer)}` : ''} (parents before children):`)];
  for (const { process, reasons } of plan.targets) {
    const since = process.createdMs === undefined ? '' : ` since ${machineTime(process.createdMs, snapshot.utcOffsetMinutes, snapshot.capturedAtMs)}`;
    out.push(`  pid ${String(process.pid).padEnd(6)} ${terminalSafe(process.name)}  ${palette.dim(reasons.join(', '))}${since}`);
    out.push(`      ${palette.dim(commandOf(process.commandLine))}`);
  }
  if (plan.leftRunning.length > 0) {
    out.push(palette.bold('Left running (child processes that run no declared job or live task):'));
    for (const { process, parentPid } of plan.leftRunning) out.push(`  pid ${process.pid} ${terminalSafe(process.name)}, child of ${parentPid}`);
  }
  return `${out.join('\n')}\n`;
}

const STATUS_TEXT: Record<StopResult['status'], string> = {
  ended: 'ended',
  'access-denied': 'not ended: access denied',
  gone: 'not ended: already gone',
  changed: 'not ended: the pid now belongs to another process',
  failed: 'not ended: failed',
};

/** How each pid fared. */
export function formatStopResultsText(results: readonly StopResult[], options: DoctorTextOptions): string {
  const palette = createPalette(options.color);
  const ended = results.filter((r) => r.status === 'ended').length;
  const out = [palette.bold(`Ended ${ended} of ${processes(results.length)}:`)];
  for (const result of results) {
    const paint = result.status === 'ended' ? palette.green : result.status === 'gone' ? palette.dim : palette.red;
    out.push(`  pid ${String(result.pid).padEnd(6)} ${paint(STATUS_TEXT[result.status])}${result.message ? ` (${terminalSafe(result.message)})` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

/** One computer's doctor result (`--computer`): its diagnosis and snapshot, or why there is none. */
export interface ComputerDiagnosis {
  computer: string;
  diagnosis?: Diagnosis;
  snapshot?: MachineSnapshot;
  error?: string;
}

/** Text: a heading per computer, its report (or why there is none), then the total. */
export function formatDoctorComputersText(results: readonly ComputerDiagnosis[], prefix: string, options: DoctorTextOptions): string {
  const palette = createPalette(options.color);
  let out = '';
  const total: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const { computer, diagnosis, snapshot, error } of results) {
    out += `${palette.bold(`── ${terminalSafe(computer)} ──`)}\n`;
    if (diagnosis === undefined || snapshot === undefined) {
      out += `${palette.red('Not checked:')} ${terminalSafe(error ?? 'no capture')}\n\n`;
      continue;
    }
    out += `${formatDoctorText(diagnosis, snapshot, prefix, options)}\n`;
    for (const [severity, n] of Object.entries(summarizeFindings(diagnosis.findings))) total[severity as Severity] += n;
  }
  const failed = results.filter((r) => r.diagnosis === undefined).length;
  out += `${palette.bold('Total:')} ${results.length} computer(s)${failed > 0 ? `, ${palette.red(`${failed} could not be checked`)}` : ''}: ` +
    `${total.error} error(s), ${total.warning} warning(s), ${total.info} note(s).\n`;
  return out;
}

/** JSON: `computers: [{ name, ok, error? }]`, every finding with its `computer`, the summed summary. */
export function formatDoctorComputersJson(results: readonly ComputerDiagnosis[]): string {
  // `computer` is the name the computer was reached by (as on changes and conflicts), not the name it gives itself.
  const findings = results.flatMap(({ computer, diagnosis }) => (diagnosis?.findings ?? []).map((finding) => ({ ...orderedFinding(finding), computer })));
  return jsonDocument({
    computers: results.map(({ computer, diagnosis, error }) => (diagnosis !== undefined ? { name: computer, ok: true } : { name: computer, ok: false, error: error ?? 'no capture' })),
    findings,
    summary: summarizeFindings(results.flatMap((r) => r.diagnosis?.findings ?? [])),
  });
}
