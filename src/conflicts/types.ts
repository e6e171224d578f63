/**
 * The vocabulary of conflict analysis: what goes in (subjects and options),
 * what comes out (conflicts), and the concrete runs in between.
 */
import type { TaskDefinition } from '../schtasks/model.js';
import type { Horizon } from './horizon.js';

/** Where a task comes from: the declarations (what apply would produce) or the live scheduler. */
export type ConflictSource = 'declared' | 'live';

export type Severity = 'error' | 'warning' | 'info';

/** One task to analyse. */
export interface ConflictSubject {
  /** Full task path, e.g. `\AGI_Health_Check`. */
  path: string;
  source: ConflictSource;
  /** Tasks of one group must never run at the same time. */
  group?: string;
  /** The normalized wire model (schema defaults filled, durations canonical). */
  definition: TaskDefinition;
  /** For live subjects: does a declaration name this path? (false ⇒ `unmanaged`). */
  hasDeclaration: boolean;
}

export interface ConflictOptions {
  /** Start of the horizon (inclusive). */
  from: Date;
  /** Length of the horizon in milliseconds. */
  horizonMs: number;
  /**
   * IANA time zone that boundaries without an offset are read in, and that
   * `firstAt` is written in.
   * @default the machine's local time zone
   */
  timeZone?: string;
}

/** The kinds this analysis reports; the contract guarantees the first seven. */
export type ConflictKind =
  | 'overlap'
  | 'over-capacity'
  | 'self-overlap'
  | 'unbounded'
  | 'continuous-loop'
  | 'duplicate'
  | 'unmanaged'
  | 'unpredictable'
  | 'catch-up-storm'
  | 'disabled'
  | 'dst'
  | 'run-cap';

/** One finding, shaped as the contract's `list-conflicts --json` entry plus optional extras. */
export interface Conflict {
  kind: ConflictKind;
  severity: Severity;
  source: ConflictSource;
  /** Full task paths involved. */
  tasks: string[];
  message: string;
  /** First colliding instant as local wall-clock `YYYY-MM-DDTHH:MM:SS` in the horizon's time zone. */
  firstAt?: string;
  /** `overlap`: how many times over the horizon one task starts while the other may still run. */
  collisions?: number;
  /** `self-overlap`: starts per day that land on a still-running previous run. */
  runsSkippedPerDay?: number;
  /** `overlap`: a person-readable stagger suggestion (or why there is none). */
  suggestion?: string;
  /** `overlap`: the task to move, when an offset exists. */
  suggestedTask?: string;
  /** `overlap`: the start offset for `suggestedTask`, ISO 8601 (`PT5M`). */
  suggestedOffset?: string;
  /** `overlap`, `over-capacity`: the group concerned. */
  group?: string;
  /**
   * `overlap` for a whole group (more colliding pairs than are listed one by one): how many
   * pairs collide (a lower bound when the group was too busy to count every pair).
   * Its `collisions` then counts starts that land while another task of the group may run.
   */
  pairs?: number;
  /** `over-capacity`: the group's load, the share of time its runs need (1 = 100 %). */
  load?: number;
}

/**
 * One concrete run of a task, as instants in epoch milliseconds.
 * It occupies `[start, end)`: half-open, so a run ending 00:44 does not touch one starting 00:44.
 */
export interface Run {
  path: string;
  source: ConflictSource;
  group?: string;
  /** Index of the trigger in `definition.triggers`. */
  triggerIndex: number;
  /** The scheduled start. */
  start: number;
  /** The latest possible start: `start + randomDelay`. */
  latestStart: number;
  /** The latest possible end: `latestStart + timeLimit`, or the horizon end when unbounded. */
  end: number;
  /** True when the run has no time limit (its end is the horizon's end). */
  unbounded: boolean;
}

/** Something expansion noticed on the way that a person should hear about. */
export type ExpansionNote =
  | {
      kind: 'dst-gap' | 'dst-repeat';
      path: string;
      source: ConflictSource;
      triggerIndex: number;
      /** The wall-clock time as written (`YYYY-MM-DDTHH:MM:SS`), which does not exist or happens twice. */
      wallClock: string;
      /** The instant the analysis used. */
      usedInstant: number;
    }
  | { kind: 'run-cap'; path: string; source: ConflictSource; triggerIndex: number; cap: number };

/** Result of expanding every subject's triggers over the horizon. */
export interface RunExpansion {
  /** Sorted by start, then path. */
  runs: Run[];
  notes: ExpansionNote[];
}

// ---- rules ---------------------------------------------------------------------------

/** A task's starts replayed under its MultipleInstancesPolicy (see schedule-rules.ts). */
export interface SelfOverlapReplay {
  /** Starts that land on a still-running run. */
  count: number;
  first?: { running: Run; next: Run };
}

export interface RuleContext {
  source: ConflictSource;
  /** This source's subjects, sorted by path. */
  subjects: readonly ConflictSubject[];
  /** Expansion notes for this source. */
  notes: readonly ExpansionNote[];
  /** Per task path: its starts replayed, for tasks with at least one start on a running run. */
  selfOverlaps: ReadonlyMap<string, SelfOverlapReplay>;
  horizon: Horizon;
}

export interface ConflictRule {
  check(context: RuleContext): Conflict[];
}

/** Whether the task itself is enabled (`Settings/Enabled`, default true). */
export const isTaskEnabled = (subject: ConflictSubject): boolean => subject.definition.settings.enabled !== false;
