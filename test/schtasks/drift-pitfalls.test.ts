/**
 * The drift traps of pitfalls.md §1.1, as far as they concern the wire model:
 * two spellings Task Scheduler treats the same must normalize equal, and what
 * is declared must come back from render → parse unchanged.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '../../src/schtasks/model.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { validateDefinition } from '../../src/schtasks/validate-definition.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import type { Principal, TaskDefinition, Trigger } from '../../src/schtasks/model.js';
import { sampleDefinitions } from './sample-definitions.js';
import { taskXml } from './task-xml.js';

const task = (patch: Partial<TaskDefinition> = {}): TaskDefinition => ({
  registrationInfo: {},
  triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00' }],
  settings: {},
  actions: [{ kind: 'Exec', command: 'a.exe' }],
  ...patch,
});
const norm = (def: TaskDefinition) => normalizeTask(def);
const roundTrip = (def: TaskDefinition) => parseTaskXml(renderTaskXml(def)).definition;
const withPrincipal = (principal: Principal) => norm(task({ principal }));
const firstTrigger = (def: TaskDefinition): Trigger => def.triggers[0]!;

describe('pitfalls §1.1: perpetual drift', () => {
  it('#1/#5/#6 a declared StartBoundary renders exactly, never "now"', () => {
    const xml = renderTaskXml(task());
    expect(xml).toContain('<StartBoundary>2024-01-01T08:00:00</StartBoundary>');
    expect(renderTaskXml(task())).toBe(xml);
  });

  it('#2 StartBoundary with and without offset across a DST boundary survive, and stay different', () => {
    const local = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-03-31T02:30:00' }] });
    const offset = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-03-31T02:30:00+01:00' }] });
    expect(firstTrigger(roundTrip(local))).toMatchObject({ startBoundary: '2024-03-31T02:30:00' });
    expect(firstTrigger(roundTrip(offset))).toMatchObject({ startBoundary: '2024-03-31T02:30:00+01:00' });
    expect(norm(local)).not.toEqual(norm(offset));
  });

  it('#3 the writer never chooses an offset: local stays local, Z stays Z', () => {
    expect(renderTaskXml(task())).not.toMatch(/StartBoundary>[^<]*(Z|[+-]\d\d:\d\d)</);
    const utc = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00Z' }] });
    expect(renderTaskXml(utc)).toContain('<StartBoundary>2024-01-01T08:00:00Z</StartBoundary>');
  });

  it('#4 an offset in StartBoundary survives render (-08:00)', () => {
    const def = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00-08:00', endBoundary: '2025-01-01T00:00:00-08:00' }] });
    expect(renderTaskXml(def)).toContain('<StartBoundary>2024-01-01T08:00:00-08:00</StartBoundary>');
    expect(norm(roundTrip(def))).toEqual(norm(def));
    expect(firstTrigger(norm(def))).toMatchObject({ startBoundary: '2024-01-01T08:00:00-08:00' });
  });

  it('#4 equal instants spelled with a .0000000 fraction compare equal; +00:00 equals Z', () => {
    const a = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2022-05-10T13:45:00.0000000Z' }] });
    const b = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2022-05-10T13:45:00+00:00' }] });
    expect(norm(a)).toEqual(norm(b));
  });

  it('#7 PT12M0S equals PT12M (execution time limit and random delay)', () => {
    const a = task({ settings: { executionTimeLimit: 'PT12M0S' }, triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00', randomDelay: 'PT12M0S' }] });
    const b = task({ settings: { executionTimeLimit: 'PT12M' }, triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00', randomDelay: 'PT12M' }] });
    expect(norm(a)).toEqual(norm(b));
  });

  it('#7 PT90M equals PT1H30M, and PT72H equals P3D', () => {
    expect(norm(task({ settings: { executionTimeLimit: 'PT90M' } }))).toEqual(norm(task({ settings: { executionTimeLimit: 'PT1H30M' } })));
    expect(norm(task({ settings: { executionTimeLimit: 'PT72H' } }))).toEqual(norm(task({ settings: { executionTimeLimit: 'P3D' } })));
    expect(norm(task({ settings: { executionTimeLimit: 'PT90M' } }))).not.toEqual(norm(task({ settings: { executionTimeLimit: 'PT1H' } })));
  });

  it('#8 a TimeSpan spelling such as 24:00:00 is not a duration and is reported', () => {
    const def = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00', repetition: { interval: 'PT1H', duration: '24:00:00' } }] });
    expect(validateDefinition(def)).toEqual([expect.objectContaining({ path: 'triggers[0].repetition.duration' })]);
  });

  it('#9 PT0S (unlimited) differs from absent (72 hours)', () => {
    expect(norm(task({ settings: { executionTimeLimit: 'PT0S' } }))).not.toEqual(norm(task()));
    expect(renderTaskXml(task({ settings: { executionTimeLimit: 'PT0S' } }))).toContain('<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>');
  });

  it('#10 absent ExecutionTimeLimit normalizes to 72 hours, like a written PT72H', () => {
    expect(norm(task()).settings.executionTimeLimit).toBe('P3D');
    expect(norm(task())).toEqual(norm(task({ settings: { executionTimeLimit: 'PT72H' } })));
  });

  it('#11/#12 indefinite repetition = absent Duration; PT0S equals absent; the interval still repeats', () => {
    const absent = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00', repetition: { interval: 'PT5M' } }] });
    const zero = task({ triggers: [{ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00', repetition: { interval: 'PT5M', duration: 'PT0S' } }] });
    expect(norm(absent)).toEqual(norm(zero));
    const xml = renderTaskXml(absent);
    expect(xml).toContain('<Interval>PT5M</Interval>');
    expect(xml).not.toContain('<Duration>');
    expect(firstTrigger(norm(absent))).toMatchObject({ repetition: { interval: 'PT5M' } });
    expect(validateDefinition(zero)).toEqual([]);
  });

  it('#13 description with CRLF, leading/trailing whitespace and newlines equals the trimmed LF text', () => {
    const messy = task({ registrationInfo: { description: '  Nightly backup\r\nsecond line \r\n\n  ' } });
    const clean = task({ registrationInfo: { description: 'Nightly backup\nsecond line' } });
    expect(norm(messy)).toEqual(norm(clean));
    expect(roundTrip(messy).registrationInfo.description).toBe('  Nightly backup\r\nsecond line \r\n\n  ');
  });

  it('#14/#18 SYSTEM, NT AUTHORITY\\SYSTEM, LocalSystem and S-1-5-18 are one principal', () => {
    const forms = ['SYSTEM', 'NT AUTHORITY\\SYSTEM', 'nt authority\\system', 'S-1-5-18', 's-1-5-18', 'LocalSystem'];
    const normalized = forms.map((userId) => withPrincipal({ userId }));
    for (const n of normalized) expect(n).toEqual(normalized[0]);
    expect(normalized[0]!.principal).toEqual({ userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' });
    expect(withPrincipal({ userId: 'LOCAL SERVICE' })).toEqual(withPrincipal({ userId: 'S-1-5-19' }));
    expect(withPrincipal({ userId: 'NT AUTHORITY\\NETWORK SERVICE' })).toEqual(withPrincipal({ userId: 'S-1-5-20' }));
    expect(withPrincipal({ userId: 'SYSTEM' })).not.toEqual(withPrincipal({ userId: 'S-1-5-19' }));
  });

  it('#15 BUILTIN\\Users, Users, .\\Users and S-1-5-32-545 are one group', () => {
    const forms = ['BUILTIN\\Users', 'Builtin\\Users', 'Users', '.\\Users', 'S-1-5-32-545'];
    const normalized = forms.map((groupId) => withPrincipal({ groupId }));
    for (const n of normalized) expect(n).toEqual(normalized[0]);
    expect(normalized[0]!.principal).toMatchObject({ groupId: 'S-1-5-32-545', logonType: 'Group' });
    expect(withPrincipal({ groupId: 'Builtin\\Administrators' })).toEqual(withPrincipal({ groupId: 'S-1-5-32-544' }));
  });

  it('#16 SIDs are accepted as declared; a localized name is not guessed', () => {
    expect(withPrincipal({ groupId: 'S-1-5-32-545' }).principal?.groupId).toBe('S-1-5-32-545');
    expect(withPrincipal({ groupId: 'VORDEFINIERT\\Benutzer' }).principal?.groupId).toBe('VORDEFINIERT\\Benutzer');
  });

  it('#17 the parser accepts a UserId given as a SID or as DOMAIN\\user', () => {
    for (const id of ['S-1-5-21-3868352856-1124754713-3884998021-1001', 'CONTOSO\\jeff']) {
      const def = parseTaskXml(taskXml(`<Principals><Principal id="Author"><UserId>${id}</UserId></Principal></Principals>`)).definition;
      expect(def.principal?.userId).toBe(id);
    }
  });

  it('#19 a long DOMAIN\\user value survives render and parse', () => {
    const userId = `${'VERYLONGDOMAINNAME'.repeat(3)}\\${'a.really.long.user.name'.repeat(4)}`;
    expect(roundTrip(task({ principal: { userId, logonType: 'Password' } })).principal?.userId).toBe(userId);
  });

  it('#20 parse → render → parse is a fixed point for every trigger type (weekdays stay weekdays)', () => {
    const def = sampleDefinitions['everyTrigger']!;
    const once = roundTrip(def);
    expect(once.triggers).toEqual(def.triggers);
    expect(roundTrip(once)).toEqual(once);
  });

  it('#21 arguments with embedded quotes round-trip', () => {
    const args = `-Command "& { Write-Host \\"hi\\" }" 'single' ""`;
    expect(roundTrip(task({ actions: [{ kind: 'Exec', command: 'powershell.exe', arguments: args }] })).actions[0]).toMatchObject({ arguments: args });
  });

  it('#22 every rendered setting takes part in the comparison', () => {
    const full = sampleDefinitions['everyTrigger']!;
    const base = JSON.stringify(norm(full));
    const keys = (Object.keys(full.settings) as (keyof TaskDefinition['settings'])[])
      // Removing a setting that holds its default value is no change.
      .filter((key) => (SETTINGS_DEFAULTS as Record<string, unknown>)[key] !== full.settings[key]);
    expect(keys.length).toBeGreaterThan(18);
    for (const key of keys) {
      const changed = { ...full, settings: { ...full.settings, [key]: undefined } };
      expect({ key, differs: JSON.stringify(norm(changed)) !== base }).toEqual({ key, differs: true });
    }
  });

  it('#24 an empty description equals an absent one', () => {
    expect(norm(task({ registrationInfo: { description: '' } }))).toEqual(norm(task()));
    expect(norm(task({ registrationInfo: { description: '   \r\n' } }))).toEqual(norm(task()));
    expect(norm(task({ registrationInfo: { description: 'x' } }))).not.toEqual(norm(task()));
  });

  it('#25 defaults Windows omits on export equal the same defaults written out', () => {
    const written = parseTaskXml(taskXml(`
      <Triggers><LogonTrigger><Enabled>true</Enabled><Delay>PT0M</Delay><ExecutionTimeLimit>PT72H</ExecutionTimeLimit></LogonTrigger></Triggers>
      <Principals><Principal id="Author"><GroupId>S-1-5-32-545</GroupId><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>
      <Settings>
        <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>
        <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries><AllowHardTerminate>true</AllowHardTerminate>
        <StartWhenAvailable>false</StartWhenAvailable><RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
        <IdleSettings><Duration>PT10M</Duration><WaitTimeout>PT1H</WaitTimeout><StopOnIdleEnd>true</StopOnIdleEnd><RestartOnIdle>false</RestartOnIdle></IdleSettings>
        <AllowStartOnDemand>true</AllowStartOnDemand><Enabled>true</Enabled><Hidden>false</Hidden><RunOnlyIfIdle>false</RunOnlyIfIdle>
        <WakeToRun>false</WakeToRun><ExecutionTimeLimit>PT72H</ExecutionTimeLimit><Priority>7</Priority>
      </Settings>`)).definition;
    const omitted = parseTaskXml(taskXml(`
      <Triggers><LogonTrigger /></Triggers>
      <Principals><Principal id="Users"><GroupId>BUILTIN\\Users</GroupId></Principal></Principals>`)).definition;
    expect(norm(written)).toEqual(norm(omitted));
  });

  it('#26 &quot; in Arguments equals a literal " (parsed text is compared, never XML)', () => {
    const escaped = parseTaskXml(taskXml('<Actions><Exec><Command>a.exe</Command><Arguments>&quot;C:\\x y&quot; &apos;z&apos;</Arguments></Exec></Actions>')).definition;
    const literal = parseTaskXml(taskXml(`<Actions><Exec><Command>a.exe</Command><Arguments>"C:\\x y" 'z'</Arguments></Exec></Actions>`)).definition;
    expect(escaped.actions).toEqual(literal.actions);
    expect(escaped.actions[0]).toMatchObject({ arguments: `"C:\\x y" 'z'` });
  });

  it('element order does not matter (Settings before Triggers, RunLevel before UserId, RegistrationInfo last, Repetition after Enabled)', () => {
    const xsdOrder = parseTaskXml(taskXml(`
      <RegistrationInfo><Description>d</Description></RegistrationInfo>
      <Triggers><TimeTrigger><Repetition><Interval>PT5M</Interval></Repetition><StartBoundary>2024-01-01T08:00:00</StartBoundary><Enabled>false</Enabled></TimeTrigger></Triggers>
      <Principals><Principal id="A"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>
      <Settings><Priority>5</Priority><Hidden>true</Hidden></Settings>
      <Actions Context="A"><Exec><Command>a.exe</Command></Exec></Actions>`)).definition;
    const exportOrder = parseTaskXml(taskXml(`
      <Actions Context="A"><Exec><Command>a.exe</Command></Exec></Actions>
      <Settings><Hidden>true</Hidden><Priority>5</Priority></Settings>
      <Principals><Principal id="A"><RunLevel>HighestAvailable</RunLevel><UserId>S-1-5-18</UserId></Principal></Principals>
      <Triggers><TimeTrigger><Enabled>false</Enabled><StartBoundary>2024-01-01T08:00:00</StartBoundary><Repetition><Interval>PT5M</Interval></Repetition></TimeTrigger></Triggers>
      <RegistrationInfo><Description>d</Description></RegistrationInfo>`)).definition;
    expect(exportOrder).toEqual(xsdOrder);
  });

  it('entity spelling does not matter (&lt; &#60; &#x3C; and CDATA are the same text)', () => {
    const spellings = ['a&lt;b&gt;&amp;', 'a&#60;b&#62;&#38;', 'a&#x3C;b&#x3e;&#x26;', 'a<![CDATA[<b>&]]>', 'a<![CDATA[<]]>b<!-- c -->&gt;&amp;'];
    const values = spellings.map((s) => parseTaskXml(taskXml(`<RegistrationInfo><Description>${s}</Description></RegistrationInfo>`)).definition.registrationInfo.description);
    expect(new Set(values)).toEqual(new Set(['a<b>&']));
  });

  it('#73 StopExisting (and every other policy) round-trips', () => {
    for (const policy of ['Parallel', 'Queue', 'IgnoreNew', 'StopExisting'] as const) {
      const def = task({ settings: { multipleInstancesPolicy: policy } });
      expect(renderTaskXml(def)).toContain(`<MultipleInstancesPolicy>${policy}</MultipleInstancesPolicy>`);
      expect(roundTrip(def).settings.multipleInstancesPolicy).toBe(policy);
    }
  });

  it('MultipleInstancesPolicy is always written, IgnoreNew when absent', () => {
    expect(renderTaskXml(task())).toContain('<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>');
  });
});
