import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computePlan } from '../../src/plan/plan.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { fullTaskPath, taskPathKey } from '../../src/schtasks/task-path.js';
import type { DeclaredTask } from '../../src/declaration/compile-tasks.js';
import { InMemoryBackend } from '../fakes/in-memory-backend.js';
import { BACKUP_ROOT, NOW, memoryFs, planAndApply } from './apply-harness.js';
import { declared, live } from './fixtures.js';

const folders = ['\\', '\\Sub\\', '\\Microsoft\\Windows\\'];
const intervals = ['PT5M', 'PT15M', 'PT1H'];
const future = '2027-01-01T00:12:00';

/**
 * The oracle for "under the prefix AGI", written here rather than taken from the code under
 * test (`matchesPrefix`): Windows compares names case-insensitively, so AGI, agi, Agi all count.
 */
const underPrefix = (name: string): boolean => /^agi/i.test(name);

/** Names inside the prefix in any case, and names that only look close to it. */
const nameArb = fc
  .tuple(fc.constantFrom('AGI', 'agi', 'Agi', 'aGI', 'AG', 'XAGI', 'Backup', 'A'), fc.stringMatching(/^[A-Za-z0-9_]{1,5}$/))
  .map(([head, tail]) => `${head}${tail}`);

const taskArb = fc.record({ folder: fc.constantFrom(...folders), name: nameArb, interval: fc.constantFrom(...intervals), withBytes: fc.boolean() });

const scenarioArb = fc.record({
  live: fc.uniqueArray(taskArb, { selector: (t) => taskPathKey(fullTaskPath(t.folder, t.name)), maxLength: 8 }),
  declared: fc.uniqueArray(taskArb.filter((t) => underPrefix(t.name)), {
    selector: (t) => taskPathKey(fullTaskPath(t.folder, t.name)),
    maxLength: 6,
  }),
});

type TaskSketch = { folder: string; name: string; interval: string; withBytes: boolean };

function setUp(scenario: { live: TaskSketch[]; declared: TaskSketch[] }) {
  const records: LiveTaskRecord[] = scenario.live.map((t) => {
    const record = live(fullTaskPath(t.folder, t.name), { start: future, interval: t.interval });
    return t.withBytes ? { ...record, bytes: encodeTaskFile(record.xml) } : record;
  });
  const declarations: DeclaredTask[] = scenario.declared.map((t) => declared(fullTaskPath(t.folder, t.name), { start: future, interval: t.interval }));
  return { records, declarations };
}

describe('apply and the prefix (property)', () => {
  test('apply never reads for change, backs up or passes to the backend a task outside the prefix; outside tasks stay identical', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { records, declarations } = setUp(scenario);
        // A careless reader that returns everything: the plan itself must keep to the prefix.
        const backend = new InMemoryBackend({ tasks: records, readIgnoresPrefix: true });
        const outside = backend.snapshot().filter((r) => !underPrefix(r.taskName));
        const { fs, vol } = memoryFs();
        const { plan, result } = await planAndApply(backend, declarations, fs);

        expect(plan.changes.every((c) => underPrefix(c.task.slice(c.task.lastIndexOf('\\') + 1)))).toBe(true);
        for (const batch of backend.batches) {
          for (const op of batch.operations) expect(underPrefix(op.name)).toBe(true);
        }
        if (result.backupDir !== undefined) {
          const manifest = JSON.parse(String(vol.readFileSync(`${result.backupDir}/manifest.json`, 'utf8')));
          for (const entry of manifest.tasks) expect(underPrefix(entry.name)).toBe(true);
          const files = Object.keys(vol.toJSON()).filter((f) => f.startsWith(BACKUP_ROOT) && f.endsWith('.xml'));
          expect(files).toHaveLength(manifest.tasks.length);
        }
        for (const record of outside) expect(backend.tasks.get(taskPathKey(fullTaskPath(record.taskPath, record.taskName)))).toBe(record);

        // And apply converges: nothing left to do.
        expect(result.ok).toBe(true);
        const again = computePlan({ declared: declarations, live: await backend.readTasks('AGI'), prefix: 'AGI', prune: true, now: NOW });
        expect(again.changes).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  test('killed after any number of operations, every task that changed has its original saved in the backup', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.nat(8), async (scenario, throwAfter) => {
        const { records, declarations } = setUp(scenario);
        const backend = new InMemoryBackend({ tasks: records, throwAfter });
        const before = backend.snapshot();
        const { fs, vol } = memoryFs();
        const outcome = await planAndApply(backend, declarations, fs).then((r) => r.result, (error: unknown) => error);
        const manifestPath = Object.keys(vol.toJSON()).find((f) => f.endsWith('/manifest.json'));
        for (const record of before) {
          const now = backend.tasks.get(taskPathKey(fullTaskPath(record.taskPath, record.taskName)));
          if (now === record) continue;
          // Changed or deleted: a backup must exist, and hold exactly what was there.
          expect(manifestPath, `no backup although ${record.taskName} changed (${String(outcome)})`).toBeDefined();
          const dir = manifestPath!.slice(0, -'/manifest.json'.length);
          const sub = record.taskPath.split('\\').filter(Boolean);
          const saved = vol.readFileSync([dir, ...sub, `${record.taskName}.xml`].join('/')) as Buffer;
          expect(new Uint8Array(saved)).toEqual(record.bytes ?? encodeTaskFile(record.xml));
        }
      }),
      { numRuns: 60 },
    );
  });
});
