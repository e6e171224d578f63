/**
 * `taskctl list-conflicts`: expand every schedule over a horizon and report what
 * can run at the same time, pile up, run forever, loop, or duplicate — for the
 * declared set and, when a live source is given (or on Windows), for what runs now.
 */
import { defineCommand, fromCwd, withComputerOptions, withDeclarationOptions, withTargetOptions } from '../command.js';
import { findTarget } from '../target.js';
import { resolveComputers } from '../computers.js';
import { loadDeclarations } from '../load-declarations.js';
import { colorEnabled } from '../../output/format.js';
import { TaskctlError } from '../../core/errors.js';
import { durationToMs } from '../../schtasks/duration.js';
import { instantOf, MACHINE_ZONE, readDateTime, timeZoneOf } from '../../schtasks/datetime.js';
import { DEFAULT_HORIZON, MONTHLY_HORIZON, defaultHorizon } from '../../conflicts/horizon.js';


/** Conflicts per severity in the text report; --verbose shows them all. */
const TEXT_LIMIT = 50;

/**
 * `--from`: a local date-time (wall clock in the analysis time zone: `TZ`, else the
 * machine's), or an instant when it carries `Z` or an offset. A bare date is midnight.
 */
export function parseFromOption(text: string, timeZone: string): Date {
  const reading = readDateTime(text, 'option');
  if (!reading.ok) throw new TaskctlError(`--from: ${reading.reason}.`);
  return new Date(instantOf(reading.value, timeZone).instant);
}

/** `--horizon`: a positive ISO 8601 duration, checked before anything is read. */
export function parseHorizonOption(text: string | undefined): void {
  if (text === undefined) return;
  const ms = durationToMs(text);
  if (ms === undefined || ms <= 0) throw new TaskctlError(`--horizon: '${text}' is not a positive ISO 8601 duration (e.g. P7D, PT24H, P35D).`);
}

export const listConflictsCommand = defineCommand({
  builder: (y) =>
    withComputerOptions(withTargetOptions(withDeclarationOptions(y)))
      .option('json', { type: 'boolean', default: false, describe: 'Print the conflicts as JSON on stdout' })
      .option('from', { type: 'string', describe: 'Start of the analysed window, local date-time or ISO with offset (default: now)' })
      .option('horizon', {
        type: 'string',
        describe: `Length of the window, ISO 8601 duration (default ${DEFAULT_HORIZON}, or ${MONTHLY_HORIZON} when a monthly trigger exists; P1Y for triggers limited to some months)`,
      })
      .option('declared-only', { type: 'boolean', default: false, describe: 'Analyse only the declarations, not the live tasks' })
      .option('timeline', { type: 'string', describe: 'Also draw every run over the window to FILE (.svg or .html), overlaps hatched vermilion, self-overlaps dotted purple; .html is an interactive page, .svg a static picture' })
      .example('taskctl list-conflicts --live live.json', 'what is wrong with the tasks of a snapshot')
      .example('taskctl list-conflicts --declared-only --timeline schedule.html', 'check the fleet and draw its schedule')
      .example('taskctl list-conflicts --declared-only --json --verbose', 'every colliding pair, also of groups shown as one finding'),
  async run(args, ctx) {
    const timeZone = timeZoneOf(ctx.env);
    const from = args.from === undefined ? ctx.now() : parseFromOption(args.from, timeZone);
    parseHorizonOption(args.horizon);
    if (args.timeline !== undefined && !/\.(svg|html?)$/i.test(args.timeline)) {
      throw new TaskctlError(`--timeline: '${args.timeline}' must end in .svg or .html.`);
    }
    const computers = await resolveComputers(args, ctx);
    if (computers !== undefined) {
      if (args.timeline !== undefined) throw new TaskctlError('--timeline draws one machine\'s schedule: use it without --computer.');
      const { listConflictsOnComputers } = await import('../computer-commands.js');
      return listConflictsOnComputers(args, ctx, computers, {
        from, timeZone, ...(args.horizon !== undefined ? { horizon: args.horizon } : {}), ...(args.verbose ? {} : { maxPerSeverity: TEXT_LIMIT }),
      });
    }

    const config = await loadDeclarations(args, ctx);
    const [{ declaredSubjects, liveSubjects }, { findConflictReport }] = await Promise.all([
      import('../../conflicts/subjects.js'),
      import('../../conflicts/find-conflicts.js'),
    ]);

    const subjects = declaredSubjects(config);
    let unreadable: { task: string; reason: string }[] = [];
    if (!args.declaredOnly) {
      const target = await findTarget(args, ctx);
      if (target) {
        const live = liveSubjects(await target.readTasks(config.prefix), config);
        for (const subject of live.subjects) subjects.push(subject);
        unreadable = live.unreadable;
      } else {
        ctx.logger.info('No live source on this system (use --live or --store): analysing the declared tasks only.');
      }
    }

    const horizonText = args.horizon ?? defaultHorizon(subjects);
    const options = { from, horizonMs: durationToMs(horizonText) ?? 0, timeZone };
    ctx.logger.debug(`analysing ${subjects.length} task(s) over ${horizonText} from ${from.toISOString()} in ${timeZone === MACHINE_ZONE ? "the machine's time zone" : timeZone}`);
    const report = findConflictReport(subjects, options, { verbose: args.verbose });
    const { conflicts } = report;
    for (const problem of unreadable) ctx.logger.error(`${problem.task}: ${problem.reason}`);

    // Written piece by piece: under --verbose a busy group's every pair is made as it is written.
    const write = (text: string) => ctx.stdout.write(text);
    if (args.json) (await import('../../output/conflicts-json.js')).writeConflictsJson(report, write);
    else {
      const { writeConflictsText } = await import('../../output/conflicts-text.js');
      const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
      writeConflictsText(report, { color, ...(args.verbose ? {} : { maxPerSeverity: TEXT_LIMIT }) }, write);
    }

    if (args.timeline !== undefined) {
      const [{ renderTimeline }, { expandRuns }] = await Promise.all([
        import('../../output/timeline/render-timeline.js'),
        import('../../conflicts/expand-runs.js'),
      ]);
      const { runs } = expandRuns(subjects, options);
      const file = fromCwd(ctx, args.timeline);
      await ctx.fs.writeFile(file, renderTimeline(subjects, runs, conflicts, { ...options, format: /\.svg$/i.test(file) ? 'svg' : 'html' }));
      ctx.logger.info(`Timeline written to ${file}.`);
    }

    if (unreadable.length > 0) return 1;
    return conflicts.some((c) => c.severity === 'error') ? 2 : 0;
  },
});
