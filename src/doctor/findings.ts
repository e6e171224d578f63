/**
 * What `doctor` reports (contract "doctor", `--json`): findings with a kind, a severity, the
 * processes or tasks concerned, figures, and the fix a person should apply; their order; the
 * summary; and the thresholds the report judged the machine by.
 */

export type Severity = 'error' | 'warning' | 'info';

/** In the order findings of one severity are listed: what to stop first, then what ran, then figures. */
const FINDING_KINDS = [
  'loop-process',
  'stray-process',
  'duplicate-process',
  'overrun',
  'failed-runs',
  'timeouts',
  'skipped-runs',
  'history-disabled',
  'history-unreadable',
  'cpu',
  'memory',
  'python-processes',
] as const;
type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** What is wrong, with the figures that show it. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** Process ids concerned, in the order the message names them. */
  processes?: number[];
  /** Full task paths concerned. */
  tasks?: string[];
  figures?: Record<string, number | string>;
  /** The machine the snapshot was taken on (for reports that cover several). */
  computer?: string;
}

/**
 * The diagnosis report's success criteria (phase 3, "final verification"): the machine is
 * healthy below each. Overridable with the config's `doctor` field.
 */
export interface DoctorThresholds {
  /** Average CPU load over the sample, percent. */
  cpuPercent: number;
  /** Physical memory in use, percent. */
  memoryPercent: number;
  /** Python processes, a venv launcher and its interpreter counted once. */
  pythonProcesses: number;
}

export const DEFAULT_THRESHOLDS: DoctorThresholds = { cpuPercent: 15, memoryPercent: 35, pythonProcesses: 20 };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by kind (as listed above), then by the first task or process named. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const kindOrder = (kind: FindingKind) => FINDING_KINDS.indexOf(kind);
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      kindOrder(a.kind) - kindOrder(b.kind) ||
      (a.tasks?.[0] ?? '').localeCompare(b.tasks?.[0] ?? '') ||
      (a.processes?.[0] ?? 0) - (b.processes?.[0] ?? 0),
  );
}

export function summarizeFindings(findings: readonly Finding[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}

/** Exit code of a diagnosis: 2 when any finding is an error, 0 otherwise. */
export function findingsExitCode(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === 'error') ? 2 : 0;
}
