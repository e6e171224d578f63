/**
 * The plan: what `apply` would do to make the live tasks under the prefix
 * match the declarations. Computed by `computePlan` (pure), printed by
 * `formatPlanText` / `formatPlanJson`, carried out by `applyPlan`.
 */
import type { LiveTaskRecord } from '../schtasks/model.js';
import type { DeclaredTask } from '../declaration/compile-config.js';

/** A value as the plan shows it: the leaf's own value, or a one-line summary of an added/removed element. */
export type FieldValue = string | number | boolean | null;

/** One changed field of an updated task. */
export interface FieldChange {
  /** Readable path into the task, e.g. `triggers[0].repeat.interval`, `settings.multipleInstancesPolicy`. */
  path: string;
  /** The live value; `null` when the live task does not have it. */
  before: FieldValue;
  /** The declared value; `null` when the declaration does not have it. */
  after: FieldValue;
  /** True when the change alters how the task runs in a way that is easy to overlook (policy, time limit, enabled, principal). */
  behavioural?: boolean;
}

export interface CreateChange {
  action: 'create';
  /** Full task path, folder + name. */
  task: string;
  declared: DeclaredTask;
}

export interface UpdateChange {
  action: 'update';
  task: string;
  /** Sorted by path. */
  fields: FieldChange[];
  declared: DeclaredTask;
  /** The live task exactly as read; its bytes (or XML) are what apply backs up. */
  live: LiveTaskRecord;
}

export interface DeleteChange {
  action: 'delete';
  task: string;
  live: LiveTaskRecord;
}

export type PlanChange = CreateChange | UpdateChange | DeleteChange;
export type PlanAction = PlanChange['action'];

/** Something a person should know before applying (an immediate run, a re-enabled task). */
export interface PlanWarning {
  task: string;
  message: string;
}

/** A live task under the prefix whose XML could not be read; it is never changed while this stands. */
export interface PlanError {
  task: string;
  reason: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  /** Declared tasks whose live task already matches. */
  unchanged: number;
}

export interface Plan {
  /** The prefix the plan was computed under; apply checks every operation against it again. */
  prefix: string;
  /** Sorted by action (create, update, delete), then by task path. */
  changes: PlanChange[];
  summary: PlanSummary;
  /** Sorted by task, then message. */
  warnings: PlanWarning[];
  /** Sorted by task. A plan with errors can be shown but not applied. */
  errors: PlanError[];
  /** Undeclared live tasks under the prefix left alone because pruning is off (sorted full paths). */
  unmanaged: string[];
  /**
   * The live tasks under the prefix the plan was computed from (full path as read → XML text), so apply can
   * refuse when the target changed between plan and apply.
   */
  liveFingerprint: Record<string, string>;
}

/** The order changes are listed and applied in. */
export const ACTION_ORDER: readonly PlanAction[] = ['create', 'update', 'delete'];
