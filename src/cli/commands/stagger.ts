/**
 * `taskctl stagger`: a whole-group timetable — new start times for every time-based
 * trigger of each group (or `--group NAME`) so that no two runs of the group overlap —
 * or the reason none exists. `--write` edits a JSON config in place (the original kept
 * as FILE.bak); a TypeScript config is not rewritten: the edits are printed instead.
 */
import { defineCommand, fromCwd, withDeclarationOptions } from '../command.js';
import { loadDeclarations } from '../load-declarations.js';
import { colorEnabled } from '../../output/format.js';
import { TaskctlError } from '../../core/errors.js';
import type { Context } from '../../core/context.js';
import { durationToMs } from '../../schtasks/duration.js';
import { canonicalDateTime, readDateTime, timeZoneOf } from '../../schtasks/datetime.js';
import { fullTaskPath, taskPathKey } from '../../schtasks/task-path.js';
import { DEFAULT_HORIZON, MONTHLY_HORIZON, defaultHorizon } from '../../conflicts/horizon.js';
import type { GroupStagger, StaggerMove } from '../../conflicts/stagger.js';
import { parseFromOption, parseHorizonOption } from './list-conflicts.js';


/** Reasons that leave a group without a timetable (exit 2); `unpredictable` groups still get one. */
const NO_TIMETABLE = new Set(['over-capacity', 'unbounded', 'no-timetable', 'not-found', 'not-verified']);

export const staggerCommand = defineCommand({
  builder: (y) =>
    withDeclarationOptions(y)
      .option('json', { type: 'boolean', default: false, describe: 'Print the timetables as JSON on stdout' })
      .option('group', { type: 'string', describe: 'Only this group (default: every group)' })
      .option('write', { type: 'boolean', default: false, describe: 'Apply the moves to a JSON --config in place (the original kept as FILE.bak); for a TypeScript config, print the edits' })
      .option('from', { type: 'string', describe: 'Start of the window the timetable is checked over, as for list-conflicts (default: now)' })
      .option('horizon', {
        type: 'string',
        describe: `Length of that window, ISO 8601 (default ${DEFAULT_HORIZON}, or ${MONTHLY_HORIZON} when a monthly trigger exists)`,
      })
      .example('taskctl stagger', 'a timetable for every group of the fleet in src/tasks')
      .example('taskctl stagger --config fleet.json --group agi --write', 'move the starts of group agi in fleet.json (fleet.json.bak keeps the original)'),
  async run(args, ctx) {
    const timeZone = timeZoneOf(ctx.env);
    const from = args.from === undefined ? ctx.now() : parseFromOption(args.from, timeZone);
    parseHorizonOption(args.horizon);
    const config = await loadDeclarations(args, ctx);
    const [{ declaredSubjects }, { staggerGroups }, { formatStaggerJson, formatStaggerText }] = await Promise.all([
      import('../../conflicts/subjects.js'),
      import('../../conflicts/stagger.js'),
      import('../../output/stagger-report.js'),
    ]);
    const subjects = declaredSubjects(config);
    const known = [...new Set(subjects.flatMap((s) => (s.group === undefined ? [] : [s.group])))].sort();
    if (args.group !== undefined && !known.includes(args.group)) {
      throw new TaskctlError(`--group: no declared task is in group '${args.group}'${known.length > 0 ? `; the groups are ${known.map((g) => `'${g}'`).join(', ')}` : ''}.`);
    }
    const horizonText = args.horizon ?? defaultHorizon(subjects);
    const groups = staggerGroups(subjects, { from, horizonMs: durationToMs(horizonText) ?? 0, timeZone, ...(args.group !== undefined ? { group: args.group } : {}) });

    if (args.json) ctx.stdout.write(formatStaggerJson(groups));
    else ctx.stdout.write(formatStaggerText(groups, { color: colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env }) }));

    const moves = groups.filter((g) => !NO_TIMETABLE.has(g.reason ?? '')).flatMap((g) => g.moves);
    if (args.write && moves.length === 0) ctx.logger.info('Nothing to write: no group needs a move.');
    else if (args.write) {
      const file = args.config === undefined ? undefined : fromCwd(ctx, args.config);
      if (file !== undefined && /\.json$/i.test(file)) await writeMoves(ctx, file, moves);
      else printEdits(ctx, file ?? 'the fleet in src/tasks', moves, args.json);
    }
    return groups.some((g: GroupStagger) => NO_TIMETABLE.has(g.reason ?? '')) ? 2 : 0;
  },
});

function printEdits(ctx: Context, source: string, moves: readonly StaggerMove[], json: boolean): void {
  const lines = [
    `${source} is TypeScript: taskctl does not rewrite it. Make these edits where the tasks are declared:`,
    ...moves.map((m) => `  ${m.task}: triggers[${m.trigger}].start "${m.before}" → "${m.after}"`),
  ];
  // With --json stdout holds only the document (whose moves are these edits).
  if (json) ctx.logger.info(lines.join('\n'));
  else ctx.stdout.write(`${lines.join('\n')}\n`);
}

/** Applies the moves to a JSON config, changing nothing but the start values; FILE.bak keeps the original. */
async function writeMoves(ctx: Context, file: string, moves: readonly StaggerMove[]): Promise<void> {
  const text = String(await ctx.fs.readFile(file, 'utf8'));
  const parsed = JSON.parse(text) as { tasks?: Array<{ name?: unknown; folder?: unknown; triggers?: Array<{ start?: unknown }> }> };
  const edits: Array<{ at: [number, number]; value: string }> = [];
  for (const move of moves) {
    const index = (parsed.tasks ?? []).findIndex(
      (t) => typeof t.name === 'string' && taskPathKey(fullTaskPath(typeof t.folder === 'string' ? t.folder : '\\', t.name)) === taskPathKey(move.task),
    );
    const start = parsed.tasks?.[index]?.triggers?.[move.trigger]?.start;
    const reading = typeof start === 'string' ? readDateTime(start, 'declaration') : undefined;
    const span = index < 0 ? undefined : locateValue(text, ['tasks', index, 'triggers', move.trigger, 'start']);
    if (!reading?.ok || canonicalDateTime(reading.text) !== canonicalDateTime(move.before) || !span) {
      throw new TaskctlError(`--write: ${file} does not declare ${move.task} trigger ${move.trigger} with start "${move.before}" (was the file changed?); nothing was written.`);
    }
    edits.push({ at: span, value: JSON.stringify(move.after) });
  }
  let edited = text;
  for (const edit of edits.sort((a, b) => b.at[0] - a.at[0])) edited = edited.slice(0, edit.at[0]) + edit.value + edited.slice(edit.at[1]);
  JSON.parse(edited);
  await ctx.fs.writeFile(`${file}.bak`, text);
  await ctx.fs.writeFile(file, edited);
  ctx.logger.info(`${moves.length} start time${moves.length === 1 ? '' : 's'} written to ${file} (the original is in ${file}.bak).`);
}

/**
 * Where the value at `path` sits in JSON text, as [start, end) offsets, so that an edit
 * leaves every other byte (layout, key order, spacing) as it was.
 */
function locateValue(text: string, path: readonly (string | number)[]): [number, number] | undefined {
  let pos = 0;
  const space = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const string = (): string => {
    const start = pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  // Skips one value; when `depth` reaches the end of `path`, that value's span is the answer.
  const value = (depth: number): [number, number] | undefined => {
    space();
    const start = pos;
    const ch = text[pos];
    if (ch === '{' || ch === '[') {
      pos++;
      let index = 0;
      let found: [number, number] | undefined;
      for (;;) {
        space();
        if (text[pos] === '}' || text[pos] === ']') break;
        let key: string | number = index++;
        if (ch === '{') {
          key = string();
          space();
          pos++; // ':'
        }
        const hit = path[depth] === key && depth < path.length ? value(depth + 1) : value(path.length + 1);
        found ??= hit;
        space();
        if (text[pos] === ',') pos++;
      }
      pos++;
      return found ?? (depth === path.length ? [start, pos] : undefined);
    }
    if (ch === '"') string();
    else while (pos < text.length && !/[\s,\]}]/.test(text[pos] as string)) pos++;
    return depth === path.length ? [start, pos] : undefined;
  };
  return value(0);
}
