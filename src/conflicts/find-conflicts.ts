/**
 * The conflict analysis. Declared and live tasks are analysed separately (a declared
 * task never "overlaps" its own live copy). Within a source, one group at a time: its
 * members' runs are expanded into typed arrays, swept once for overlaps, replayed per
 * task for self-overlaps, and dropped before the next group, so memory follows the
 * largest group and time the number of runs. Then every rule over the subjects.
 */
import { SETTINGS_DEFAULTS } from '../schtasks/model.js';
import { groupLoad, overCapacityConflict } from './capacity.js';
import { sortConflicts } from './describe.js';
import { expandRuns, expandTaskRuns } from './expand-runs.js';
import { type Horizon, resolveHorizon } from './horizon.js';
import { catchUpStormRule, groupMembers, groupOverlaps, replaySelfOverlap, selfOverlapRule, unpredictableRule } from './schedule-rules.js';
import { continuousLoopRule, disabledRule, dstRule, duplicateRule, runCapRule, unboundedRule, unmanagedRule } from './task-rules.js';
import type { Conflict, ConflictOptions, ConflictRule, ConflictSource, ConflictSubject, ExpansionNote, RunExpansion, SelfOverlapReplay } from './types.js';

export interface ConflictReport {
  /** What a report shows, sorted (see sort-conflicts.ts). */
  conflicts: Conflict[];
  /** `--verbose`: for a group-level overlap finding, every pair of the group, made one at a time. */
  everyPair: ReadonlyMap<Conflict, () => Iterable<Conflict>>;
}

export interface ReportOptions {
  /** Count and list every colliding pair of every group, whatever it costs. @default false */
  verbose?: boolean;
}

const SOURCES: readonly ConflictSource[] = ['declared', 'live'];
const byPath = (a: ConflictSubject, b: ConflictSubject) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Every conflict among `subjects` over `[from, from + horizonMs)`. Throws ValidationError for a bad horizon or time zone. */

/** Every rule over a source's subjects, in one list: a new rule is a function and a line here. */
const CONFLICT_RULES: readonly ConflictRule[] = [
  selfOverlapRule,
  unboundedRule,
  continuousLoopRule,
  duplicateRule,
  unmanagedRule,
  unpredictableRule,
  catchUpStormRule,
  dstRule,
  disabledRule,
  runCapRule,
];

export function findConflictReport(subjects: readonly ConflictSubject[], options: ConflictOptions, report: ReportOptions = {}): ConflictReport {
  const horizon = resolveHorizon(options);
  const sorted = [...subjects].sort(byPath);
  const conflicts: Conflict[] = [];
  const everyPair = new Map<Conflict, () => Iterable<Conflict>>();
  for (const source of SOURCES) {
    const ofSource = sorted.filter((s) => s.source === source);
    if (ofSource.length > 0) analyseSource(ofSource, source, horizon, report.verbose === true, conflicts, everyPair);
  }
  return { conflicts: sortConflicts(conflicts), everyPair };
}

function analyseSource(
  subjects: readonly ConflictSubject[],
  source: ConflictSource,
  horizon: Horizon,
  verbose: boolean,
  conflicts: Conflict[],
  everyPair: Map<Conflict, () => Iterable<Conflict>>,
): void {
  const notes: ExpansionNote[] = [];
  const selfOverlaps = new Map<string, SelfOverlapReplay>();
  const expand = (subject: ConflictSubject) => {
    const runs = expandTaskRuns(subject, horizon, notes);
    if (runs.count >= 2) {
      const replay = replaySelfOverlap(runs, subject.definition.settings.multipleInstancesPolicy ?? SETTINGS_DEFAULTS.multipleInstancesPolicy);
      if (replay.count > 0) selfOverlaps.set(subject.path, replay);
    }
    return runs;
  };

  const groups = groupMembers(subjects);
  for (const name of [...groups.keys()].sort()) {
    const members = groups.get(name) ?? [];
    const runs = members.map(expand);
    const load = groupLoad(name, members, horizon.timeZone);
    if (load.over) conflicts.push(overCapacityConflict(load, source, horizon));
    if (members.length < 2) continue;
    const found = groupOverlaps({ group: name, source, horizon, members: runs, overCapacity: load.over, verbose });
    for (const conflict of found.conflicts) conflicts.push(conflict);
    if (found.everyPair && found.conflicts[0]) everyPair.set(found.conflicts[0], found.everyPair);
  }
  for (const subject of subjects) {
    if (subject.group === undefined || subject.definition.settings.enabled === false) expand(subject);
  }

  const context = { source, subjects, notes, selfOverlaps, horizon };
  for (const rule of CONFLICT_RULES) for (const conflict of rule.check(context)) conflicts.push(conflict);
}

/** Every conflict among `subjects` over `[from, from + horizonMs)`, sorted (errors first). */
export function findConflicts(subjects: readonly ConflictSubject[], options: ConflictOptions): Conflict[] {
  return findConflictReport(subjects, options).conflicts;
}

export interface ConflictAnalysis extends RunExpansion {
  /** Sorted by severity, kind, group, tasks. */
  conflicts: Conflict[];
}

/** Conflicts and every run as an object (for the timeline, which draws each run). */
export function analyzeConflicts(subjects: readonly ConflictSubject[], options: ConflictOptions): ConflictAnalysis {
  const conflicts = findConflicts(subjects, options);
  return { ...expandRuns(subjects, options), conflicts };
}
