/**
 * The one-pass reader of plainly well-formed XML (`readWellFormed`) against the long way it
 * stands in for (hazard scan, fast-xml-parser's validator and parser, conversion): on every corpus
 * document, every task taskctl renders, random token soups and random damage to real documents,
 * `parseXmlElements` gives what the long way gives — the same tree, or the same refusal with the
 * same message and position — and the one pass only ever returns a tree the long way agrees with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { ILLEGAL_XML_CHAR, parseXmlElements, readCheckedXml, readWellFormed } from '../../src/schtasks/xml.js';
import { taskDefinition } from './arbitraries.js';
import { corpusAvailable, corpusFiles, readCorpusFile } from './corpus-files.js';
import { sampleDefinitions } from './sample-definitions.js';

const lf = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** What a reader made of `text`: its tree, or its refusal (message, line, column). */
function outcome(read: () => unknown): unknown {
  try {
    return { tree: read() };
  } catch (error) {
    const e = error as Error & { line?: number; column?: number };
    return { refused: e.message, line: e.line, column: e.column, type: e.constructor.name };
  }
}

function expectSameAsLongWay(text: string): void {
  const source = lf(text);
  expect(outcome(() => parseXmlElements(text, 'doc'))).toEqual(
    source.trim() === '' ? outcome(() => parseXmlElements(text, 'doc')) : outcome(() => readCheckedXml(source, 'doc')),
  );
  // The one pass is only asked about text the character check let through.
  const fast = ILLEGAL_XML_CHAR.test(source) ? undefined : readWellFormed(source);
  if (fast !== undefined) expect(readCheckedXml(source, 'doc')).toEqual([fast]);
}

describe.skipIf(!corpusAvailable)('one pass on the corpus', () => {
  it.each(corpusFiles())('%s reads the same both ways', (file) => {
    expectSameAsLongWay(decodeTaskBytes(readCorpusFile(file)).text);
  });

  it('takes the one pass for every document Windows wrote that is well-formed', () => {
    const taken = corpusFiles()
      .filter((f) => !f.startsWith('MALFORMED-'))
      .filter((f) => readWellFormed(lf(decodeTaskBytes(readCorpusFile(f)).text)) === undefined);
    expect(taken).toEqual([]);
  });
});

describe('one pass on rendered tasks', () => {
  it('reads every sample definition in one pass, the same tree as the long way', () => {
    for (const def of Object.values(sampleDefinitions)) {
      const source = lf(renderTaskXml(def));
      const fast = readWellFormed(source);
      expect(fast).toBeDefined();
      expect(readCheckedXml(source, 'doc')).toEqual([fast]);
    }
  });

  it('agrees with the long way on random rendered definitions', () => {
    fc.assert(fc.property(taskDefinition, (def) => expectSameAsLongWay(renderTaskXml(def))), { numRuns: 150 });
  });

  it('agrees with the long way on random damage to a rendered task', () => {
    const base = renderTaskXml(Object.values(sampleDefinitions)[0]!);
    const damage = fc.array(
      fc.record({ at: fc.nat({ max: base.length }), cut: fc.nat({ max: 3 }), put: fc.constantFrom('', '<', '>', '&', '"', "'", '/', '!', '?', '=', ' ', ']]>', '<!--', '-->', '&#0;', '&#x41;', '&nope;', '<![CDATA[', '<!DOCTYPE x>', '\r', 'é', '\u0001') }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(damage, (edits) => {
        let text = base;
        for (const { at, cut, put } of edits) text = text.slice(0, at) + put + text.slice(at + cut);
        expectSameAsLongWay(text);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('one pass on token soups', () => {
  const token = fc.constantFrom(
    '<?xml version="1.0" encoding="UTF-16"?>', '<?xml foo?>', '<?pi x?>', '<!DOCTYPE a [<!ENTITY e "x">]>',
    '<a>', '</a>', '<b x="1">', '<b x="1" y=\'2\'>', '</b>', '<c/>', '<c />', '<c\n/>', '<d z = "3">', '</d>', '</a >',
    '<b x="1" x="2">', '<b x="a>b">', '<b x="&lt;&#9;\t\n&amp;">', '<b x="&bad;">', '<b x>', '<b x="1"y="2">', '<ns:e xmlns:ns="u">', '</ns:e>',
    'text', ' ', '\n', '\t', '>', ']]>', '&amp;', '&lt;&gt;&quot;&apos;', '&#13;', '&#x1F600;', '&#0;', '&#xFFFE;', '&e;', '&', '&#;',
    '<!-- c -->', '<!-- a -- b -->', '<!--->', '<!-- a --->', '<![CDATA[<x>&amp;]]>', '<![CDATA[]]>', '<![CDATA[ open',
    '<1a>', '<é>', '</>', '<', '<__proto__>', '<b __proto__="1">',
  );
  it('agrees with the long way on any sequence of tokens', () => {
    fc.assert(fc.property(fc.array(token, { maxLength: 14 }), (tokens) => expectSameAsLongWay(tokens.join(''))), { numRuns: 4000 });
  });

  it('agrees on balanced trees built from the tokens', () => {
    const inner = fc.array(fc.constantFrom('text', ' \n ', '&amp;x', '<c/>', '<!-- c -->', '<![CDATA[<x>]]>', '<b x="1">t</b>', '&#13;'), { maxLength: 6 });
    fc.assert(
      fc.property(fc.boolean(), inner, inner, (declared, a, b) => {
        const doc = `${declared ? '<?xml version="1.0" encoding="UTF-16"?>\n' : ''}<a k="v">${a.join('')}<b>${b.join('')}</b></a>\n`;
        expect(readWellFormed(lf(doc))).toBeDefined();
        expectSameAsLongWay(doc);
      }),
      { numRuns: 500 },
    );
  });
});
