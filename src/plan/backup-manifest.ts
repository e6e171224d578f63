/**
 * `manifest.json` of a backup folder: what apply saved, from which target,
 * under which prefix, and why. Restore trusts a folder only with one.
 */
import { z } from 'zod';

export const BACKUP_MANIFEST_FILE = 'manifest.json';

export const backupEntrySchema = z.object({
  /** Full task path, folder + name. */
  task: z.string(),
  folder: z.string(),
  name: z.string(),
  /** What apply was about to do to the task. */
  action: z.enum(['update', 'delete']),
  /** Relative to the backup folder, `/`-separated: `AGI_X.xml`, `Sub/AGI_Y.xml`. */
  file: z.string(),
  /**
   * `original-bytes`: the file exactly as the target stored it (store folders).
   * `utf-16le-from-text`: the target gave text (PowerShell's Export-ScheduledTask), saved as UTF-16LE with BOM.
   */
  content: z.enum(['original-bytes', 'utf-16le-from-text']),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupManifestSchema = z.object({
  tool: z.literal('taskctl'),
  formatVersion: z.literal(1),
  /** ISO 8601 UTC. */
  createdAt: z.string(),
  /** The backend's description: `Windows Task Scheduler`, `store /x`. */
  target: z.string(),
  lockKey: z.string(),
  /** The prefix apply ran under; every saved task's name starts with it. */
  prefix: z.string(),
  /** Every change of that apply, saved or not (creates have nothing to save). */
  changes: z.array(z.object({ action: z.enum(['create', 'update', 'delete']), task: z.string() })),
  /** The saved tasks. */
  tasks: z.array(backupEntrySchema),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
