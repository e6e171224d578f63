/** A memfs file system, a fake process identity and a one-call plan+apply for apply/restore tests. */
import { Volume } from 'memfs';
import type { FileSystem } from '../../src/core/context.js';
import { applyPlan, type ApplyPlanOptions } from '../../src/plan/apply-plan.js';
import { computePlan } from '../../src/plan/plan.js';
import type { ProcessIdentity } from '../../src/core/process-identity.js';
import type { DeclaredTask } from '../../src/declaration/compile-tasks.js';
import { InMemoryBackend } from '../fakes/in-memory-backend.js';

export const NOW = new Date(Date.UTC(2026, 10, 25, 15, 4, 5));
export const BACKUP_ROOT = '/state/backups';
export const LOCK_DIR = '/state/locks';

export function memoryFs(files: Record<string, string | Uint8Array> = {}): { fs: FileSystem; vol: InstanceType<typeof Volume> } {
  const vol = new Volume();
  for (const [path, content] of Object.entries(files)) {
    vol.mkdirSync(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    vol.writeFileSync(path, content);
  }
  return { fs: vol.promises as unknown as FileSystem, vol };
}

/** This test "process": pid 100 on host `here`; `alive` lists the other pids that run. */
export function identity(alive: number[] = []): ProcessIdentity {
  return { pid: 100, host: 'here', isProcessAlive: (pid) => pid === 100 || alive.includes(pid) };
}

/** Reads the backend, plans against `declared`, applies. */
export async function planAndApply(
  backend: InMemoryBackend,
  declared: DeclaredTask[],
  fs: FileSystem,
  extra: Partial<ApplyPlanOptions> = {},
) {
  const plan = computePlan({ declared, live: await backend.readTasks('AGI'), prefix: 'AGI', prune: true, now: NOW });
  const progress: string[] = [];
  const result = await applyPlan({
    plan, backend, fs, backupRoot: BACKUP_ROOT, lockDir: LOCK_DIR, now: NOW, identity: identity(),
    onProgress: (line) => progress.push(line), ...extra,
  });
  return { plan, result, progress };
}
