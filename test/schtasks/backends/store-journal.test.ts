/**
 * The store's journal: what the next command does with what an interrupted batch left,
 * the store's real identity for the apply lock, and a batch's cost in folder listings.
 * (A real process killed at random points is in test/plan/store-kill.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../../../src/core/context.js';
import type { ProcessIdentity } from '../../../src/core/process-identity.js';
import { encodeTaskFile } from '../../../src/schtasks/encoding.js';
import { canonicalStorePath, createStoreBackend, JOURNAL_DIR } from '../../../src/schtasks/backends/store-backend.js';
import { createMemoryFs } from '../../fakes/memory-fs.js';
import { sampleTaskXml } from '../../fakes/powershell-script-output.js';

const batch = `/store/${JOURNAL_DIR}/4242-1`;
const dead: ProcessIdentity = { pid: 1, host: 'here', isProcessAlive: () => false };
const alive: ProcessIdentity = { pid: 1, host: 'here', isProcessAlive: () => true };
const journal = (entries: unknown[], pid = 4242, host = 'here') => JSON.stringify({ tool: 'taskctl-store-journal', version: 1, owner: { pid, host }, entries });

function storeWith(files: Record<string, string | Uint8Array>, owner: ProcessIdentity = dead) {
  const mem = createMemoryFs(files);
  const warnings: string[] = [];
  return { ...mem, warnings, backend: createStoreBackend({ fs: mem.fs, root: '/store', owner, onWarning: (w) => warnings.push(w) }) };
}

describe('an interrupted batch, found by the next command', () => {
  it('committed (journal.json written): carried out, then the journal removed', async () => {
    const { vol, warnings, backend } = storeWith({
      '/store/AGI_Old.xml': encodeTaskFile(sampleTaskXml({ description: 'old' })),
      '/store/AGI_Gone.xml': encodeTaskFile(sampleTaskXml()),
      '/store/Sub/AGI_Moved.xml': encodeTaskFile(sampleTaskXml({ description: 'moved before the kill' })),
      [`${batch}/staged/0.xml`]: encodeTaskFile(sampleTaskXml({ description: 'new' })),
      [`${batch}/journal.json`]: journal([
        { action: 'update', file: 'AGI_Old.xml', staged: 'staged/0.xml' },
        { action: 'create', file: 'Sub/AGI_Moved.xml', staged: 'staged/1.xml' },
        { action: 'delete', file: 'AGI_Gone.xml' },
      ]),
    });
    const records = await backend.readTasks('AGI');
    expect(records.map((r) => `${r.taskPath}${r.taskName}`)).toEqual(['\\AGI_Old', '\\Sub\\AGI_Moved']);
    expect(records[0]!.xml).toContain('<Description>new</Description>');
    expect(records[1]!.xml).toContain('moved before the kill');
    expect(vol.existsSync(`/store/${JOURNAL_DIR}`)).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/finished an apply to \/store that was interrupted part-way \(3 change/)]);
  });

  it('not committed (no journal.json): the staged files are removed and nothing else changes', async () => {
    const original = encodeTaskFile(sampleTaskXml({ description: 'original' }));
    const { vol, warnings, backend } = storeWith({ '/store/AGI_A.xml': original, [`${batch}/staged/0.xml`]: encodeTaskFile(sampleTaskXml()), [`${batch}/journal.json.pending`]: '{' });
    await backend.readTasks('AGI');
    expect(Object.keys(vol.toJSON())).toEqual(['/store/AGI_A.xml']);
    expect(new Uint8Array(vol.readFileSync('/store/AGI_A.xml') as Buffer)).toEqual(original);
    expect(warnings).toEqual([expect.stringMatching(/interrupted before it changed anything/)]);
  });

  it('a journal whose writer still runs is left alone (an apply in progress), with a warning', async () => {
    const { vol, warnings, backend } = storeWith({ '/store/AGI_A.xml': 'x', [`${batch}/journal.json`]: journal([]) }, alive);
    await backend.readTasks('Nothing');
    expect(vol.existsSync(`${batch}/journal.json`)).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/\(process 4242\) is writing to \/store right now/)]);
  });

  it('an unreadable journal, or one naming a file outside the store, stops the command naming it', async () => {
    for (const text of ['not json', journal([{ action: 'delete', file: '../outside.xml' }])]) {
      const { vol, backend } = storeWith({ '/outside.xml': 'keep', [`${batch}/journal.json`]: text });
      await expect(backend.readTasks('AGI')).rejects.toThrow(/journal\.json can't be read/);
      expect(vol.readFileSync('/outside.xml', 'utf8')).toBe('keep');
    }
  });

  it('temp files an older taskctl left next to task files are removed', async () => {
    const { vol, backend } = storeWith({ '/store/AGI_A.xml': 'x', '/store/Sub/.AGI_T00261.xml.taskctl-tmp-9854': 'half' });
    await backend.readTasks('Nothing');
    expect(vol.existsSync('/store/Sub/.AGI_T00261.xml.taskctl-tmp-9854')).toBe(false);
    expect(vol.existsSync('/store/AGI_A.xml')).toBe(true);
  });
});

describe('the store for the apply lock: one identity whatever the spelling', () => {
  it('links, .., trailing separators and case all name one store', async () => {
    const { fs, vol } = createMemoryFs({ '/data/Store/AGI_A.xml': 'x' });
    vol.symlinkSync('/data/Store', '/data/link');
    const spellings = ['/data/Store', '/data/link', '/data/link/', '/data/x/../Store', '/DATA/store'.replace('/DATA', '/data'), '/data/Store/.'];
    const keys = await Promise.all(spellings.map((p) => canonicalStorePath(fs, p)));
    expect(new Set(keys)).toEqual(new Set(['store:/data/store']));
  });

  it('a store that does not exist yet resolves through its nearest existing folder', async () => {
    const { fs, vol } = createMemoryFs({ '/data/real/keep': 'x' });
    vol.symlinkSync('/data/real', '/data/link');
    expect(await canonicalStorePath(fs, '/data/link/new/store/')).toBe('store:/data/real/new/store');
  });
});

describe('cost', () => {
  it('a batch lists each task folder once, however many tasks it writes', async () => {
    const { fs } = createMemoryFs({ '/store/Sub/AGI_0.xml': 'x' });
    let listings = 0;
    const counting: FileSystem = { ...fs, readdir: ((...args: Parameters<FileSystem['readdir']>) => (listings++, fs.readdir(...args))) as FileSystem['readdir'] };
    const backend = createStoreBackend({ fs: counting, root: '/store', owner: dead });
    const ops = Array.from({ length: 500 }, (_, i) => ({ action: 'create' as const, folder: i % 2 ? '\\Sub\\' : '\\', name: `AGI_N${i}`, xml: sampleTaskXml() }));
    listings = 0;
    const results = await backend.applyChanges(ops, { prefix: 'AGI' });
    expect(results.every((r) => r.status === 'done')).toBe(true);
    // root, Sub, the journal folder (clean-up) and the orphan sweep of root and Sub: a constant, not 500.
    expect(listings).toBeLessThan(12);
  });
});
