import { describe, expect, test } from 'vitest';
import { RefusedError } from '../../src/core/errors.js';
import { computePlan } from '../../src/plan/plan.js';
import { readBackup, restoreBackup } from '../../src/plan/restore-backup.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { InMemoryBackend } from '../fakes/in-memory-backend.js';
import { BACKUP_ROOT, LOCK_DIR, NOW, identity, memoryFs, planAndApply } from './apply-harness.js';
import { declared, live } from './fixtures.js';

const STAMP_DIR = `${BACKUP_ROOT}/2026-11-25T15-04-05Z`;
const future = '2027-01-01T00:12:00';

async function appliedFleet() {
  const original = [
    live('\\AGI_Health_Check', { start: future, interval: 'PT5M' }),
    live('\\Sub\\AGI_Old', { start: future }),
  ];
  original[0]!.bytes = encodeTaskFile(original[0]!.xml);
  const backend = new InMemoryBackend({ tasks: original });
  const { fs, vol } = memoryFs();
  const { result } = await planAndApply(backend, [declared('\\AGI_Health_Check', { start: future, interval: 'PT15M' })], fs);
  return { original, backend, fs, vol, backupDir: result.backupDir! };
}

const later = new Date(NOW.getTime() + 60_000);

describe('restoreBackup', () => {
  test('brings back a deleted task (create) and the old version of an updated one (update)', async () => {
    const { backend, fs, backupDir } = await appliedFleet();
    expect(backend.tasks.has('\\SUB\\AGI_OLD')).toBe(false);
    const progress: string[] = [];
    const result = await restoreBackup({ backupDir, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: later, identity: identity(), onProgress: (l) => progress.push(l) });

    expect(result.ok).toBe(true);
    expect(backend.batches[1]!.operations.map((o) => `${o.action} ${o.folder}${o.name}`)).toEqual(['create \\Sub\\AGI_Old', 'update \\AGI_Health_Check']);
    expect(progress.filter((l) => !l.startsWith('Saved') && !l.startsWith('Applying'))).toEqual(['+ \\Sub\\AGI_Old: created', '~ \\AGI_Health_Check: updated', 'Restore complete: 1 created, 1 updated, 0 deleted.']);
    // The restored tasks mean exactly what they meant before the apply.
    const plan = computePlan({
      declared: [declared('\\AGI_Health_Check', { start: future, interval: 'PT5M' }), declared('\\Sub\\AGI_Old', { start: future })],
      live: await backend.readTasks('AGI'),
      prefix: 'AGI',
      prune: true,
    });
    expect(plan.changes).toEqual([]);
    expect(backend.tasks.get('\\AGI_HEALTH_CHECK')!.xml).toContain('<Interval>PT5M</Interval>');
  });

  test('with a backup root, the versions restore replaces are saved first', async () => {
    const { backend, fs, vol, backupDir } = await appliedFleet();
    const result = await restoreBackup({ backupDir, backend, fs, lockDir: LOCK_DIR, now: later, identity: identity(), backupRoot: BACKUP_ROOT });
    expect(result.backupDir).toBe(`${BACKUP_ROOT}/2026-11-25T15-05-05Z`);
    expect(String(vol.readFileSync(`${result.backupDir}/manifest.json`, 'utf8'))).toContain('"AGI_Health_Check"');
  });

  test('refuses a folder without a manifest', async () => {
    const { fs } = memoryFs({ '/somewhere/AGI_X.xml': encodeTaskFile(live('\\AGI_X').xml) });
    const backend = new InMemoryBackend();
    await expect(restoreBackup({ backupDir: '/somewhere', backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: NOW, identity: identity() })).rejects.toThrow(
      /Not restoring from \/somewhere: it has no readable manifest\.json/,
    );
    expect(backend.batches).toEqual([]);
  });

  test('refuses files the manifest does not list, and tasks outside the prefix', async () => {
    const { backend, fs, vol, backupDir } = await appliedFleet();
    vol.writeFileSync(`${backupDir}/Windows_Update.xml`, encodeTaskFile(live('\\Windows_Update').xml));
    await expect(restoreBackup({ backupDir, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: later, identity: identity() })).rejects.toThrow(
      /Windows_Update\.xml is not listed in the manifest, so apply did not write it/,
    );
    vol.unlinkSync(`${backupDir}/Windows_Update.xml`);

    // A manifest edited to list a task outside its prefix.
    const manifest = JSON.parse(String(vol.readFileSync(`${backupDir}/manifest.json`, 'utf8')));
    manifest.tasks.push({ task: '\\Windows_Update', folder: '\\', name: 'Windows_Update', action: 'delete', file: 'Windows_Update.xml', content: 'original-bytes' });
    vol.writeFileSync(`${backupDir}/manifest.json`, JSON.stringify(manifest));
    vol.writeFileSync(`${backupDir}/Windows_Update.xml`, encodeTaskFile(live('\\Windows_Update').xml));
    const attempt = restoreBackup({ backupDir, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: later, identity: identity() });
    await expect(attempt).rejects.toBeInstanceOf(RefusedError);
    await expect(attempt).rejects.toThrow(/\\Windows_Update is outside the prefix 'AGI'/);
    expect(backend.batches).toHaveLength(1); // the apply's only
  });

  test('a saved file that is not task XML refuses the whole restore', async () => {
    const { backend, fs, vol, backupDir } = await appliedFleet();
    vol.writeFileSync(`${backupDir}/Sub/AGI_Old.xml`, 'garbage');
    await expect(restoreBackup({ backupDir, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: later, identity: identity() })).rejects.toThrow(
      /Sub\/AGI_Old\.xml/,
    );
    expect(backend.batches).toHaveLength(1);
  });

  test('a file removed from the backup refuses the restore; with allowPartial the rest is restored and the missing one named', async () => {
    const { backend, fs, vol, backupDir } = await appliedFleet();
    vol.unlinkSync(`${backupDir}/AGI_Health_Check.xml`);
    await expect(readBackup({ fs, backupDir })).rejects.toThrow(/\\AGI_Health_Check \(AGI_Health_Check\.xml\) is listed in the manifest but its file is missing; pass --partial/);
    const progress: string[] = [];
    const contents = await readBackup({ fs, backupDir, allowPartial: true });
    expect(contents.tasks.map((t) => t.path)).toEqual(['\\Sub\\AGI_Old']);
    const result = await restoreBackup({ backup: contents, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: later, identity: identity(), onProgress: (l) => progress.push(l) });
    expect(result.skipped).toEqual(['\\AGI_Health_Check (AGI_Health_Check.xml)']);
    expect(progress[0]).toBe('\\AGI_Health_Check (AGI_Health_Check.xml): its file was removed from the backup, not restored');
    expect(backend.batches[1]!.operations.map((o) => o.name)).toEqual(['AGI_Old']);
    expect(STAMP_DIR).toBe(backupDir);
  });
});
