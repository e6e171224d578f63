import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { FileSystem } from '../../src/core/context.js';
import { BackendError, RefusedError } from '../../src/core/errors.js';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { lockFileName } from '../../src/plan/apply-lock.js';
import { computePlan } from '../../src/plan/plan.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { InMemoryBackend } from '../fakes/in-memory-backend.js';
import { BACKUP_ROOT, LOCK_DIR, NOW, identity, memoryFs, planAndApply } from './apply-harness.js';
import { declared, live } from './fixtures.js';

const STAMP_DIR = `${BACKUP_ROOT}/2026-11-25T15-04-05Z`;
const future = '2027-01-01T00:12:00';

/** A target with one task to update (bytes from a file), one to delete (text only, as PowerShell reads) and one outside the prefix. */
function fleet() {
  const updateBytes = encodeTaskFile(live('\\AGI_Health_Check', { start: future, interval: 'PT5M' }).xml);
  return new InMemoryBackend({
    tasks: [
      live('\\AGI_Health_Check', { start: future, interval: 'PT5M' }, { bytes: updateBytes }),
      live('\\Sub\\AGI_LLM_AutoRestart', { start: future }),
      live('\\Backup_Job', { start: future }, { bytes: new Uint8Array([1, 2, 3]) }),
    ],
  });
}
const declarations = () => [declared('\\AGI_Health_Check', { start: future, interval: 'PT15M' }), declared('\\AGI_New', { start: future })];

describe('applyPlan', () => {
  test('backs up every updated or deleted task byte-exact, then applies creates, updates and deletes in one batch', async () => {
    const backend = fleet();
    const before = new Map(backend.snapshot().map((r) => [r.taskName, r]));
    const { fs, vol } = memoryFs();
    const { result, progress } = await planAndApply(backend, declarations(), fs);

    expect(result.ok).toBe(true);
    expect(result.backupDir).toBe(STAMP_DIR);
    expect(backend.batches).toHaveLength(1);
    expect(backend.batches[0]!.operations.map((o) => `${o.action} ${o.folder}${o.name}`)).toEqual([
      'create \\AGI_New', 'update \\AGI_Health_Check', 'delete \\Sub\\AGI_LLM_AutoRestart',
    ]);
    expect(backend.batches[0]!.options?.prefix).toBe('AGI');

    // The file-backed task is saved with its original bytes; the text-only one as UTF-16LE with BOM.
    expect(new Uint8Array(vol.readFileSync(`${STAMP_DIR}/AGI_Health_Check.xml`) as Buffer)).toEqual(before.get('AGI_Health_Check')!.bytes);
    expect(new Uint8Array(vol.readFileSync(`${STAMP_DIR}/Sub/AGI_LLM_AutoRestart.xml`) as Buffer)).toEqual(encodeTaskFile(before.get('AGI_LLM_AutoRestart')!.xml));
    const manifest = JSON.parse(String(vol.readFileSync(`${STAMP_DIR}/manifest.json`, 'utf8')));
    expect(manifest).toMatchObject({ tool: 'taskctl', formatVersion: 2, prefix: 'AGI', target: 'in-memory scheduler', createdAt: NOW.toISOString() });
    expect(manifest.tasks).toEqual([
      { task: '\\AGI_Health_Check', folder: '\\', name: 'AGI_Health_Check', action: 'update', file: 'AGI_Health_Check.xml', content: 'original-bytes', sha256: sha256(before.get('AGI_Health_Check')!.bytes!) },
      { task: '\\Sub\\AGI_LLM_AutoRestart', folder: '\\Sub\\', name: 'AGI_LLM_AutoRestart', action: 'delete', file: 'Sub/AGI_LLM_AutoRestart.xml', content: 'utf-16le-from-text', sha256: sha256(encodeTaskFile(before.get('AGI_LLM_AutoRestart')!.xml)) },
    ]);
    expect(vol.readdirSync(STAMP_DIR).sort()).toEqual(['AGI_Health_Check.xml', 'Sub', 'manifest.json']);

    expect(progress).toEqual([
      `Saved 2 task(s) to ${STAMP_DIR}`,
      'Applying 3 change(s) to in-memory scheduler…',
      '+ \\AGI_New: created',
      '~ \\AGI_Health_Check: updated',
      '- \\Sub\\AGI_LLM_AutoRestart: deleted',
      'Apply complete: 1 created, 1 updated, 1 deleted.',
    ]);
    // The task outside the prefix is untouched; the lock is gone.
    expect(backend.tasks.get('\\BACKUP_JOB')).toBe(before.get('Backup_Job'));
    expect(vol.readdirSync(LOCK_DIR)).toEqual([]);
  });

  test('idempotent: afterwards the plan is empty, and a second apply calls nothing and writes nothing', async () => {
    const backend = fleet();
    const { fs, vol } = memoryFs();
    await planAndApply(backend, declarations(), fs);
    const after = backend.snapshot();
    const files = Object.keys(vol.toJSON()).sort();

    const { plan, result } = await planAndApply(backend, declarations(), fs);
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, unchanged: 2 });
    expect(result).toEqual({ results: [], ok: true });
    expect(backend.batches).toHaveLength(1);
    expect(backend.snapshot()).toEqual(after);
    expect(Object.keys(vol.toJSON()).sort()).toEqual(files);
  });

  test('a backup that cannot be written means no change at all', async () => {
    const backend = fleet();
    const before = backend.snapshot();
    const { fs } = memoryFs();
    const failing: FileSystem = {
      ...fs,
      writeFile: (async (file: string, ...rest: unknown[]) => {
        if (String(file).startsWith(BACKUP_ROOT)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return (fs.writeFile as (...a: unknown[]) => Promise<void>)(file, ...rest);
      }) as FileSystem['writeFile'],
    };
    await expect(planAndApply(backend, declarations(), failing)).rejects.toThrow(/Can't write the backup .*no space left.*Nothing was changed/);
    expect(backend.batches).toEqual([]);
    expect(backend.snapshot()).toEqual(before);
  });

  test('a second apply while one holds the lock is refused at once, naming the lock and its holder', async () => {
    const backend = fleet();
    const lockFile = `${LOCK_DIR}/${lockFileName('in-memory')}`;
    const holder = { pid: 4242, host: 'here', startedAt: '2026-11-25T15:00:00.000Z', target: 'in-memory scheduler' };
    const { fs } = memoryFs({ [lockFile]: JSON.stringify(holder) });
    const attempt = planAndApply(backend, declarations(), fs, { identity: identity([4242]) });
    await expect(attempt).rejects.toBeInstanceOf(RefusedError);
    await expect(planAndApply(backend, declarations(), fs, { identity: identity([4242]) })).rejects.toThrow(
      `the lock ${lockFile} is held by process 4242 on here since 2026-11-25T15:00:00.000Z`,
    );
    expect(backend.batches).toEqual([]);
    expect(backend.reads).toEqual(['AGI', 'AGI']); // only the plans' reads: nothing under the lock
  });

  test('a stale lock (its process is gone) is reported and taken over, then released', async () => {
    const backend = fleet();
    const lockFile = `${LOCK_DIR}/${lockFileName('in-memory')}`;
    const { fs, vol } = memoryFs({ [lockFile]: JSON.stringify({ pid: 999, host: 'here', startedAt: '2026-11-25T15:00:00.000Z', target: 'x' }) });
    const { result, progress } = await planAndApply(backend, declarations(), fs);
    expect(result.ok).toBe(true);
    expect(progress[0]).toBe(`Taking over a stale apply lock ${lockFile}: its holder, process 999 on here, is no longer running.`);
    expect(vol.existsSync(lockFile)).toBe(false);
  });

  test('the Nth operation failing: what was done, what failed, what was not attempted', async () => {
    const failing = new InMemoryBackend({ tasks: fleet().snapshot(), failAt: 2, failMessage: 'Access is denied. (0x80070005)' });
    const { fs } = memoryFs();
    const { result, progress } = await planAndApply(failing, declarations(), fs);
    expect(result.ok).toBe(false);
    expect(result.results.map((r) => r.status)).toEqual(['done', 'failed', 'not-attempted']);
    expect(progress.slice(2)).toEqual([
      '+ \\AGI_New: created',
      '~ \\AGI_Health_Check: FAILED: Access is denied. (0x80070005)',
      '- \\Sub\\AGI_LLM_AutoRestart: not attempted',
      `Apply stopped: 1 done, 1 failed, 1 not attempted. Saved copies of the tasks it was to replace or delete: ${STAMP_DIR} ('taskctl restore ${STAMP_DIR}').`,
    ]);
  });

  test('killed part-way: the error names the backups, every changed task is in them, and the lock is released', async () => {
    const original = fleet().snapshot();
    const crashing = new InMemoryBackend({ tasks: original, throwAfter: 2 });
    const { fs, vol } = memoryFs();
    const attempt = planAndApply(crashing, declarations(), fs);
    await expect(attempt).rejects.toBeInstanceOf(BackendError);
    await expect(attempt).rejects.toThrow(`saved in ${STAMP_DIR}`);
    let changed = 0;
    for (const record of original) {
      const now = crashing.tasks.get(`${record.taskPath}${record.taskName}`.toUpperCase());
      if (now?.xml === record.xml) continue; // unchanged
      changed++;
      const saved = vol.readFileSync(`${STAMP_DIR}/${record.taskPath === '\\' ? '' : 'Sub/'}${record.taskName}.xml`) as Buffer;
      expect(new Uint8Array(saved)).toEqual(record.bytes ?? encodeTaskFile(record.xml));
    }
    expect(changed).toBe(1); // the update went through before the crash; the delete did not
    expect(vol.readdirSync(LOCK_DIR)).toEqual([]);
  });

  test('refuses a plan with unreadable live tasks, and a read-only target', async () => {
    const { fs } = memoryFs();
    const broken = new InMemoryBackend({ tasks: [{ taskPath: '\\', taskName: 'AGI_Bad', state: 'Ready', xml: '<' }] });
    await expect(planAndApply(broken, [declared('\\AGI_New')], fs)).rejects.toThrow(/could not be read.*\\AGI_Bad/);
    expect(broken.batches).toEqual([]);
    const readOnly = new InMemoryBackend({ readOnly: true });
    await expect(planAndApply(readOnly, [declared('\\AGI_New')], fs)).rejects.toThrow(/read-only/);
  });

  test('refuses when the target changed between plan and apply', async () => {
    const backend = fleet();
    const { fs } = memoryFs();
    const plan = computePlan({ declared: declarations(), live: await backend.readTasks('AGI'), prefix: 'AGI', prune: true, now: NOW });
    backend.tasks.set('\\AGI_SNEAKY', live('\\AGI_Sneaky'));
    await expect(
      applyPlan({ plan, backend, fs, backupRoot: BACKUP_ROOT, lockDir: LOCK_DIR, now: NOW, identity: identity() }),
    ).rejects.toThrow(/changed since the plan was made \(\\AGI_Sneaky appeared\)/);
    expect(backend.batches).toEqual([]);
  });

  test('an operation outside the prefix never reaches the backend, even from a tampered plan', async () => {
    const backend = fleet();
    const { fs } = memoryFs();
    const plan = computePlan({ declared: declarations(), live: await backend.readTasks('AGI'), prefix: 'AGI', prune: true, now: NOW });
    const create = plan.changes[0]!;
    if (create.action !== 'create') throw new Error('expected a create first');
    create.declared = { ...create.declared, name: 'Backup_Job', path: '\\Backup_Job' };
    await expect(
      applyPlan({ plan, backend, fs, backupRoot: BACKUP_ROOT, lockDir: LOCK_DIR, now: NOW, identity: identity() }),
    ).rejects.toThrow(/Refusing to create \\Backup_Job: it is outside the prefix 'AGI'/);
    expect(backend.batches).toEqual([]);
  });

  test('passwords reach the backend keyed by task path; a missing one refuses before anything happens', async () => {
    const backend = new InMemoryBackend();
    const { fs } = memoryFs();
    const needs = [declared('\\AGI_Pw', { start: future }, { needsPassword: true })];
    await expect(planAndApply(backend, needs, fs)).rejects.toThrow(/\\AGI_Pw runs with a stored password and none was given/);
    expect(backend.batches).toEqual([]);
    await planAndApply(backend, needs, fs, { passwords: { '\\agi_pw': 's3cret' } });
    expect(backend.batches[0]!.options?.passwords).toEqual({ '\\AGI_Pw': 's3cret' });
  });

  test('creates only: no backup folder', async () => {
    const backend = new InMemoryBackend();
    const { fs, vol } = memoryFs();
    const { result } = await planAndApply(backend, [declared('\\AGI_New')], fs);
    expect(result.ok).toBe(true);
    expect(result.backupDir).toBeUndefined();
    expect(vol.existsSync(BACKUP_ROOT)).toBe(false);
  });

  test('two applies in the same second get two backup folders', async () => {
    const { fs, vol } = memoryFs();
    const backend = fleet();
    await planAndApply(backend, declarations(), fs);
    await planAndApply(backend, [declared('\\AGI_New', { start: future, interval: 'PT1H' })], fs);
    expect(vol.readdirSync(BACKUP_ROOT).sort()).toEqual(['2026-11-25T15-04-05Z', '2026-11-25T15-04-05Z-2']);
  });
});

describe('applyPlan without the re-check', () => {
  test('recheckTarget: false skips the second read and backs up what the plan read', async () => {
    const backend = fleet();
    const { fs, vol } = memoryFs();
    const { result } = await planAndApply(backend, declarations(), fs, { recheckTarget: false });
    expect(result.ok).toBe(true);
    expect(backend.reads).toEqual(['AGI']);
    expect(vol.existsSync(`${STAMP_DIR}/AGI_Health_Check.xml`)).toBe(true);
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
