/** Date-times, accounts, schema versions and the XML writer's escaping. */
import { describe, expect, it } from 'vitest';
import { canonicalDateTime, dateTimeToEpochMs, hasOffset, isXsDateTime } from '../../src/schtasks/datetime.js';
import { canonicalAccount, isServiceAccount, sameAccount, wellKnownSid } from '../../src/schtasks/well-known-accounts.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { escapeAttribute, escapeText } from '../../src/schtasks/xml.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';

describe('xs:dateTime', () => {
  it('accepts what Task Scheduler writes and rejects what it cannot read', () => {
    for (const ok of ['2024-05-22T10:42:19', '2024-05-22T10:42:19.1613853', '2022-05-10T13:45:00.0000000Z', '2005-10-11T13:21:17-08:00', '2024-02-29T00:00:00']) {
      expect({ ok, valid: isXsDateTime(ok) }).toEqual({ ok, valid: true });
    }
    for (const bad of ['{{{Date}}}', '2024-05-22', '2024-05-22 10:42:19', '2024-13-01T00:00:00', '2023-02-29T00:00:00', '2024-01-01T25:00:00', '2024-01-01T08:00', '2024-01-01T08:00:00+15:00']) {
      expect({ bad, valid: isXsDateTime(bad) }).toEqual({ bad, valid: false });
    }
  });

  it('canonical spelling drops zero fractions and writes +00:00 as Z, keeping other offsets and local times', () => {
    expect(canonicalDateTime('2022-05-10T13:45:00.0000000Z')).toBe('2022-05-10T13:45:00Z');
    expect(canonicalDateTime('2022-05-10T13:45:00.500+00:00')).toBe('2022-05-10T13:45:00.5Z');
    expect(canonicalDateTime('2022-05-10T13:45:00-08:00')).toBe('2022-05-10T13:45:00-08:00');
    expect(canonicalDateTime('2022-05-10T13:45:00.000')).toBe('2022-05-10T13:45:00');
    expect(canonicalDateTime('{{{x}}}')).toBe('{{{x}}}');
    expect(hasOffset('2022-05-10T13:45:00')).toBe(false);
    expect(hasOffset('2022-05-10T13:45:00Z')).toBe(true);
    expect(dateTimeToEpochMs('2022-05-10T13:45:00-08:00')).toBe(dateTimeToEpochMs('2022-05-10T21:45:00Z'));
  });
});

describe('well-known accounts', () => {
  it('maps every accepted spelling to the SID, case-insensitively', () => {
    expect(wellKnownSid('nt authority\\local service')).toBe('S-1-5-19');
    expect(wellKnownSid('INTERACTIVE')).toBe('S-1-5-4');
    expect(wellKnownSid('NT AUTHORITY\\Authenticated Users')).toBe('S-1-5-11');
    expect(wellKnownSid('BUILTIN\\Power Users')).toBe('S-1-5-32-547');
    expect(wellKnownSid('.\\Administrators')).toBe('S-1-5-32-544');
    expect(wellKnownSid('CONTOSO\\Administrators')).toBeUndefined();
    expect(canonicalAccount(' s-1-5-21-1-2-3-1001 ')).toBe('S-1-5-21-1-2-3-1001');
    expect(canonicalAccount('CONTOSO\\Jeff')).toBe('CONTOSO\\Jeff');
    expect(isServiceAccount('S-1-5-20')).toBe(true);
    expect(isServiceAccount('S-1-5-32-544')).toBe(false);
    expect(sameAccount('Everyone', 'S-1-1-0')).toBe(true);
  });
});

describe('XML writer', () => {
  it('escapes text and attributes; CR survives as &#13;', () => {
    expect(escapeText('a&b<c>d"e\'f]]>\r\n', '\r\n')).toBe('a&amp;b&lt;c&gt;d"e\'f]]&gt;&#13;\r\n');
    expect(escapeAttribute('a"b\'c&<\t\n')).toBe('a&quot;b&apos;c&amp;&lt;&#9;&#10;');
    expect(() => escapeText('bad\u0001')).toThrow(/U\+0001/);
  });

  it('renders the fixed element order and writes raw elements re-indented', () => {
    const def: TaskDefinition = {
      registrationInfo: { description: 'd' },
      triggers: [{ kind: 'Raw', element: 'WnfStateChangeTrigger', xml: '<WnfStateChangeTrigger><StateName>7</StateName></WnfStateChangeTrigger>' }],
      principal: { id: 'A', userId: 'S-1-5-18' },
      settings: { priority: 5 },
      data: 'payload',
      actionsContext: 'A',
      actions: [{ kind: 'Exec', command: 'a.exe' }],
    };
    const xml = renderTaskXml(def);
    const order = ['<RegistrationInfo>', '<Triggers>', '<Principals>', '<Settings>', '<Data>', '<Actions Context="A">'].map((tag) => xml.indexOf(tag));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(xml).toContain('\r\n    <WnfStateChangeTrigger>\r\n      <StateName>7</StateName>\r\n    </WnfStateChangeTrigger>\r\n');
  });
});
