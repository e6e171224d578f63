/**
 * Progress lines for an applied batch: one per task (what, result), then a
 * summary that says what was done, what failed and what was not attempted.
 */
import type { ChangeResult } from '../schtasks/backends/backend.js';

const SYMBOL = { create: '+', update: '~', delete: '-' } as const;
const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

/** Reports `results` through `onProgress`; returns true when every change is done. */
export function reportResults(
  results: readonly ChangeResult[],
  backupDir: string | undefined,
  onProgress: (line: string) => void,
  /** `Apply` or `Restore`, for the summary line. */
  operation = 'Apply',
): boolean {
  for (const result of results) {
    const outcome =
      result.status === 'done'
        ? DONE[result.action]
        : result.status === 'failed'
          ? `FAILED: ${result.error ?? 'no reason given'}`
          : `not attempted${result.error ? ` (${result.error})` : ''}`;
    onProgress(`${SYMBOL[result.action]} ${result.task}: ${outcome}`);
  }
  const count = (status: ChangeResult['status'], action?: ChangeResult['action']) =>
    results.filter((r) => r.status === status && (action === undefined || r.action === action)).length;
  const ok = results.every((r) => r.status === 'done');
  if (ok) {
    onProgress(`${operation} complete: ${count('done', 'create')} created, ${count('done', 'update')} updated, ${count('done', 'delete')} deleted.`);
    return true;
  }
  const restore = backupDir === undefined ? '' : ` Saved copies of the tasks it was to replace or delete: ${backupDir} ('taskctl restore ${backupDir}').`;
  onProgress(
    `${operation} stopped: ${count('done')} done, ${count('failed')} failed, ${count('not-attempted')} not attempted.${restore}`,
  );
  return false;
}
