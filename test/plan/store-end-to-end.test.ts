/**
 * plan → apply → plan → apply → restore against the real store backend on memfs:
 * the whole path a `taskctl apply --store DIR` takes, minus the CLI.
 */
import { describe, expect, test } from 'vitest';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { computePlan } from '../../src/plan/plan.js';
import { restoreBackup } from '../../src/plan/restore-backup.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { createStoreBackend } from '../../src/schtasks/backends/store-backend.js';
import { BACKUP_ROOT, LOCK_DIR, NOW, identity, memoryFs } from './apply-harness.js';
import { declared, live, windowsExport } from './fixtures.js';

const future = '2027-01-01T00:12:00';
const outsideBytes = new TextEncoder().encode(live('\\Backup_Job', { start: future }).xml.replace('UTF-16', 'UTF-8'));

function storeFiles() {
  return {
    '/store/AGI_Health_Check.xml': encodeTaskFile(windowsExport({ interval: 'PT5M' })),
    '/store/Sub/AGI_LLM_AutoRestart.xml': encodeTaskFile(live('\\Sub\\AGI_LLM_AutoRestart', { start: future }).xml),
    '/store/Backup_Job.xml': outsideBytes,
    '/store/Sub/Other_Tool.xml': encodeTaskFile(live('\\Sub\\Other_Tool', { start: future }).xml),
  };
}

const fleet = () => [declared('\\AGI_Health_Check', { interval: 'PT15M' }), declared('\\AGI_New', { start: future })];

async function plan(backend: ReturnType<typeof createStoreBackend>) {
  return computePlan({ declared: fleet(), live: await backend.readTasks('AGI'), prefix: 'AGI', prune: true, now: NOW });
}

describe('apply on a store folder (memfs)', () => {
  test('apply → plan empty → apply again changes nothing; tasks outside the prefix stay byte-identical; restore brings a deleted task back', async () => {
    const { fs, vol } = memoryFs(storeFiles());
    const backend = createStoreBackend({ fs, root: '/store' });
    const options = { backend, fs, backupRoot: BACKUP_ROOT, lockDir: LOCK_DIR, now: NOW, identity: identity() };

    const first = await plan(backend);
    expect(first.changes.map((c) => `${c.action} ${c.task}`)).toEqual(['create \\AGI_New', 'update \\AGI_Health_Check', 'delete \\Sub\\AGI_LLM_AutoRestart']);
    const applied = await applyPlan({ plan: first, ...options });
    expect(applied.ok).toBe(true);

    const second = await plan(backend);
    expect(second.changes).toEqual([]);
    const storeAfterFirst = vol.toJSON('/store');
    const again = await applyPlan({ plan: second, ...options, now: new Date(NOW.getTime() + 1000) });
    expect(again).toEqual({ results: [], ok: true });
    expect(vol.toJSON('/store')).toEqual(storeAfterFirst);
    expect(vol.readdirSync(BACKUP_ROOT)).toHaveLength(1);

    expect(new Uint8Array(vol.readFileSync('/store/Backup_Job.xml') as Buffer)).toEqual(outsideBytes);
    expect(new Uint8Array(vol.readFileSync('/store/Sub/Other_Tool.xml') as Buffer)).toEqual(storeFiles()['/store/Sub/Other_Tool.xml']);
    expect(vol.existsSync('/store/Sub/AGI_LLM_AutoRestart.xml')).toBe(false);

    const restored = await restoreBackup({ backupDir: applied.backupDir!, backend, fs, lockDir: LOCK_DIR, backupRoot: BACKUP_ROOT, now: new Date(NOW.getTime() + 2000), identity: identity() });
    expect(restored.ok).toBe(true);
    // Both come back byte for byte: the store writes UTF-16LE with BOM, as the originals were.
    expect(new Uint8Array(vol.readFileSync('/store/Sub/AGI_LLM_AutoRestart.xml') as Buffer)).toEqual(storeFiles()['/store/Sub/AGI_LLM_AutoRestart.xml']);
    expect(new Uint8Array(vol.readFileSync('/store/AGI_Health_Check.xml') as Buffer)).toEqual(storeFiles()['/store/AGI_Health_Check.xml']);
    expect(new Uint8Array(vol.readFileSync('/store/Backup_Job.xml') as Buffer)).toEqual(outsideBytes);
  });
});
