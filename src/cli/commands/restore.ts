/**
 * `taskctl restore BACKUP`: register again every task saved in a backup folder that apply
 * wrote — checked file by file against its manifest, shown as a plan (what it creates,
 * what it replaces), confirmed, and carried out like an apply: under the target's lock,
 * backing up every task it replaces, asking for passwords where a principal needs one.
 */
import { defineCommand, fromCwd, withComputerOptions } from '../command.js';
import { defaultBackupRoot, defaultLockDir, requireTarget } from '../target.js';
import { openComputers, resolveComputers } from '../computers.js';
import { RefusedError } from '../../core/errors.js';
import { colorEnabled } from '../../output/format.js';
import { collectPasswords } from '../passwords.js';


export const restoreCommand = defineCommand({
  builder: (y, ctx) =>
    withComputerOptions(y)
      .positional('backup', { type: 'string', demandOption: true, describe: 'A backup folder: <backup-dir>/<UTC timestamp>' })
      .option('store', { type: 'string', describe: 'Restore into this task folder instead of the live Task Scheduler' })
      .option('backup-dir', {
        type: 'string',
        describe: 'Where the live tasks restore replaces are saved first',
        defaultDescription: defaultBackupRoot(ctx.env, ctx.platform),
      })
      .option('prefix', { type: 'string', describe: "The prefix to work under (default: the one the backup was made under); a saved task outside it refuses the restore" })
      .option('partial', { type: 'boolean', default: false, describe: 'Restore what is there when files the manifest lists are missing (each is named)' })
      .option('yes', { type: 'boolean', default: false, alias: 'y', describe: 'Restore without asking (required when stdin is not a terminal)' })
      .example('taskctl restore ~/.local/state/taskctl/backups/2026-11-25T15-04-05Z --store ./tasks --yes', 'undo an apply on a store')
      .example('taskctl restore ~/.local/state/taskctl/backups/lab-2/2026-11-25T15-04-05Z --yes', 'undo an apply on lab-2 (the backup names its computer)'),
  async run(args, ctx) {
    const backupDir = fromCwd(ctx, args.backup);
    // --credential-user alone is fine here: the backup may name the computer.
    const computers = await resolveComputers({ ...args, credentialUser: undefined }, ctx);
    if (computers !== undefined && computers.length > 1) {
      throw new RefusedError(`--computer: a backup is restored to one computer (got ${computers.join(', ')}). Nothing was changed.`);
    }
    const [{ readBackup, restorePrefix, planRestore, backupDeclarations }, { applyPlan }, { formatPlanText }] = await Promise.all([
      import('../../plan/restore-backup.js'),
      import('../../plan/apply-plan.js'),
      import('../../output/plan-text.js'),
    ]);
    const backup = await readBackup({ backupDir, fs: ctx.fs, allowPartial: args.partial });
    // The computer the backup was made on, unless --computer (or --store) says where it goes.
    const saved = backup.manifest.computer;
    const computer = args.store === undefined ? (computers?.[0] ?? saved) : undefined;
    if (computer !== undefined && saved !== undefined && computer.toLowerCase() !== saved.toLowerCase()) {
      ctx.logger.warn(`${backupDir} was saved from ${saved}; restoring it to ${computer} (--computer).`);
    }
    const target = computer === undefined ? await requireTarget({ store: args.store }, ctx) : (await openComputers(args, ctx)).single(computer);
    if (target.readOnly) throw new RefusedError(`Not restoring: ${target.description} is read-only.`);
    for (const note of backup.notes) ctx.logger.warn(note);
    for (const task of backup.missing) ctx.logger.warn(`${task}: its file is missing from the backup; not restored (--partial)`);
    const prefix = restorePrefix(backup, args.prefix);
    const plan = planRestore(backup, await target.readTasks(prefix), prefix, ctx.now());
    ctx.stdout.write(formatPlanText(plan, { color: colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env }) }));
    if (plan.errors.length > 0) {
      throw new RefusedError(`Not restoring: ${plan.errors.length} live task(s) could not be read, so changing the target is not safe. Nothing was changed.`);
    }
    const pending = plan.summary.create + plan.summary.update;
    if (pending === 0) {
      ctx.logger.info(`Nothing to restore: ${target.description} already holds the ${backup.tasks.length} saved task(s) as they were saved.`);
      return 0;
    }
    if (!args.yes) {
      if (!ctx.stdinIsTTY) throw new RefusedError('Not restoring: stdin is not a terminal, so nobody can confirm. Pass --yes. Nothing was changed.');
      if (!(await ctx.prompt(`Restore ${pending} task(s) in ${target.description}? [y/N] `))) {
        throw new RefusedError('Not restoring: not confirmed. Nothing was changed.');
      }
    }
    const passwords = await collectPasswords(plan, { prefix, tasks: backupDeclarations(backup), warnings: [] }, ctx);
    const result = await applyPlan({
      plan, backend: target, fs: ctx.fs, now: ctx.now(), passwords, operation: 'Restore', ...(computer !== undefined ? { computer } : {}),
      lockDir: defaultLockDir(ctx.env, ctx.platform),
      backupRoot: args.backupDir === undefined ? defaultBackupRoot(ctx.env, ctx.platform) : fromCwd(ctx, args.backupDir),
      onProgress: (line: string) => ctx.logger.info(line),
    });
    return result.ok ? 0 : 1;
  },
});
