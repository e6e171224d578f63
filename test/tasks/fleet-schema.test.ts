import { describe, expect, it } from 'vitest';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { compileConfig } from '../../src/declaration/index.js';
import agiFleet from '../../src/tasks/index.js';
import { corpusAvailable, corpusSkipReason } from '../schtasks/corpus-files.js';
import { validateAgainstXsd } from '../schtasks/xsd-validate.js';

describe.skipIf(!corpusAvailable)(`the fleet's rendered XML (${corpusAvailable ? 'XSD' : corpusSkipReason})`, () => {
  it('validates against the Task Scheduler schema, task by task', async () => {
    const documents = Object.fromEntries(compileConfig(agiFleet).tasks.map((t) => [t.path, renderTaskXml(t.definition)]));
    const verdicts = await validateAgainstXsd(documents);
    const invalid = Object.entries(verdicts).filter(([, v]) => !v.valid);
    expect(invalid.map(([path, v]) => `${path}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(Object.keys(verdicts).length).toBe(Object.keys(documents).length);
  });

  it('writes no logon type the schema lacks (SYSTEM implies ServiceAccount)', () => {
    for (const task of compileConfig(agiFleet).tasks) {
      expect(renderTaskXml(task.definition)).not.toMatch(/<LogonType>(ServiceAccount|Group)</);
    }
  });
});
