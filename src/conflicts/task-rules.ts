/**
 * The conflict rules over one source's tasks that need no run of another task: the rule
 * interface, the list of every rule, and the per-task checks — `unbounded` (no time limit),
 * `continuous-loop` (an action that never ends on its own), `duplicate` (two tasks running
 * the same command), `unmanaged` (a live task nobody declared), `disabled`, `dst` (a start
 * in a daylight-saving gap or repeat) and `run-cap` (a trigger with more runs than the
 * window holds). A new rule is a function and a line in `CONFLICT_RULES` (find-conflicts.ts). The rules that
 * need the schedule are in schedule-rules.ts; `overlap` and `over-capacity` are found in
 * the pass over each group's runs (find-conflicts.ts).
 */
import { listTasks, readableAt } from './describe.js';
import { isUnboundedTask } from './expand-runs.js';
import { isTaskEnabled, type Conflict, type ConflictRule, type ExpansionNote } from './types.js';
import { commandKey, commandText, loopReasons } from '../schtasks/command-line.js';
import { zoneName } from '../schtasks/datetime.js';

export const unboundedRule: ConflictRule = {
  check(context) {
    const conflicts: Conflict[] = [];
    for (const subject of context.subjects) {
      if (!isUnboundedTask(subject.definition.settings)) continue;
      const enabled = isTaskEnabled(subject);
      conflicts.push({
        kind: 'unbounded',
        severity: enabled ? 'error' : 'warning',
        source: context.source,
        tasks: [subject.path],
        message:
          `${subject.path} has no time limit (ExecutionTimeLimit ${subject.definition.settings.executionTimeLimit ?? 'PT0S'}): ` +
          `a run that hangs never ends${subject.group !== undefined ? ` and keeps group '${subject.group}' busy` : ''}. ` +
          `Set a finite timeLimit${enabled ? '' : ' (the task is disabled now, but would be enabled as is)'}.`,
      });
    }
    return conflicts;
  },
};

export const continuousLoopRule: ConflictRule = {
  check(context) {
    const conflicts: Conflict[] = [];
    for (const subject of context.subjects) {
      subject.definition.actions.forEach((action, index) => {
        if (action.kind !== 'Exec') return;
        const commandLine = `${action.command} ${action.arguments ?? ''}`.trim();
        const reasons = loopReasons(commandLine);
        if (reasons.length === 0) return;
        const enabled = isTaskEnabled(subject);
        conflicts.push({
          kind: 'continuous-loop',
          severity: enabled ? 'error' : 'warning',
          source: context.source,
          tasks: [subject.path],
          message:
            `${subject.path} action ${index} starts something that never ends on its own: \`${commandLine}\`: ${reasons.join('; ')}. ` +
            `Run one pass per start and let the schedule repeat it${enabled ? '' : ' (the task is disabled now)'}.`,
        });
      });
    }
    return conflicts;
  },
};

export const duplicateRule: ConflictRule = {
  check(context) {
    const byKey = new Map<string, { tasks: string[]; text: string }>();
    for (const subject of context.subjects) {
      if (!isTaskEnabled(subject)) continue;
      for (const action of subject.definition.actions) {
        if (action.kind !== 'Exec') continue;
        const key = commandKey(action);
        const entry = byKey.get(key) ?? { tasks: [], text: commandText(action) };
        if (!entry.tasks.includes(subject.path)) entry.tasks.push(subject.path);
        byKey.set(key, entry);
      }
    }
    const conflicts: Conflict[] = [];
    for (const { tasks, text } of byKey.values()) {
      if (tasks.length < 2) continue;
      const sorted = [...tasks].sort();
      conflicts.push({
        kind: 'duplicate',
        severity: 'error',
        source: context.source,
        tasks: sorted,
        message: `${listTasks(sorted, sorted.length)} run the same command: \`${text}\`. Keep one task per job.`,
      });
    }
    return conflicts;
  },
};

export const unmanagedRule: ConflictRule = {
  check(context) {
    if (context.source !== 'live') return [];
    return context.subjects
      .filter((subject) => !subject.hasDeclaration)
      .map((subject): Conflict => ({
        kind: 'unmanaged',
        severity: 'warning',
        source: 'live',
        tasks: [subject.path],
        message:
          `${subject.path} is a live task under the prefix that no declaration names: nobody reviews it, ` +
          `and apply will delete it unless it is declared (or --no-prune is given). \`taskctl import\` writes a declaration for it.`,
      }));
  },
};

export const disabledRule: ConflictRule = {
  check(context) {
    return context.subjects
      .filter((subject) => !isTaskEnabled(subject))
      .map((subject): Conflict => ({
        kind: 'disabled',
        severity: 'info',
        source: context.source,
        tasks: [subject.path],
        message: `${subject.path} is disabled: its schedule is left out of the overlap analysis until it is enabled.`,
      }));
  },
};

type DstNote = Extract<ExpansionNote, { kind: 'dst-gap' | 'dst-repeat' }>;

export const dstRule: ConflictRule = {
  check(context) {
    const first = new Map<string, { note: DstNote; count: number }>();
    for (const note of context.notes) {
      if (note.kind !== 'dst-gap' && note.kind !== 'dst-repeat') continue;
      const key = `${note.path}\u0000${note.kind}`;
      const seen = first.get(key);
      if (seen) seen.count++;
      else first.set(key, { note, count: 1 });
    }
    const { timeZone } = context.horizon;
    // The machine zone's name costs an ICU formatter: looked up only when a message needs it.
    const zone = first.size > 0 ? zoneName(timeZone) : timeZone;
    return [...first.values()].map(({ note, count }): Conflict => {
      const when = note.wallClock.replace('T', ' ').slice(0, 16);
      const times = count > 1 ? ` (${count} times in the horizon)` : '';
      const gap = note.kind === 'dst-gap';
      return {
        kind: 'dst',
        severity: gap ? 'warning' : 'info',
        source: context.source,
        tasks: [note.path],
        message: gap
          ? `${note.path} trigger ${note.triggerIndex} is due at ${when}, which does not exist in ${zone} (clocks jump forward)${times}: ` +
            `Windows may run it late or skip it; analysed as ${readableAt(note.usedInstant, timeZone)}. Schedule outside 02:00–03:00 local time.`
          : `${note.path} trigger ${note.triggerIndex} is due at ${when}, which happens twice in ${zone} (clocks fall back)${times}: ` +
            `analysed as the first; Windows may run it once or twice.`,
        firstAt: note.wallClock,
      };
    });
  },
};

export const runCapRule: ConflictRule = {
  check(context) {
    return context.notes.flatMap((note): Conflict[] =>
      note.kind !== 'run-cap'
        ? []
        : [{
            kind: 'run-cap',
            severity: 'info',
            source: context.source,
            tasks: [note.path],
            message: `${note.path} trigger ${note.triggerIndex} starts more than ${note.cap} runs in the horizon; only the first ${note.cap} were analysed. Shorten --horizon for a complete picture.`,
          }],
    );
  },
};
