/**
 * Conformance: every real task in the corpus, declared exactly as it parses and compared
 * with its own original file as the live task, plans no change — and after apply would
 * register the rendered XML, planning again against that still shows none.
 */
import { describe, expect, test } from 'vitest';
import { computePlan } from '../../src/plan/plan.js';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { corpusAvailable, corpusFiles, corpusSkipReason, readCorpusFile } from '../schtasks/corpus-files.js';

const files = corpusFiles().filter((f) => !f.startsWith('MALFORMED-') && !f.startsWith('TEMPLATE-'));

describe.skipIf(!corpusAvailable)(`plan over the corpus${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  test.each(files)('%s: no change against itself, before and after a render', (file) => {
    const xml = decodeTaskBytes(readCorpusFile(file)).text;
    const definition = parseTaskXml(xml, file).definition;
    const declaredTask = { folder: '\\', name: 'AGI_Corpus', path: '\\AGI_Corpus', definition, needsPassword: false };
    const asLive = (text: string) => [{ taskPath: '\\', taskName: 'AGI_Corpus', state: 'Ready', xml: text }];

    const original = computePlan({ declared: [declaredTask], live: asLive(xml), prefix: 'AGI', prune: true });
    expect(original.changes).toEqual([]);
    const rendered = computePlan({ declared: [declaredTask], live: asLive(renderTaskXml(definition)), prefix: 'AGI', prune: true });
    expect(rendered.changes).toEqual([]);
  });
});
