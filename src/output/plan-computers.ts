/**
 * Plans of several computers (`--computer`): as text, a heading per computer followed by its
 * plan (or the reason it has none) and a total line; as JSON, the `plan --json` document with a
 * `computer` field on every change, warning, error and unmanaged task, summed summaries, and
 * `computers: [{ name, ok, error? }]` (contract "Many machines").
 */
import type { ComputerPlan } from '../plan/apply-computers.js';
import { createPalette, jsonDocument } from './format.js';
import { formatPlanText, type PlanTextOptions } from './plan-text.js';
import { planToJson, type PlanJson } from './plan-json.js';
import { terminalSafe as safe } from '../core/terminal-text.js';

type Summary = PlanJson['summary'];

/** Changes, unchanged tasks and unreachable computers over every computer. */
function planTotals(plans: readonly ComputerPlan[]): Summary & { failed: number; unreadable: number } {
  const total = { create: 0, update: 0, delete: 0, unchanged: 0, failed: 0, unreadable: 0 };
  for (const { plan } of plans) {
    if (plan === undefined) {
      total.failed++;
      continue;
    }
    total.create += plan.summary.create;
    total.update += plan.summary.update;
    total.delete += plan.summary.delete;
    total.unchanged += plan.summary.unchanged;
    total.unreadable += plan.errors.length;
  }
  return total;
}

/** Text: `── lab-2 ──` headings, each computer's plan as `plan` prints it, then the total. */
export function formatComputerPlansText(plans: readonly ComputerPlan[], options: PlanTextOptions): string {
  const palette = createPalette(options.color);
  let out = '';
  for (const entry of plans) {
    out += `${palette.bold(`── ${safe(entry.computer)} ──`)}\n`;
    out += entry.plan === undefined ? `${palette.red('Not planned:')} ${safe(entry.error)}\n\n` : `${formatPlanText(entry.plan, options)}\n`;
  }
  const total = planTotals(plans);
  const failed = total.failed === 0 ? '' : `, ${palette.red(`${total.failed} could not be read`)}`;
  out += `${palette.bold('Total:')} ${plans.length} computer(s)${failed}: ${total.create} to create, ${total.update} to update, ${total.delete} to delete.\n`;
  return out;
}

/** The JSON document. */
export function formatComputerPlansJson(plans: readonly ComputerPlan[]): string {
  const changes: object[] = [];
  const warnings: object[] = [];
  const errors: object[] = [];
  const unmanaged: object[] = [];
  for (const { computer, plan } of plans) {
    if (plan === undefined) continue;
    const json = planToJson(plan);
    changes.push(...json.changes.map((change) => ({ computer, ...change })));
    warnings.push(...(json.warnings ?? []).map((warning) => ({ computer, ...warning })));
    errors.push(...(json.errors ?? []).map((error) => ({ computer, ...error })));
    unmanaged.push(...(json.unmanaged ?? []).map((task) => ({ computer, task })));
  }
  const { create, update, unchanged } = planTotals(plans);
  return jsonDocument({
    computers: plans.map(({ computer, error }) => (error === undefined ? { name: computer, ok: true } : { name: computer, ok: false, error })),
    changes,
    summary: { create, update, delete: planTotals(plans).delete, unchanged },
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(errors.length > 0 ? { errors } : {}),
    ...(unmanaged.length > 0 ? { unmanaged } : {}),
  });
}
