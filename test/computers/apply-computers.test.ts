/**
 * applyComputers' phases over several computers, each an in-memory Task Scheduler (the
 * project's InMemoryBackend, which keeps and changes its tasks): one read and one write for
 * all of them whatever their number, each computer under its own lock, backed up under its
 * own folder, and what goes wrong on one computer (a held lock, drift) left to that computer.
 */
import { describe, expect, test } from 'vitest';
import { lockFileName } from '../../src/plan/apply-lock.js';
import { applyComputers, planComputers } from '../../src/plan/apply-computers.js';
import type { ComputerRead, ComputersScheduler } from '../../src/schtasks/backends/computers-backend.js';
import { createComputersScheduler } from '../../src/schtasks/backends/computers-backend.js';
import { InMemoryBackend } from '../fakes/in-memory-backend.js';
import { BACKUP_ROOT, LOCK_DIR, NOW, identity, memoryFs } from '../plan/apply-harness.js';
import { declared, live } from '../plan/fixtures.js';

const future = '2027-01-01T00:12:00';

/** Computers as in-memory schedulers, behind the ComputersScheduler interface; counts its calls. */
function computersOf(backends: Record<string, InMemoryBackend>) {
  const calls = { readAll: 0, applyAll: 0 };
  const scheduler: ComputersScheduler = {
    describe: (computer) => `the test scheduler of ${computer}`,
    lockKey: (computer) => `test:${computer.toLowerCase()}`,
    async readAll(prefix, computers) {
      calls.readAll++;
      return Promise.all(computers.map(async (computer): Promise<ComputerRead> => {
        const backend = backends[computer];
        return backend === undefined ? { computer, ok: false, error: `${computer}: unreachable` } : { computer, ok: true, tasks: await backend.readTasks(prefix) };
      }));
    },
    async applyAll(batches) {
      calls.applyAll++;
      return Promise.all(batches.map(async (batch) => ({ computer: batch.computer, results: await backends[batch.computer]!.applyChanges(batch.operations, batch.options) })));
    },
    single: () => {
      throw new Error('not used here');
    },
  };
  return { scheduler, calls };
}

async function plansFor(scheduler: ComputersScheduler, computers: string[]) {
  const reads = await scheduler.readAll('AGI', computers);
  const config = { tasks: [declared('\\AGI_Health_Check', { start: future, interval: 'PT15M' }), declared('\\AGI_New', { start: future })] };
  return planComputers({ config, reads, prefix: 'AGI', prune: true, now: NOW }).flatMap((p) => (p.plan ? [{ computer: p.computer, plan: p.plan }] : []));
}

describe('applyComputers', () => {
  test('one read and one write for every computer; a backup per computer; each computer its own lock', async () => {
    const names = ['pc-1', 'pc-2', 'pc-3', 'pc-4', 'pc-5'];
    const backends = Object.fromEntries(names.map((name) => [name, new InMemoryBackend({ tasks: [live('\\AGI_Health_Check', { start: future, interval: 'PT5M' })] })]));
    const { scheduler, calls } = computersOf(backends);
    const plans = await plansFor(scheduler, names);
    const { fs, vol } = memoryFs();
    const results = await applyComputers({ plans, scheduler, fs, backupRoot: BACKUP_ROOT, lockDir: LOCK_DIR, now: NOW, identity: identity() });

    expect(results.map((r) => [r.computer, r.ok])).toEqual(names.map((name) => [name, true]));
    // The plan's read, the one re-read under the locks, the one write.
    expect(calls).toEqual({ readAll: 2, applyAll: 1 });
    for (const name of names) {
      expect((await backends[name]!.readTasks('AGI')).map((t) => t.taskName).sort()).toEqual(['AGI_Health_Check', 'AGI_New']);
      const manifest = JSON.parse(String(vol.readFileSync(`${BACKUP_ROOT}/${name}/2026-11-25T15-04-05Z/manifest.json`, 'utf8'))) as { computer: string; tasks: { task: string }[] };
      expect(manifest.computer).toBe(name);
      expect(manifest.tasks.map((t) => t.task)).toEqual(['\\AGI_Health_Check']);
    }
    // Locks are released.
    expect(vol.existsSync(LOCK_DIR) ? vol.readdirSync(LOCK_DIR) : []).toEqual([]);
  });

  test('a held lock or drift on one computer leaves it alone and reported; the others are done', async () => {
    const backends = {
      'pc-1': new InMemoryBackend({ tasks: [] }),
      'pc-2': new InMemoryBackend({ tasks: [] }),
      'pc-3': new InMemoryBackend({ tasks: [] }),
    };
    const { scheduler, calls } = computersOf(backends);
    const plans = await plansFor(scheduler, ['pc-1', 'pc-2', 'pc-3']);
    // pc-2's lock is held by a live process elsewhere; a task appears on pc-3 after the plan.
    const { fs } = memoryFs({
      [`${LOCK_DIR}/${lockFileName('test:pc-2')}`]: JSON.stringify({ pid: 7, host: 'there', startedAt: NOW.toISOString(), target: 'the test scheduler of pc-2' }),
    });
    await backends['pc-3'].applyChanges([{ action: 'create', folder: '\\', name: 'AGI_Sneaky', xml: live('\\AGI_Sneaky', { start: future }).xml }], { prefix: 'AGI' });
    const progress: string[] = [];
    const results = await applyComputers({ plans, scheduler, fs, backupRoot: BACKUP_ROOT, lockDir: LOCK_DIR, now: NOW, identity: identity(), onProgress: (l) => progress.push(l) });

    expect(results.map((r) => [r.computer, r.ok])).toEqual([['pc-1', true], ['pc-2', false], ['pc-3', false]]);
    expect(results[1]?.error).toMatch(/lock/i);
    expect(results[2]?.error).toContain('\\AGI_Sneaky appeared');
    expect((await backends['pc-1'].readTasks('AGI')).map((t) => t.taskName).sort()).toEqual(['AGI_Health_Check', 'AGI_New']);
    expect(await backends['pc-2'].readTasks('AGI')).toEqual([]);
    expect((await backends['pc-3'].readTasks('AGI')).map((t) => t.taskName)).toEqual(['AGI_Sneaky']);
    expect(calls.applyAll).toBe(1);
    expect(progress.some((line) => line.startsWith('pc-2: not changed: '))).toBe(true);
  });
});

describe('the lock of a computer', () => {
  test('is its name with the letter case folded; localhost shares this machine\'s lock', () => {
    const scheduler = createComputersScheduler({ runner: { run: async () => { throw new Error('no process'); } }, templatesDir: '/t' });
    expect(scheduler.lockKey('LAB-2')).toBe(scheduler.lockKey('lab-2'));
    expect(scheduler.lockKey('lab-2')).toBe('windows-task-scheduler:lab-2');
    expect(scheduler.lockKey('LocalHost')).toBe('windows-task-scheduler');
    expect(scheduler.describe('lab-2')).toBe('the Windows Task Scheduler of lab-2');
  });
});
