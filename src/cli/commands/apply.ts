/**
 * `taskctl apply`: make the target match the declarations. In order: validate
 * the declarations, refuse on error-severity conflicts, read live tasks, plan,
 * show the plan, confirm, then back up, lock and change — through one write.
 */
import { defineCommand, fromCwd, withComputerOptions, withDeclarationOptions, withTargetOptions } from '../command.js';
import { confirm, defaultBackupRoot, defaultLockDir, refuseOnConflicts, requireTarget } from '../target.js';
import { resolveComputers } from '../computers.js';
import { loadDeclarations } from '../load-declarations.js';
import { colorEnabled, jsonDocument } from '../../output/format.js';
import { RefusedError } from '../../core/errors.js';
import { collectPasswords } from '../passwords.js';
import { timeZoneOf } from '../../schtasks/datetime.js';


export const applyCommand = defineCommand({
  builder: (y, ctx) =>
    withComputerOptions(withTargetOptions(withDeclarationOptions(y)))
      .option('yes', { type: 'boolean', default: false, alias: 'y', describe: 'Apply without asking (required when stdin is not a terminal)' })
      .option('prune', { type: 'boolean', default: true, describe: 'Delete undeclared tasks under the prefix (--no-prune keeps them)' })
      .option('backup-dir', {
        type: 'string',
        describe: 'Where the XML of every updated or deleted task is saved before the change',
        defaultDescription: defaultBackupRoot(ctx.env, ctx.platform),
      })
      .option('allow-conflicts', { type: 'boolean', default: false, describe: 'Apply even when the declarations have error-severity conflicts' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the per-task results as JSON on stdout' })
      .example('taskctl apply --store ./tasks --yes', 'reconcile a task folder without asking')
      .example('taskctl apply', 'on Windows: show the plan, ask, then change the live Task Scheduler'),
  async run(args, ctx) {
    const computers = await resolveComputers(args, ctx);
    if (computers !== undefined) return (await import('../computer-commands.js')).applyOnComputers(args, ctx, computers);
    // Choosing the target reads nothing; the declarations are checked before any live task is read.
    const target = await requireTarget(args, ctx);
    if (target.readOnly) {
      throw new RefusedError(`${target.description} is a read-only snapshot (--live); apply needs --store DIR or the live Task Scheduler.`);
    }
    const config = await loadDeclarations(args, ctx);
    const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
    if (!args.allowConflicts) await refuseOnConflicts(config, ctx, color);

    const [{ computePlan }, { formatPlanText }, { applyPlan }] = await Promise.all([
      import('../../plan/plan.js'),
      import('../../output/plan-text.js'),
      import('../../plan/apply-plan.js'),
    ]);
    const live = await target.readTasks(config.prefix);
    const plan = computePlan({ declared: config.tasks, live, prefix: config.prefix, prune: args.prune, now: ctx.now(), timeZone: timeZoneOf(ctx.env) });
    // The plan is the product a person reads before saying yes; with --json it goes to stderr.
    const planText = formatPlanText(plan, { color });
    if (args.json) ctx.stderr.write(planText);
    else ctx.stdout.write(planText);

    if (plan.errors.length > 0) {
      throw new RefusedError(
        `Not applying: ${plan.errors.length} live task(s) could not be read, so changing the target is not safe:\n` +
          plan.errors.map((e) => `  - ${e.task}: ${e.reason}`).join('\n'),
      );
    }
    const pending = plan.changes.length;
    if (pending === 0) {
      if (args.json) ctx.stdout.write(jsonDocument({ results: [], backupDir: null, ok: true }));
      return 0;
    }
    await confirm(args.yes, pending, target.description, ctx);

    const passwords = await collectPasswords(plan, config, ctx);
    const result = await applyPlan({
      plan,
      backend: target,
      fs: ctx.fs,
      backupRoot: args.backupDir === undefined ? defaultBackupRoot(ctx.env, ctx.platform) : fromCwd(ctx, args.backupDir),
      lockDir: defaultLockDir(ctx.env, ctx.platform),
      now: ctx.now(),
      passwords,
      onProgress: (line: string) => ctx.logger.info(line),
    });
    if (args.json) ctx.stdout.write(jsonDocument({ results: result.results, backupDir: result.backupDir ?? null, ok: result.ok }));
    return result.ok ? 0 : 1;
  },
});
