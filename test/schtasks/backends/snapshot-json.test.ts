import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendError, RefusedError } from '../../../src/core/errors.js';
import { createSnapshotBackend } from '../../../src/schtasks/backends/snapshot-backend.js';
import { createMemoryFs } from '../../fakes/memory-fs.js';
import { sampleTaskXml } from '../../fakes/powershell-script-output.js';
import { CORPUS } from './corpus.js';
import { corpusAvailable } from '../corpus-files.js';
import { LIMITS } from '../../../src/schtasks/model.js';

const record = (name: string, extra: Record<string, unknown> = {}) => ({ TaskPath: '\\', TaskName: name, State: 'Ready', Xml: sampleTaskXml(), ...extra });

function utf16leWithBom(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
}

async function readSnapshot(content: string | Uint8Array, prefix = 'AGI') {
  const { fs } = createMemoryFs({ '/snap/live.json': content });
  return createSnapshotBackend({ fs, path: '/snap/live.json' }).readTasks(prefix);
}

describe('--live FILE (ConvertTo-Json snapshot)', () => {
  it('reads an array; only tasks under the prefix (case-insensitive) come back', async () => {
    const json = JSON.stringify([record('AGI_Health_Check'), record('Other'), record('agi_lower', { TaskPath: '\\Sub\\', State: 1 })], null, 2);
    const records = await readSnapshot(json);
    expect(records.map((r) => [r.taskPath, r.taskName, r.state])).toEqual([
      ['\\', 'AGI_Health_Check', 'Ready'],
      ['\\Sub\\', 'agi_lower', 'Disabled'],
    ]);
    expect(records[0]?.xml).toContain('encoding="UTF-16"');
  });

  it('reads a single object (ConvertTo-Json prints one task without an array)', async () => {
    expect(await readSnapshot(JSON.stringify(record('AGI_One', { State: 3 })))).toMatchObject([{ taskName: 'AGI_One', state: 'Ready' }]);
  });

  it.each([
    ['UTF-8 without BOM', (t: string) => t],
    ['UTF-8 with BOM', (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(t, 'utf8')])],
    ['UTF-16LE with BOM (PowerShell 5.1 Out-File)', utf16leWithBom],
  ])('decodes %s, non-ASCII intact', async (_, encode) => {
    const json = JSON.stringify([record('AGI_Überwachung_監視', { Xml: sampleTaskXml({ description: 'Prüfung 監視' }) })]);
    const [r] = await readSnapshot(encode(json));
    expect(r?.taskName).toBe('AGI_Überwachung_監視');
    expect(r?.xml).toContain('Prüfung 監視');
  });

  it('broken JSON: a clear error naming the file, line and column', async () => {
    const error = await readSnapshot('[\n  { "TaskName": "AGI_X",\n    "State": 3,, }\n]').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as Error).message).toMatch(/--live \/snap\/live\.json is not valid JSON: .* at line 3, column \d+/);
  });

  it.skipIf(!corpusAvailable)('the published PowerShell 5.1 sample (itself not valid JSON) is refused clearly', async () => {
    const bytes = await readFile(join(CORPUS, 'outputs', 'azure-sf-guides-get-scheduledtask-convertto-json-ps51.json'));
    await expect(readSnapshot(new Uint8Array(bytes))).rejects.toThrow(/is not valid JSON: .* at line \d+, column \d+/);
  });

  it('records missing fields: every problem, naming the entry and the field', async () => {
    const json = JSON.stringify([record('AGI_A'), { TaskName: 'AGI_B', State: 3, Xml: '<Task/>' }, { TaskPath: '\\', Xml: 'x' }, record('AGI_C', { Xml: null })]);
    const message = await readSnapshot(json).then(() => '', (e: Error) => e.message);
    expect(message).toMatch(/3 problem\(s\)/);
    expect(message).toContain('entry [1] (AGI_B) has no "TaskPath"');
    expect(message).toContain('entry [2] has no "TaskName"');
    expect(message).toContain('entry [3] (AGI_C) has no "Xml"');
  });

  it.skipIf(!corpusAvailable)('a schtasks CSV-as-JSON capture (no TaskName) is refused with the entry named', async () => {
    const bytes = await readFile(join(CORPUS, 'outputs', 'inspec-schtasks-csv-convertto-json-single-trigger.json'));
    await expect(readSnapshot(new Uint8Array(bytes))).rejects.toThrow(/entry \[0\] has no "TaskName"/);
  });

  it('records outside the prefix are not examined at all', async () => {
    const json = JSON.stringify([record('AGI_A'), { TaskName: 'Other', Xml: 'x'.repeat(11 * 1024 * 1024) }, { TaskName: 'Broken' }]);
    expect((await readSnapshot(json)).map((r) => r.taskName)).toEqual(['AGI_A']);
  });

  it('a huge XML under the prefix is reported as unreadable by name, and the others are still read', async () => {
    const json = JSON.stringify([record('AGI_Huge', { Xml: `<Task>${'x'.repeat(LIMITS.taskXmlChars)}</Task>` }), record('AGI_Fine')]);
    const records = await readSnapshot(json);
    expect(records.map((r) => [r.taskName, r.unreadable ?? 'ok'])).toEqual([
      ['AGI_Fine', 'ok'],
      ['AGI_Huge', `its XML is ${LIMITS.taskXmlChars + 13} characters; taskctl reads and writes task XML up to ${LIMITS.taskXmlChars} (a real task is a few KB)`],
    ]);
  });

  it('duplicate task paths (case-insensitive) are an error', async () => {
    await expect(readSnapshot(JSON.stringify([record('AGI_A'), record('agi_a')]))).rejects.toThrow(/appears twice/);
  });

  it('task names Windows cannot hold are refused', async () => {
    await expect(readSnapshot(JSON.stringify([record('AGI_a/b')]))).rejects.toThrow(/"TaskName": .*contains "\/"/);
    await expect(readSnapshot(JSON.stringify([record('AGI_X', { TaskPath: '\\..\\' })]))).rejects.toThrow(/"TaskPath": .*folder references/);
  });

  it('an empty file and a non-array value are clear errors', async () => {
    await expect(readSnapshot('')).rejects.toThrow(/is empty/);
    await expect(readSnapshot('42')).rejects.toThrow(/expected an array of tasks/);
  });

  it('a missing file is a BackendError naming it', async () => {
    const { fs } = createMemoryFs();
    await expect(createSnapshotBackend({ fs, path: '/nope.json' }).readTasks('AGI')).rejects.toThrow(/--live \/nope\.json can't be read/);
  });

  it('is read-only: applyChanges refuses and points to --store', async () => {
    const { fs } = createMemoryFs({ '/snap/live.json': '[]' });
    const backend = createSnapshotBackend({ fs, path: '/snap/live.json' });
    expect(backend.readOnly).toBe(true);
    const error = await backend.applyChanges([{ action: 'delete', folder: '\\', name: 'AGI_A' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as Error).message).toMatch(/read-only.*--store/s);
  });
});
