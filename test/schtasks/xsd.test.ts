/**
 * Rendered XML against the dahall XSD (../shared/corpus/schema): a re-rendered
 * corpus task is valid wherever the original was, and hand-built definitions
 * covering every element render valid.
 */
import { describe, expect, it } from 'vitest';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { parseTaskBytes } from '../../src/schtasks/parse-task-xml.js';
import { corpusAvailable, corpusFiles, corpusSkipReason, readCorpusFile } from './corpus-files.js';
import { sampleDefinitions } from './sample-definitions.js';
import { validateAgainstXsd } from './xsd-validate.js';

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
