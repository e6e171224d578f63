/**
 * The plan as the contract's `plan --json` document. The plan's internal data
 * (declarations, live records, fingerprints) never reaches the output.
 */
import type { FieldValue, Plan } from '../plan/plan.js';
import { jsonDocument } from './format.js';

type JsonChange =
  | { action: 'create'; task: string }
  | { action: 'update'; task: string; fields: { path: string; before: FieldValue; after: FieldValue }[] }
  | { action: 'delete'; task: string };

/** The `plan --json` document. */
export interface PlanJson {
  changes: JsonChange[];
  summary: { create: number; update: number; delete: number; unchanged: number };
  /** Only present when there are some: additions to the contract's shape, never replacements. */
  warnings?: { task: string; message: string }[];
  errors?: { task: string; reason: string }[];
  unmanaged?: string[];
}

/** Builds the contract shape; `warnings`, `errors` and `unmanaged` are added only when non-empty. */
export function planToJson(plan: Plan): PlanJson {
  const changes: JsonChange[] = plan.changes.map((change) =>
    change.action === 'update'
      ? {
          action: 'update',
          task: change.task,
          fields: change.fields.map(({ path, before, after }) => ({ path, before, after })),
        }
      : { action: change.action, task: change.task },
  );
  const { create, update, unchanged } = plan.summary;
  const json: PlanJson = { changes, summary: { create, update, delete: plan.summary.delete, unchanged } };
  if (plan.warnings.length > 0) json.warnings = plan.warnings.map(({ task, message }) => ({ task, message }));
  if (plan.errors.length > 0) json.errors = plan.errors.map(({ task, reason }) => ({ task, reason }));
  if (plan.unmanaged.length > 0) json.unmanaged = [...plan.unmanaged];
  return json;
}

/** The `plan --json` document (with its `formatVersion`). */
export function formatPlanJson(plan: Plan): string {
  return jsonDocument(planToJson(plan));
}
