import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeTaskFile } from '../../../src/schtasks/encoding.js';
import { createSnapshotBackend } from '../../../src/schtasks/backends/snapshot-backend.js';
import { stateFromXml } from '../../../src/schtasks/backends/task-folder-reader.js';
import { createMemoryFs } from '../../fakes/memory-fs.js';
import { sampleTaskXml } from '../../fakes/powershell-script-output.js';
import { CORPUS } from './corpus.js';
import { corpusAvailable } from '../corpus-files.js';

function snapshot(files: Record<string, string | Uint8Array>, warnings: string[] = []) {
  const mem = createMemoryFs(files);
  return { ...mem, backend: createSnapshotBackend({ fs: mem.fs, path: '/tasks', onWarning: (w) => warnings.push(w) }) };
}

describe('--live DIR (a System32\\Tasks-like folder)', () => {
  it('sub-folder = task folder, file name = task name, with or without .xml; only the prefix', async () => {
    const { backend } = snapshot({
      '/tasks/AGI_Root': encodeTaskFile(sampleTaskXml()),
      '/tasks/Other_Task': encodeTaskFile(sampleTaskXml()),
      '/tasks/Sub/AGI_Nested.xml': encodeTaskFile(sampleTaskXml()),
      '/tasks/Sub/Deeper/agi_lower.XML': sampleTaskXml(),
    });
    const records = await backend.readTasks('AGI');
    expect(records.map((r) => [r.taskPath, r.taskName])).toEqual([
      ['\\', 'AGI_Root'],
      ['\\Sub\\', 'AGI_Nested'],
      ['\\Sub\\Deeper\\', 'agi_lower'],
    ]);
    expect(records[0]?.xml.startsWith('<?xml')).toBe(true);
    expect(records[0]?.bytes?.slice(0, 2)).toEqual(new Uint8Array([0xff, 0xfe])); // original bytes kept for backups
  });

  it.skipIf(!corpusAvailable)('decodes the real encodings of the corpus: the bytes decide, never the declaration', async () => {
    const names = (await readdir(join(CORPUS, 'tasks'))).filter((n) => !n.startsWith('MALFORMED-'));
    const files: Record<string, Uint8Array> = {};
    for (const name of names) files[`/tasks/Corpus/AGI_${name}`] = new Uint8Array(await readFile(join(CORPUS, 'tasks', name)));
    const { backend } = snapshot(files);
    const records = await backend.readTasks('AGI');
    expect(records).toHaveLength(names.length);
    for (const r of records) expect(r.xml, r.taskName).toMatch(/<Task[\s>]/);
    const cjk = records.find((r) => r.taskName.includes('cjk.declared-utf16-actually-utf8'));
    expect(cjk?.xml).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('state is Disabled when Settings/Enabled is false, else Ready', async () => {
    expect(stateFromXml(sampleTaskXml({ enabled: false }))).toBe('Disabled');
    expect(stateFromXml(sampleTaskXml())).toBe('Ready');
    const triggerDisabled = sampleTaskXml().replace('<StartBoundary>', '<Enabled>false</Enabled><StartBoundary>');
    expect(stateFromXml(triggerDisabled)).toBe('Ready');
  });

  it('ignores dot-files and the store writer\'s temp files', async () => {
    const { backend } = snapshot({
      '/tasks/AGI_A.xml': sampleTaskXml(),
      '/tasks/.AGI_B.xml.taskctl-tmp-123': sampleTaskXml(),
      '/tasks/.hidden/AGI_C': sampleTaskXml(),
    });
    expect((await backend.readTasks('AGI')).map((r) => r.taskName)).toEqual(['AGI_A']);
  });

  it('two files for one task (AGI_X and agi_x.xml) are an error naming both', async () => {
    const { backend } = snapshot({ '/tasks/AGI_X': sampleTaskXml(), '/tasks/agi_x.xml': sampleTaskXml() });
    await expect(backend.readTasks('AGI')).rejects.toThrow(/two files hold the task \\agi_x: \/tasks\/AGI_X and \/tasks\/agi_x\.xml/i);
  });

  it('a task file over the limit is reported by name and never opened; the rest is read; big files outside the prefix are never opened', async () => {
    const big = new Uint8Array(11 * 1024 * 1024).fill(0x20);
    const { backend } = snapshot({ '/tasks/Sub/AGI_Huge': big, '/tasks/Other_Huge': big, '/tasks/AGI_Fine': sampleTaskXml() });
    const records = await backend.readTasks('AGI');
    expect(records.map((r) => `${r.taskPath}${r.taskName}`)).toEqual(['\\AGI_Fine', '\\Sub\\AGI_Huge']);
    expect(records[1]!.unreadable).toMatch(/\/tasks\/Sub\/AGI_Huge is 11\.0 MB; taskctl reads and writes task files up to 1\.0 MB/);
    const mem = createMemoryFs({ '/tasks/Other_Huge': big, '/tasks/AGI_Fine': sampleTaskXml() });
    const opened: string[] = [];
    const readFileSpy = ((path: string) => (opened.push(path), mem.fs.readFile(path))) as typeof mem.fs.readFile;
    const other = createSnapshotBackend({ fs: { ...mem.fs, readFile: readFileSpy }, path: '/tasks' });
    expect((await other.readTasks('AGI')).map((r) => r.taskName)).toEqual(['AGI_Fine']);
    expect(opened).toEqual(['/tasks/AGI_Fine']);
  });

  it('never follows a symbolic link: one under the prefix is an error, others are skipped with a warning', async () => {
    const warnings: string[] = [];
    const { vol, backend } = snapshot({ '/outside/AGI_Secret': sampleTaskXml(), '/tasks/AGI_A': sampleTaskXml() }, warnings);
    vol.symlinkSync('/outside', '/tasks/LinkedFolder');
    expect((await backend.readTasks('AGI')).map((r) => r.taskName)).toEqual(['AGI_A']);
    expect(warnings.join('\n')).toMatch(/skipped symbolic link .*LinkedFolder/);
    vol.symlinkSync('/outside/AGI_Secret', '/tasks/AGI_Link');
    await expect(backend.readTasks('AGI')).rejects.toThrow(/AGI_Link is a symbolic link; taskctl does not follow links/);
  });

  it('a missing folder is an error naming it', async () => {
    const { backend } = snapshot({});
    await expect(backend.readTasks('AGI')).rejects.toThrow(/--live \/tasks can't be read/);
  });
});
