/**
 * Rendered XML against the task schema (the dahall XSD of ../shared/corpus/schema, extended
 * with WnfStateChangeTrigger: xsd-validate.ts): a re-rendered corpus task is valid wherever
 * the original was, every corpus task with a WnfStateChangeTrigger renders valid, and
 * hand-built definitions covering every element render valid. (Generated blocks: xsd-blocks.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { parseTaskBytes } from '../../src/schtasks/parse-task-xml.js';
import { corpusAvailable, corpusFiles, corpusSkipReason, readCorpusFile } from './corpus-files.js';
import { sampleDefinitions } from './sample-definitions.js';
import { wnfXml } from './xsd-arbitraries.js';
import { validateAgainstXsd } from './xsd-validate.js';

/** The corpus files that hold a WnfStateChangeTrigger, with their text and the rendered XML of their parse. */
function wnfCorpusTasks(): { file: string; original: string; rendered: string }[] {
  return corpusFiles()
    .filter((f) => !f.startsWith('MALFORMED-'))
    .map((file) => {
      const bytes = readCorpusFile(file);
      const { definition } = parseTaskBytes(bytes, file);
      return { file, definition, original: decodeTaskBytes(bytes).text };
    })
    .filter(({ definition }) => definition.triggers.some((t) => t.kind === 'Raw' && t.element === 'WnfStateChangeTrigger'))
    .map(({ file, definition, original }) => ({ file, original, rendered: renderTaskXml(definition) }));
}

describe.skipIf(!corpusAvailable)('XSD validity of rendered XML', () => {
  it('a re-rendered corpus task validates wherever the original did', async () => {
    const files = corpusFiles().filter((f) => !f.startsWith('MALFORMED-'));
    const originals: Record<string, string> = {};
    const rendered: Record<string, string> = {};
    for (const f of files) {
      const bytes = readCorpusFile(f);
      originals[f] = decodeTaskBytes(bytes).text;
      rendered[f] = renderTaskXml(parseTaskBytes(bytes, f).definition);
    }
    const [before, after] = await Promise.all([validateAgainstXsd(originals), validateAgainstXsd(rendered)]);
    const validBefore = files.filter((f) => before[f]!.valid);
    // The corpus has plenty of valid files; if none validated, the harness would be broken.
    expect(validBefore.length).toBeGreaterThan(35);
    const regressions = validBefore.filter((f) => !after[f]!.valid).map((f) => `${f}: ${after[f]!.errors.join('; ')}`);
    expect(regressions).toEqual([]);
  });

  it('every corpus task with a WnfStateChangeTrigger renders valid against the extended schema (the plain XSD refuses them all)', async () => {
    const tasks = wnfCorpusTasks();
    // The corpus README counts 10 files with WnfStateChangeTrigger (Windows 10/11 and Server 2022 tasks).
    expect(tasks.length).toBeGreaterThanOrEqual(10);
    const rendered = Object.fromEntries(tasks.map((t) => [t.file, t.rendered]));
    const [extended, plain] = await Promise.all([validateAgainstXsd(rendered), validateAgainstXsd(rendered, 'dahall')]);
    expect(tasks.filter((t) => !extended[t.file]!.valid).map((t) => `${t.file}: ${extended[t.file]!.errors.join('; ')}`)).toEqual([]);
    expect(tasks.filter((t) => plain[t.file]!.valid).map((t) => t.file)).toEqual([]);
    // The extension describes what Windows writes: Windows' own files that are otherwise in XSD order validate as they are.
    const originals = await validateAgainstXsd(Object.fromEntries(tasks.map((t) => [t.file, t.original])));
    expect(tasks.filter((t) => originals[t.file]!.valid).length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['without a StateName', wnfXml({ stateName: '' }).replace('<StateName></StateName>', '')],
    ['with a StateName that is not 16 hex digits', wnfXml({ stateName: '75C0' })],
    ['with Data that is not hex', wnfXml({ stateName: '7508BCA3380C960C', data: 'on' })],
    ['with an unknown child', wnfXml({ stateName: '7508BCA3380C960C' }).replace('</WnfStateChangeTrigger>', '<Mood>happy</Mood></WnfStateChangeTrigger>')],
    ['with StateName before Delay (Windows writes Delay first)', wnfXml({ stateName: '7508BCA3380C960C' }).replace('</StateName>', '</StateName><Delay>PT1M</Delay>')],
  ])('the extended schema still refuses a WnfStateChangeTrigger %s', async (_, xml) => {
    const task = renderTaskXml({ ...sampleDefinitions['groupMinimal']!, triggers: [{ kind: 'Raw', element: 'WnfStateChangeTrigger', xml }] });
    expect((await validateAgainstXsd({ task })).task!.valid).toBe(false);
  });

  it.each(Object.keys(sampleDefinitions))('hand-built definition %s renders XSD-valid XML', async (name) => {
    const verdict = await validateAgainstXsd({ [name]: renderTaskXml(sampleDefinitions[name]!) });
    expect(verdict[name]!.errors).toEqual([]);
  });

  it('the harness does reject invalid XML (a wrong enum value)', async () => {
    const bad = renderTaskXml(sampleDefinitions['groupMinimal']!).replace('IgnoreNew', 'Sometimes');
    const verdict = await validateAgainstXsd({ bad });
    expect(verdict['bad']!.valid).toBe(false);
  });
});

if (!corpusAvailable) {
  describe('XSD validity of rendered XML (skipped)', () => {
    it.skip(corpusSkipReason, () => {});
  });
}
