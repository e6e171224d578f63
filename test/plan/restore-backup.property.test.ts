/**
 * Restore over tampered backups (issue 11.4), as a property: whatever is done to a backup
 * folder — files removed, replaced by another task's file, turned into links, renamed,
 * manifest entries duplicated or re-pointed — restore either registers exactly the tasks
 * the manifest lists, each with exactly the bytes apply saved, or refuses and changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../src/core/errors.js';
import { restoreBackup } from '../../src/plan/restore-backup.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { InMemoryBackend } from '../fakes/in-memory-backend.js';
import { BACKUP_ROOT, LOCK_DIR, NOW, identity, memoryFs, planAndApply } from './apply-harness.js';
import { declared, live } from './fixtures.js';

const future = '2027-01-01T00:12:00';
const NAMES = ['\\AGI_A', '\\AGI_B', '\\Sub\\AGI_C', '\\Sub\\AGI_D'];

type Mutation =
  | { kind: 'remove'; index: number }
  | { kind: 'replace'; index: number; with: number }
  | { kind: 'link'; index: number }
  | { kind: 'rename'; index: number }
  | { kind: 'duplicate-entry'; index: number }
  | { kind: 'repoint-entry'; index: number; to: number }
  | { kind: 'extra-file' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('replace' as const), index: fc.nat(3), with: fc.nat(3) }),
  fc.record({ kind: fc.constant('link' as const), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('rename' as const), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('duplicate-entry' as const), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('repoint-entry' as const), index: fc.nat(3), to: fc.nat(3) }),
  fc.constant({ kind: 'extra-file' as const }),
);

async function appliedBackup() {
  // Four live tasks, all updated by the apply: the backup holds all four.
  const original = NAMES.map((path, i) => live(path, { start: future, interval: `PT${5 + i}M` }));
  for (const record of original) record.bytes = encodeTaskFile(record.xml);
  const backend = new InMemoryBackend({ tasks: original });
  const { fs, vol } = memoryFs({ '/outside/AGI_X.xml': encodeTaskFile(live('\\AGI_X', { start: future }).xml) });
  const { result } = await planAndApply(backend, NAMES.map((path) => declared(path, { start: future, interval: 'PT30M' })), fs);
  return { original, backend, fs, vol, dir: result.backupDir! };
}

describe('restore over a tampered backup', () => {
  it('restores exactly what the manifest lists, byte for byte, or changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 3 }), async (mutations) => {
        const { original, backend, fs, vol, dir } = await appliedBackup();
        const manifestPath = `${dir}/manifest.json`;
        const manifest = JSON.parse(String(vol.readFileSync(manifestPath, 'utf8'))) as { tasks: { file: string; task: string; sha256: string }[] };
        const fileOf = (i: number) => `${dir}/${manifest.tasks[i]!.file}`;
        for (const m of mutations) {
          const file = fileOf(m.kind === 'extra-file' ? 0 : m.index);
          switch (m.kind) {
            case 'remove': if (vol.existsSync(file)) vol.unlinkSync(file); break;
            case 'replace': if (vol.existsSync(fileOf(m.with))) vol.writeFileSync(file, vol.readFileSync(fileOf(m.with))); break;
            case 'link': if (vol.existsSync(file)) { vol.unlinkSync(file); vol.symlinkSync('/outside/AGI_X.xml', file); } break;
            case 'rename': if (vol.existsSync(file)) vol.renameSync(file, file.replace(/\.xml$/, '_renamed.xml')); break;
            case 'duplicate-entry': manifest.tasks.push({ ...manifest.tasks[m.index]! }); break;
            case 'repoint-entry': manifest.tasks[m.index] = { ...manifest.tasks[m.index]!, sha256: manifest.tasks[m.to]!.sha256 }; break;
            case 'extra-file': vol.writeFileSync(`${dir}/AGI_Extra.xml`, encodeTaskFile(live('\\AGI_Extra', { start: future }).xml)); break;
          }
        }
        vol.writeFileSync(manifestPath, JSON.stringify(manifest));
        const before = JSON.stringify([...backend.tasks.entries()]);
        const batchesBefore = backend.batches.length;
        try {
          const result = await restoreBackup({ backupDir: dir, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: new Date(NOW.getTime() + 60_000), identity: identity() });
          expect(result.ok).toBe(true);
          // Exactly the listed tasks, each back to the XML apply saved.
          const restored = backend.batches.at(-1)!.operations.map((op) => `${op.folder}${op.name}`);
          expect(restored.sort()).toEqual([...new Set(manifest.tasks.map((t) => t.task))].sort());
          for (const record of original) {
            expect(backend.tasks.get(`${record.taskPath}${record.taskName}`.toUpperCase())?.xml).toBe(record.xml);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(RefusedError);
          expect(backend.batches.length).toBe(batchesBefore);
          expect(JSON.stringify([...backend.tasks.entries()])).toBe(before);
        }
      }),
      { numRuns: 60, seed: 1130 },
    );
  });

  it('untouched, the backup restores (so the property above is not vacuous)', async () => {
    const { backend, fs, dir } = await appliedBackup();
    const result = await restoreBackup({ backupDir: dir, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: new Date(NOW.getTime() + 60_000), identity: identity() });
    expect(result.ok).toBe(true);
    expect(backend.batches.at(-1)!.operations).toHaveLength(4);
  });
});
