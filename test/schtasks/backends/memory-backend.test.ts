import { describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../fakes/memory-backend.js';

const op = (name: string, action: 'create' | 'update' | 'delete' = 'create') =>
  action === 'delete' ? { action, folder: '\\', name } : { action, folder: '\\', name, xml: `<Task>${name}</Task>` };

describe('the in-memory backend fake', () => {
  it('reads under the prefix and applies in order', async () => {
    const backend = createMemoryBackend({ tasks: [{ taskPath: '\\', taskName: 'Other', state: 'Ready', xml: '<Task/>' }] });
    expect(await backend.applyChanges([op('AGI_A'), op('AGI_B')])).toEqual([
      { task: '\\AGI_A', action: 'create', status: 'done' },
      { task: '\\AGI_B', action: 'create', status: 'done' },
    ]);
    expect((await backend.readTasks('agi')).map((t) => t.taskName)).toEqual(['AGI_A', 'AGI_B']);
    expect(backend.reads).toEqual(['agi']);
  });

  it('fails the Nth operation counted over every batch; the rest are not attempted', async () => {
    const backend = createMemoryBackend({ failOperation: 3, failMessage: 'boom' });
    await backend.applyChanges([op('AGI_1'), op('AGI_2')]);
    const results = await backend.applyChanges([op('AGI_3'), op('AGI_4')]);
    expect(results.map((r) => r.status)).toEqual(['failed', 'not-attempted']);
    expect(results[0]?.error).toBe('\\AGI_3: boom');
    expect([...backend.tasks.keys()]).toEqual(['\\AGI_1', '\\AGI_2']);
  });

  it('rejects a batch up front without changing anything', async () => {
    const backend = createMemoryBackend({ reject: (o) => (o.name === 'AGI_Bad' ? 'invalid XML' : undefined) });
    const results = await backend.applyChanges([op('AGI_Good'), op('AGI_Bad')]);
    expect(results.map((r) => [r.status, r.error])).toEqual([['not-attempted', undefined], ['not-attempted', 'rejected: invalid XML']]);
    expect(backend.tasks.size).toBe(0);
  });

  it('deleting a missing task fails', async () => {
    const results = await createMemoryBackend().applyChanges([op('AGI_X', 'delete')]);
    expect(results[0]).toMatchObject({ status: 'failed', error: '\\AGI_X: no such task' });
  });
});
