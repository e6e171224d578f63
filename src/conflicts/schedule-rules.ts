/**
 * The conflict rules that read the schedule: `self-overlap` (a task starting again while
 * its last run may still be going, replayed under its MultipleInstancesPolicy),
 * `unpredictable` (boot, logon, idle, event, registration, session and on-demand starts no
 * schedule can foresee), `catch-up-storm` (several StartWhenAvailable tasks starting at once
 * after downtime) and `overlap` (two tasks of one group at the same time, per pair with the
 * first collision and a count — one group-level finding with the worst pairs when there are
 * many; counted in the pass over each group, see group-sweep.ts).
 */
import { type Interval, mergeTaskRuns } from './expand-runs.js';
import { describeDuration, listTasks, perDay, readableAt, wallClockAt } from './describe.js';
import { runAt, type TaskRuns } from './expand-runs.js';
import { pairCollisions, type PairCount, sweepGroup } from './group-sweep.js';
import type { Horizon } from './horizon.js';
import { clearOffsets, suggestionFor } from './stagger-suggestion.js';
import { isTaskEnabled, type Conflict, type ConflictRule, type ConflictSource, type ConflictSubject, type RuleContext, type SelfOverlapReplay } from './types.js';
import { durationToMs } from '../schtasks/duration.js';
import { type MultipleInstancesPolicy, type Trigger, SETTINGS_DEFAULTS } from '../schtasks/model.js';
/** Replays a task's starts in order under its policy; `count` = starts that land on a still-running run. */
export function replaySelfOverlap(runs: TaskRuns, policy: MultipleInstancesPolicy): SelfOverlapReplay {
  const result: SelfOverlapReplay = { count: 0 };
  let running = -1;
  for (let i = 0; i < runs.count; i++) {
    const start = runs.starts[i] as number;
    if (running >= 0 && start < (runs.ends[running] as number)) {
      result.count++;
      result.first ??= { running: runAt(runs, running), next: runAt(runs, i) };
      // IgnoreNew drops the new start; the others leave the later-ending run as the one to beat.
      if (policy === 'StopExisting' || (policy !== 'IgnoreNew' && (runs.ends[i] as number) > (runs.ends[running] as number))) running = i;
    } else {
      running = i;
    }
  }
  return result;
}

const CONSEQUENCE: Record<MultipleInstancesPolicy, string> = {
  IgnoreNew: 'Under IgnoreNew those starts are silently skipped',
  StopExisting: 'Under StopExisting the running instance is killed each time',
  Parallel: 'Under Parallel the runs pile up side by side',
  Queue: 'Under Queue the new runs wait in a queue that only grows',
};

function cause(subject: ConflictSubject, first: NonNullable<SelfOverlapReplay['first']>): string {
  const { running, next } = first;
  const runLength = describeDuration(running.end - running.start);
  if (running.triggerIndex !== next.triggerIndex) {
    return `triggers ${running.triggerIndex} and ${next.triggerIndex} start it ${describeDuration(next.start - running.start)} apart, but a run may last ${runLength}`;
  }
  const trigger = subject.definition.triggers[next.triggerIndex];
  const interval = trigger && trigger.kind !== 'Raw' && trigger.repetition ? durationToMs(trigger.repetition.interval) : undefined;
  const every = interval !== undefined ? `repeats every ${describeDuration(interval)}` : `fires ${describeDuration(next.start - running.start)} apart`;
  return `trigger ${next.triggerIndex} ${every}, but a run may last ${runLength}${running.unbounded ? ' (no time limit)' : ''}`;
}

export const selfOverlapRule: ConflictRule = {
  check(context: RuleContext) {
    const conflicts: Conflict[] = [];
    for (const subject of context.subjects) {
      if (!isTaskEnabled(subject)) continue;
      const replay = context.selfOverlaps.get(subject.path);
      if (!replay?.first) continue;
      const { count, first } = replay;
      const policy = subject.definition.settings.multipleInstancesPolicy ?? SETTINGS_DEFAULTS.multipleInstancesPolicy;
      const daily = perDay(count, context.horizon.horizonMs);
      conflicts.push({
        kind: 'self-overlap',
        severity: policy === 'Parallel' || policy === 'Queue' ? 'error' : 'warning',
        source: context.source,
        tasks: [subject.path],
        message:
          `${subject.path} can start again while its previous run may still be going: ${cause(subject, first)}. ` +
          `${CONSEQUENCE[policy]}: ${count} in ${describeDuration(context.horizon.horizonMs)} (${daily} per day), ` +
          `first at ${readableAt(first.next.start, context.horizon.timeZone)}.`,
        firstAt: wallClockAt(first.next.start, context.horizon.timeZone),
        runsSkippedPerDay: daily,
      });
    }
    return conflicts;
  },
};

const withDelay = (text: string, delay: string | undefined): string => {
  const ms = delay === undefined ? 0 : (durationToMs(delay) ?? 0);
  return ms > 0 ? `${text} (after ${describeDuration(ms)})` : text;
};

/** How a non-time trigger starts the task, for the message; undefined for time-based triggers. */
function describeEventTrigger(trigger: Trigger): string | undefined {
  switch (trigger.kind) {
    case 'TimeTrigger':
    case 'CalendarTrigger':
      return undefined;
    case 'BootTrigger':
      return withDelay('at boot', trigger.delay);
    case 'LogonTrigger':
      return withDelay(trigger.userId ? `at logon of ${trigger.userId}` : 'at any logon', trigger.delay);
    case 'IdleTrigger':
      return 'when the computer goes idle';
    case 'EventTrigger':
      return withDelay('when an event is logged', trigger.delay);
    case 'RegistrationTrigger':
      return withDelay('when it is registered or updated', trigger.delay);
    case 'SessionStateChangeTrigger':
      return withDelay(`on session change ${trigger.stateChange}`, trigger.delay);
    case 'Raw':
      return `on a ${trigger.element}`;
  }
}

/** The unforeseeable ways a task starts; empty when it only runs on its schedule. */
export function unpredictableStarts(subject: ConflictSubject): string[] {
  const enabled = subject.definition.triggers.filter((t) => t.kind === 'Raw' || t.enabled !== false);
  const starts = enabled.map(describeEventTrigger).filter((d): d is string => d !== undefined);
  if (enabled.length === 0 && subject.definition.settings.allowStartOnDemand !== false) starts.push('on demand only (no enabled trigger)');
  return [...new Set(starts)];
}

export const unpredictableRule: ConflictRule = {
  check(context) {
    const conflicts: Conflict[] = [];
    for (const [group, members] of groupMembers(context.subjects)) {
      if (members.length < 2) continue;
      for (const member of members) {
        const starts = unpredictableStarts(member);
        if (starts.length === 0) continue;
        const others = members.filter((m) => m !== member).map((m) => m.path);
        conflicts.push({
          kind: 'unpredictable',
          severity: 'warning',
          source: context.source,
          tasks: [member.path, ...others],
          message:
            `${member.path} starts ${starts.join(', ')}: moments no schedule can foresee, so it may collide with ` +
            `${listTasks(others)} of group '${group}', and no stagger can prevent that.`,
        });
      }
    }
    return conflicts;
  },
};

const hasSchedule = (subject: ConflictSubject): boolean =>
  subject.definition.triggers.some((t) => (t.kind === 'TimeTrigger' || t.kind === 'CalendarTrigger') && t.enabled !== false);

/** Fleet-wide catch-up starts below this count are not worth a line. */
const FLEET_STORM_MIN = 3;

export const catchUpStormRule: ConflictRule = {
  check(context) {
    const catchingUp = context.subjects.filter(
      (s) => isTaskEnabled(s) && s.definition.settings.startWhenAvailable === true && hasSchedule(s),
    );
    const conflicts: Conflict[] = [];
    const byGroup = new Map<string, string[]>();
    for (const subject of catchingUp) {
      if (subject.group === undefined) continue;
      byGroup.set(subject.group, [...(byGroup.get(subject.group) ?? []), subject.path]);
    }
    for (const [group, tasks] of byGroup) {
      if (tasks.length < 2) continue;
      conflicts.push({
        kind: 'catch-up-storm',
        severity: 'warning',
        source: context.source,
        tasks,
        message:
          `${listTasks(tasks)} of group '${group}' all have StartWhenAvailable: after a reboot or downtime each runs its missed start ` +
          `at once, so they run together despite the group. Turn it off for all but one.`,
      });
    }
    const grouped = byGroup.size === 1 && catchingUp.every((s) => s.group !== undefined);
    if (catchingUp.length >= FLEET_STORM_MIN && !grouped) {
      const tasks = catchingUp.map((s) => s.path);
      conflicts.push({
        kind: 'catch-up-storm',
        severity: 'info',
        source: context.source,
        tasks,
        message: `${tasks.length} tasks have StartWhenAvailable (${listTasks(tasks)}): after a reboot or downtime they all start within moments of each other.`,
      });
    }
    return conflicts;
  },
};

/** Up to this many colliding pairs a group's pairs are listed one by one. */
const PAIR_LIST_LIMIT = 20;
/** A summarized group shows this many pairs (the most collisions first). */
const WORST_PAIRS = 10;
/** Past the pair budget, the worst pairs are looked for among this many busiest tasks. */
const BUSIEST_TASKS = 8;

export interface GroupOverlapInput {
  group: string;
  source: ConflictSource;
  horizon: Horizon;
  /** The group's enabled members' runs, in path order. */
  members: readonly TaskRuns[];
  /** The group's load is over 100 %: no offset can clear its pairs, so none is searched. */
  overCapacity: boolean;
  /** Count and report every pair, whatever it costs. */
  verbose: boolean;
}

export interface GroupOverlaps {
  /** What the report shows: every pair, or the group finding and its worst pairs. */
  conflicts: Conflict[];
  /** For a summarized group under --verbose: every pair, made one at a time. */
  everyPair?: () => Iterable<Conflict>;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function groupOverlaps(input: GroupOverlapInput): GroupOverlaps {
  const { members, horizon, group, source } = input;
  const sweep = sweepGroup(members, input.verbose ? 'all' : 'budget');
  if (sweep.collisions === 0) return { conflicts: [] };
  const horizonText = describeDuration(horizon.horizonMs);
  const paths = members.map((m) => m.subject.path);

  // Offsets are searched per task, once, and only for the tasks whose pairs are shown.
  const offsets = new Map<number, number | undefined>();
  const busy = new Map<number, Interval[]>();
  const busyOf = (i: number) => busy.get(i) ?? (busy.set(i, mergeTaskRuns(members[i] as TaskRuns)), busy.get(i) as Interval[]);
  const offsetOf = clearOffsets(members, busyOf, horizon, offsets);
  const pairConflict = (pair: PairCount): Conflict => {
    const [a, b] = [paths[pair.a] as string, paths[pair.b] as string];
    const firstAt = wallClockAt(pair.firstAt, horizon.timeZone);
    return {
      kind: 'overlap', severity: 'error', source, tasks: [a, b],
      message:
        `${a} and ${b} are both in group '${group}' but can run at the same time: ` +
        `${plural(pair.count, 'collision')} in ${horizonText} (one starts while the other may still be running), ` +
        `first at ${firstAt.replace('T', ' ').slice(0, 16)}.`,
      firstAt, collisions: pair.count, group,
      ...(input.overCapacity
        ? { suggestion: `Group '${group}' is over capacity (see over-capacity): no start offset can keep its tasks apart.` }
        : suggestionFor(group, members, [pair.a, pair.b], offsetOf)),
    };
  };

  if (sweep.pairs && sweep.pairs.length <= PAIR_LIST_LIMIT) return { conflicts: sweep.pairs.map(pairConflict) };

  const worst = (sweep.pairs ?? busiestPairs(members, sweep.perMember))
    .slice()
    .sort((x, y) => y.count - x.count || x.firstAt - y.firstAt || x.a - y.a || x.b - y.b)
    .slice(0, WORST_PAIRS);
  const involved = new Set<number>();
  for (const pair of sweep.pairs ?? []) involved.add(pair.a).add(pair.b);
  sweep.perMember.forEach((events, i) => events > 0 && involved.add(i));
  const tasks = [...involved].sort((x, y) => x - y).map((i) => paths[i] as string);
  const pairsText = sweep.pairs ? plural(sweep.pairs.length, 'pair') : `more than ${plural(sweep.pairsSeen, 'pair')}`;
  const firstAt = wallClockAt(sweep.firstAt, horizon.timeZone);
  const summary: Conflict = {
    kind: 'overlap', severity: 'error', source, tasks,
    message:
      `${tasks.length} of the ${members.length} tasks of group '${group}' can run at the same time: ${pairsText} of them collide, ` +
      `${plural(sweep.collisions, 'start')} in ${horizonText} land while another task of the group may still be running ` +
      `(up to ${sweep.peak} at once), first at ${readableAt(sweep.firstAt, horizon.timeZone)}. ` +
      `The ${worst.length} pairs with the most collisions${sweep.pairs ? '' : ' among its busiest tasks'} follow` +
      `${input.verbose ? '' : '; --verbose lists every pair'}: ${listTasks(worst.map((p) => `${paths[p.a]} + ${paths[p.b]}`), 3)}.`,
    firstAt, collisions: sweep.collisions, group, pairs: sweep.pairs?.length ?? sweep.pairsSeen,
    suggestion: input.overCapacity
      ? `Group '${group}' is over capacity (see over-capacity): no timetable can keep its tasks apart.`
      : `\`taskctl stagger --group ${group}\` proposes start times for the whole group.`,
  };
  if (!input.verbose || !sweep.pairs) return { conflicts: [summary, ...worst.map(pairConflict)] };
  const all = sweep.pairs;
  return { conflicts: [summary], everyPair: function* () { for (const pair of all) yield pairConflict(pair); } };
}

/** Past the budget: the pairs among the members that collided most, each counted exactly. */
function busiestPairs(members: readonly TaskRuns[], perMember: Float64Array): PairCount[] {
  const busiest = [...perMember.keys()]
    .filter((i) => (perMember[i] as number) > 0 || members.length <= BUSIEST_TASKS)
    .sort((x, y) => (perMember[y] as number) - (perMember[x] as number) || x - y)
    .slice(0, BUSIEST_TASKS)
    .sort((x, y) => x - y);
  const pairs: PairCount[] = [];
  for (let x = 0; x < busiest.length; x++) {
    for (let y = x + 1; y < busiest.length; y++) {
      const [a, b] = [busiest[x] as number, busiest[y] as number];
      const { count, firstAt } = pairCollisions(members[a] as TaskRuns, members[b] as TaskRuns);
      if (count > 0) pairs.push({ a, b, count, firstAt });
    }
  }
  return pairs;
}

/** Group name → its enabled members, in path order. */
export function groupMembers(subjects: readonly ConflictSubject[]): Map<string, ConflictSubject[]> {
  const groups = new Map<string, ConflictSubject[]>();
  for (const subject of subjects) {
    if (subject.group === undefined || subject.definition.settings.enabled === false) continue;
    const members = groups.get(subject.group);
    if (members) members.push(subject);
    else groups.set(subject.group, [subject]);
  }
  return groups;
}
