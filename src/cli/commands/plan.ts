/**
 * `taskctl plan`: what apply would change, and nothing else. Reads the
 * declarations (all problems reported before anything is read), then the live
 * tasks under the prefix in one read, and prints the semantic diff.
 */
import { defineCommand, withComputerOptions, withDeclarationOptions, withTargetOptions } from '../command.js';
import { requireTarget } from '../target.js';
import { resolveComputers } from '../computers.js';
import { loadDeclarations } from '../load-declarations.js';
import { colorEnabled } from '../../output/format.js';


export const planCommand = defineCommand({
  builder: (y) =>
    withComputerOptions(withTargetOptions(withDeclarationOptions(y)))
      .option('json', { type: 'boolean', default: false, describe: 'Print the plan as JSON on stdout' })
      .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'Exit 2 when there are changes (0: none, 1: error)' })
      .option('prune', { type: 'boolean', default: true, describe: 'Plan undeclared tasks under the prefix for deletion (--no-prune keeps them)' })
      .example('taskctl plan --live live.json', 'the fleet against a snapshot of a machine (see --live)')
      .example('taskctl plan --json --detailed-exitcode', 'in CI: machine-readable, exit 2 when drift is found')
      .example('taskctl plan --computer gpu-1,gpu-2,@lab.txt', 'each computer\'s plan, through Task Scheduler\'s remote connection'),
  async run(args, ctx) {
    const computers = await resolveComputers(args, ctx);
    if (computers !== undefined) return (await import('../computer-commands.js')).planOnComputers(args, ctx, computers);
    // Choosing the target reads nothing; the declarations are validated before any live task is read.
    const target = await requireTarget(args, ctx);
    const config = await loadDeclarations(args, ctx);
    const [{ computePlan }, { formatPlanText }, { formatPlanJson }] = await Promise.all([
      import('../../plan/plan.js'),
      import('../../output/plan-text.js'),
      import('../../output/plan-json.js'),
    ]);
    ctx.logger.debug(`reading tasks under '${config.prefix}' from ${target.description}`);
    const live = await target.readTasks(config.prefix);
    // TZ, else the machine's zone: plan-warnings.ts reads that (ICU, ~20 ms) only when a warning depends on it.
    const plan = computePlan({ declared: config.tasks, live, prefix: config.prefix, prune: args.prune, now: ctx.now(), timeZone: ctx.env.TZ || undefined });
    if (args.json) {
      ctx.stdout.write(formatPlanJson(plan));
    } else {
      ctx.stdout.write(formatPlanText(plan, { color: colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env }) }));
    }
    for (const problem of plan.errors) ctx.logger.error(`${problem.task}: ${problem.reason}`);
    if (plan.errors.length > 0) return 1;
    const pending = plan.changes.length;
    return args.detailedExitcode && pending > 0 ? 2 : 0;
  },
});
