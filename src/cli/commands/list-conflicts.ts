/**
 * `taskctl list-conflicts`: expand every schedule over a horizon and report what
 * can run at the same time, pile up, run forever, loop, or duplicate — for the
 * declared set and, when a live source is given (or on Windows), for what runs now.
 */
import type { CommandSpec } from '../command.js';
import type { CommonArgs } from '../common-options.js';
import { withDeclarationOptions, withTargetOptions } from '../common-options.js';
import { loadDeclarations } from '../load-declarations.js';
import { findTarget } from '../open-target.js';
import { fromCwd } from '../cwd-path.js';
import { colorEnabled } from '../color.js';
import { TaskctlError } from '../../core/errors.js';
import { durationToMs } from '../../schtasks/duration.js';
import { parseFromOption } from '../parse-from.js';
import { DEFAULT_HORIZON, MONTHLY_HORIZON, defaultHorizon } from '../../conflicts/horizon.js';

interface ListConflictsArgs extends CommonArgs {
  json: boolean;
  from?: string;
  horizon?: string;
  declaredOnly: boolean;
  timeline?: string;
}

/** Conflicts per severity in the text report; --verbose shows them all. */
const TEXT_LIMIT = 50;

export const listConflictsCommand: CommandSpec<ListConflictsArgs> = {
  command: 'list-conflicts',
  describe: 'Find runs that collide, pile up, never end, loop or duplicate each other',
  builder: (y) =>
    withTargetOptions(withDeclarationOptions(y))
      .option('json', { type: 'boolean', default: false, describe: 'Print the conflicts as JSON on stdout' })
      .option('from', { type: 'string', describe: 'Start of the analysed window, local date-time or ISO with offset (default: now)' })
      .option('horizon', {
        type: 'string',
        describe: `Length of the window, ISO 8601 duration (default ${DEFAULT_HORIZON}, or ${MONTHLY_HORIZON} when a monthly trigger exists; P1Y for triggers limited to some months)`,
      })
      .option('declared-only', { type: 'boolean', default: false, describe: 'Analyse only the declarations, not the live tasks' })
      .option('timeline', { type: 'string', describe: 'Also draw every run over the window to FILE (.svg or .html), overlaps in red' })
      .example('taskctl list-conflicts --live examples/troubled-machine.json', 'what is wrong with the troubled machine')
      .example('taskctl list-conflicts --declared-only --timeline schedule.html', 'check the fleet and draw its schedule'),
  async run(args, ctx) {
    const config = await loadDeclarations(args, ctx);
    const from = args.from === undefined ? ctx.now() : parseFromOption(args.from);
    if (args.horizon !== undefined) {
      const ms = durationToMs(args.horizon);
      if (ms === undefined || ms <= 0) throw new TaskctlError(`--horizon: '${args.horizon}' is not a positive ISO 8601 duration (e.g. P7D, PT24H, P35D).`);
    }
    if (args.timeline !== undefined && !/\.(svg|html?)$/i.test(args.timeline)) {
      throw new TaskctlError(`--timeline: '${args.timeline}' must end in .svg or .html.`);
    }

    const [{ declaredSubjects, liveSubjects }, { analyzeConflicts }, { formatConflictsText }, { formatConflictsJson }] = await Promise.all([
      import('../../conflicts/subjects.js'),
      import('../../conflicts/find-conflicts.js'),
      import('../../output/conflicts-text.js'),
      import('../../output/conflicts-json.js'),
    ]);

    const subjects = declaredSubjects(config);
    let unreadable: { task: string; reason: string }[] = [];
    if (!args.declaredOnly) {
      const target = await findTarget(args, ctx);
      if (target) {
        const live = liveSubjects(await target.readTasks(config.prefix), config);
        subjects.push(...live.subjects);
        unreadable = live.unreadable;
      } else {
        ctx.logger.info('No live source on this system (use --live or --store): analysing the declared tasks only.');
      }
    }

    const horizonText = args.horizon ?? defaultHorizon(subjects);
    const options = { from, horizonMs: durationToMs(horizonText) ?? 0, timeZone: ctx.env.TZ || undefined };
    ctx.logger.debug(`analysing ${subjects.length} task(s) over ${horizonText} from ${from.toISOString()}`);
    const { conflicts, runs } = analyzeConflicts(subjects, options);
    for (const problem of unreadable) ctx.logger.error(`${problem.task}: ${problem.reason}`);

    if (args.json) ctx.stdout.write(formatConflictsJson(conflicts));
    else {
      const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
      ctx.stdout.write(formatConflictsText(conflicts, { color, maxPerSeverity: args.verbose ? undefined : TEXT_LIMIT }));
    }

    if (args.timeline !== undefined) {
      const { renderTimeline } = await import('../../output/timeline/render-timeline.js');
      const file = fromCwd(ctx, args.timeline);
      await ctx.fs.writeFile(file, renderTimeline(subjects, runs, conflicts, { ...options, format: /\.svg$/i.test(file) ? 'svg' : 'html' }));
      ctx.logger.info(`Timeline written to ${file}.`);
    }

    if (unreadable.length > 0) return 1;
    return conflicts.some((c) => c.severity === 'error') ? 2 : 0;
  },
};
