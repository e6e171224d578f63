/**
 * Conformance on real task XML from real Windows machines (../shared/corpus):
 * everything parses, survives render → parse with nothing lost, malformed
 * files are refused with a position, templates are caught by validation.
 */
import { describe, expect, it } from 'vitest';
import { XmlParseError } from '../../src/core/errors.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { validateDefinition } from '../../src/schtasks/validate-definition.js';
import { parseTaskBytes, parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { corpusAvailable, corpusFiles, corpusSkipReason, readCorpusFile } from './corpus-files.js';

const files = corpusFiles();
const wellFormed = files.filter((f) => !f.startsWith('MALFORMED-'));
const malformed = files.filter((f) => f.startsWith('MALFORMED-'));
/** Files Task Scheduler itself wrote (System32\Tasks copies, per MANIFEST.md). */
const writtenByWindows = files.filter((f) => /^(win10-|artemis-|server2022-)/.test(f));

const parse = (f: string) => parseTaskBytes(readCorpusFile(f), f);

/** Counts what must never get lost, independent of normalization. */
function inventory(def: TaskDefinition) {
  return {
    triggers: def.triggers.map((t) => t.kind === 'Raw' ? `Raw:${t.element}` : t.kind),
    actions: def.actions.map((a) => a.kind),
    principal: def.principal ? (def.principal.userId ?? def.principal.groupId ?? '(none)') : undefined,
    subscriptions: def.triggers.flatMap((t) => (t.kind === 'EventTrigger' ? [t.subscription.trim()] : [])),
    data: def.actions.flatMap((a) => (a.kind === 'ComHandler' ? [a.data ?? ''] : [])),
    settingsKeys: Object.keys(def.settings).sort(),
  };
}

describe.skipIf(!corpusAvailable)('task corpus conformance', () => {
  it('finds the corpus files', () => {
    expect(wellFormed.length).toBeGreaterThanOrEqual(60);
    expect(malformed.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(wellFormed)('%s', (file) => {
    it('parses without warnings and keeps every trigger and action element', () => {
      const { definition, warnings } = parse(file);
      expect(warnings).toEqual([]);
      expect(definition.actions.length).toBeGreaterThan(0);
    });

    it('parse → render → parse gives the same normalized model, nothing lost', () => {
      const first = parse(file).definition;
      const again = parseTaskXml(renderTaskXml(first), `rendered ${file}`);
      expect(again.warnings).toEqual([]);
      expect(normalizeTask(again.definition)).toEqual(normalizeTask(first));
      expect(inventory(again.definition)).toEqual({
        ...inventory(first),
        // The renderer always writes MultipleInstancesPolicy.
        settingsKeys: [...new Set([...inventory(first).settingsKeys, 'multipleInstancesPolicy'])].sort(),
      });
    });

    it('rendering is a fixed point: render(parse(render(x))) === render(x)', () => {
      const once = renderTaskXml(parse(file).definition);
      expect(renderTaskXml(parseTaskXml(once).definition)).toBe(once);
    });

    it('normalizes to plain JSON data, and normalizing is idempotent', () => {
      const normalized = normalizeTask(parse(file).definition);
      expect(JSON.parse(JSON.stringify(normalized))).toEqual(normalized);
      expect(normalizeTask(normalized)).toEqual(normalized);
    });
  });

  describe.each(malformed)('%s', (file) => {
    it('is rejected with an XmlParseError naming the file, line and column', () => {
      let error: unknown;
      try {
        parse(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XmlParseError);
      const e = error as XmlParseError;
      expect(e.where).toBe(file);
      expect(e.line).toBeGreaterThan(0);
      expect(e.column).toBeGreaterThan(0);
      expect(e.message).toMatch(/not well-formed XML: .+\(line \d+, column \d+\)/);
    });
  });

  it('TEMPLATE-* parses, but validation reports each {{{placeholder}}} date-time', () => {
    const template = files.find((f) => f.startsWith('TEMPLATE-'));
    expect(template).toBeDefined();
    const issues = validateDefinition(parse(template!).definition);
    const dateIssues = issues.filter((i) => /is not a date-time/.test(i.message));
    expect(dateIssues.map((i) => i.path).sort()).toEqual(['registrationInfo.date', 'triggers[0].startBoundary']);
    expect(dateIssues[0]!.message).toContain('{{{');
  });

  it.each(writtenByWindows)('%s (written by Windows) passes local validation', (file) => {
    expect(validateDefinition(parse(file).definition)).toEqual([]);
  });

  it('keeps CDATA payloads as text: ComHandler Data and Subscription', () => {
    const usertask = parse('win10-certsvc-usertask.utf16le.xml').definition;
    expect(usertask.actions[0]).toMatchObject({ kind: 'ComHandler', data: 'USER' });
    const monitor = parse('memory-monitor-cdata-subscription-comments.declared-utf16-actually-utf8.xml').definition;
    const event = monitor.triggers.find((t) => t.kind === 'EventTrigger');
    expect(event && event.kind === 'EventTrigger' && event.subscription).toContain('<QueryList>');
  });

  it('keeps a doubly-escaped subscription doubly escaped (&amp;gt; stays the text &gt;)', () => {
    const def = parse('bphc-autologin-no-principals-double-escaped-subscription.utf16le.xml').definition;
    const event = def.triggers[0];
    expect(event?.kind).toBe('EventTrigger');
    if (event?.kind === 'EventTrigger') {
      expect(event.subscription).toContain('EventID &gt;= 4000');
      expect(event.subscription).toContain('<QueryList>');
    }
  });

  it('carries WnfStateChangeTrigger verbatim as a raw trigger, in document order', () => {
    const def = parse('win10-certsvc-keypregentask.utf16le.xml').definition;
    expect(def.triggers.map((t) => t.kind)).toEqual(['Raw', 'Raw', 'Raw', 'LogonTrigger', 'SessionStateChangeTrigger']);
    expect(def.triggers[1]).toMatchObject({ kind: 'Raw', element: 'WnfStateChangeTrigger' });
    expect((def.triggers[1] as { xml: string }).xml).toMatch(/^<WnfStateChangeTrigger id="DelayedTrigger">[\s\S]*<StateName>7520BCA323098541<\/StateName>[\s\S]*<\/WnfStateChangeTrigger>$/);
    expect((def.triggers[1] as { xml: string }).xml).not.toContain('xmlns');
  });
});

if (!corpusAvailable) {
  describe('task corpus conformance (skipped)', () => {
    it.skip(corpusSkipReason, () => {});
  });
}
