/**
 * `taskctl restore BACKUP`: register again every task saved in a backup folder
 * that apply wrote, through the same writer and lock as apply.
 */
import type { CommandSpec } from '../command.js';
import { requireTarget } from '../open-target.js';
import { fromCwd } from '../cwd-path.js';
import { RefusedError } from '../../core/errors.js';
import { defaultBackupRoot, defaultLockDir } from '../state-dirs.js';

interface RestoreArgs {
  backup: string;
  store?: string;
  backupDir?: string;
  partial: boolean;
  yes: boolean;
}

export const restoreCommand: CommandSpec<RestoreArgs> = {
  command: 'restore <backup>',
  describe: 'Register again every task saved in a backup folder written by apply',
  builder: (y, ctx) =>
    y
      .positional('backup', { type: 'string', demandOption: true, describe: 'A backup folder: <backup-dir>/<UTC timestamp>' })
      .option('store', { type: 'string', describe: 'Restore into this task folder instead of the live Task Scheduler' })
      .option('backup-dir', {
        type: 'string',
        describe: 'Where the live tasks restore replaces are saved first',
        defaultDescription: defaultBackupRoot(ctx.env, ctx.platform),
      })
      .option('partial', { type: 'boolean', default: false, describe: 'Restore what is there when files the manifest lists are missing (each is named)' })
      .option('yes', { type: 'boolean', default: false, alias: 'y', describe: 'Restore without asking' })
      .example('taskctl restore ~/.local/state/taskctl/backups/2026-11-25T15-04-05Z --store ./tasks --yes', 'undo an apply on a store'),
  async run(args, ctx) {
    const backupDir = fromCwd(ctx, args.backup);
    const target = await requireTarget({ store: args.store }, ctx);
    const { readBackup, restoreBackup } = await import('../../plan/restore-backup.js');
    const backup = await readBackup({ backupDir, fs: ctx.fs, allowPartial: args.partial });
    for (const note of backup.notes) ctx.logger.warn(note);
    ctx.stdout.write(`Backup ${backupDir} holds ${backup.tasks.length} task(s):\n${backup.tasks.map((t) => `  ${t.path}`).join('\n')}\n`);
    if (!args.yes) {
      if (!ctx.stdinIsTTY) throw new RefusedError('Not restoring: stdin is not a terminal, so nobody can confirm. Pass --yes.');
      if (!(await ctx.prompt(`Register these ${backup.tasks.length} task(s) again in ${target.description}? [y/N] `))) {
        throw new RefusedError('Not restoring: not confirmed. Nothing was changed.');
      }
    }
    const result = await restoreBackup({
      backup, backend: target, fs: ctx.fs, lockDir: defaultLockDir(ctx.env, ctx.platform), now: ctx.now(),
      backupRoot: args.backupDir === undefined ? defaultBackupRoot(ctx.env, ctx.platform) : fromCwd(ctx, args.backupDir),
      onProgress: (line: string) => ctx.logger.info(line),
    });
    return result.ok ? 0 : 1;
  },
};
