/**
 * Conformance: every real task in the corpus, declared as it parses, plans no change against
 * the XML apply would register for it (render); and a declaration that differs in one field
 * plans exactly that one change, so the comparison can fail.
 */
import { describe, expect, test } from 'vitest';
import { computePlan } from '../../src/plan/plan.js';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { corpusAvailable, corpusFiles, corpusSkipReason, readCorpusFile } from '../schtasks/corpus-files.js';

const files = corpusFiles().filter((f) => !f.startsWith('MALFORMED-') && !f.startsWith('TEMPLATE-'));

describe.skipIf(!corpusAvailable)(`plan over the corpus${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  test.each(files)('%s: no change against its rendered XML; one changed field is one change', (file) => {
    const xml = decodeTaskBytes(readCorpusFile(file)).text;
    const definition = parseTaskXml(xml, file).definition;
    const task = (def: typeof definition) => ({ folder: '\\', name: 'AGI_Corpus', path: '\\AGI_Corpus', definition: def, needsPassword: false });
    const asLive = (text: string) => [{ taskPath: '\\', taskName: 'AGI_Corpus', state: 'Ready', xml: text }];

    const rendered = computePlan({ declared: [task(definition)], live: asLive(renderTaskXml(definition)), prefix: 'AGI', prune: true });
    expect(rendered.changes).toEqual([]);
    const priority = (definition.settings.priority ?? 7) === 3 ? 4 : 3;
    const changed = computePlan({ declared: [task({ ...definition, settings: { ...definition.settings, priority } })], live: asLive(xml), prefix: 'AGI', prune: true });
    expect(changed.changes.map((c) => (c.action === 'update' ? c.fields.map((f) => `${f.path} -> ${f.after}`) : c.action))).toEqual([[`settings.priority -> ${priority}`]]);
  });
});
