/**
 * Property tests: any valid definition survives render → parse (normalized
 * equal), and hostile text in every text field survives byte for byte.
 *
 * CR handling (decided here, implemented in xml-write.ts): an XML parser turns
 * CRLF and lone CR into LF, so a CR that belongs to a value is written as
 * `&#13;`; text therefore round-trips exactly, CRs included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRawXml } from '../../src/schtasks/xml.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { renderTaskXml, renderedLengthAtMost } from '../../src/schtasks/render-task-xml.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { parseTaskBytes, parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { hostileText, nonEmptyHostileText, taskDefinition } from './arbitraries.js';
import { sampleDefinitions } from './sample-definitions.js';
import { LIMITS } from '../../src/schtasks/model.js';

const roundTrip = (def: TaskDefinition) => parseTaskXml(renderTaskXml(def), 'property');

describe('render → parse round trip (fast-check)', () => {
  it('random valid definitions: normalize(parse(render(d))) equals normalize(d)', () => {
    fc.assert(
      fc.property(taskDefinition, (def) => {
        const back = roundTrip(def);
        expect(back.warnings).toEqual([]);
        expect(normalizeTask(back.definition)).toEqual(normalizeTask(def));
      }),
      { numRuns: 300 },
    );
  });

  it('random valid definitions survive exactly, apart from the version, the always-written policy, required defaults and raw layout', () => {
    const rawLayout = (d: TaskDefinition): TaskDefinition => ({
      ...d,
      triggers: d.triggers.map((t) => (t.kind === 'Raw' ? { ...t, xml: canonicalRawXml(t.xml) } : t)),
    });
    fc.assert(
      fc.property(taskDefinition, (def) => {
        const { version: _version, ...back } = roundTrip(def).definition;
        // MultipleInstancesPolicy is always written; Exclusive is required inside MaintenanceSettings (XSD).
        const maintenance = def.settings.maintenanceSettings && { ...def.settings.maintenanceSettings, exclusive: def.settings.maintenanceSettings.exclusive ?? false };
        const settings = { ...def.settings, multipleInstancesPolicy: def.settings.multipleInstancesPolicy ?? 'IgnoreNew', ...(maintenance ? { maintenanceSettings: maintenance } : {}) };
        const expected = { ...def, settings };
        expect(rawLayout(back)).toEqual(JSON.parse(JSON.stringify(rawLayout(expected))));
      }),
      { numRuns: 200 },
    );
  });

  it('the UTF-16LE file bytes round-trip too', () => {
    fc.assert(
      fc.property(taskDefinition, (def) => {
        const back = parseTaskBytes(encodeTaskFile(renderTaskXml(def)), 'bytes');
        expect(normalizeTask(back.definition)).toEqual(normalizeTask(def));
      }),
      { numRuns: 50 },
    );
  });

  it('hostile text survives unchanged in every text field', () => {
    fc.assert(
      fc.property(hostileText, nonEmptyHostileText, (text, nonEmpty) => {
        const def: TaskDefinition = {
          registrationInfo: { description: text, documentation: text, author: text, uri: text, source: text },
          triggers: [
            { kind: 'EventTrigger', subscription: nonEmpty, matchingElement: nonEmpty, valueQueries: [{ name: nonEmpty, value: nonEmpty }] },
            { kind: 'LogonTrigger', id: nonEmpty, userId: nonEmpty },
          ],
          principal: { id: nonEmpty, userId: nonEmpty, displayName: text },
          settings: { networkProfileName: text },
          actionsContext: nonEmpty,
          actions: [
            { kind: 'Exec', id: `${nonEmpty}-exec`, command: nonEmpty, arguments: text, workingDirectory: nonEmpty },
            { kind: 'ComHandler', classId: '{58FB76B9-AC85-4E55-AC04-427593B1D060}', data: text },
          ],
          data: text,
        };
        const back = roundTrip(def).definition;
        expect(back.registrationInfo).toEqual(def.registrationInfo);
        expect(back.triggers).toEqual(def.triggers);
        expect(back.principal).toEqual(def.principal);
        expect(back.actions).toEqual(def.actions);
        expect(back.actionsContext).toBe(nonEmpty);
        expect(back.data).toBe(text);
        expect(back.settings.networkProfileName).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('renderedLengthAtMost: the size check without rendering', () => {
  const holds = (def: TaskDefinition) => {
    const bound = renderedLengthAtMost(def);
    const hasRaw = def.triggers.some((t) => t.kind === 'Raw') || def.actions.some((a) => a.kind === 'Raw');
    expect(bound === undefined).toBe(hasRaw);
    if (bound !== undefined) expect(renderTaskXml(def).length).toBeLessThanOrEqual(bound);
  };

  it('is at least the rendered length of random definitions, and undefined exactly when one holds a raw element', () => {
    fc.assert(fc.property(taskDefinition, holds), { numRuns: 300 });
  });

  it('is at least the rendered length when every text is made of what escaping lengthens most', () => {
    const worst = fc.array(fc.constantFrom('"', "'", '&', '<', '>', '\r', '\n', '\r\n', 'a'), { minLength: 1, maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(worst, (text) => {
        holds({
          registrationInfo: { description: text, author: text, source: text },
          triggers: [{ kind: 'EventTrigger', subscription: text, valueQueries: [{ name: text, value: text }] }, { kind: 'LogonTrigger', id: text, userId: text }],
          principal: { id: text, userId: text, displayName: text },
          settings: { networkProfileName: text },
          actionsContext: text,
          actions: [{ kind: 'Exec', id: text, command: text, arguments: text, workingDirectory: text }, { kind: 'ComHandler', classId: text, data: text }],
          data: text,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('holds for the sample definitions and leaves room under the limit for an ordinary task', () => {
    for (const def of Object.values(sampleDefinitions)) holds(def);
    const everyTrigger = sampleDefinitions['everyTrigger']!;
    if (renderedLengthAtMost(everyTrigger) !== undefined) expect(renderedLengthAtMost(everyTrigger)).toBeLessThanOrEqual(LIMITS.taskXmlChars);
    const ordinary: TaskDefinition = { registrationInfo: {}, triggers: [{ kind: 'TimeTrigger', startBoundary: '2025-01-01T00:00:00', repetition: { interval: 'PT5M' } }], settings: { executionTimeLimit: 'PT2M' }, actions: [{ kind: 'Exec', command: 'python.exe', arguments: 'C:\\jobs\\job.py --once' }] };
    expect(renderedLengthAtMost(ordinary)).toBeLessThanOrEqual(LIMITS.taskXmlChars);
  });
});
