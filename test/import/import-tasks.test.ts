import { describe, expect, it } from 'vitest';
import { importTasks } from '../../src/import/import-tasks.js';
import type { LiveTaskRecord } from '../../src/schtasks/model.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { compiledByPath, normalizedOf } from './round-trip.js';
import { awkwardText, bareMinimum, everyTriggerType } from './sample-tasks.js';

const record = (taskPath: string, taskName: string, xml: string): LiveTaskRecord => ({ taskPath, taskName, state: 'Ready', xml });

const records: LiveTaskRecord[] = [
  record('\\', 'AGI_Zulu', renderTaskXml(bareMinimum)),
  record('\\Ops\\', 'AGI_Every', renderTaskXml(everyTriggerType)),
  record('\\', 'AGI_Awkward', renderTaskXml(awkwardText)),
  record('\\', 'AGI_Broken', '<Task><Unclosed></Task>'),
];

describe('importTasks', () => {
  it('writes JSON declarations that compile back to the live tasks, leaving out (and naming) the unreadable one', () => {
    const result = importTasks(records, { prefix: 'AGI', format: 'json' });
    expect(result.count).toBe(3);
    expect(result.errors).toEqual([expect.stringMatching(/^\\AGI_Broken: could not be read, so it is not in the file: /)]);
    const document = JSON.parse(result.text) as { $comment: string[] };
    expect(document.$comment).toContainEqual(result.errors[0]);
    const compiled = compiledByPath(document);
    expect([...compiled.keys()]).toEqual(['\\AGI_Awkward', '\\AGI_Zulu', '\\Ops\\AGI_Every']);
    expect(normalizedOf(compiled.get('\\Ops\\AGI_Every'))).toEqual(normalizeTask(everyTriggerType));
    expect(normalizedOf(compiled.get('\\AGI_Awkward'))).toEqual(normalizeTask(awkwardText));
  });

  it('returns every note (escape hatches, unreadable tasks) for stderr, and writes them into the TypeScript file', () => {
    const result = importTasks(records, { prefix: 'AGI', format: 'ts', importFrom: '../declaration/index.js' });
    expect(result.notes).toContainEqual(expect.stringContaining('\\Ops\\AGI_Every triggers[11]: <WnfStateChangeTrigger>'));
    expect(result.notes).toContainEqual(result.errors[0]);
    for (const note of result.notes) expect(result.text).toContain(`// NOTE: ${note.split('\n')[0]}`);
    expect(result.text).toContain("from '../declaration/index.js';");
  });

  it('writes an empty but valid config when nothing lives under the prefix', () => {
    const result = importTasks([], { prefix: 'AGI', format: 'json' });
    expect(result).toMatchObject({ count: 0, errors: [], notes: [] });
    expect(compiledByPath(JSON.parse(result.text)).size).toBe(0);
  });
});
