import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../../../src/core/context.js';
import type { RegisterOperation } from '../../../src/schtasks/backends/backend.js';
import { decodeTaskBytes, encodeTaskFile } from '../../../src/schtasks/encoding.js';
import { createStoreBackend } from '../../../src/schtasks/backends/store-backend.js';
import { createMemoryFs } from '../../fakes/memory-fs.js';
import { sampleTaskXml } from '../../fakes/powershell-script-output.js';

const put = (name: string, folder = '\\', xml = sampleTaskXml({ description: name })): RegisterOperation => ({ action: 'create', folder, name, xml });

function store(files: Record<string, string | Uint8Array> = {}, wrap?: (fs: FileSystem) => FileSystem) {
  const mem = createMemoryFs(files);
  const fs = wrap ? wrap(mem.fs) : mem.fs;
  return { ...mem, backend: createStoreBackend({ fs, root: '/store' }) };
}

describe('--store DIR: reading', () => {
  it('a store that does not exist yet reads as empty', async () => {
    expect(await store().backend.readTasks('AGI')).toEqual([]);
  });

  it('reads like the folder snapshot, only under the prefix', async () => {
    const { backend } = store({ '/store/AGI_A.xml': encodeTaskFile(sampleTaskXml()), '/store/Sub/AGI_B': sampleTaskXml(), '/store/Other.xml': sampleTaskXml() });
    expect((await backend.readTasks('agi')).map((r) => `${r.taskPath}${r.taskName}`)).toEqual(['\\AGI_A', '\\Sub\\AGI_B']);
    expect(backend.readOnly).toBe(false);
    expect(backend.lockKey).toBe('/store');
    expect(await backend.canonicalLockKey?.()).toBe('store:/store');
  });
});

describe('--store DIR: applyChanges', () => {
  it('writes new tasks as <name>.xml, UTF-16LE with BOM declaring UTF-16, creating folders; reading back gives the same XML', async () => {
    const { vol, backend } = store();
    const xml = sampleTaskXml({ description: 'Überwachung & <監視>'.replace('&', '&amp;').replace('<監視>', '&lt;監視&gt;') }).replace('encoding="UTF-16"', 'encoding="UTF-8"');
    const results = await backend.applyChanges([put('AGI_New', '\\Sub\\Deeper\\', xml)], { prefix: 'AGI' });
    expect(results).toEqual([{ task: '\\Sub\\Deeper\\AGI_New', action: 'create', status: 'done' }]);
    const bytes = new Uint8Array(vol.readFileSync('/store/Sub/Deeper/AGI_New.xml') as Buffer);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const decoded = decodeTaskBytes(bytes);
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text).toMatch(/^<\?xml version="1.0" encoding="UTF-16"\?>/);
    const [record] = await backend.readTasks('AGI');
    expect(record?.xml).toBe(decoded.text);
    expect(record?.xml).toContain('&lt;監視&gt;');
    expect(Object.keys(vol.toJSON())).toEqual(['/store/Sub/Deeper/AGI_New.xml']); // no temp file left
  });

  it('stages every file in its journal, commits the journal, then moves the files into place and removes the journal', async () => {
    const steps: string[] = [];
    const { vol, backend } = store({ '/store/AGI_A.xml': sampleTaskXml() }, (fs) => ({
      ...fs,
      writeFile: ((path: string, data: Uint8Array) => (steps.push(`write ${path}`), fs.writeFile(path, data))) as FileSystem['writeFile'],
      rename: ((from: string, to: string) => (steps.push(`rename ${from} -> ${to}`), fs.rename(from, to))) as FileSystem['rename'],
    }));
    await backend.applyChanges([{ ...put('AGI_A'), action: 'update' }, put('AGI_B', '\\Sub\\')], { prefix: 'AGI' });
    const batch = `/store/.taskctl-journal/${process.pid}-1`;
    expect(steps).toEqual([
      `write ${batch}/staged/0.xml`,
      `write ${batch}/staged/1.xml`,
      `write ${batch}/journal.json.pending`,
      `rename ${batch}/journal.json.pending -> ${batch}/journal.json`,
      `rename ${batch}/staged/0.xml -> /store/AGI_A.xml`,
      `rename ${batch}/staged/1.xml -> /store/Sub/AGI_B.xml`,
    ]);
    expect(Object.keys(vol.toJSON()).sort()).toEqual(['/store/AGI_A.xml', '/store/Sub/AGI_B.xml']);
  });

  it('an update keeps the existing file name and folder spelling (case-insensitive, like Windows)', async () => {
    const { vol, backend } = store({ '/store/Sub/agi_old': sampleTaskXml({ description: 'old' }) });
    const results = await backend.applyChanges([{ ...put('AGI_Old', '\\SUB\\', sampleTaskXml({ description: 'new' })), action: 'update' }], { prefix: 'AGI' });
    expect(results[0]?.status).toBe('done');
    expect(Object.keys(vol.toJSON())).toEqual(['/store/Sub/agi_old']);
    expect(decodeTaskBytes(new Uint8Array(vol.readFileSync('/store/Sub/agi_old') as Buffer)).text).toContain('<Description>new</Description>');
  });

  it('delete removes the file; deleting a task with no file fails and stops the batch', async () => {
    const { vol, backend } = store({ '/store/AGI_A.xml': sampleTaskXml(), '/store/AGI_B': sampleTaskXml() });
    const results = await backend.applyChanges(
      [
        { action: 'delete', folder: '\\', name: 'AGI_B' },
        { action: 'delete', folder: '\\', name: 'AGI_Missing' },
        { action: 'delete', folder: '\\', name: 'AGI_A' },
      ],
      { prefix: 'AGI' },
    );
    // Found while staging, before anything changed: the whole batch is left undone.
    expect(results.map((r) => r.status)).toEqual(['not-attempted', 'not-attempted', 'not-attempted']);
    expect(results[1]?.error).toMatch(/nothing was written to \/store: there is no file for it in \/store/);
    expect(Object.keys(vol.toJSON()).sort()).toEqual(['/store/AGI_A.xml', '/store/AGI_B']);
    const done = await backend.applyChanges([{ action: 'delete', folder: '\\', name: 'AGI_B' }], { prefix: 'AGI' });
    expect(done.map((r) => r.status)).toEqual(['done']);
    expect(Object.keys(vol.toJSON())).toEqual(['/store/AGI_A.xml']);
  });

  it('validates the whole batch first: one malformed XML and nothing is written', async () => {
    const { vol, backend } = store({ '/store/AGI_Keep.xml': 'original' });
    const before = vol.toJSON();
    const results = await backend.applyChanges([put('AGI_1'), put('AGI_2', '\\', '<Task><Actions></Task>'), put('AGI_3', '\\', '<NotATask/>'), { action: 'delete', folder: '\\', name: 'AGI_Keep' }], {
      prefix: 'AGI',
    });
    expect(vol.toJSON()).toEqual(before);
    expect(results.map((r) => r.status)).toEqual(['not-attempted', 'not-attempted', 'not-attempted', 'not-attempted']);
    expect(results[0]?.error).toBeUndefined();
    expect(results[1]?.error).toMatch(/refused before anything was written: the task XML: not well-formed XML: .*\(line 1, column \d+\)/);
    expect(results[2]?.error).toMatch(/the root element is <NotATask>, but task XML must have a <Task> root/);
  });

  it('never touches a task outside the prefix (given, or remembered from the last read)', async () => {
    const { vol, backend } = store({ '/store/Other.xml': 'theirs' });
    const given = await backend.applyChanges([put('AGI_A'), { action: 'delete', folder: '\\', name: 'Other' }], { prefix: 'AGI' });
    expect(given[1]?.error).toMatch(/outside the prefix "AGI"/);
    await backend.readTasks('AGI');
    const remembered = await backend.applyChanges([put('Other')]);
    expect(remembered[0]?.error).toMatch(/outside the prefix "AGI"/);
    expect(vol.toJSON()).toEqual({ '/store/Other.xml': 'theirs' });
  });

  it('refuses names and folders Windows cannot hold', async () => {
    const { vol, backend } = store();
    const results = await backend.applyChanges([put('AGI_a*b'), put('AGI_ok', '\\..\\'), put('AGI_trailing ')], { prefix: 'AGI' });
    expect(results.map((r) => r.error)).toEqual([expect.stringMatching(/contains "\*"/), expect.stringMatching(/folder references/), expect.stringMatching(/ends with whitespace/)]);
    expect(vol.toJSON()).toEqual({});
  });

  it('failure of the Nth move into place: N-1 done, Nth failed with the reason, the rest not attempted, no journal left', async () => {
    const { vol, backend } = store({}, (fs) => ({
      ...fs,
      rename: (async (from: string, to: string) => {
        if (to.endsWith('AGI_3.xml')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return fs.rename(from, to);
      }) as FileSystem['rename'],
    }));
    const results = await backend.applyChanges([1, 2, 3, 4, 5].map((i) => put(`AGI_${i}`)), { prefix: 'AGI' });
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'failed', 'not-attempted', 'not-attempted']);
    expect(results[2]?.error).toMatch(/\\AGI_3: could not write \/store\/AGI_3.xml: EACCES/);
    expect(Object.keys(vol.toJSON()).sort()).toEqual(['/store/AGI_1.xml', '/store/AGI_2.xml']);
  });

  it('will not write through a symbolic link inside the store', async () => {
    const { vol, backend } = store({ '/elsewhere/keep': 'x', '/store/AGI_Z.xml': sampleTaskXml() });
    vol.symlinkSync('/elsewhere', '/store/Linked');
    const results = await backend.applyChanges([put('AGI_Z'), put('AGI_Y', '\\Linked\\')], { prefix: 'AGI' });
    expect(results.map((r) => r.status)).toEqual(['not-attempted', 'not-attempted']);
    expect(results[1]?.error).toMatch(/symbolic link/);
    expect(vol.existsSync('/elsewhere/AGI_Y.xml')).toBe(false);
    expect(vol.existsSync('/store/.taskctl-journal')).toBe(false);
  });
});
