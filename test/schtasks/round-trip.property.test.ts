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
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { parseTaskBytes, parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { hostileText, nonEmptyHostileText, taskDefinition } from './arbitraries.js';

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
