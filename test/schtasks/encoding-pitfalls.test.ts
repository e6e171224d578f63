/**
 * The encoding and validity traps of pitfalls.md §1.2 (rows 29–40): what is
 * written is UTF-16LE with a BOM, anything real files come in is read, the
 * namespace is exact, the version is the lowest that holds the elements, and
 * out-of-range values are caught before Task Scheduler sees them.
 */
import { describe, expect, it } from 'vitest';
import { XmlParseError } from '../../src/core/errors.js';
import { declareEncoding, decodeTaskBytes, encodeTaskFile } from '../../src/schtasks/encoding.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { schemaVersion as lowestSchemaVersion } from '../../src/schtasks/render-task-xml.js';
import { validateDefinition } from '../../src/schtasks/validate-definition.js';
import { parseTaskBytes, parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { NS, taskXml } from './task-xml.js';

const def: TaskDefinition = {
  registrationInfo: { description: 'Grüße 日本 😀 & <more>' },
  triggers: [{ kind: 'BootTrigger' }],
  settings: {},
  actions: [{ kind: 'Exec', command: 'C:\\Tools\\app.exe' }],
};
const xml = renderTaskXml(def);

const utf16be = (text: string, bom: boolean) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), le]) : le;
};

function parseError(run: () => unknown): XmlParseError {
  try {
    run();
  } catch (e) {
    if (e instanceof XmlParseError) return e;
    throw e;
  }
  throw new Error('expected an XmlParseError');
}

describe('pitfalls §1.2: encoding and XML validity', () => {
  it('#29/#30 the file is written as UTF-16LE with a BOM, declaring UTF-16', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="')).toBe(true);
    const bytes = encodeTaskFile(xml);
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
    expect(Buffer.from(bytes.subarray(2)).toString('utf16le')).toBe(xml);
  });

  it('#29 line endings are CRLF throughout, with two-space indentation', () => {
    expect(xml).not.toMatch(/[^\r]\n/);
    expect(xml).toContain('\r\n  <Triggers>\r\n    <BootTrigger />\r\n  </Triggers>');
  });

  it('#31/#32 the reader takes the encoding from the bytes: UTF-16LE ±BOM, UTF-16BE ±BOM, UTF-8 ±BOM', () => {
    const variants: Record<string, Uint8Array> = {
      'utf-16le+bom': encodeTaskFile(xml),
      'utf-16le': Buffer.from(xml, 'utf16le'),
      'utf-16be+bom': utf16be(xml, true),
      'utf-16be': utf16be(xml, false),
      'utf-8+bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(declareEncoding(xml, 'UTF-8'))]),
      'utf-8': Buffer.from(declareEncoding(xml, 'UTF-8')),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      expect({ name, description: parseTaskBytes(bytes, name).definition.registrationInfo.description }).toEqual({ name, description: def.registrationInfo.description });
    }
  });

  it('#36 an 8-bit file that declares UTF-16 is read (ASCII, UTF-8, and windows-1252)', () => {
    const declaredUtf16 = taskXml('<RegistrationInfo><Description>Café</Description></RegistrationInfo>');
    expect(parseTaskBytes(Buffer.from(declaredUtf16, 'utf8')).definition.registrationInfo.description).toBe('Café');
    expect(parseTaskBytes(Buffer.from(declaredUtf16, 'latin1')).definition.registrationInfo.description).toBe('Café');
  });

  it('#33 a string for Register-ScheduledTask can be re-declared without claiming UTF-8', () => {
    expect(declareEncoding(xml, 'UTF-16').startsWith('<?xml version="1.0" encoding="UTF-16"?>')).toBe(true);
    expect(parseTaskXml(declareEncoding(xml, 'UTF-16')).definition.registrationInfo).toEqual(def.registrationInfo);
  });

  it('#34 read back from UTF-16LE+BOM: the BOM is not part of the text and the model is unchanged', () => {
    const decoded = decodeTaskBytes(encodeTaskFile(xml));
    expect(decoded).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(decoded.text.charCodeAt(0)).toBe('<'.charCodeAt(0));
    expect(parseTaskXml(decoded.text).definition).toEqual(parseTaskXml(xml).definition);
  });

  it('#37 & < > " \' in a title are escaped and the result is well-formed', () => {
    const title = `Tom & Jerry's <"best"> app ]]> <!-- x -->`;
    const rendered = renderTaskXml({ ...def, registrationInfo: { description: title }, actions: [{ kind: 'Exec', command: 'a.exe', arguments: title }] });
    expect(rendered).toContain('Tom &amp; Jerry\'s &lt;"best"&gt; app ]]&gt; &lt;!-- x --&gt;');
    const back = parseTaskXml(rendered).definition;
    expect(back.registrationInfo.description).toBe(title);
    expect(back.actions[0]).toMatchObject({ arguments: title });
  });

  it('#38 the namespace must be exactly http://schemas.microsoft.com/windows/2004/02/mit/task', () => {
    const https = parseError(() => parseTaskXml(taskXml('', 'xmlns="https://schemas.microsoft.com/windows/2004/02/mit/task"'), 'doc.xml'));
    expect(https.message).toMatch(/namespace "https:\/\/schemas.microsoft.com\/windows\/2004\/02\/mit\/task".*requires exactly "http:\/\/schemas/);
    expect(https.line).toBe(2);
    expect(parseError(() => parseTaskXml(taskXml('', 'version="1.2"'))).message).toMatch(/has no namespace/);
    expect(parseError(() => parseTaskXml(taskXml('', `xmlns="${NS}/"`))).message).toMatch(/requires exactly/);
    // A prefixed root in the right namespace is the same document.
    const prefixed = `<t:Task xmlns:t="${NS}"><t:Actions><t:Exec><t:Command>a.exe</t:Command></t:Exec></t:Actions></t:Task>`;
    expect(parseTaskXml(prefixed).definition.actions).toEqual([{ kind: 'Exec', command: 'a.exe' }]);
  });

  it('#39 the rendered version is the lowest that holds the elements (1.2 floor, 1.3, 1.4)', () => {
    expect(lowestSchemaVersion(def)).toBe('1.2');
    const v13 = { ...def, settings: { useUnifiedSchedulingEngine: true } };
    const v13b = { ...def, principal: { userId: 'S-1-5-18', requiredPrivileges: ['SeBackupPrivilege'] } };
    const v14 = { ...def, settings: { maintenanceSettings: { period: 'P1D', deadline: 'P2D' } } };
    const v14b = { ...def, settings: { volatile: false } };
    expect([v13, v13b, v14, v14b].map(lowestSchemaVersion)).toEqual(['1.3', '1.3', '1.4', '1.4']);
    expect(renderTaskXml(v14)).toContain('<Task version="1.4" ');
    // A 1.6 source that was read as 1.6 but holds only 1.2 elements is written 1.2 (dahall#789).
    expect(renderTaskXml({ ...def, version: '1.6' })).toContain('<Task version="1.2" ');
    // …unless it carries raw elements, which may need the version they came with.
    const wnf = { ...def, version: '1.6', triggers: [{ kind: 'Raw' as const, element: 'WnfStateChangeTrigger', xml: '<WnfStateChangeTrigger><StateName>75</StateName></WnfStateChangeTrigger>' }] };
    expect(renderTaskXml(wnf)).toContain('<Task version="1.6" ');
  });

  it('#40 out-of-range values are reported locally, with the field path', () => {
    const bad: TaskDefinition = {
      registrationInfo: {},
      triggers: [
        { kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00', repetition: { interval: 'P1D', duration: 'PT15M' } },
        { kind: 'CalendarTrigger', startBoundary: '2024-13-01T08:00:00', schedule: { kind: 'ByDay', daysInterval: 400 } },
        { kind: 'EventTrigger', subscription: '<QueryList/>', numberOfOccurrences: 33 },
      ],
      settings: { priority: 11, restartOnFailure: { interval: 'PT30S', count: 0 } },
      actions: [{ kind: 'Exec', command: 'x'.repeat(261) }],
    };
    expect(validateDefinition(bad).map((i) => i.path)).toEqual([
      'triggers[0].repetition.interval',
      'triggers[1].startBoundary',
      'triggers[1].schedule.daysInterval',
      'triggers[2].numberOfOccurrences',
      'actions[0].command',
      'settings.priority',
      'settings.restartOnFailure.interval',
      'settings.restartOnFailure.count',
    ]);
  });
});

describe('XML safety', () => {
  it('refuses a DOCTYPE (billion laughs / XXE) with a clear error and position', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE Task [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;">]>\n<Task xmlns="${NS}"><Actions><Exec><Command>&b;</Command></Exec></Actions></Task>`;
    const e = parseError(() => parseTaskXml(laughs, 'evil.xml'));
    expect(e.message).toMatch(/^evil\.xml: a DOCTYPE declaration is not accepted.*security hazard.*\(line 2, column 1\)$/);
    const xxe = `<!DOCTYPE Task SYSTEM "file:///etc/passwd"><Task xmlns="${NS}"/>`;
    expect(parseError(() => parseTaskXml(xxe)).message).toMatch(/DOCTYPE/);
  });

  it('a DOCTYPE inside a comment or CDATA is just text', () => {
    const def = parseTaskXml(taskXml('<!-- <!DOCTYPE x> --><RegistrationInfo><Description><![CDATA[<!DOCTYPE x>]]></Description></RegistrationInfo>')).definition;
    expect(def.registrationInfo.description).toBe('<!DOCTYPE x>');
  });

  it('rejects undefined entities, bare ampersands and illegal characters with a position', () => {
    expect(parseError(() => parseTaskXml(taskXml('<RegistrationInfo><Author>&nbsp;</Author></RegistrationInfo>'))).message).toMatch(/"&nbsp;" is not a defined entity.*line 3/);
    expect(parseError(() => parseTaskXml(taskXml('<RegistrationInfo><Author>a & b</Author></RegistrationInfo>'))).line).toBe(3);
    expect(parseError(() => parseTaskXml(taskXml('<RegistrationInfo><Author>&#1;</Author></RegistrationInfo>'))).message).toMatch(/&#1;/);
    expect(parseError(() => parseTaskXml(taskXml('<RegistrationInfo><Author>\u0001</Author></RegistrationInfo>'))).message).toMatch(/U\+0001/);
  });

  it('a root that is not Task, two roots, or no root are clear errors', () => {
    expect(parseError(() => parseTaskXml(`<Tasks xmlns="${NS}"/>`)).message).toMatch(/root element is <Tasks>, but task XML must have a <Task> root/);
    expect(parseError(() => parseTaskXml(`<Task xmlns="${NS}"/><Task xmlns="${NS}"/>`)).message).toMatch(/more than one root/);
    expect(parseError(() => parseTaskXml('   ')).message).toMatch(/empty|not well-formed|no root/);
  });
});
